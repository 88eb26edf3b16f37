/**
 * A partner's site for the script tag's end-to-end tests: it serves the built `dist/` under `/static/`
 * (so that files are found from the script's URL, not the page's), under the strict policy the widget
 * promises to work with — `script-src 'self'`, optionally with Trusted Types — and logs what it served.
 * A test writes the pages it needs; `missing` answers 404 for files (a CDN half deployed), `slow` delays
 * them (a far-away CDN).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { listen } from './harness.js';
import type { FakePeliqan } from '../../src/fake/index.js';

const dist = new URL('../../dist/', import.meta.url);

/** The policy of the site: `trusted` adds Trusted Types, with Lit's policy the only one allowed. */
export function policy(fake: FakePeliqan, trusted: boolean): string {
  const base = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' ${fake.url}; connect-src 'self' ${fake.url}`;
  return trusted ? `${base}; require-trusted-types-for 'script'; trusted-types lit-html` : base;
}

/** Scripts every page may use (a page may not run inline script under its policy). */
const scripts = (fake: FakePeliqan): Record<string, string> => ({
  // What went wrong on the page, for the test to read.
  '/watch.js': `window.__violations = []; window.__errors = []; window.__events = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
    window.addEventListener('unhandledrejection', (e) => window.__errors.push('unhandled rejection: ' + String(e.reason)));
    document.addEventListener('peliqan-error', (e) => window.__events.push({ type: e.type, target: e.target.localName || '#document', detail: e.detail }));
    window.__defined = {};
    for (const tag of ['peliqan-connect', 'peliqan-connector-picker', 'peliqan-connect-button']) customElements.whenDefined(tag).then(() => (window.__defined[tag] = performance.now()));`,
  '/mark.js': 'window.__first = window.PeliqanEmbed;',
  '/config.js': `PeliqanEmbed.configure({ baseUrl: ${JSON.stringify(fake.url)}, tokenUrl: ${JSON.stringify(`${fake.url}/__fake/token?external_id=script_tag`)} });`,
});

export interface Page {
  /** Script URLs for `<head>`, in order; `module` loads them as `type="module"` (all of them, to keep their order). */
  head: string[];
  body?: string;
  module?: boolean;
  lang?: string;
}

export interface Site {
  origin: string;
  /** Paths served, in order (without the origin). */
  served: string[];
  /** Paths answered 404, by prefix. */
  missing: Set<string>;
  /** Paths answered late, by prefix: how many milliseconds. */
  slow: Map<string, number>;
  /** Serves `page` at `path` (with Trusted Types when `trusted`). */
  page(path: string, page: Page, trusted?: boolean): string;
  /** Serves a script of the page's own at `path`. */
  script(path: string, source: string): void;
  /** The script-tag files served so far (`/static/…` without the prefix). */
  staticServed(): string[];
  close(): void;
}

export async function startSite(fake: FakePeliqan): Promise<Site> {
  const pages = new Map<string, { html: string; trusted: boolean }>();
  const served: string[] = [];
  const missing = new Set<string>();
  const slow = new Map<string, number>();
  const own = scripts(fake);
  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const delay = [...slow].find(([prefix]) => path.startsWith(prefix))?.[1];
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    served.push(path);
    const page = pages.get(path);
    const headers = { 'Content-Security-Policy': policy(fake, page?.trusted ?? true), 'Cache-Control': 'no-store' };
    const file = path.startsWith('/static/') && new URL(path.slice('/static/'.length), dist);
    if ([...missing].some((prefix) => path.startsWith(prefix))) return void response.writeHead(404, headers).end();
    if (file && existsSync(file)) {
      return void response.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(readFileSync(file));
    }
    if (own[path])
      return void response.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(own[path]);
    if (page) return void response.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(page.html);
    // Browsers ask for it on every first visit; its 404 would read as an error in the console.
    if (path === '/favicon.ico') return void response.writeHead(204, headers).end();
    response.writeHead(404, headers).end();
  });
  const origin = await listen(server);
  return {
    origin,
    served,
    missing,
    slow,
    page(path, { head, body = '', module = false, lang = 'en' }, trusted = true) {
      // Modules run in order after parsing: the page's own scripts are modules too, to run after the tag.
      const tag = (src: string) =>
        module ? `<script type="module" src="${src}"></script>` : `<script src="${src}"></script>`;
      const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Partner</title>
        <script src="/watch.js"></script>${head.map(tag).join('')}</head><body>${body}</body></html>`;
      pages.set(path, { html, trusted });
      return origin + path;
    },
    script: (path, source) => void (own[path] = source),
    staticServed: () => served.filter((path) => path.startsWith('/static/')).map((path) => path.slice(8)),
    close: () => server.close(),
  };
}

/** The files of each module of the script tag, as the build told the loader (`dist/chunks/manifest.json`). */
export const chunkFiles = (): Record<string, string[]> =>
  JSON.parse(readFileSync(new URL('chunks/manifest.json', dist), 'utf8')) as Record<string, string[]>;
