// Builds the script tag (product spec §2) into dist/, after `tsc` has written the ESM entries:
// - dist/chunks/: every module of src/script-tag/modules.ts as an ES module entry (its name in the
//   file name, with a content hash), and the chunks they share;
// - dist/peliqan-embed.js: the loader, a classic script told by `peliqan:chunks` which files hold
//   each module (its entry first, then every file it imports, so that it can fetch them all at once);
// - dist/peliqan-embed.all.js: everything in one classic script.
// esbuild bundles (and splits); terser minifies, as tight as before (about 3 % below esbuild's own).
// `node scripts/build-script-tag.mjs` writes them (`npm run build`); `buildScriptTag()` gives them
// in memory (the demo serves them so, built from the sources on each page load).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { minify } from 'terser';
import ts from 'typescript';
import { browsers, minifyCssTemplates } from './minify-css.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = resolve(root, 'dist');
const MODULES = resolve(root, 'src/script-tag/modules.ts');

/**
 * The table of `src/script-tag/modules.ts`, read with TypeScript's parser: module name → source file.
 * Each entry must be `name: () => import('…')`, so that the all-in-one file can bundle it as written.
 */
function moduleTable() {
  const file = ts.createSourceFile(MODULES, readFileSync(MODULES, 'utf8'), ts.ScriptTarget.Latest, true);
  const table = {};
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText(file) === 'MODULES') {
      for (const property of node.initializer.properties) {
        const call = property.initializer.body;
        if (!ts.isCallExpression(call) || call.expression.kind !== ts.SyntaxKind.ImportKeyword) {
          throw new Error(`${MODULES}: ${property.name.getText(file)} is not "() => import('…')"`);
        }
        const name = ts.isStringLiteral(property.name) ? property.name.text : property.name.getText(file);
        table[name] = resolve(dirname(MODULES), call.arguments[0].text.replace(/\.js$/, '.ts'));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!Object.keys(table).length) throw new Error(`${MODULES}: no MODULES table found`);
  return table;
}

/** The CSS inside our components' css`` templates, minified (scripts/minify-css.mjs). */
const minifyCss = {
  name: 'peliqan-minify-css',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]components[\\/].*\.ts$/ }, (args) => ({
      contents: minifyCssTemplates(readFileSync(args.path, 'utf8'), args.path),
      loader: 'ts',
    }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  write: false,
  metafile: true,
  sourcemap: 'external',
  target: browsers,
  // Lit's production build (no dev-mode warnings).
  conditions: ['production'],
  legalComments: 'none',
  logLevel: 'warning',
};

/** Minifies one output of esbuild with its map: the file and its map, by their paths in dist/. */
async function minified(output, map, module) {
  const name = basename(output.path);
  const result = await minify(
    { [name]: output.text },
    {
      ecma: 2020,
      module,
      toplevel: true,
      compress: { passes: 3 },
      format: { comments: false },
      sourceMap: { content: map?.text, url: `${name}.map`, includeSources: true },
    },
  );
  return [
    [distPath(output.path), result.code],
    [`${distPath(output.path)}.map`, result.map],
  ];
}

/** A file's path inside dist/, with forward slashes. */
const distPath = (path) => relative(dist, resolve(root, path)).split('\\').join('/');

/** Every file of a build by its path in dist/, minified with its map unless `minify` is false. */
async function filesOf(result, { module, minify: shrink }) {
  if (!shrink) return result.outputFiles.map((file) => [distPath(file.path), file.text]);
  const maps = new Map(
    result.outputFiles.filter((file) => file.path.endsWith('.map')).map((file) => [file.path, file]),
  );
  const files = [];
  for (const output of result.outputFiles.filter((file) => file.path.endsWith('.js'))) {
    files.push(...(await minified(output, maps.get(`${output.path}.map`), module)));
  }
  return files;
}

/**
 * Builds the script tag: a map from each file's path inside dist/ (`peliqan-embed.js`, `chunks/…`) to
 * its text. `minify: false` leaves esbuild's readable output (the demo).
 */
export async function buildScriptTag({ minify: shrink = true } = {}) {
  const table = moduleTable();
  const files = new Map();

  // 1. The chunks: each module an entry, what they share split out.
  const split = await esbuild.build({
    ...common,
    entryPoints: Object.entries(table).map(([name, path]) => ({ in: path, out: name })),
    plugins: [minifyCss],
    format: 'esm',
    splitting: true,
    outdir: dist,
    entryNames: 'chunks/[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    // Short names for what the chunks import from one another: only esbuild, which sees them all, can
    // rename those (terser sees one file at a time).
    minifyIdentifiers: shrink,
  });
  for (const [path, text] of await filesOf(split, { module: true, minify: shrink })) files.set(path, text);

  // 2. What the loader needs to know: per module, its entry file, then every file it imports (statically).
  const outputs = split.metafile.outputs;
  const entryFile = (source) =>
    Object.keys(outputs).find((file) => outputs[file].entryPoint === relative(root, source).split('\\').join('/'));
  const imported = (file, found = []) => {
    if (found.includes(file)) return found;
    found.push(file);
    for (const next of outputs[file].imports) if (next.kind === 'import-statement') imported(next.path, found);
    return found;
  };
  const chunks = Object.fromEntries(
    Object.entries(table).map(([name, source]) => [name, imported(entryFile(source)).map(distPath)]),
  );
  files.set('chunks/manifest.json', `${JSON.stringify(chunks, null, 2)}\n`);

  /** Bundles `entry` into one classic script, `file` in dist/. */
  const classicScript = async (entry, file, plugins) => {
    const result = await esbuild.build({
      ...common,
      entryPoints: [resolve(root, entry)],
      plugins,
      format: 'iife',
      outfile: resolve(dist, file),
    });
    for (const [path, text] of await filesOf(result, { module: false, minify: shrink })) files.set(path, text);
  };
  // 3. The loader, told that table (`peliqan:chunks`).
  const chunkTable = {
    name: 'peliqan-chunks',
    setup(build) {
      build.onResolve({ filter: /^peliqan:chunks$/ }, () => ({ path: 'chunks', namespace: 'peliqan' }));
      build.onLoad({ filter: /.*/, namespace: 'peliqan' }, () => ({
        contents: JSON.stringify(chunks),
        loader: 'json',
      }));
    },
  };
  await classicScript('src/loader.ts', 'peliqan-embed.js', [chunkTable]);
  // 4. The all-in-one file: every module inside, each run when first needed.
  await classicScript('src/embed.ts', 'peliqan-embed.all.js', [minifyCss]);
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = await buildScriptTag();
  // Chunks of an earlier build would be shipped beside the new ones.
  rmSync(resolve(dist, 'chunks'), { recursive: true, force: true });
  for (const [path, text] of files) {
    mkdirSync(dirname(resolve(dist, path)), { recursive: true });
    writeFileSync(resolve(dist, path), text);
  }
}
