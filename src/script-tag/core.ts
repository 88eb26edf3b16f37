/**
 * What `window.PeliqanEmbed` forwards to once the elements' code is there (`src/script-tag/global.ts`
 * queues the calls made before). Loaded before any element's code, so that `configure()` is in force
 * when the first element renders.
 */
export { configure, reset } from '../config.js';
export { registerMessages } from '../i18n/catalogues.js';
export { adoptEarly } from '../api/early-requests.js';
