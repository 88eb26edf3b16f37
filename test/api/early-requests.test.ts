import { after, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PeliqanClient } from '../../src/api/index.js';
import type * as earlyRequests from '../../src/api/early-requests.js';
import {
  adoptEarly,
  forgetEarlyRequests,
  startEarlyRequests,
  tokenRequest,
  withEarlyAnswers,
} from '../../src/api/early-requests.js';
import { rejection, useFake } from '../support/fake.js';

const fake = await useFake();
const tokenUrl = (answer?: string) =>
  `${fake.url}/__fake/token?external_id=early${answer === undefined ? '' : `&base_url=${encodeURIComponent(answer)}`}`;
const tokenRequests = () => fake.requests.filter((request) => request.route === 'POST /__fake/token').length;

/** The partner's catalogue endpoint (`createCatalogueHandler`'s stand-in), counting its requests. */
let catalogueRequests = 0;
const catalogue = createServer((request, response) => {
  catalogueRequests++;
  response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify([{ id: 1, name: 'Stripe' }]));
});
await new Promise<void>((resolve) => catalogue.listen(0, '127.0.0.1', resolve));
const catalogueUrl = `http://127.0.0.1:${(catalogue.address() as AddressInfo).port}/peliqan/catalogue`;
after(() => catalogue.close());

beforeEach(() => {
  fake.reset();
  forgetEarlyRequests();
  catalogueRequests = 0;
});

describe('requests started before the client is there (the loader, a hovered button)', () => {
  test('the token request started early is the one the client uses: one token request in all', async () => {
    startEarlyRequests({ tokenUrl: tokenUrl() });
    assert.equal(tokenRequests(), 0, 'not answered yet, but on its way');
    const client = new PeliqanClient({ baseUrl: fake.url, tokenUrl: tokenUrl() });
    const connectors = await client.servertypes();
    assert.ok(connectors.length > 0);
    assert.equal(tokenRequests(), 1);
    assert.equal(fake.requests.find((request) => request.path === '/api/servertypes')?.auth, 'customer');
  });

  test('an early answer is taken once: the next token source asks again', async () => {
    startEarlyRequests({ tokenUrl: tokenUrl() });
    await new PeliqanClient({ baseUrl: fake.url, tokenUrl: tokenUrl() }).tokens.get();
    await new PeliqanClient({ baseUrl: fake.url, tokenUrl: tokenUrl() }).tokens.get();
    assert.equal(tokenRequests(), 2);
  });

  test('the early token keeps its binding: an answer naming another API origin sends nothing there', async () => {
    startEarlyRequests({ tokenUrl: tokenUrl('https://elsewhere.example') });
    const client = new PeliqanClient({ baseUrl: fake.url, tokenUrl: tokenUrl('https://elsewhere.example') });
    const error = await rejection(client.listConnections());
    assert.equal(error.code, 'invalid-config');
    assert.equal(tokenRequests(), 1, 'the early request was the one read');
    assert.deepEqual(
      fake.requests.filter((request) => request.path.startsWith('/api/')),
      [],
    );
  });

  test('reset() forgets an early token: another customer gets a token of their own', async () => {
    startEarlyRequests({ tokenUrl: tokenUrl() });
    forgetEarlyRequests();
    await new PeliqanClient({ baseUrl: fake.url, tokenUrl: tokenUrl() }).tokens.get();
    assert.equal(tokenRequests(), 2, 'the forgotten one and a fresh one');
  });

  test('a ready token or a provider comes first: no token request is started for them', () => {
    assert.deepEqual(startEarlyRequests({ tokenUrl: tokenUrl(), token: 'ready' }), []);
    assert.deepEqual(startEarlyRequests({ tokenUrl: tokenUrl(), tokenProvider: async () => 't' }), []);
  });

  test("the partner's catalogue starts early too, and the client reads that answer", async () => {
    startEarlyRequests({ tokenUrl: tokenUrl(), catalogueUrl });
    const client = new PeliqanClient({ baseUrl: fake.url, tokenUrl: tokenUrl(), catalogueUrl });
    const connectors = await client.servertypes();
    assert.deepEqual(
      connectors.map((connector) => connector.name),
      ['Stripe'],
    );
    assert.equal(catalogueRequests, 1);
  });

  test('requests made by another copy of the module (the loader) are taken over', async () => {
    // The loader bundles its own copy of this module; it hands its requests over once the code is in.
    const specifier = '../../src/api/early-requests.js?loader';
    const loaderCopy = (await import(specifier)) as typeof earlyRequests;
    adoptEarly(loaderCopy.startEarlyRequests({ tokenUrl: tokenUrl() }));
    await new PeliqanClient({ baseUrl: fake.url, tokenUrl: tokenUrl() }).tokens.get();
    assert.equal(tokenRequests(), 1);
  });

  test('only the very same request is answered early: a refresh after a refused token asks anew', async () => {
    startEarlyRequests({ tokenUrl: tokenUrl() });
    const refresh = withEarlyAnswers(fetch);
    const answer = await refresh(tokenUrl(), tokenRequest('same-origin', true));
    assert.equal(answer.ok, true);
    assert.equal(tokenRequests(), 2);
  });

  test('an answer older than a minute is not taken (the element it was for never came)', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    startEarlyRequests({ tokenUrl: tokenUrl() });
    t.mock.timers.tick(60_001);
    await new PeliqanClient({ baseUrl: fake.url, tokenUrl: tokenUrl() }).tokens.get();
    assert.equal(tokenRequests(), 2);
  });

  test("the caller's abort ends its wait for an early answer", async () => {
    const slow = withEarlyAnswers(fetch);
    startEarlyRequests({ tokenUrl: tokenUrl() }, () => new Promise<Response>(() => undefined));
    const controller = new AbortController();
    const waiting = slow(tokenUrl(), { ...tokenRequest('same-origin'), signal: controller.signal });
    controller.abort(new DOMException('gone', 'AbortError'));
    await assert.rejects(waiting, { name: 'AbortError' });
  });
});
