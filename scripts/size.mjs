// Reports the size of dist/peliqan-embed.js and fails when it is over the 20 KB gzip budget.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export const BUDGET = 20 * 1024;
const file = new URL('../dist/peliqan-embed.js', import.meta.url);
let source;
try {
  source = readFileSync(file);
} catch {
  console.error('dist/peliqan-embed.js is missing: run `npm run build` first.');
  process.exit(1);
}
const gzip = gzipSync(source, { level: 9 }).length;
const brotli = brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
console.log(`dist/peliqan-embed.js  minified ${kb(source.length)}  gzip -9 ${kb(gzip)}  brotli ${kb(brotli)}  budget ${kb(BUDGET)} gzip`);
if (gzip > BUDGET) {
  console.error(`Over budget by ${gzip - BUDGET} bytes gzip.`);
  process.exit(1);
}
