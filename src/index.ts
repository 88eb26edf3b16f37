/**
 * `peliqan-embed`: importing it defines the elements (none are registered twice) and gives the
 * client, the configuration and the types. Only what the README documents is exported.
 */
export * from './api/index.js';
export { configure, reset } from './config.js';
export { open } from './open.js';
export type { OpenOptions } from './open.js';
export type { DialogResult } from './components/connect-button/connect-button.js';
export type { PeliqanConfig } from './config.js';
export { registerMessages } from './i18n/catalogues.js';
export type { Messages, MessageKey } from './i18n/messages.js';
export { version } from './version.js';
export type * from './events.js';
export type { ElementState } from './components/base.js';
export { PeliqanConnectorPicker } from './components/connector-picker/connector-picker.js';
export { PeliqanConnectForm } from './components/connect-form/connect-form.js';
export { PeliqanConnect } from './components/connect/connect.js';
export { PeliqanOAuthButton } from './components/oauth-button/oauth-button.js';
export { PeliqanConnections } from './components/connections/connections.js';
export { PeliqanConnectionStatus } from './components/connection-status/connection-status.js';
export { PeliqanConnectButton } from './components/connect-button/connect-button.js';
