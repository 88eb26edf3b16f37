/**
 * `npm start`: the demo, with everything it needs and no Peliqan account — the fake Peliqan (API and
 * OAuth provider), a small partner back end that mints tokens through `peliqan-embed/server`, and the
 * widget's script built from source on each load.
 * With PELIQAN_BASE_URL and PELIQAN_PARTNER_TOKEN set, the same demo runs on a real Peliqan account.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScriptTag } from '../scripts/build-script-tag.mjs';
import { startFakePeliqan, type FakePeliqan } from '../src/fake/index.js';
import { isAllowedHostHeader } from '../src/protocol/loopback.js';
import { PeliqanPartner, createCatalogueHandler, createTokenHandler, toNodeHandler } from '../src/server/index.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? 'localhost';
const origin = `http://${host}:${port}`;
const customer = {
  external_id: 'demo_customer',
  first_name: 'Ann',
  last_name: 'de Vries',
  email: 'ann@acme.example',
  company_name: 'Acme Bakeries',
};

let fake: FakePeliqan | undefined;
let baseUrl = process.env.PELIQAN_BASE_URL;
let partnerToken = process.env.PELIQAN_PARTNER_TOKEN;
if (!baseUrl || !partnerToken) {
  fake = await startFakePeliqan({
    port: Number(process.env.PELIQAN_FAKE_PORT ?? 4010),
    oauthPort: Number(process.env.PELIQAN_FAKE_OAUTH_PORT ?? 4011),
    allowedOrigins: [origin, `http://127.0.0.1:${port}`, `http://localhost:${port}`],
  });
  baseUrl = fake.url;
  partnerToken = fake.partnerToken;
}
const partner = new PeliqanPartner({ baseUrl, partnerToken });

/** Badges the page shows beside the list: seeded connections, by id. */
let badges: { id: number; label: string }[] = [];

/**
 * The demo customer's connections in every state the list shows, on the fake only: working ones, a
 * pending one that turns connected after 20 s, one whose sign-in was revoked, a disabled one, and
 * earlier failed attempts folded behind the newest.
 */
function seedDemo(target: FakePeliqan): void {
  const seed = (servertype: string, name: string, health_status: string | null, health_message?: string) =>
    target.seedConnection({ externalId: customer.external_id, servertype, name, health_status, health_message });
  seed('pipedrive', 'Sales pipeline', 'ERROR', 'Authentication failed: the API token was rejected');
  seed('pipedrive', 'Sales pipeline', 'ERROR', 'Authentication failed: the API token was rejected');
  const sales = seed('pipedrive', 'Sales pipeline', 'OK');
  seed('mailchimp', 'Newsletter', 'DISABLED', 'Disabled by an administrator of your Peliqan account');
  const accounting = seed('exact_online', 'Accounting', 'ERROR', 'The refresh token was revoked: sign in again');
  const orders = seed('shopify', 'Webshop orders', null);
  // The first sync takes a while: the pending row and its badge turn connected on their own.
  setTimeout(() => {
    orders.health_status = 'OK';
  }, 20_000).unref();
  badges = [
    { id: sales.id, label: 'Sales pipeline' },
    { id: orders.id, label: 'Webshop orders' },
    { id: accounting.id, label: 'Accounting' },
  ];
}
if (fake) seedDemo(fake);

/**
 * The script tag exactly as `npm run build` makes it (the loader, its chunks and the all-in-one file), built
 * from source and unminified; built again each time the page is loaded, so an edit shows on reload.
 */
let scriptTag = await buildScriptTag({ minify: false });

/**
 * The partner's token endpoint, exactly as a partner would mount it. The demo has one logged-in customer;
 * a real back end reads its own session here.
 */
const token = toNodeHandler(
  createTokenHandler({
    partner,
    identify: () => customer,
    onError: (error) => console.error('Token endpoint:', error instanceof Error ? error.message : error),
  }),
);

/** The connector catalogue, read once with the partner token and cached for every customer. */
const catalogue = toNodeHandler(
  createCatalogueHandler({
    partner,
    onError: (error) => console.error('Catalogue endpoint:', error instanceof Error ? error.message : error),
  }),
);

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

function send(response: ServerResponse, status: number, body: string | Uint8Array, type: string): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    // The demo runs under the strict policy the widget promises to work with (product spec §6).
    'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' ${baseUrl} data:; connect-src 'self' ${baseUrl}`,
  });
  response.end(body);
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', origin).pathname;
  if (path === '/peliqan/token') return token(request, response);
  if (path === '/peliqan/catalogue') return catalogue(request, response);
  if (path === '/demo/reset' && request.method === 'POST' && fake) {
    fake.reset();
    seedDemo(fake);
    return send(response, 204, '', 'text/plain');
  }
  if (path === '/') scriptTag = await buildScriptTag({ minify: false });
  const built = scriptTag.get(path.slice(1));
  if (built !== undefined) {
    return send(response, 200, built, types[extname(path)] ?? 'application/octet-stream');
  }
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (!file.startsWith(root) || file.endsWith('.ts')) return send(response, 404, 'Not found', 'text/plain');
  try {
    let body: string | Buffer = await readFile(file);
    if (file.endsWith('index.html')) {
      body = body
        .toString()
        .replaceAll('%PELIQAN_BASE_URL%', baseUrl!)
        .replaceAll('%PELIQAN_FAKE_CONTROLS%', fake ? fake.url : '')
        .replaceAll('%DEMO_BADGES%', escapeAttribute(JSON.stringify(badges)));
    }
    send(response, 200, body, types[extname(file)] ?? 'application/octet-stream');
  } catch {
    send(response, 404, 'Not found', 'text/plain');
  }
}

const server = createServer((request, response) => {
  // A website rebound to 127.0.0.1 (DNS rebinding) sends its own name: it must not be minted a token.
  if (!isAllowedHostHeader(request.headers.host, [host])) {
    const refusal = `The demo answers requests to this machine only (localhost, 127.0.0.1, [::1]) or to HOST (${host}).`;
    return send(response, 403, refusal, 'text/plain');
  }
  handle(request, response).catch((error: unknown) => {
    console.error(error);
    if (!response.headersSent) send(response, 500, 'Demo server error', 'text/plain');
  });
});
server.listen(port, host, () => {
  console.log(`peliqan-embed demo   ${origin}
Peliqan API          ${baseUrl}${fake ? `   (local fake; OAuth provider ${fake.oauthUrl})` : '   (real account from PELIQAN_BASE_URL)'}
Token endpoint       POST ${origin}/peliqan/token
Catalogue endpoint   GET ${origin}/peliqan/catalogue
Press Ctrl+C to stop.`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void Promise.resolve(fake?.close()).then(() => process.exit(0));
  });
}
