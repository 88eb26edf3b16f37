/**
 * What the script tag costs a partner's page (issue 26), in Chromium against the fake Peliqan. Each
 * figure is measured for the loader (`dist/peliqan-embed.js` + `dist/chunks/`), for the all-in-one
 * file (`dist/peliqan-embed.all.js`) and for a bare page in the same run, and given as ratios:
 * - blocking time of the tag in `<head>` of a page without peliqan elements (a mark before the tag, a
 *   mark after it), CPU slowed 4×; the bare page has an empty script there;
 * - JavaScript bytes (gzip -9) a page with only `<peliqan-connect-button>` loads before a click;
 * - that page: click → picker tiles painted; the bare page makes the same two requests (token, then
 *   catalogue) on a click, with nothing else: the network's floor;
 * - a page with `<peliqan-connect>` at load: navigation → tiles painted; bare: the two requests at load
 *   (also over HTTP/1.1, and with a mobile network's latency and bandwidth emulated);
 * - JavaScript bytes (gzip -9) of a whole credential connection, in English.
 * Each run is a fresh browser context (no HTTP or code cache): a first visit. The site speaks HTTP/2
 * over TLS (a certificate made for the run by `openssl`), as the CDNs partners host files on do: over
 * HTTP/1.1 a browser fetches at most six files of a site at a time, which the loader's files would
 * queue behind (the last figure is also given over HTTP/1.1, to show it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttp1Server } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { startFakePeliqan, type FakePeliqan } from '../src/fake/index.js';
import { round, stats, type Figure, type Row } from './stats.js';

const dist = new URL('../dist/', import.meta.url);

/** How the page gets the widget. */
type Tag = 'loader' | 'all' | 'bare';
const TAGS: Tag[] = ['loader', 'all', 'bare'];
const SCRIPT: Record<Tag, string> = {
  loader: '/peliqan-embed.js',
  all: '/peliqan-embed.all.js',
  bare: '/empty.js',
};
const NAME: Record<Tag, string> = { loader: 'loader', all: 'all-in-one', bare: 'bare page' };

const gzipped = new Map<string, number>();
/** A file of dist/, gzip -9 bytes. */
function gzipSize(path: string): number {
  let size = gzipped.get(path);
  if (size === undefined) {
    size = gzipSync(readFileSync(new URL(path.slice(1), dist)), { level: 9 }).length;
    gzipped.set(path, size);
  }
  return size;
}

/** What answering takes, from Node's HTTP/1.1 and HTTP/2 responses alike. */
interface Reply {
  writeHead(status: number, headers?: Record<string, string>): unknown;
  end(body?: string | Uint8Array): unknown;
}

/** Answers `status` with `body`; scripts may be cached, as a CDN lets them be. */
function reply(response: Reply, status: number, type: string, body: string | Uint8Array = ''): void {
  const cache = type === 'text/javascript' ? 'max-age=3600' : 'no-store';
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': cache });
  response.end(body);
}

/**
 * Serves the built script tag from dist/ at the site's root (`/peliqan-embed.js`, `/chunks/…`); true
 * when `path` was one of its files. What it served is added to `served`.
 */
export function serveScriptTag(path: string, response: Reply, served?: string[]): boolean {
  if (!/^\/(peliqan-embed(\.all)?\.js|chunks\/[\w.-]+\.js)$/.test(path)) return false;
  const file = new URL(path.slice(1), dist);
  if (!existsSync(file)) return false;
  served?.push(path);
  reply(response, 200, 'text/javascript', readFileSync(file));
  return true;
}

/**
 * Page-side helpers, as a file (the pages' inline scripts stay short): the time of the first click,
 * and of the first frame with picker tiles, found through the shadow roots.
 */
const OBSERVE = `(() => {
  const tiles = (root) => {
    if (root.querySelector('[part~="tile"]')) return true;
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot && tiles(element.shadowRoot)) return true;
    return false;
  };
  document.addEventListener('click', () => (window.__clicked ??= performance.now()), true);
  const look = () => {
    if (document.body && tiles(document.body)) requestAnimationFrame(() => setTimeout(() => (window.__tiles = performance.now())));
    else requestAnimationFrame(look);
  };
  look();
})();`;

/** The two requests the widget's first view needs, made by hand: the floor under any widget. */
const floor = (fake: FakePeliqan, customer: string) => `async function floor() {
  const answer = await fetch(${JSON.stringify(`${fake.url}/__fake/token?external_id=`)} + ${JSON.stringify(customer)}, { method: 'POST' });
  const { token } = await answer.json();
  const catalogue = await fetch(${JSON.stringify(`${fake.url}/api/servertypes`)}, { headers: { Authorization: 'JWT ' + token } });
  await catalogue.json();
  window.__tiles = performance.now();
}`;

interface Site {
  url: string;
  served: string[];
  close(): void;
}

/** A certificate for 127.0.0.1, valid for a day: the browser is told to accept it (`ignoreHTTPSErrors`). */
function certificate(): { key: Buffer; cert: Buffer } {
  const folder = mkdtempSync(join(tmpdir(), 'peliqan-bench-tls-'));
  try {
    const [key, cert] = [join(folder, 'key.pem'), join(folder, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

let tls: { key: Buffer; cert: Buffer } | undefined;

/**
 * A partner's page at `/`, its head and body given, with the script tag and the helpers beside it:
 * over HTTP/2 (TLS), or HTTP/1.1 when `http1`.
 */
async function site(fake: FakePeliqan, head: string, body: string, http1 = false): Promise<Site> {
  const served: string[] = [];
  const handle = (request: { url?: string }, response: Reply) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (serveScriptTag(path, response, served)) return;
    const scripts: Record<string, string> = { '/empty.js': '', '/observe.js': OBSERVE };
    if (path in scripts) return reply(response, 200, 'text/javascript', scripts[path]);
    if (path === '/favicon.ico') return reply(response, 204, 'image/x-icon');
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
    reply(response, 200, 'text/html', html);
  };
  tls ??= certificate();
  const server = http1
    ? createHttp1Server(handle)
    : createSecureServer(tls, (request: Http2ServerRequest, response: Http2ServerResponse) =>
        handle(request, response),
      );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  // The fake stays on http://127.0.0.1, which browsers trust from an https: page (a loopback origin).
  return { url: `${http1 ? 'http' : 'https'}://127.0.0.1:${port}/`, served, close: () => server.close() };
}

let customers = 0;

/**
 * The head of a page: the observer, then the script tag and the page's settings for the fake (a
 * customer of its own, so a fresh token each run) — or, on the bare page, the two requests by hand,
 * sent by `start` (a script to run at once, or nothing: the page's own button sends them).
 */
function head(fake: FakePeliqan, tag: Tag, start = ''): string {
  const customer = `bench_tag_${++customers}`;
  if (tag === 'bare') return `<script src="/observe.js"></script><script>${floor(fake, customer)}${start}</script>`;
  const settings = { baseUrl: fake.url, tokenUrl: `${fake.url}/__fake/token?external_id=${customer}` };
  return `<script src="/observe.js"></script><script src="${SCRIPT[tag]}"></script><script>PeliqanEmbed.configure(${JSON.stringify(settings)});</script>`;
}

/** The JavaScript a page was served, gzip -9. */
function bytesRow(what: string, page: Site, tag: Tag): Row {
  const bytes = page.served.reduce((sum, path) => sum + gzipSize(path), 0);
  return ['script tag', `${what}, ${NAME[tag]}`, bytes, `B gzip -9 in ${page.served.length} files`];
}

/** The loader's bytes ÷ the all-in-one file's, from the two rows `bytesRow` made. */
function bytesRatio(what: string, [loader, all]: Row[]): Row {
  return [
    'script tag',
    `${what}, loader ÷ all-in-one`,
    Math.round(((loader![2] as number) / (all![2] as number)) * 100) / 100,
    '×',
  ];
}

/** A network to emulate: latency per request (ms) and bandwidth (bytes per second). */
interface Network {
  latency: number;
  throughput: number;
}

/**
 * A first visit: a page in a browser context of its own, with the CPU slowed `cpu` times (and the
 * network slowed, when given).
 */
async function visit<T>(
  browser: Browser,
  url: string,
  cpu: number,
  measure: (page: Page) => Promise<T>,
  network?: Network,
): Promise<T> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    if (network) {
      await cdp.send('Network.enable');
      const { latency, throughput } = network;
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency,
        downloadThroughput: throughput,
        uploadThroughput: throughput,
      });
    }
    await page.goto(url);
    return await measure(page);
  } finally {
    await context.close();
  }
}

const waitForTiles = (page: Page) =>
  page.waitForFunction(() => (window as unknown as { __tiles?: number }).__tiles !== undefined, undefined, {
    timeout: 30_000,
  });

/** The ratios of the loader's median to the all-in-one file's and to the bare page's. */
function ratios(group: string, what: string, figures: Record<Tag, Figure>): Row[] {
  const ratio = (of: Tag) => Math.round((figures.loader.median / figures[of].median) * 100) / 100;
  return [
    ...TAGS.map((tag): Row => [group, `${what}: ${NAME[tag]}`, figures[tag], 'ms']),
    [group, `${what}: loader ÷ all-in-one`, ratio('all'), '×'],
    [group, `${what}: loader ÷ bare page`, ratio('bare'), '×'],
  ];
}

/**
 * The tag's blocking time on a page without peliqan elements, CPU ×4: the page is visited twice in its
 * context and measured the second time, when the script comes from the HTTP cache (so this is its
 * parse and run, not the loopback fetch, whose time varies more than the figure) and V8 has no code
 * cache for it yet (it makes one on this second run, and uses it from the third).
 */
async function blocking(browser: Browser, fake: FakePeliqan, runs: number): Promise<Row[]> {
  const figures = {} as Record<Tag, Figure>;
  for (const tag of TAGS) {
    const head = `<script>performance.mark('before')</script><script src="${SCRIPT[tag]}"></script><script>performance.mark('after')</script>`;
    const page = await site(fake, head, '<p>A partner page.</p>');
    const times: number[] = [];
    for (let run = 0; run < runs * 3; run++) {
      times.push(
        await visit(browser, page.url, 4, async (tab) => {
          await tab.goto(page.url);
          return tab.evaluate(() => performance.measure('tag', 'before', 'after').duration);
        }),
      );
    }
    page.close();
    figures[tag] = stats(times.map(round));
  }
  return ratios('script tag', 'no peliqan element, CPU ×4: blocking time of the tag (goal ≤ 10)', figures);
}

const BEFORE_CLICK = 'only <peliqan-connect-button>: JS before a click (goal ≤ 12 288)';

/** `<peliqan-connect-button>` alone: bytes before a click, and click → tiles painted (CPU ×1). */
async function connectButton(browser: Browser, fake: FakePeliqan, runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  const figures = {} as Record<Tag, Figure>;
  for (const tag of TAGS) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const body =
        tag === 'bare'
          ? '<button onclick="floor()">Add connection</button>'
          : '<peliqan-connect-button></peliqan-connect-button>';
      const page = await site(fake, head(fake, tag), body);
      times.push(
        await visit(browser, page.url, 1, async (tab) => {
          await tab.getByRole('button', { name: 'Add connection' }).waitFor();
          await tab.waitForLoadState('networkidle');
          if (run === 0 && tag !== 'bare') rows.push(bytesRow(BEFORE_CLICK, page, tag));
          await tab.getByRole('button', { name: 'Add connection' }).click();
          await waitForTiles(tab);
          return tab.evaluate(() => {
            const w = window as unknown as { __tiles: number; __clicked: number };
            return w.__tiles - w.__clicked;
          });
        }),
      );
      page.close();
    }
    figures[tag] = stats(times.map(round));
  }
  rows.push(bytesRatio(BEFORE_CLICK, rows));
  rows.push(...ratios('script tag', 'only <peliqan-connect-button>: click → tiles painted (goal ≤ 400)', figures));
  return rows;
}

const CREDENTIAL = 'a whole credential connection, English: JS (goal ≤ 27 648)';

/** How a page is served and reached, for the figure at load. */
interface Conditions {
  /** Said after the figure's name. */
  name: string;
  http1?: boolean;
  network?: Network;
}

const CONDITIONS: Conditions[] = [
  { name: '' },
  // Over HTTP/1.1 the loader's files queue six at a time (a CDN speaks HTTP/2): given for comparison.
  { name: ', over HTTP/1.1', http1: true },
  // A phone on a good mobile network: each request 40 ms away, 10 Mbit/s.
  { name: ', 40 ms and 10 Mbit/s away', network: { latency: 40, throughput: 1_250_000 } },
];

/**
 * `<peliqan-connect>` at load: navigation → tiles painted, under each of `CONDITIONS`; and (in the
 * first) the JS of a whole credential connection.
 */
async function connectAtLoad(
  browser: Browser,
  fake: FakePeliqan,
  runs: number,
  conditions: Conditions,
): Promise<Row[]> {
  const rows: Row[] = [];
  const figures = {} as Record<Tag, Figure>;
  const first = conditions === CONDITIONS[0];
  for (const tag of TAGS) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const body = tag === 'bare' ? '' : '<peliqan-connect></peliqan-connect>';
      const page = await site(fake, head(fake, tag, '; floor();'), body, conditions.http1);
      const measure = async (tab: Page) => {
        await waitForTiles(tab);
        const tiles = await tab.evaluate(() => (window as unknown as { __tiles: number }).__tiles);
        if (run === 0 && tag !== 'bare' && first) rows.push(await credentialBytes(tab, page, tag));
        return tiles;
      };
      times.push(await visit(browser, page.url, 1, measure, conditions.network));
      page.close();
    }
    figures[tag] = stats(times.map(round));
  }
  if (first) rows.push(bytesRatio(CREDENTIAL, rows));
  const what = `<peliqan-connect> at load${conditions.name}: navigation → tiles painted`;
  rows.push(...ratios('script tag', `${what} (goal: loader ≤ all-in-one)`, figures));
  return rows;
}

/** Connects Stripe on `tab`; the JavaScript the page loaded for it, gzip -9. */
async function credentialBytes(tab: Page, page: Site, tag: Tag): Promise<Row> {
  await tab.getByRole('button', { name: /Stripe/ }).click();
  await tab.getByRole('textbox', { name: 'Restricted API key' }).fill('rk_live_bench');
  await tab.getByRole('button', { name: 'Connect', exact: true }).click();
  await tab.getByRole('heading', { name: /Connected to Stripe/ }).waitFor({ timeout: 30_000 });
  return bytesRow(CREDENTIAL, page, tag);
}

/** The five figures of issue 26, for the loader, the all-in-one file and a bare page. */
export async function scriptTagFigures(browser: Browser, runs: number): Promise<Row[]> {
  const fake = await startFakePeliqan();
  try {
    const rows = [...(await blocking(browser, fake, runs)), ...(await connectButton(browser, fake, runs))];
    for (const conditions of CONDITIONS) rows.push(...(await connectAtLoad(browser, fake, runs, conditions)));
    return rows;
  } finally {
    await fake.close();
  }
}
