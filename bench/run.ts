/**
 * `npm run bench`: size, the script tag's cost on a page (loader, all-in-one file, bare page), picker
 * at scale, flow cost and leaks, in Chromium against the fake Peliqan; the token endpoint under
 * bursts, alone and as 4 processes sharing one Redis. The picker, flow, list and leak figures load the
 * widget as partners do by default: the loader, with its files beside it.
 * Prints one table and writes it as JSON to bench/results/. Each figure is the median of several runs,
 * with min and max. Not part of `npm test`: timings depend on the machine.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath, playwrightChromeArgs } from '../scripts/chrome-path.mjs';
import { startFakePeliqan, type FakePeliqan } from '../src/fake/index.js';
import { CEILING, LOADER, LOADER_CEILING, LOADER_TARGET, SCRIPT, TARGET } from '../.size-limit.mjs';
import { scriptTagFigures, serveScriptTag } from './script-tag.js';
import { percentile, round, stats, type Row } from './stats.js';
import { tokenBurst } from './token-burst.js';
import { sharedTokenBurst } from './token-shared.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const root = new URL('..', import.meta.url);
const rows: Row[] = [];

/** A tab; tsx names the functions it compiles with a `__name` helper, which the page needs too. */
async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
  return page;
}

function sizes(name: string, code: Uint8Array): void {
  rows.push(['size', `${name} minified`, code.length, 'B']);
  rows.push(['size', `${name} gzip -9`, gzipSync(code, { level: 9 }).length, 'B']);
  rows.push([
    'size',
    `${name} brotli`,
    brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    'B',
  ]);
}

/** A page on its own origin that loads the script tag (the loader) and one element, configured for the fake. */
async function servePage(fake: FakePeliqan, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    if (serveScriptTag(request.url ?? '/', response)) return;
    if (request.url === '/config.js') {
      return void response
        .writeHead(200, { 'Content-Type': 'text/javascript' })
        .end(
          `PeliqanEmbed.configure({ baseUrl: ${JSON.stringify(fake.url)}, tokenUrl: ${JSON.stringify(`${fake.url}/__fake/token?external_id=bench`)} });`,
        );
    }
    response
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end(
        `<!doctype html><html lang="en"><body><script src="/peliqan-embed.js"></script><script src="/config.js"></script>${body}</body></html>`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/**
 * Picker at scale, as issue 17 defines the figures: the time from the catalogue's answer (its
 * `responseEnd`) to the first frame with tiles, and each real keystroke's Event Timing `duration`
 * (input to next paint, as INP measures it; the API reports only events of 16 ms or more, so a
 * keystroke it does not report took less). Playwright types into the search field like a person.
 */
async function pickerAtScale(browser: Browser, count: number): Promise<void> {
  const paint: number[] = [];
  const p95s: number[] = [];
  const medians: number[] = [];
  const typed = 'connector 0012 post';
  for (let run = 0; run < RUNS; run++) {
    const fake = await startFakePeliqan({ catalogue: count });
    const { url, server } = await servePage(fake, '<peliqan-connector-picker></peliqan-connector-picker>');
    const page = await newPage(browser);
    await page.addInitScript(() => {
      const bench = window as unknown as { __painted?: number; __events: PerformanceEventTiming[] };
      bench.__events = [];
      new PerformanceObserver((list) =>
        bench.__events.push(...(list.getEntries() as PerformanceEventTiming[])),
      ).observe({
        type: 'event',
        durationThreshold: 16,
        buffered: true,
      } as PerformanceObserverInit);
      // The first frame after the tiles are in the page.
      new MutationObserver((_, observer) => {
        const picker = document.querySelector('peliqan-connector-picker');
        if (picker?.getAttribute('state') !== 'ready' || !picker.shadowRoot?.querySelector('[part="tile"]')) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (bench.__painted = performance.now())));
      }).observe(document, { subtree: true, attributes: true, childList: true, attributeFilter: ['state'] });
    });
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __painted?: number }).__painted !== undefined, undefined, {
      timeout: 120_000,
    });
    paint.push(
      await page.evaluate(() => {
        const answered = performance
          .getEntriesByType('resource')
          .find((entry) => entry.name.includes('/api/servertypes')) as PerformanceResourceTiming;
        return (window as unknown as { __painted: number }).__painted - answered.responseEnd;
      }),
    );
    const search = page.getByRole('searchbox');
    await search.click();
    // Type, then clear it key by key: every keystroke a real one.
    for (const key of [...typed]) await page.keyboard.type(key, { delay: 40 });
    for (let index = 0; index < typed.length; index++) await page.keyboard.press('Backspace', { delay: 40 });
    await page.waitForTimeout(300);
    const durations = await page.evaluate(() =>
      (window as unknown as { __events: PerformanceEventTiming[] }).__events
        .filter((entry) => entry.name === 'keydown' || entry.name === 'input' || entry.name === 'keypress')
        .map((entry) => ({ at: entry.startTime, duration: entry.duration })),
    );
    // One figure per keystroke: its longest event; keystrokes the API did not report took < 16 ms.
    const keystrokes = typed.length * 2;
    const reported = [...new Map(durations.map((entry) => [Math.round(entry.at), entry.duration])).values()];
    const all = [...reported, ...Array<number>(Math.max(0, keystrokes - reported.length)).fill(15)];
    p95s.push(percentile(all, 0.95));
    medians.push(percentile(all, 0.5));
    await page.close();
    server.close();
    await fake.close();
  }
  const label = `${count} connectors`;
  rows.push(['picker', `${label}: catalogue answer → tiles painted`, stats(paint.map(round)), 'ms']);
  rows.push(['picker', `${label}: keystroke, Event Timing duration p95 (≤ 15 = not reported)`, stats(p95s), 'ms']);
  rows.push(['picker', `${label}: keystroke, Event Timing duration median`, stats(medians), 'ms']);
}

/** Requests made by a whole credential connection, counted at the fake. */
async function credentialFlow(browser: Browser): Promise<void> {
  const requests: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const fake = await startFakePeliqan({ faults: { testDelay: 1500 } });
    const { url, server } = await servePage(fake, '<peliqan-connect servertype="stripe"></peliqan-connect>');
    const page = await newPage(browser);
    await page.goto(url);
    await page.getByRole('textbox', { name: 'Restricted API key' }).fill('rk_live_bench');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('heading', { name: /Connected to Stripe/ }).waitFor({ timeout: 30_000 });
    // The fake's request log has the token minted for the page (`POST /__fake/token`) too.
    requests.push(fake.requests.length);
    if (run === 0) {
      const byRoute = new Map<string, number>();
      for (const request of fake.requests) byRoute.set(request.route, (byRoute.get(request.route) ?? 0) + 1);
      rows.push([
        'flow',
        'credential connection: requests by kind',
        [...byRoute].map(([route, n]) => `${route} ${n}`).join(', '),
        '',
      ]);
    }
    await page.close();
    server.close();
    await fake.close();
  }
  rows.push(['flow', 'credential connection: requests in all (connection test 1.5 s)', stats(requests), 'requests']);
}

/** Requests of a whole OAuth connection, and the time from the sign-in window closing to peliqan-connected. */
async function oauthFlow(browser: Browser): Promise<void> {
  const requests: number[] = [];
  const closedToConnected: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const fake = await startFakePeliqan();
    const { url, server } = await servePage(fake, '<peliqan-connect servertype="hubspot"></peliqan-connect>');
    const page = await newPage(browser);
    let connectedAt = 0;
    await page.exposeFunction('__benchConnected', () => (connectedAt = Date.now()));
    await page.addInitScript(() =>
      document.addEventListener('peliqan-connected', () =>
        (window as unknown as { __benchConnected(): void }).__benchConnected(),
      ),
    );
    await page.goto(url);
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Connect HubSpot' }).click(),
    ]);
    let closedAt = 0;
    popup.on('close', () => (closedAt = Date.now()));
    // Allow: the provider's page says so and closes itself (as real providers' callback pages do).
    await popup.getByRole('button', { name: 'Allow' }).click();
    await page.getByRole('heading', { name: /Connected to HubSpot/ }).waitFor({ timeout: 30_000 });
    if (closedAt && connectedAt) closedToConnected.push(connectedAt - closedAt);
    requests.push(fake.requests.length);
    if (run === 0) {
      const byRoute = new Map<string, number>();
      for (const request of fake.requests) byRoute.set(request.route, (byRoute.get(request.route) ?? 0) + 1);
      const kinds = [...byRoute].map(([route, n]) => `${route} ${n}`).join(', ');
      rows.push(['flow', 'OAuth connection: requests by kind', kinds, '']);
    }
    await page.close();
    server.close();
    await fake.close();
  }
  rows.push(['flow', 'OAuth connection: requests in all', stats(requests), 'requests']);
  rows.push([
    'flow',
    'OAuth: sign-in window closed (status OK) → peliqan-connected (goal ≤ 1 000)',
    stats(closedToConnected),
    'ms',
  ]);
}

/**
 * Requests per minute of a page showing the list of 20 connections, 5 of them pending: in the first
 * minute, the second (backed off), and while the page is hidden (goal 0). Puppeteer, because only a
 * real background tab has `document.visibilityState` hidden (Playwright keeps every page visible).
 */
async function listPolling(): Promise<void> {
  const fake = await startFakePeliqan();
  // Every fourth one pending: 5 of 20.
  const states = ['OK', 'ERROR', 'DISABLED', null];
  for (let index = 0; index < 20; index++) {
    const health_status = states[index % states.length]!;
    fake.seedConnection({ externalId: 'bench', servertype: 'stripe', name: `Connection ${index + 1}`, health_status });
  }
  const { url, server } = await servePage(fake, '<peliqan-connections></peliqan-connections>');
  const browser = await puppeteer.launch({ executablePath: chromePath(), args: chromeArgs });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('peliqan-connections')?.getAttribute('state') === 'ready');
    const count = () => fake.requests.filter((request) => request.route === 'GET /api/server/:id').length;
    const minute = async (ms = 60_000) => {
      const before = count();
      await new Promise((resolve) => setTimeout(resolve, ms));
      return Math.round(((count() - before) * 60_000) / ms);
    };
    rows.push(['list', '20 connections, 5 pending: status checks in the first minute', await minute(), '/min']);
    rows.push([
      'list',
      '… in the second minute (at most one per pending connection per 10 s: 30)',
      await minute(),
      '/min',
    ]);
    const cover = await browser.newPage();
    await cover.bringToFront();
    rows.push(['list', '… while the page is hidden (goal 0)', await minute(30_000), '/min']);
    const before = count();
    await cover.close();
    await page.bringToFront();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    rows.push(['list', '… checks within 1 s of the page showing again', count() - before, 'requests']);
  } finally {
    await browser.close();
    server.close();
    await fake.close();
  }
}

/** Heap, listeners and timers after many mount/unmount cycles of each element, through the DevTools Protocol. */
async function leaks(browser: Browser, page: Page, tag: string, attributes: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? 0;
    const timers = await page.evaluate(() => (window as unknown as { __timers: Set<number> }).__timers.size);
    return { heap: metric('JSHeapUsedSize'), listeners: metric('JSEventListeners'), nodes: metric('Nodes'), timers };
  };
  const cycle = (times: number) =>
    page.evaluate(
      async ({ tag, attributes, times }) => {
        for (let index = 0; index < times; index++) {
          const holder = document.createElement('div');
          holder.innerHTML = `<${tag} ${attributes}></${tag}>`;
          document.body.append(holder);
          // The loader brings an element's code when the first one appears: count from there on.
          await customElements.whenDefined(tag);
          const element = holder.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
          // Let it reach a resting state (catalogue shown, form rendered) before taking it away.
          while (element.getAttribute('state') === 'loading') await new Promise((resolve) => setTimeout(resolve, 5));
          await element.updateComplete;
          holder.remove();
        }
      },
      { tag, attributes, times },
    );
  // The first 100 cycles warm the engine up (compiled code, caches); the 500 after them are compared.
  await cycle(100);
  const early = await measure();
  await cycle(500);
  const late = await measure();
  rows.push(['leaks', `${tag}: heap growth per cycle (cycles 100→600)`, round((late.heap - early.heap) / 500), 'B']);
  rows.push([
    'leaks',
    `${tag}: listeners / DOM nodes / live timers after 600`,
    `${late.listeners - early.listeners} / ${late.nodes - early.nodes} / ${late.timers} (change since cycle 100)`,
    '',
  ]);
  void browser;
}

/** Mount/unmount cycles of each element, counting heap, listeners, nodes and live timers. */
async function leakRows(browser: Browser): Promise<void> {
  const fake = await startFakePeliqan();
  const { url, server } = await servePage(fake, '');
  const page = await newPage(browser);
  // Count the timers the widget leaves running: wrap setTimeout/setInterval before any script runs.
  await page.addInitScript(() => {
    const live = new Set<number>();
    (window as unknown as { __timers: Set<number> }).__timers = live;
    const wrap = (set: typeof setTimeout, clear: typeof clearTimeout, once: boolean) => {
      window[set.name as 'setTimeout'] = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
        const id: number = set(
          (...args: unknown[]) => {
            if (once) live.delete(id);
            if (typeof handler === 'function') handler(...args);
          },
          ms,
          ...rest,
        ) as unknown as number;
        live.add(id);
        return id;
      }) as typeof setTimeout;
      window[clear.name as 'clearTimeout'] = ((id?: number) => {
        live.delete(id as number);
        clear(id);
      }) as typeof clearTimeout;
    };
    wrap(setTimeout, clearTimeout, true);
    wrap(setInterval as unknown as typeof setTimeout, clearInterval as unknown as typeof clearTimeout, false);
  });
  await page.goto(url);
  await leaks(browser, page, 'peliqan-connector-picker', '');
  await leaks(browser, page, 'peliqan-connect-form', 'servertype="postgres"');
  await leaks(browser, page, 'peliqan-connect', '');
  await leaks(browser, page, 'peliqan-connections', '');
  await page.close();
  server.close();
  await fake.close();
}

async function main(): Promise<void> {
  sizes(`${LOADER} (the loader)`, readFileSync(new URL(LOADER, root)));
  sizes(`${SCRIPT} (the all-in-one file)`, readFileSync(new URL(SCRIPT, root)));
  const esm = await esbuild.build({
    entryPoints: [new URL('dist/index.js', root).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    conditions: ['production'],
    logLevel: 'silent',
  });
  sizes('ESM entry with lit and zod bundled', esm.outputFiles[0]!.contents);
  rows.push(['size', `target for ${LOADER} gzip -9 (reported)`, LOADER_TARGET, 'B']);
  rows.push(['size', `ceiling for ${LOADER} gzip -9 (npm test)`, LOADER_CEILING, 'B']);
  rows.push(['size', `target for ${SCRIPT} gzip -9 (reported)`, TARGET, 'B']);
  rows.push(['size', `ceiling for ${SCRIPT} gzip -9 (npm test)`, CEILING, 'B']);

  // The popup blocker on, as in every browser (Playwright turns it off by default).
  const browser = await chromium.launch({
    ignoreDefaultArgs: ['--disable-popup-blocking'],
    executablePath: chromePath(),
    args: playwrightChromeArgs,
  });
  // BENCH_ONLY=tag,picker,flow,list,leaks,burst,shared (any of them) for quick before/after runs; all by default.
  const only = (process.env.BENCH_ONLY ?? 'tag,picker,flow,list,leaks,burst,shared').split(',');
  try {
    // First, while nothing else has run in this browser: the script tag's figures need a quiet machine.
    if (only.includes('tag')) rows.push(...(await scriptTagFigures(browser, Math.max(RUNS, 5))));
    if (only.includes('burst')) rows.push(...(await tokenBurst()));
    if (only.includes('shared')) rows.push(...(await sharedTokenBurst()));
    const counts = (process.env.BENCH_COUNTS ?? '250,2000,10000').split(',').map(Number);
    if (only.includes('picker')) for (const count of counts) await pickerAtScale(browser, count);
    if (only.includes('flow')) {
      await credentialFlow(browser);
      await oauthFlow(browser);
    }
    if (only.includes('list')) await listPolling();
    if (only.includes('leaks')) await leakRows(browser);
  } finally {
    await browser.close();
  }

  const show = (value: Row[2]) =>
    typeof value === 'object' ? `${value.median} (min ${value.min}, max ${value.max})` : String(value);
  const width = Math.max(...rows.map(([, what]) => what.length));
  console.log(`peliqan-embed bench — ${new Date().toISOString()} — ${RUNS} runs, median (min, max)\n`);
  let group = '';
  for (const [rowGroup, what, value, unit] of rows) {
    if (rowGroup !== group) console.log(`\n[${(group = rowGroup)}]`);
    console.log(`  ${what.padEnd(width)}  ${show(value)} ${unit}`);
  }
  mkdirSync(new URL('bench/results/', root), { recursive: true });
  const file = new URL(`bench/results/${new Date().toISOString().slice(0, 10)}.json`, root);
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, node: process.version, rows: rows.map(([g, what, value, unit]) => ({ group: g, what, value, unit })) }, null, 2)}\n`,
  );
  console.log(`\nWritten to ${file.pathname}`);
}

await main();
