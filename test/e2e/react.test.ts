/**
 * `peliqan-embed/react` in a real React 19 page: the wrapper renders the element, passes properties, and
 * hands a typed event to its `onPeliqanSelect` prop. Also checks the Custom Elements Manifest the build wrote.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { type Browser } from 'playwright-core';
import { launchChromium, listen } from './harness.js';
import { startFakePeliqan, type FakePeliqan } from '../../src/fake/index.js';
import { SURFACE } from '../../src/surface.js';

let fake: FakePeliqan;
let server: Server;
let browser: Browser;
let url: string;

before(async () => {
  fake = await startFakePeliqan();
  const app = await esbuild.build({
    entryPoints: [new URL('react-page/app.tsx', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    write: false,
    jsx: 'automatic',
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  server = createServer((request, response) => {
    if (request.url === '/app.js')
      return void response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(app.outputFiles[0]!.contents);
    response
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end(
        `<!doctype html><html lang="en" data-base-url="${fake.url}" data-token-url="${fake.url}/__fake/token?external_id=react"><body><div id="root"></div><script type="module" src="/app.js"></script></body></html>`,
      );
  });
  url = `${await listen(server)}/`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  await fake?.close();
});

describe('peliqan-embed/react', () => {
  test('renders the picker with its props and receives a typed peliqan-select', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.getByRole('button', { name: /MySQL/ }).waitFor();
    assert.equal(
      await page.getByRole('button', { name: /Postgres/ }).count(),
      0,
      'the connectors prop reached the element',
    );
    await page.getByRole('button', { name: /Stripe/ }).click();
    // React renders the state the handler set on its next turn: wait for it, then read it.
    await page.locator('#chosen', { hasText: 'chose' }).waitFor({ timeout: 5_000 });
    assert.equal(await page.locator('#chosen').textContent(), 'chose Stripe');
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('dist/custom-elements.json', () => {
  test('lists every element of the surface table with its events and parts, and package.json points at it', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      customElements: string;
    };
    const manifest = JSON.parse(readFileSync(new URL(`../../${pkg.customElements}`, import.meta.url), 'utf8')) as {
      modules: {
        declarations?: {
          tagName?: string;
          attributes?: { name: string }[];
          events?: { name: string }[];
          cssParts?: { name: string }[];
        }[];
      }[];
    };
    const elements = Object.fromEntries(
      manifest.modules
        .flatMap((module) => module.declarations ?? [])
        .filter((declaration) => declaration.tagName)
        .map((declaration) => [declaration.tagName, declaration]),
    );
    const names = (list?: { name: string }[]) => (list ?? []).map((entry) => entry.name).sort();
    assert.deepEqual(Object.keys(elements).sort(), Object.keys(SURFACE).sort());
    for (const [tag, surface] of Object.entries(SURFACE)) {
      assert.deepEqual(names(elements[tag]!.events), [...surface.events].sort(), `${tag} events`);
      assert.deepEqual(names(elements[tag]!.cssParts), [...surface.parts].sort(), `${tag} parts`);
    }
    // What the last review found out of step (issue 22 defect 3), as a partner reads it.
    assert.ok(names(elements['peliqan-connect']!.events).includes('peliqan-popup-blocked'));
    assert.equal(names(elements['peliqan-connections']!.events).length, 8);
    assert.equal(names(elements['peliqan-connection-status']!.events).length, 8);
    assert.ok(!names(elements['peliqan-connect-form']!.events).includes('peliqan-another'), 'private events stay out');
    assert.ok(names(elements['peliqan-connect-form']!.attributes).includes('status-timeout'));
    assert.ok(names(elements['peliqan-connector-picker']!.attributes).includes('base-url'));
    assert.ok(!names(elements['peliqan-connector-picker']!.attributes).includes('status-timeout'));
  });
});
