import { describe, test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PeliqanPartner, createTokenHandler, toNodeHandler, type Customer } from '../../src/server/index.js';
import { useFake } from '../support/fake.js';

const fake = await useFake();
beforeEach(() => fake.reset());

const servers: Server[] = [];
after(() => servers.forEach((server) => server.close().closeAllConnections()));

const partnerPage = 'https://app.partner.example';

/** A token endpoint over real HTTP, for `who`, that lets the partner's page on another site ask. */
async function endpoint(who: Customer | null = { external_id: 'wood_123' }): Promise<string> {
  const handler = createTokenHandler({
    partner: new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken }),
    identify: () => who,
    allowedOrigins: [partnerPage],
  });
  const server = createServer(toNodeHandler(handler));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/peliqan/token`;
}

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** One request with Node's own client, which sends `Origin` and `Sec-Fetch-Site` as a browser would. */
function send(url: string, method: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

const corsOf = (answer: Answer) =>
  Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name.startsWith('access-control-')));

describe('the token endpoint across sites', () => {
  test("answers the allowed page's preflight for exactly its origin, with credentials", async () => {
    const url = await endpoint();
    const answer = await send(url, 'OPTIONS', {
      Origin: partnerPage,
      'Sec-Fetch-Site': 'cross-site',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,x-csrf-token',
    });
    assert.equal(answer.status, 204);
    assert.equal(answer.body, '');
    assert.equal(answer.headers['access-control-allow-origin'], partnerPage);
    assert.equal(answer.headers['access-control-allow-credentials'], 'true');
    assert.equal(answer.headers['access-control-allow-methods'], 'POST');
    assert.equal(answer.headers['access-control-allow-headers'], 'content-type,x-csrf-token');
    assert.match(String(answer.headers.vary), /\bOrigin\b/);
    assert.equal(fake.requests.length, 0);
  });

  test('mints for the allowed page, and its answers (401 included) carry the CORS headers', async () => {
    const headers = { Origin: partnerPage, 'Sec-Fetch-Site': 'cross-site' };
    const minted = await send(await endpoint(), 'POST', headers);
    assert.equal(minted.status, 200);
    assert.equal(typeof JSON.parse(minted.body).token, 'string');
    assert.deepEqual(corsOf(minted), {
      'access-control-allow-origin': partnerPage,
      'access-control-allow-credentials': 'true',
      // So that the widget can read how long to wait after a 429 or 503.
      'access-control-expose-headers': 'Retry-After',
    });
    assert.match(String(minted.headers.vary), /\bOrigin\b/);
    const nobody = await send(await endpoint(null), 'POST', headers);
    assert.equal(nobody.status, 401);
    assert.equal(nobody.headers['access-control-allow-origin'], partnerPage);
  });

  test('gives other origins no CORS header at all, preflight or not, and mints nothing for them', async () => {
    const url = await endpoint();
    const evil = { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' };
    const preflight = await send(url, 'OPTIONS', { ...evil, 'Access-Control-Request-Method': 'POST' });
    assert.notEqual(preflight.status, 204);
    assert.deepEqual(corsOf(preflight), {});
    const post = await send(url, 'POST', evil);
    assert.equal(post.status, 403);
    assert.deepEqual(corsOf(post), {});
    assert.equal(fake.requests.length, 0);
  });

  test('refuses a same-site page that is neither its own origin nor allowed, like a cross-site one', async () => {
    const url = await endpoint();
    // A sibling subdomain with user content is the same site, but not the partner's page.
    const sibling = await send(url, 'POST', {
      Origin: 'https://uploads.partner.example',
      'Sec-Fetch-Site': 'same-site',
    });
    assert.equal(sibling.status, 403);
    assert.equal(JSON.parse(sibling.body).error, 'ERROR_CROSS_SITE');
    assert.deepEqual(corsOf(sibling), {});
    assert.equal((await send(url, 'POST', { 'Sec-Fetch-Site': 'same-site' })).status, 403);
    assert.equal(fake.requests.length, 0);
    const allowed = await send(url, 'POST', { Origin: partnerPage, 'Sec-Fetch-Site': 'same-site' });
    assert.equal(allowed.status, 200);
    const own = new URL(url).origin;
    const sameOrigin = await send(url, 'POST', { Origin: own, 'Sec-Fetch-Site': 'same-origin' });
    assert.equal(sameOrigin.status, 200);
    // Its own pages need no CORS.
    assert.deepEqual(corsOf(sameOrigin), {});
  });
});
