/**
 * The built script tag (`dist/peliqan-embed.js`) in Chromium, on a page under the strict CSP the
 * widget promises to work with: the whole credential flow, no CSP violation, no error, and a second
 * copy of the script that changes nothing. Runs after `npm run build`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, listen } from './harness.js';
import { startFakePeliqan, type FakePeliqan } from '../../src/fake/index.js';

const bundle = readFileSync(new URL('../../dist/peliqan-embed.js', import.meta.url));
let fake: FakePeliqan;
let server: Server;
let origin: string;
let browser: Browser;

const scripts: Record<string, string> = {
  '/watch.js': `window.__violations = []; window.__errors = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    window.addEventListener('error', (e) => window.__errors.push(String(e.message)));`,
  '/mark.js': 'window.__first = window.PeliqanEmbed;',
  '/page.js': `PeliqanEmbed.configure({ baseUrl: document.documentElement.dataset.api, tokenUrl: document.documentElement.dataset.api + '/__fake/token?external_id=csp' });`,
};

function page(module: boolean): string {
  const tag = (src: string) =>
    module ? `<script type="module" src="${src}"></script>` : `<script src="${src}"></script>`;
  return `<!doctype html><html lang="en" data-api="${fake.url}"><head><meta charset="utf-8"><title>CSP</title>
    <script src="/watch.js"></script>${tag('/peliqan-embed.js')}${tag('/mark.js')}${tag('/peliqan-embed.js')}${tag('/page.js')}
    </head><body><peliqan-connect></peliqan-connect></body></html>`;
}

before(async () => {
  fake = await startFakePeliqan({ faults: { testDelay: 200 } });
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const headers = {
      'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' ${fake.url}; connect-src 'self' ${fake.url}`,
    };
    if (path === '/peliqan-embed.js')
      response.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(bundle);
    else if (scripts[path])
      response.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(scripts[path]);
    else response.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(page(path === '/module'));
  });
  origin = await listen(server);
  // Playwright turns the popup blocker off by default; a real browser has it on.
  browser = await launchChromium({ ignoreDefaultArgs: ['--disable-popup-blocking'] });
});

after(async () => {
  await browser?.close();
  server?.close();
  await fake?.close();
});

async function connectStripe(path: string): Promise<Page> {
  const tab = await browser.newPage();
  const consoleErrors: string[] = [];
  tab.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  tab.on('pageerror', (error) => consoleErrors.push(error.message));
  await tab.goto(origin + path);
  await tab.getByRole('button', { name: /Stripe/ }).click();
  await tab.getByRole('textbox', { name: 'Restricted API key' }).fill('rk_live_csp');
  await tab.getByRole('button', { name: 'Connect', exact: true }).click();
  await tab.getByRole('heading', { name: /Connected to Stripe/ }).waitFor({ timeout: 10_000 });
  assert.deepEqual(consoleErrors, []);
  return tab;
}

describe("dist/peliqan-embed.js under script-src 'self'; style-src 'self'", () => {
  test('runs the whole credential flow with no CSP violation and no error', async () => {
    const tab = await connectStripe('/');
    assert.deepEqual(await tab.evaluate(() => (window as unknown as { __violations: string[] }).__violations), []);
    assert.deepEqual(await tab.evaluate(() => (window as unknown as { __errors: string[] }).__errors), []);
    assert.equal(await tab.locator('peliqan-connect').getAttribute('state'), 'connected');
    await tab.close();
  });

  test('a second copy of the script changes nothing', async () => {
    const tab = await browser.newPage();
    await tab.goto(origin + '/');
    const same = await tab.evaluate(() => {
      const w = window as unknown as { __first: unknown; PeliqanEmbed: { version: string } };
      return {
        same: w.__first === w.PeliqanEmbed,
        version: w.PeliqanEmbed.version,
        defined: !!customElements.get('peliqan-connect'),
      };
    });
    assert.deepEqual(same, {
      same: true,
      version: JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version,
      defined: true,
    });
    await tab.close();
  });

  test('works as <script type="module"> too', async () => {
    const tab = await connectStripe('/module');
    assert.deepEqual(await tab.evaluate(() => (window as unknown as { __violations: string[] }).__violations), []);
    await tab.close();
  });

  test("connects an OAuth connector: the sign-in window on the provider's origin, Allow, connected", async () => {
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (error) => problems.push(error.message));
    await tab.goto(origin + '/');
    await tab.getByRole('button', { name: /HubSpot/ }).click();
    await tab.getByText('Powered by Peliqan').waitFor();
    const [popup] = await Promise.all([
      tab.waitForEvent('popup'),
      tab.getByRole('button', { name: 'Connect HubSpot' }).click(),
    ]);
    await popup.getByRole('button', { name: 'Allow' }).click();
    await tab.getByRole('heading', { name: /Connected to HubSpot/ }).waitFor({ timeout: 10_000 });
    assert.equal(new URL(popup.url()).origin, new URL(fake.oauthUrl).origin);
    assert.deepEqual(await tab.evaluate(() => (window as unknown as { __violations: string[] }).__violations), []);
    assert.deepEqual(problems, []);
    await tab.close();
  });
});
