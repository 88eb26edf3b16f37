/**
 * The README's code blocks marked `<!-- example: … -->`, run as written (each read from the README, so there
 * is one copy): step 1's token endpoint inside a real Express app with express-session, step 2's tag and step
 * 3's listener on a page in Chromium, `PeliqanEmbed.open()` in a click handler on another page, and the
 * API-client example bundled for a page of the same app. The
 * local fake stands in for Peliqan at https://app.eu.peliqan.io (the server's fetch and the browser's
 * requests to that origin go to the fake), and https://your-cdn.example serves this build's dist/.
 * Runs after `npm run build`: the examples import the package by its name, as a partner's code does.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { Express } from 'express';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, listen } from './harness.js';
import { startFakePeliqan, type FakePeliqan } from '../../src/fake/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
/** The Peliqan origin the examples name, and the CDN the quick start loads the script from. */
const PELIQAN = 'https://app.eu.peliqan.io';
const CDN = 'https://your-cdn.example';
/** The customer the app's login route logs in, as a partner's own login would. */
const CUSTOMER = 'readme_customer';

/** The code block that follows `<!-- example: name -->` in the README. */
function example(name: string): string {
  const marker = `<!-- example: ${name} -->`;
  const at = readme.indexOf(marker);
  assert.ok(at >= 0, `README.md has no ${marker}`);
  const block = /```\w*\n([\s\S]*?)\n```/.exec(readme.slice(at + marker.length));
  assert.ok(block, `README.md has no code block after ${marker}`);
  return block[1]!;
}

/** What step 1 takes as given: an Express app with express-session, whose login names the customer. */
const partnerApp = `import express from 'express';
import session from 'express-session';

export const app = express();
app.use(session({ secret: 'a secret of the partner app', resave: false, saveUninitialized: false }));
app.get('/login', (req, res) => {
  req.session.customerId = '${CUSTOMER}';
  res.redirect(req.query.then ?? '/');
});
`;

let fake: FakePeliqan;
let work: string;
let server: Server;
let origin: string;
let browser: Browser;
let context: BrowserContext;
const realFetch = globalThis.fetch;

/** A URL at the Peliqan origin the examples name, moved to the fake. */
const toFake = (url: string) => (url.startsWith(`${PELIQAN}/`) ? fake.url + url.slice(PELIQAN.length) : url);

before(async () => {
  fake = await startFakePeliqan({ faults: { testDelay: 300 } });
  // Node's fetch, which the partner's PeliqanPartner calls at each request, reaches the fake for Peliqan.
  globalThis.fetch = (input, init) =>
    realFetch(typeof input === 'string' || input instanceof URL ? toFake(String(input)) : input, init);
  process.env.PELIQAN_PARTNER_TOKEN = fake.partnerToken;

  // A folder of the partner's own, where `peliqan-embed` is an installed package (this build).
  work = mkdtempSync(join(tmpdir(), 'peliqan-embed-readme-'));
  mkdirSync(join(work, 'node_modules'));
  symlinkSync(root, join(work, 'node_modules', 'peliqan-embed'), 'dir');
  for (const name of ['express', 'express-session']) {
    symlinkSync(join(root, 'node_modules', name), join(work, 'node_modules', name), 'dir');
  }
  writeFileSync(join(work, 'server.mjs'), `${partnerApp}\n${example('quick-start-server')}\n`);
  const { app } = (await import(pathToFileURL(join(work, 'server.mjs')).href)) as { app: Express };

  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Settings</title></head><body>
${example('quick-start-page')}
<script>${example('quick-start-listener')}</script>
</body></html>`;
  const apiClient = await esbuild.build({
    stdin: { contents: example('api-client'), resolveDir: work, sourcefile: 'api-client.js' },
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const openPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Integrations</title></head><body>
<button id="add-crm">Add a CRM</button>
<script src="${CDN}/peliqan-embed.js"></script>
<script>${example('open')}</script>
</body></html>`;
  app.get('/', (_req, res) => void res.type('html').send(page));
  app.get('/open', (_req, res) => void res.type('html').send(openPage));
  app.get(
    '/api-client',
    (_req, res) =>
      void res
        .type('html')
        .send('<!doctype html><title>API client</title><script type="module" src="/api-client.js"></script>'),
  );
  app.get('/api-client.js', (_req, res) => void res.type('text/javascript').send(apiClient.outputFiles[0]!.text));
  server = createServer(app);
  origin = await listen(server);

  browser = await launchChromium();
  context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  await context.route(`${CDN}/**`, async (route) => {
    const file = join(root, 'dist', normalize(new URL(route.request().url()).pathname));
    if (!file.startsWith(join(root, 'dist')) || !existsSync(file)) return route.fulfill({ status: 404 });
    await route.fulfill({ path: file });
  });
  await context.route(`${PELIQAN}/**`, async (route) => {
    const response = await route.fetch({ url: toFake(route.request().url()) });
    await route.fulfill({ response });
  });
});

after(async () => {
  globalThis.fetch = realFetch;
  delete process.env.PELIQAN_PARTNER_TOKEN;
  await browser?.close();
  server?.close();
  server?.closeAllConnections();
  await fake?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A page of the partner app that fails the test on any page error. */
async function partnerPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  return { page, errors };
}

/** Logs the customer in through the app's own login, which then shows `path`. */
const logInAndOpen = (page: Page, path: string) => page.goto(`${origin}/login?then=${encodeURIComponent(path)}`);

/**
 * What the page prints that matches `pattern`. Fails at once on an uncaught error (the example's own
 * failure, with its message), else after 15 s with the errors the page logged.
 */
function printed(page: Page, pattern: RegExp): Promise<string> {
  const logged: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The page printed nothing matching ${pattern}; it logged ${JSON.stringify(logged)}`)),
      15_000,
    );
    const settle = (settled: () => void) => {
      clearTimeout(timer);
      settled();
    };
    page.on('console', (message) => {
      if (pattern.test(message.text())) settle(() => resolve(message.text()));
      else if (message.type() === 'error') logged.push(message.text());
    });
    page.on('pageerror', (error) => settle(() => reject(new Error(`The page failed: ${error.message}`))));
  });
}

/** The customer a connection of the fake belongs to. */
const ownerOf = (connectionId: number) => {
  const connection = fake.connections.find((candidate) => candidate.id === connectionId);
  return fake.accounts.find((account) => account.id === connection?.account)?.external_id;
};

describe('the README, run as written', () => {
  test('the quick start: the token endpoint, the button and the listener connect a data source', async () => {
    const { page, errors } = await partnerPage();
    await logInAndOpen(page, '/');
    await page.getByRole('button', { name: 'Connect a data source' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /Stripe/ }).click();
    await dialog.getByRole('textbox', { name: 'Restricted API key' }).fill('rk_live_readme');
    const heard = printed(page, /is connected as connection/);
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();

    const match = /^Stripe is connected as connection (\d+)$/.exec(await heard);
    assert.ok(match, 'step 3 printed what it heard');
    assert.equal(ownerOf(Number(match[1])), CUSTOMER, "the token was minted for the session's customer");
    // Step 1's endpoint made the customer's sub-account and minted the token, with the partner token.
    const partnerCalls = fake.requests.filter((request) => request.route.startsWith('POST /api/sub-account/'));
    assert.deepEqual(
      [...new Set(partnerCalls.map((request) => `${request.route} ${request.auth}`))],
      ['POST /api/sub-account/integrate/ partner', 'POST /api/sub-account/ partner'],
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('PeliqanEmbed.open() resolves with the connection made in its dialog, and null when closed without one', async () => {
    const { page, errors } = await partnerPage();
    await logInAndOpen(page, '/open');
    const closed = printed(page, /^closed without a connection$/);
    await page.getByRole('button', { name: 'Add a CRM' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /Pipedrive/ }).waitFor();
    assert.equal(await dialog.getByRole('button', { name: /HubSpot/ }).count(), 1, 'the connectors option reached it');
    await page.keyboard.press('Escape');
    await closed;

    const added = printed(page, /added as connection/);
    await page.getByRole('button', { name: 'Add a CRM' }).click();
    await dialog.getByRole('button', { name: /Pipedrive/ }).click();
    await dialog.getByRole('textbox', { name: 'Company domain' }).fill('acme');
    await dialog.getByRole('textbox', { name: 'API token' }).fill('pd_readme_token');
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await dialog.getByRole('button', { name: 'Done' }).click();
    const match = /^Pipedrive added as connection (\d+)$/.exec(await added);
    assert.ok(match, 'open() resolved with the connection');
    assert.equal(ownerOf(Number(match[1])), CUSTOMER);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the API-client example creates a Postgres connection with its slots and reads its state', async () => {
    const before = fake.connections.length;
    const { page, errors } = await partnerPage();
    const printedState = printed(page, /^(pending|connected|failed|disabled)$/);
    await logInAndOpen(page, '/api-client');
    const state = await printedState;
    assert.equal(state, 'pending', 'read straight after the create, while Peliqan tests it');

    const made = fake.connections.slice(before);
    assert.equal(made.length, 1);
    assert.equal(made[0]!.server_type, 'postgres');
    assert.equal(made[0]!.values.param1, 'shop', 'the database went in its slot');
    assert.equal(ownerOf(made[0]!.id), CUSTOMER);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
