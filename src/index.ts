/**
 * `peliqan-embed`: importing it defines the elements (none are registered twice) and gives the
 * client, the configuration and the types.
 */
export * from './api/index.js';
export { configure, pageDefaults } from './config.js';
export type { PeliqanConfig } from './config.js';
export { version } from './version.js';
