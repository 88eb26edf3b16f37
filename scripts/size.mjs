// Reports the size of dist/peliqan-embed.js and fails when it is over the 20 KB gzip budget.
// `--breakdown` adds what each part costs: lit and zod measured alone, our modules estimated from
// their share of the minified bundle (gzip does not split exactly; the estimates add up to the total).
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
const gzip = (data) => gzipSync(data, { level: 9 }).length;
const brotli = (data) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const total = gzip(source);
console.log(
  `dist/peliqan-embed.js  minified ${kb(source.length)}  gzip -9 ${kb(total)}  brotli ${kb(brotli(source))}  budget ${kb(BUDGET)} gzip`,
);

if (process.argv.includes('--breakdown')) {
  const esbuild = await import('esbuild');
  const { minifyTemplatesPlugin } = await import('./minify-templates.mjs');
  const templates = minifyTemplatesPlugin();
  const plugin = {
    name: 'templates',
    setup(build) {
      build.onLoad({ filter: /\/src\/.*\.ts$/ }, async ({ path }) => ({
        contents: templates.transform(readFileSync(path, 'utf8'), path)?.code ?? readFileSync(path, 'utf8'),
        loader: 'ts',
      }));
    },
  };
  const bundle = async (contents) => {
    const result = await esbuild.build({
      stdin: { contents, resolveDir: new URL('..', import.meta.url).pathname, loader: 'ts' },
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2022',
      conditions: ['production'],
      write: false,
      metafile: true,
      plugins: [plugin],
      logLevel: 'silent',
    });
    return { size: gzip(result.outputFiles[0].contents), meta: result.metafile };
  };
  const lit = await bundle(
    "import { LitElement, html, css, nothing } from 'lit'; window.x = [LitElement, html, css, nothing];",
  );
  const libs = await bundle(
    "import { LitElement, html, css, nothing } from 'lit'; import * as z from 'zod/mini'; import * as s from './src/api/schemas.ts'; window.x = [LitElement, html, css, nothing, s, z.array, z.unknown];",
  );
  const full = await bundle("import './src/embed.ts';");
  const own = Object.entries(Object.values(full.meta.outputs)[0].inputs).filter(
    ([path]) => path.startsWith('src/') && path !== 'src/api/schemas.ts',
  );
  const ownBytes = own.reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  const ownGzip = total - libs.size;
  const rows = [
    ['lit (LitElement, html, css)', lit.size],
    ['zod/mini with our schemas', libs.size - lit.size],
    ...own
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .map(([path, input]) => [path, Math.round((input.bytesInOutput / ownBytes) * ownGzip)]),
  ];
  console.log('\nWhat it costs (gzip -9 bytes; lit and zod measured alone, our modules estimated by share):');
  for (const [name, bytes] of rows) console.log(`  ${String(bytes).padStart(6)}  ${name}`);
  console.log(`  ${String(total).padStart(6)}  total (budget ${BUDGET})`);
}

if (total > BUDGET) {
  console.error(`Over budget by ${total - BUDGET} bytes gzip.`);
  process.exit(1);
}
