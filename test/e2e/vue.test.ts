/**
 * The elements in real Vue 3 pages: a single-file component compiled ahead with
 * `compilerOptions.isCustomElement` (what `@vitejs/plugin-vue` passes to the same compiler), and a template
 * compiled in the browser with `app.config.compilerOptions.isCustomElement`. Vue runs its development build,
 * so a tag it tried to resolve as a component would show as a warning. The typed `@peliqan-select` handler
 * is checked by `npm run typecheck` (vue-tsc, test/e2e/vue-page/tsconfig.json).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { type Browser, type Page } from 'playwright-core';
import ts from 'typescript';
import { compileScript, parse } from 'vue/compiler-sfc';
import { launchChromium, listen } from './harness.js';
import { startFakePeliqan, type FakePeliqan } from '../../src/fake/index.js';
import type { PeliqanConnectorPicker } from '../../src/index.js';

const isCustomElement = (tag: string) => tag.startsWith('peliqan-');

/**
 * Compiles `.vue` files for esbuild, with the template compiler options a Vite config gives
 * (`@vitejs/plugin-vue` hands `template.compilerOptions` to both steps below).
 */
const singleFileComponents: esbuild.Plugin = {
  name: 'vue-sfc',
  setup(build) {
    build.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      // Both steps take the options: the parse already decides which tags are components.
      const source = await readFile(path, 'utf8');
      const { descriptor, errors } = parse(source, { filename: path, templateParseOptions: { isCustomElement } });
      if (errors.length) return { errors: errors.map((error) => ({ text: String(error) })) };
      const script = compileScript(descriptor, {
        id: 'app',
        inlineTemplate: true,
        templateOptions: { compilerOptions: { isCustomElement } },
      });
      return { contents: script.content, loader: 'ts', resolveDir: dirname(path) };
    });
  },
};

/** One page's script. Lit's production build (no dev-mode notice); Vue's development build (its warnings). */
async function bundle(entry: string, options: Omit<esbuild.BuildOptions, 'write'> = {}): Promise<Uint8Array> {
  const result = await esbuild.build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    conditions: ['production'],
    define: {
      'process.env.NODE_ENV': '"development"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    logLevel: 'silent',
    ...options,
    write: false,
  });
  return result.outputFiles[0]!.contents;
}

let fake: FakePeliqan;
let server: Server;
let browser: Browser;
let url: string;

before(async () => {
  fake = await startFakePeliqan();
  const scripts: Record<string, Uint8Array> = {
    '/sfc.js': await bundle('vue-page/main.ts', { plugins: [singleFileComponents] }),
    '/in-browser.js': await bundle('vue-page/in-browser.ts', { alias: { vue: 'vue/dist/vue.esm-bundler.js' } }),
  };
  server = createServer((request, response) => {
    const script = scripts[request.url ?? ''];
    if (script) return void response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    response
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end(
        `<!doctype html><html lang="en" data-base-url="${fake.url}" data-token-url="${fake.url}/__fake/token?external_id=vue"><body><div id="app"></div><script type="module" src="${request.url}.js"></script></body></html>`,
      );
  });
  url = await listen(server);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  await fake?.close();
});

/** A page of the given app, with every page error and console warning or error it gives. */
async function open(app: 'sfc' | 'in-browser'): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') problems.push(message.text());
  });
  await page.goto(`${url}/${app}`);
  return { page, problems };
}

/** The app passes its allowlist to the picker, and a click on a tile reaches the app's typed handler. */
async function allowlistAndSelect(app: 'sfc' | 'in-browser'): Promise<void> {
  const { page, problems } = await open(app);
  await page.getByRole('button', { name: /MySQL/ }).waitFor();
  assert.equal(await page.getByRole('button', { name: /Postgres/ }).count(), 0, 'the allowlist reached the element');
  await page.getByRole('button', { name: /Stripe/ }).click();
  await page.locator('#chosen', { hasText: 'chose' }).waitFor({ timeout: 5_000 });
  assert.equal(await page.locator('#chosen').textContent(), 'chose Stripe');
  assert.deepEqual(problems, []);
  await page.close();
}

describe('Vue 3, single-file component compiled ahead', () => {
  test('renders the picker with the allowlist Vue passes, and a click gives the app a typed peliqan-select', async () => {
    await allowlistAndSelect('sfc');
  });

  test('re-renders the picker when the Vue state it is bound to changes', async () => {
    const { page, problems } = await open('sfc');
    await page.getByRole('button', { name: /Stripe/ }).waitFor();
    await page.getByRole('button', { name: 'Databases only' }).click();
    await page.getByRole('button', { name: /Postgres/ }).waitFor({ timeout: 5_000 });
    assert.equal(await page.getByRole('button', { name: /Stripe/ }).count(), 0);
    assert.equal(
      await page.locator('peliqan-connector-picker').evaluate((picker: PeliqanConnectorPicker) => picker.connectors),
      'mysql,postgres',
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a token bound with .prop stays a property, even on an element defined after Vue rendered it', async () => {
    const { page, problems } = await open('sfc');
    // The picker lists connectors only with a token, and this page gives it no other token source.
    await page.getByRole('button', { name: /MySQL/ }).waitFor();
    const { token, tokenAttribute, inMarkup } = await page
      .locator('peliqan-connector-picker')
      .evaluate((picker: PeliqanConnectorPicker) => ({
        token: picker.token,
        tokenAttribute: picker.getAttribute('token'),
        inMarkup: !!picker.token && document.documentElement.outerHTML.includes(picker.token),
      }));
    assert.ok(token, 'the element holds the token');
    assert.equal(tokenAttribute, null);
    assert.equal(inMarkup, false, 'the token appears in no attribute');
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('Vue 3, template compiled in the browser', () => {
  test('app.config.compilerOptions.isCustomElement leaves the tags to the browser; the handler gets the event', async () => {
    await allowlistAndSelect('in-browser');
  });
});

describe('peliqan-embed/vue', () => {
  test('is a types-only entry in package.json exports, and Vue stays out of the library', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    for (const [moduleResolution, module] of [
      [ts.ModuleResolutionKind.Bundler, ts.ModuleKind.ESNext],
      [ts.ModuleResolutionKind.NodeNext, ts.ModuleKind.NodeNext],
    ] as const) {
      // The package resolves its own name through `exports`, as a partner's project resolves it.
      const { resolvedModule } = ts.resolveModuleName(
        'peliqan-embed/vue',
        `${root}app.ts`,
        { moduleResolution, module },
        ts.sys,
        undefined,
        undefined,
        ts.ModuleKind.ESNext,
      );
      assert.equal(resolvedModule?.resolvedFileName, `${root}dist/vue/index.d.ts`);
    }
    // The JavaScript beside the types does nothing: it is there so that a stray import still resolves.
    const runtime = await readFile(fileURLToPath(import.meta.resolve('peliqan-embed/vue')), 'utf8');
    assert.equal(runtime.replace(/^\/\/# sourceMappingURL=.*$/m, '').trim(), 'export {};');
    const pkg = JSON.parse(await readFile(`${root}package.json`, 'utf8')) as { dependencies: Record<string, string> };
    assert.equal(pkg.dependencies.vue, undefined, 'Vue is no dependency of the library');
    // `__v_isVNode` is in every build of Vue's runtime.
    assert.doesNotMatch(await readFile(`${root}dist/peliqan-embed.js`, 'utf8'), /__v_isVNode/);
  });
});
