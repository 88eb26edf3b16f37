/**
 * What the loader (`dist/peliqan-embed.js`) does on a partner's page (product spec §2): nothing but
 * itself until a peliqan element is there; then that element's files, and its first requests beside
 * them; the flow of a connect button on hover, the OAuth step and a language only when needed; calls
 * made early, applied in order; and a file that cannot be had shown as the element's error with Retry.
 * Runs after `npm run build`, under `script-src 'self'` with Trusted Types.
 */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './harness.js';
import { chunkFiles, startSite, type Site } from './script-tag-site.js';
import { startFakePeliqan, type FakePeliqan } from '../../src/fake/index.js';

const LOADER = '/static/peliqan-embed.js';
const CUSTOMER = 'script_tag';

let fake: FakePeliqan;
let site: Site;
let browser: Browser;
let tab: Page;
/** Errors on the page besides the failed loads a test provokes. */
let problems: string[];

before(async () => {
  fake = await startFakePeliqan();
  site = await startSite(fake);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  site?.close();
  await fake?.close();
});

beforeEach(async () => {
  fake.reset();
  site.served.length = 0;
  site.missing.clear();
  site.slow.clear();
  tab = await browser.newPage();
  problems = [];
  tab.on('pageerror', (error) => problems.push(error.message));
});

afterEach(() => tab.close());

/** A page with the loader, the page's settings and `body`. */
const page = (path: string, body: string, head: string[] = []) =>
  site.page(path, { head: [LOADER, '/config.js', ...head], body });

/**
 * What the page recorded: policy violations, errors and unhandled rejections, and each `peliqan-error`
 * as the element it came from (`#document` for the page) and its code.
 */
const recorded = async () => {
  const page = await tab.evaluate(() => {
    const w = window as unknown as { __violations: string[]; __errors: string[]; __events: unknown[] };
    return { violations: w.__violations, errors: w.__errors, events: w.__events };
  });
  const events = (page.events as { target: string; detail: { code: string } }[]).map(
    (event) => [event.target, event.detail.code] as const,
  );
  return { ...page, events };
};

const files = chunkFiles();
/** The files of `names` together. */
const union = (...names: string[]) => new Set(names.flatMap((name) => files[name]!));
const chunksServed = () => site.staticServed().filter((path) => path.startsWith('chunks/'));
const tokenRequests = () => fake.requests.filter((request) => request.route === 'POST /__fake/token').length;
const catalogueRequests = () => fake.requests.filter((request) => request.route === 'GET /api/servertypes').length;
/** Checks that the request to `path` went out before any of `tags` was defined (their code had run). */
async function assertSentBefore(path: string, ...tags: string[]): Promise<void> {
  // (No named functions inside: tsx would name them with a helper the page does not have.)
  const timing = await tab.evaluate(
    ([path, names]) => {
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const defined = (window as unknown as { __defined: Record<string, number> }).__defined;
      return {
        sent: resources.find((resource) => resource.name.includes(path))!.startTime,
        firstDefined: Math.min(...names.map((name) => defined[name]!)),
      };
    },
    [path, tags] as const,
  );
  assert.ok(
    timing.sent < timing.firstDefined,
    `${path} asked for at ${timing.sent}, the first of ${tags.join(', ')} defined at ${timing.firstDefined}`,
  );
}
const assertTokenSentBefore = (...tags: string[]) => assertSentBefore('/__fake/token', ...tags);

/** Long enough for anything the page would still fetch on its own to have started. */
const settle = () => tab.waitForTimeout(300);

describe('the loader loads what a page shows, when it shows it', () => {
  test('a page without peliqan elements loads the loader alone; an element added later loads its code', async () => {
    await tab.goto(page('/empty', ''));
    await settle();
    assert.deepEqual(site.staticServed(), ['peliqan-embed.js']);
    assert.equal(tokenRequests(), 0);
    await tab.evaluate(() => document.body.append(document.createElement('peliqan-connector-picker')));
    await tab.getByRole('button', { name: /Stripe/ }).waitFor();
    const served = new Set(chunksServed());
    assert.deepEqual(served, union('core', 'peliqan-connector-picker'));
    assert.deepEqual((await recorded()).errors, []);
  });

  test('elements already in the page are upgraded when their code arrives', async () => {
    await tab.goto(
      page('/two', '<peliqan-connector-picker></peliqan-connector-picker><peliqan-connect></peliqan-connect>'),
    );
    await tab.locator('peliqan-connect[state="ready"]').waitFor();
    await tab.locator('body > peliqan-connector-picker[state="ready"]').waitFor();
    assert.equal(tokenRequests(), 1, 'one token for the page');
    assert.equal(fake.requests.filter((request) => request.path === '/api/servertypes').length, 1);
    // The token went out with the files, not after them (product spec §2).
    await assertTokenSentBefore('peliqan-connect', 'peliqan-connector-picker');
  });

  test("with the code far away, the token and then Peliqan's catalogue go out before it has arrived, once each", async () => {
    site.slow.set('/static/chunks/', 600);
    await tab.goto(page('/far', '<peliqan-connect></peliqan-connect>'));
    await tab.getByRole('button', { name: /Stripe/ }).waitFor();
    assert.deepEqual([tokenRequests(), catalogueRequests()], [1, 1]);
    await assertSentBefore('/api/servertypes', 'peliqan-connect');
    assert.deepEqual(await recorded(), { violations: [], errors: [], events: [] });
  });

  test('<peliqan-connect-button> alone: only its own files before a click, no Lit; on hover the dialog, the flow and the token at once', async () => {
    await tab.goto(page('/button', '<peliqan-connect-button></peliqan-connect-button>'));
    const button = tab.getByRole('button', { name: 'Add connection' });
    await button.waitFor();
    await settle();
    assert.deepEqual(new Set(chunksServed()), union('core', 'peliqan-connect-button'));
    assert.equal(tokenRequests(), 0, 'no request before the customer shows interest');
    // Lit marks every page it runs on: the button runs without it.
    assert.equal(await tab.evaluate(() => 'litElementVersions' in window), false, 'no Lit before a hover');

    await button.hover();
    await tab.waitForFunction(() => customElements.get('peliqan-connect') !== undefined);
    const served = new Set(chunksServed());
    for (const file of union('core', 'peliqan-connect-button', 'peliqan-connect')) assert.ok(served.has(file), file);
    // The rest is the dialog's code, which `PeliqanEmbed.open()` has too, and its own entry file.
    const known = union('core', 'peliqan-connect-button', 'peliqan-connect', 'open');
    for (const file of served) assert.ok(known.has(file) || file.startsWith('chunks/connect-dialog-'), file);
    await button.click();
    await tab
      .getByRole('dialog')
      .getByRole('button', { name: /Stripe/ })
      .waitFor();
    assert.equal(tokenRequests(), 1, 'the early token is the one used');
    assert.equal(catalogueRequests(), 1, 'and the catalogue asked for with it');
    // The early answer is read (and its Resource Timing entry made) only once the flow takes it.
    await assertTokenSentBefore('peliqan-connect');
    assert.deepEqual((await recorded()).errors, []);
  });

  test('configure() with another base URL while the early token is on its way: nothing goes where the old settings said', async () => {
    // The partner's token endpoint answers late and names no API origin: the token goes to the base URL set
    // in script, which the page changes meanwhile (a partner outside the EU, configuring in two steps).
    site.script('/token-late', JSON.stringify({ token: 'issued-for-the-new-base-url' }));
    site.slow.set('/token-late', 500);
    const settings = { baseUrl: fake.url, tokenUrl: `${site.origin}/token-late` };
    site.script(
      '/two-steps.js',
      `PeliqanEmbed.configure(${JSON.stringify(settings)});
       setTimeout(() => PeliqanEmbed.configure({ baseUrl: location.origin }), 150);`,
    );
    await tab.goto(
      site.page('/two-steps', { head: [LOADER, '/two-steps.js'], body: '<peliqan-connect></peliqan-connect>' }),
    );
    await tab.locator('peliqan-connect[state="error"]').waitFor();
    assert.deepEqual(
      fake.requests.filter((request) => request.path.startsWith('/api/')),
      [],
      'the token went nowhere but the base URL in force',
    );
  });

  test("configure() with the partner's catalogue while the early token is on its way: Peliqan's is not asked for", async () => {
    site.script('/token-late', JSON.stringify({ token: 'a-token-for-the-fake' }));
    site.slow.set('/token-late', 500);
    site.script('/catalogue', JSON.stringify([{ id: 1, server_type: 'stripe', name: 'Stripe' }]));
    const settings = { baseUrl: fake.url, tokenUrl: `${site.origin}/token-late` };
    site.script(
      '/catalogue-later.js',
      `PeliqanEmbed.configure(${JSON.stringify(settings)});
       setTimeout(() => PeliqanEmbed.configure({ catalogueUrl: location.origin + '/catalogue' }), 150);`,
    );
    const body = '<peliqan-connector-picker></peliqan-connector-picker>';
    await tab.goto(site.page('/catalogue-later', { head: [LOADER, '/catalogue-later.js'], body }));
    await tab.getByRole('button', { name: /Stripe/ }).waitFor();
    // Until well after the token has answered: anything that would follow it has gone out by then.
    await tab.waitForTimeout(700);
    assert.deepEqual(
      fake.requests.filter((request) => request.path.startsWith('/api/')),
      [],
    );
  });

  test("a hovered connect button, its code far away: the token and Peliqan's catalogue go out before the flow's code is in", async () => {
    await tab.goto(page('/button-far', '<peliqan-connect-button></peliqan-connect-button>'));
    const button = tab.getByRole('button', { name: 'Add connection' });
    await button.waitFor();
    site.slow.set('/static/chunks/', 400);
    await button.hover();
    await button.click();
    await tab
      .getByRole('dialog')
      .getByRole('button', { name: /Stripe/ })
      .waitFor();
    assert.deepEqual([tokenRequests(), catalogueRequests()], [1, 1]);
    await assertSentBefore('/api/servertypes', 'peliqan-connect');
  });

  test("a connect button in Dutch: its Dutch label before a click with no message catalogue loaded, a partner's wording first", async () => {
    const english = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
    await tab.goto(page('/button-nl', '<div lang="nl"><peliqan-connect-button></peliqan-connect-button></div>'));
    await tab.getByRole('button', { name: 'Verbinding toevoegen' }).waitFor();
    await settle();
    assert.deepEqual(new Set(chunksServed()), union('core', 'peliqan-connect-button'));
    // Neither Dutch nor English: the catalogues' words are nowhere in what was loaded.
    for (const file of chunksServed()) assert.ok(!english(file).includes('Search by name or category'), file);

    site.script('/words.js', "PeliqanEmbed.registerMessages('nl', { addConnection: 'Koppeling maken' });");
    await tab.goto(
      page('/button-nl-own', '<div lang="nl"><peliqan-connect-button></peliqan-connect-button></div>', ['/words.js']),
    );
    await tab.getByRole('button', { name: 'Koppeling maken' }).waitFor();
  });

  test('the list and the badge leave the OAuth step unloaded until a customer picks an OAuth connector', async () => {
    const seeded = fake.seedConnection({
      externalId: CUSTOMER,
      servertype: 'stripe',
      name: 'Payments',
      health_status: 'OK',
    });
    await tab.goto(
      page(
        '/list',
        `<peliqan-connections></peliqan-connections><peliqan-connection-status connection-id="${seeded.id}"></peliqan-connection-status>`,
      ),
    );
    await tab.locator('peliqan-connections[state="ready"]').waitFor();
    await tab.locator('peliqan-connection-status[state="connected"]').waitFor();
    await settle();
    const oauthOnly = [...union('peliqan-oauth-button')].filter(
      (file) => !union('core', 'peliqan-connections', 'peliqan-connection-status', 'peliqan-connect').has(file),
    );
    assert.ok(oauthOnly.length > 0, 'the OAuth step has files of its own');
    assert.deepEqual(
      chunksServed().filter((file) => oauthOnly.includes(file)),
      [],
    );

    await tab.getByRole('button', { name: 'Add connection' }).click();
    await tab.getByRole('button', { name: /HubSpot/ }).click();
    await tab.getByText('Powered by Peliqan').waitFor();
    assert.ok(chunksServed().some((file) => oauthOnly.includes(file)));
    assert.deepEqual((await recorded()).errors, []);
  });

  test("a language's messages load only where it is shown", async () => {
    await tab.goto(page('/english', '<peliqan-connector-picker></peliqan-connector-picker>'));
    await tab.getByRole('searchbox', { name: 'Search connectors' }).waitFor();
    await settle();
    assert.deepEqual(
      chunksServed().filter((file) => /^chunks\/(nl|fr|de)-/.test(file)),
      [],
    );
    site.served.length = 0;
    await tab.goto(page('/dutch', '<div lang="nl"><peliqan-connector-picker></peliqan-connector-picker></div>'));
    await tab.getByRole('searchbox', { name: 'Connectors zoeken' }).waitFor();
    assert.deepEqual(
      chunksServed().filter((file) => /^chunks\/(nl|fr|de)-/.test(file)),
      [chunksServed().find((file) => file.startsWith('chunks/nl-'))],
    );
  });

  test('elements in a shadow root of the page load through PeliqanEmbed.discover()', async () => {
    await tab.goto(page('/shadow', '<div id="host"></div>'));
    await tab.evaluate(() => {
      const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
      root.append(document.createElement('peliqan-connector-picker'));
    });
    await settle();
    assert.deepEqual(chunksServed(), [], 'a shadow root is out of the observer’s sight');
    await tab.evaluate(() => {
      const root = document.getElementById('host')!.shadowRoot!;
      (window as unknown as { PeliqanEmbed: { discover(root: ParentNode): void } }).PeliqanEmbed.discover(root);
    });
    await tab.locator('peliqan-connector-picker[state="ready"]').waitFor();
  });
});

describe('calls made before the code is there', () => {
  test('registerMessages(), configure() and open() wait for the code and take effect in order', async () => {
    site.script(
      '/early.js',
      `PeliqanEmbed.registerMessages('en', { connectTo: 'Link {name}' });
       PeliqanEmbed.configure({ statusTimeout: 30 });
       window.__opened = PeliqanEmbed.open({ servertype: 'stripe' }).then((result) => (window.__result = result));`,
    );
    await tab.goto(page('/early', '', ['/early.js']));
    const dialog = tab.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Link Stripe' }).waitFor();
    await dialog.getByRole('textbox', { name: 'Restricted API key' }).fill('rk_live_early');
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await dialog.getByRole('button', { name: 'Done' }).click();
    const result = await tab.evaluate(async () => {
      await (window as unknown as { __opened: Promise<unknown> }).__opened;
      return (window as unknown as { __result: { connectionId: number; servertype: { name: string } } }).__result;
    });
    assert.equal(result.servertype.name, 'Stripe');
    assert.equal(typeof result.connectionId, 'number');
    assert.deepEqual((await recorded()).errors, []);
  });
});

describe('code that cannot be loaded', () => {
  const unreachable = 'The connection service cannot be reached. Check your internet connection and try again.';

  test('a CDN half deployed (404): the elements show the error with Retry, one peliqan-error; Retry works', async () => {
    site.missing.add('/static/chunks/');
    await tab.goto(
      page(
        '/missing',
        '<peliqan-connector-picker></peliqan-connector-picker><peliqan-connector-picker></peliqan-connector-picker>',
      ),
    );
    await tab.locator('peliqan-connector-picker[state="error"]').nth(1).waitFor();
    const alerts = tab.getByRole('alert');
    assert.equal(await alerts.count(), 2);
    assert.equal((await alerts.first().locator('p').textContent())?.trim(), unreachable);
    const { errors, events, violations } = await recorded();
    assert.deepEqual(violations, [], 'the error view keeps to the policy too');
    assert.deepEqual(errors, [], 'no uncaught error, no unhandled rejection');
    assert.deepEqual(events, [['peliqan-connector-picker', 'network']], 'one failure, one event');

    site.missing.clear();
    await tab.getByRole('button', { name: 'Retry' }).first().click();
    await tab.locator('peliqan-connector-picker[state="ready"]').nth(1).waitFor();
    assert.equal(await tab.getByRole('alert').count(), 0, 'the error view is gone');
    assert.equal(await tab.getByRole('button', { name: /Stripe/ }).count(), 2);
    assert.deepEqual(problems, []);
  });

  test('offline: the same, in the language of the page, and Retry once the network is back', async () => {
    await tab.route('**/static/chunks/**', (route) => route.abort('internetdisconnected'));
    await tab.goto(page('/offline', '<div lang="de"><peliqan-connector-picker></peliqan-connector-picker></div>'));
    await tab.locator('peliqan-connector-picker[state="error"]').waitFor();
    await tab.getByText('Der Verbindungsdienst ist nicht erreichbar', { exact: false }).waitFor();
    assert.deepEqual((await recorded()).errors, []);
    await tab.unroute('**/static/chunks/**');
    await tab.getByRole('button', { name: 'Erneut versuchen' }).click();
    await tab.getByRole('searchbox', { name: 'Connectors durchsuchen' }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('a language that cannot be loaded: English stands in, and the page hears it once', async () => {
    site.missing.add('/static/chunks/nl-');
    const body =
      '<div lang="nl"><peliqan-connector-picker></peliqan-connector-picker><peliqan-connect></peliqan-connect></div>';
    await tab.goto(page('/dutch-missing', body));
    await tab.locator('[lang="nl"] > peliqan-connector-picker[state="ready"]').waitFor();
    assert.equal(await tab.getByRole('searchbox', { name: 'Search connectors' }).count(), 2);
    const { errors, events } = await recorded();
    assert.deepEqual(errors, []);
    assert.deepEqual(events, [['peliqan-connector-picker', 'network']]);
  });

  test('a connect button whose dialog cannot be loaded: its error state with Retry, then the dialog', async () => {
    const dialogOnly = [...union('open')].filter((file) => !union('core', 'peliqan-connect-button').has(file));
    for (const file of dialogOnly) site.missing.add(`/static/${file}`);
    await tab.goto(page('/dialog-offline', '<peliqan-connect-button></peliqan-connect-button>'));
    await tab.getByRole('button', { name: 'Add connection' }).click();
    const button = tab.locator('peliqan-connect-button');
    await button.getByRole('alert').waitFor();
    assert.equal(await button.getAttribute('state'), 'error');
    const { errors, events } = await recorded();
    assert.deepEqual(errors, []);
    assert.deepEqual(events, [['peliqan-connect-button', 'network']]);

    site.missing.clear();
    await button.getByRole('button', { name: 'Retry' }).click();
    await tab
      .getByRole('dialog')
      .getByRole('button', { name: /Stripe/ })
      .waitFor();
    assert.equal(await button.getAttribute('state'), 'ready');
    await tab.keyboard.press('Escape');
    // Focus goes back to its button, which is there again.
    await tab.waitForFunction(() => document.activeElement?.localName === 'peliqan-connect-button');
    assert.deepEqual(problems, []);
  });

  test('a connect button whose flow cannot be loaded: the dialog shows the error with Retry and Close', async () => {
    const flowOnly = [...union('peliqan-connect')].filter(
      (file) => !union('core', 'peliqan-connect-button', 'open').has(file),
    );
    for (const file of flowOnly) site.missing.add(`/static/${file}`);
    await tab.goto(page('/button-offline', '<peliqan-connect-button></peliqan-connect-button>'));
    await tab.getByRole('button', { name: 'Add connection' }).click();
    const dialog = tab.getByRole('dialog');
    await dialog.getByRole('alert').waitFor();
    assert.equal(await tab.locator('peliqan-connect-button').getAttribute('state'), 'error');
    await dialog.getByRole('button', { name: 'Close' }).waitFor();
    const { errors, events } = await recorded();
    assert.deepEqual(errors, []);
    assert.deepEqual(events, [['peliqan-connect-button', 'network']]);

    site.missing.clear();
    await dialog.getByRole('button', { name: 'Retry' }).click();
    await dialog.getByRole('button', { name: /Stripe/ }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('open() whose code cannot be loaded resolves null and fires peliqan-error on the document', async () => {
    site.missing.add('/static/chunks/');
    await tab.goto(page('/open-offline', ''));
    const result = await tab.evaluate(() =>
      (window as unknown as { PeliqanEmbed: { open(): Promise<unknown> } }).PeliqanEmbed.open(),
    );
    assert.equal(result, null);
    const { errors, events } = await recorded();
    assert.deepEqual(errors, []);
    assert.deepEqual(events, [['#document', 'network']]);
  });
});
