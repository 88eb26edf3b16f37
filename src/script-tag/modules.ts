/**
 * Everything the script tag loads on demand, by name: `core` (what `window.PeliqanEmbed` forwards to),
 * `open` (`PeliqanEmbed.open()`'s dialog) and each element, by its tag. The one table of it: the
 * all-in-one file (`src/embed.ts`) imports these itself; the build (`scripts/build-script-tag.mjs`)
 * makes each an entry of the chunks beside the loader and tells the loader their files.
 */
export const MODULES = {
  core: () => import('./core.js'),
  open: () => import('../open.js'),
  'peliqan-connect': () => import('../components/connect/connect.js'),
  'peliqan-connect-button': () => import('../components/connect-button/connect-button.js'),
  'peliqan-connector-picker': () => import('../components/connector-picker/connector-picker.js'),
  'peliqan-connect-form': () => import('../components/connect-form/connect-form.js'),
  'peliqan-oauth-button': () => import('../components/oauth-button/oauth-button.js'),
  'peliqan-connections': () => import('../components/connections/connections.js'),
  'peliqan-connection-status': () => import('../components/connection-status/connection-status.js'),
};

/** A module the script tag loads. */
export type ModuleName = keyof typeof MODULES;

/** What loading each module gives. */
export type LoadedModules = { [Name in ModuleName]: Awaited<ReturnType<(typeof MODULES)[Name]>> };

/** How the script tag loads a module: the loader from files beside it, the all-in-one file from itself. */
export type ModuleLoaders = { [Name in ModuleName]: () => Promise<LoadedModules[Name]> };
