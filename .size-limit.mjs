// The size of the script tag (product spec §2 "Size"), measured by size-limit: `npm run size`.
// The ceilings fail `npm test` and only catch accidents (a whole dependency or locale pulled in);
// the targets are what we aim for, reported beside them and never gated. The bench reads them from here.

/** The loader: what every page with the script tag pays for. */
export const LOADER = 'dist/peliqan-embed.js';
/** gzip -9 bytes the loader must stay under in `npm test`. */
export const LOADER_CEILING = 8_192;
/** gzip -9 bytes we aim for with the loader (product spec §2). */
export const LOADER_TARGET = 6_144;

/** Everything in one file, for partners who must host exactly one. */
export const SCRIPT = 'dist/peliqan-embed.all.js';
/**
 * gzip -9 bytes that `npm test` refuses to go over for the all-in-one file. Raised from 32 768 (product
 * spec §2: "if the ceiling itself is ever in the way, raise it with the measured breakdown"), to
 * 40 960 when the OAuth step and the connection list landed, to 45 056 with nl/fr/de, the success
 * screen and the picker's windowing (#18), and to 57 344 with the connect button's dialog (the file
 * was at 46 650, over the ceiling, before the split) and the split itself (#26). The file is at
 * ~54 400. Breakdown (esbuild, gzip -9; each part what removing it saves): nl/fr/de 3 790; lit with
 * @lit/task ~6 600 bundled on their own (the context protocol is our own code since 3 December, shared
 * with the connect button); zod/mini with our schemas ~5 000; each module run only when first
 * needed (esbuild's lazy module wrappers, which keep a second copy of the script tag inert) 1 630;
 * the loader's own parts (the global, the autoloader, the early requests, the unreachable view) ~1 400;
 * the rest is our elements, flows and client. The same code bundled by Rollup would be ~2 100 smaller:
 * esbuild builds the split chunks and this file alike. 56 KiB still fails on any accident of the kind
 * the ceiling is for: a whole zod locale is ~70 KB.
 */
export const CEILING = 57_344;
/** gzip -9 bytes we aim for: half of Paragon's in-page SDK, with all seven elements and four languages. */
export const TARGET = 27_648;

export default [
  { name: `${LOADER} gzip -9, ceiling ${LOADER_CEILING} B`, path: LOADER, gzip: true, limit: `${LOADER_CEILING} B` },
  { name: `${LOADER} gzip -9, target ${LOADER_TARGET} B (reported, not gated)`, path: LOADER, gzip: true },
  { name: `${SCRIPT} gzip -9, ceiling ${CEILING} B`, path: SCRIPT, gzip: true, limit: `${CEILING} B` },
  { name: `${SCRIPT} gzip -9, target ${TARGET} B (reported, not gated)`, path: SCRIPT, gzip: true },
  { name: `${SCRIPT} brotli`, path: SCRIPT, brotli: true },
];
