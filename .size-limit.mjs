// The size of the script tag (product spec §2 "Size"), measured by size-limit: `npm run size`.
// The ceiling fails `npm test` and only catches accidents (a whole dependency or locale pulled in);
// the target is what we aim for, reported beside it and never gated. The bench reads both from here.

/**
 * gzip -9 bytes that `npm test` refuses to go over. Raised from 32 768 (product spec §2: "if the
 * ceiling itself is ever in the way, raise it with the measured breakdown"), first to 40 960 when the
 * OAuth step and the connection list landed, then to 45 056 with nl/fr/de, the success screen and the
 * picker's windowing (#18). Breakdown of the whole file (esbuild, gzip -9, each part measured as what
 * removing it saves): lit 5 417 + zod/mini with our schemas 5 043 + nl/fr/de 4 152 + our code 27 662
 * = 42 274; terser packs the shipped file to ~40 900. 44 KiB still fails on any accident of the kind
 * the ceiling is for: a whole zod locale is ~70 KB.
 */
export const CEILING = 45_056;
/** gzip -9 bytes we aim for: half of Paragon's in-page SDK, with all six elements and four languages. */
export const TARGET = 27_648;
/** The file both figures are about. */
export const SCRIPT = 'dist/peliqan-embed.js';

export default [
  { name: `${SCRIPT} gzip -9, ceiling ${CEILING} B`, path: SCRIPT, gzip: true, limit: `${CEILING} B` },
  { name: `${SCRIPT} gzip -9, target ${TARGET} B (reported, not gated)`, path: SCRIPT, gzip: true },
  { name: `${SCRIPT} brotli`, path: SCRIPT, brotli: true },
];
