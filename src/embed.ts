/**
 * The script-tag entry (`dist/peliqan-embed.js`, an IIFE with lit and zod inside): defines every
 * element and sets `window.PeliqanEmbed`. Loading it twice is harmless: the first copy stays.
 */
import { configure, reset } from './config.js';
import { open } from './open.js';
import { isPeliqanEmbed, markAsPeliqanEmbed } from './embed-global.js';
import { registerMessages } from './i18n/translate.js';
import { version } from './version.js';
import { PeliqanConnectorPicker } from './components/connector-picker/connector-picker.js';
import { PeliqanConnectForm } from './components/connect-form/connect-form.js';
import { PeliqanConnect } from './components/connect/connect.js';
import { PeliqanOAuthButton } from './components/oauth-button/oauth-button.js';
import { PeliqanConnections } from './components/connections/connections.js';
import { PeliqanConnectionStatus } from './components/connection-status/connection-status.js';
import { PeliqanConnectButton } from './components/connect-button/connect-button.js';

const embed = markAsPeliqanEmbed({
  version,
  configure,
  reset,
  open,
  registerMessages,
  PeliqanConnectorPicker,
  PeliqanConnectForm,
  PeliqanConnect,
  PeliqanOAuthButton,
  PeliqanConnections,
  PeliqanConnectionStatus,
  PeliqanConnectButton,
});

/** What the script tag puts on `window`. */
export type PeliqanEmbedGlobal = typeof embed;

declare global {
  interface Window {
    /** Set by `dist/peliqan-embed.js`. */
    PeliqanEmbed?: PeliqanEmbedGlobal;
  }
}

// Whatever else holds the name (an element clobbering it) gives way; an earlier copy of ours stays.
if (!isPeliqanEmbed(window.PeliqanEmbed)) window.PeliqanEmbed = embed;
