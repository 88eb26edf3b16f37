/**
 * `dist/peliqan-embed.js`, the script tag (product spec §2): a small classic script (it works as
 * `type="module"` too) that puts `window.PeliqanEmbed` on the page at once and loads the elements'
 * code from the files beside it (`chunks/`, resolved from its own URL) the first time a peliqan element
 * is in the document or `open()` is called. A page without peliqan elements pays for this file alone.
 * The build (`scripts/build-script-tag.mjs`) tells it which files hold each module: `peliqan:chunks`.
 */
import files from 'peliqan:chunks';
import { startFirstRequests } from './api/early-catalogue.js';
import { forgetEarlyRequests, type EarlyRequest } from './api/early-requests.js';
import { installPeliqanEmbed } from './script-tag/global.js';
import type { ModuleLoaders, ModuleName } from './script-tag/modules.js';

/**
 * This script: `document.currentScript` while a classic script runs. A module has none, so it is
 * found by its file name (keep `peliqan-embed.js` when loading it as a module).
 */
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  [...document.querySelectorAll<HTMLScriptElement>('script[src]')]
    .reverse()
    .find((element) => /\/peliqan-embed\.js(?:[?#]|$)/.test(element.src));
if (!script) console.error('peliqan-embed: cannot tell where peliqan-embed.js was loaded from: keep its file name');
const base = script?.src ?? document.baseURI;
const url = (file: string) => new URL(file, base).href;
const chunks = files as Record<ModuleName, string[]>;

const preloaded = new Set<string>();
const preloads = document.createElement('link').relList.supports('modulepreload');

/**
 * Fetches a module's files (its entry and every file it imports) without running them, all at once:
 * otherwise each import is only found once the file naming it has arrived. (Browsers without
 * `modulepreload`, Safari before 17, fetch them as they find them.)
 */
function prefetch(name: ModuleName): void {
  if (!preloads) return;
  for (const file of chunks[name]) {
    if (preloaded.has(file)) continue;
    preloaded.add(file);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = url(file);
    // A page whose policy allows scripts by nonce lets these through with the script's own.
    if (script?.nonce) link.nonce = script.nonce;
    document.head.append(link);
  }
}

const modules = Object.fromEntries(
  Object.entries(chunks).map(([name, files]) => [name, () => import(url(files[0]!))]),
) as ModuleLoaders;

/** The loader's early requests, until the code takes them over. */
let early: EarlyRequest[] = [];

installPeliqanEmbed({
  modules,
  prefetch,
  early: {
    start: (settings) => void early.push(...startFirstRequests(settings)),
    handOver(core) {
      core.adoptEarly(early);
      early = [];
    },
    // Its own copy's requests too: those that would follow were decided with the settings now gone.
    forget() {
      forgetEarlyRequests();
      early = [];
    },
  },
});
