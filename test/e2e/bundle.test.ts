/**
 * The built script tag in Chromium — the loader (`dist/peliqan-embed.js` with `dist/chunks/`) and the
 * all-in-one file (`dist/peliqan-embed.all.js`) — on a page under the strict policy the widget promises
 * to work with: `script-src 'self'; style-src 'self'`, and Trusted Types with only Lit's policy. The
 * whole credential flow, no violation, no error; a second copy of the script tag, or both files on one
 * page, changes nothing. Runs after `npm run build`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './harness.js';
import { startSite, type Site } from './script-tag-site.js';
import { startFakePeliqan, type FakePeliqan } from '../../src/fake/index.js';

const LOADER = '/static/peliqan-embed.js';
const ALL = '/static/peliqan-embed.all.js';
const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;

let fake: FakePeliqan;
let site: Site;
let browser: Browser;

before(async () => {
  fake = await startFakePeliqan({ faults: { testDelay: 200 } });
  site = await startSite(fake);
  // Playwright turns the popup blocker off by default; a real browser has it on.
  browser = await launchChromium({ ignoreDefaultArgs: ['--disable-popup-blocking'] });
});

after(async () => {
  await browser?.close();
  site?.close();
  await fake?.close();
});

interface Watched {
  violations: string[];
  errors: string[];
}

/** A tab on `url`, with what went wrong on it. */
async function open(url: string): Promise<{ tab: Page; problems: string[]; watched: () => Promise<Watched> }> {
  const tab = await browser.newPage();
  const problems: string[] = [];
  tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  tab.on('pageerror', (error) => problems.push(error.message));
  await tab.goto(url);
  const watched = () =>
    tab.evaluate(() => {
      const w = window as unknown as { __violations: string[]; __errors: string[] };
      return { violations: w.__violations, errors: w.__errors };
    });
  return { tab, problems, watched };
}

async function connectStripe(tab: Page): Promise<void> {
  await tab.getByRole('button', { name: /Stripe/ }).click();
  await tab.getByRole('textbox', { name: 'Restricted API key' }).fill('rk_live_csp');
  await tab.getByRole('button', { name: 'Connect', exact: true }).click();
  await tab.getByRole('heading', { name: /Connected to Stripe/ }).waitFor({ timeout: 10_000 });
  assert.equal(await tab.locator('peliqan-connect').getAttribute('state'), 'connected');
}

/** The state of the page's global and elements, as a second copy of the script tag must leave them. */
const globalState = (tab: Page) =>
  tab.evaluate(() => {
    const w = window as unknown as { __first: unknown; PeliqanEmbed: { version: string } };
    return { same: w.__first === w.PeliqanEmbed, version: w.PeliqanEmbed.version };
  });

const flowPage = (path: string, head: string[], options: { module?: boolean; trusted?: boolean } = {}) =>
  site.page(
    path,
    { head: [...head, '/config.js'], body: '<peliqan-connect></peliqan-connect>', ...options },
    options.trusted,
  );

for (const [name, file] of [
  ['the loader', LOADER],
  ['the all-in-one file', ALL],
] as const) {
  describe(`${name} under script-src 'self' with Trusted Types`, () => {
    test('runs the whole credential flow with no policy violation and no error', async () => {
      const { tab, problems, watched } = await open(flowPage(`/flow${file}`, [file]));
      await connectStripe(tab);
      assert.deepEqual(await watched(), { violations: [], errors: [] });
      assert.deepEqual(problems, []);
      await tab.close();
    });

    test('works as <script type="module"> too', async () => {
      const { tab, problems, watched } = await open(flowPage(`/module${file}`, [file], { module: true }));
      await connectStripe(tab);
      assert.deepEqual(await watched(), { violations: [], errors: [] });
      assert.deepEqual(problems, []);
      await tab.close();
    });

    test('a second copy of the script tag changes nothing: one global, each element defined once', async () => {
      const { tab, problems, watched } = await open(flowPage(`/twice${file}`, [file, '/mark.js', file]));
      assert.deepEqual(await globalState(tab), { same: true, version });
      await connectStripe(tab);
      assert.deepEqual(await watched(), { violations: [], errors: [] });
      assert.deepEqual(problems, []);
      await tab.close();
    });
  });
}

describe("the loader under script-src 'self' alone (no Trusted Types)", () => {
  test('runs the whole credential flow with no policy violation and no error', async () => {
    const { tab, problems, watched } = await open(flowPage('/plain', [LOADER], { trusted: false }));
    await connectStripe(tab);
    assert.deepEqual(await watched(), { violations: [], errors: [] });
    assert.deepEqual(problems, []);
    await tab.close();
  });

  test("connects an OAuth connector: the sign-in window on the provider's origin, Allow, connected", async () => {
    const { tab, problems, watched } = await open(flowPage('/oauth', [LOADER]));
    await tab.getByRole('button', { name: /HubSpot/ }).click();
    await tab.getByText('Powered by Peliqan').waitFor();
    const [popup] = await Promise.all([
      tab.waitForEvent('popup'),
      tab.getByRole('button', { name: 'Connect HubSpot' }).click(),
    ]);
    await popup.getByRole('button', { name: 'Allow' }).click();
    await tab.getByRole('heading', { name: /Connected to HubSpot/ }).waitFor({ timeout: 10_000 });
    assert.equal(new URL(popup.url()).origin, new URL(fake.oauthUrl).origin);
    assert.deepEqual(await watched(), { violations: [], errors: [] });
    assert.deepEqual(problems, []);
    await tab.close();
  });
});

describe('the loader and the all-in-one file on one page, under Trusted Types', () => {
  for (const [first, second] of [
    [LOADER, ALL],
    [ALL, LOADER],
  ] as const) {
    test(`${first.slice(8)} first: it stays in charge, the other runs none of its code, the flow works`, async () => {
      const { tab, problems, watched } = await open(flowPage(`/both${first}`, [first, '/mark.js', second]));
      assert.deepEqual(await globalState(tab), { same: true, version });
      await connectStripe(tab);
      const chunks = site.staticServed().filter((path) => path.startsWith('chunks/'));
      // The loader's chunks load only when the loader is the one in charge.
      assert.equal(chunks.length > 0, first === LOADER, `chunks served: ${chunks.join(', ')}`);
      // A second Lit would have asked for the lit-html policy again: a Trusted Types error.
      assert.deepEqual(await watched(), { violations: [], errors: [] });
      assert.deepEqual(problems, []);
      site.served.length = 0;
      await tab.close();
    });
  }
});
