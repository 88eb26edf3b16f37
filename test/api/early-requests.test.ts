import { after, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PeliqanClient } from '../../src/api/index.js';
import type * as earlyRequests from '../../src/api/early-requests.js';
import { adoptEarly, forgetEarlyRequests, startEarlyRequests, withEarlyAnswers } from '../../src/api/early-requests.js';
import { startFirstRequests } from '../../src/api/early-catalogue.js';
import { tokenRequest } from '../../src/api/requests.js';
import { countingFetch, rejection, until, useFake, wait } from '../support/fake.js';

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

describe("Peliqan's catalogue, asked for as soon as an early token is in", () => {
  const catalogueAsked = () => fake.requests.filter((request) => request.route === 'GET /api/servertypes').length;
  /** Until every token asked for is answered, and a while for anything that would follow it. */
  const settled = async (spy: ReturnType<typeof countingFetch>, tokens: number) => {
    await until(() => tokenRequests() === tokens);
    await wait(150);
    return spy;
  };

  test('it goes out before the client asks, and the client takes it: one token, one catalogue', async () => {
    startFirstRequests({ baseUrl: fake.url, tokenUrl: tokenUrl() });
    await until(() => catalogueAsked() === 1);
    const client = new PeliqanClient({ baseUrl: fake.url, tokenUrl: tokenUrl() });
    assert.ok((await client.servertypes()).length > 0);
    assert.deepEqual([tokenRequests(), catalogueAsked()], [1, 1]);
    assert.equal(fake.requests.find((request) => request.route === 'GET /api/servertypes')?.auth, 'customer');
  });

  test('a client that asks while the token is on its way waits for that catalogue rather than asking twice', async () => {
    // The early side reads the token more slowly than the client does (a busy page): the client must wait.
    const slowReader: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const clone = response.clone.bind(response);
      response.clone = () => {
        const copy = clone();
        const json = copy.json.bind(copy);
        copy.json = () => wait(50).then(json);
        return copy;
      };
      return response;
    };
    startFirstRequests({ baseUrl: fake.url, tokenUrl: tokenUrl() }, slowReader);
    const client = new PeliqanClient({ baseUrl: fake.url, tokenUrl: tokenUrl() });
    assert.ok((await client.servertypes()).length > 0);
    await wait(100);
    assert.deepEqual([tokenRequests(), catalogueAsked()], [1, 1]);
  });

  test('the token goes only where it is bound: not to another origin its answer names, nor to a base URL from markup', async () => {
    const spy = countingFetch();
    // The token's answer names another API origin than the element's.
    startFirstRequests({ baseUrl: fake.url, tokenUrl: tokenUrl('https://elsewhere.example') }, spy.fetch);
    // The answer names none: the token is for the base URL set in script, not the element's own (markup).
    startFirstRequests(
      { baseUrl: 'https://hostile.example', tokenBaseUrl: fake.url, tokenUrl: `${tokenUrl('')}&page=2` },
      spy.fetch,
    );
    await settled(spy, 2);
    assert.deepEqual(
      [spy.count('https://elsewhere.example/'), spy.count('https://hostile.example/'), spy.count('/api/')],
      [0, 0, 0],
    );
  });

  test('a token bound to the base URL set in script goes there', async () => {
    const spy = countingFetch();
    startFirstRequests({ baseUrl: `${fake.url}/`, tokenBaseUrl: fake.url, tokenUrl: tokenUrl('') }, spy.fetch);
    await until(() => catalogueAsked() === 1);
    assert.equal(spy.count(`${fake.url}/api/servertypes`), 1);
  });

  test('never over plain http to another machine', async () => {
    const spy = countingFetch();
    startFirstRequests({ baseUrl: 'http://peliqan.example', tokenUrl: tokenUrl('http://peliqan.example') }, spy.fetch);
    await settled(spy, 1);
    assert.equal(spy.count('http://peliqan.example/'), 0);
  });

  test('nothing follows an answer that gives no token: a refusal, a redirect, a token that is not text', async () => {
    const answers: Record<string, [number, Record<string, string>, string]> = {
      '/refused': [401, {}, '{"error": "ERROR_LOGIN"}'],
      '/redirected': [302, { Location: '/elsewhere' }, ''],
      '/elsewhere': [200, {}, JSON.stringify({ token: 'from a login page' })],
      '/number': [200, {}, JSON.stringify({ token: 42 })],
    };
    const endpoint = createServer((request, response) => {
      const [status, headers, body] = answers[request.url ?? ''] ?? [404, {}, ''];
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(body);
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const spy = countingFetch();
    try {
      const origin = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;
      for (const path of ['/refused', '/redirected', '/number']) {
        startFirstRequests({ baseUrl: fake.url, tokenUrl: origin + path }, spy.fetch);
      }
      await until(() => spy.count(origin) === 3);
      await wait(150);
    } finally {
      endpoint.close();
    }
    assert.equal(spy.count('/api/'), 0);
  });

  test('reset() before the token is in: nothing follows for the customer who left', async () => {
    const spy = countingFetch();
    startFirstRequests({ baseUrl: fake.url, tokenUrl: tokenUrl() }, spy.fetch);
    forgetEarlyRequests();
    await settled(spy, 1);
    assert.equal(spy.count('/api/'), 0);
  });

  test('reset() while the token answer is being read: nothing follows, nothing is left to take', async () => {
    const endpoint = createServer((request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' }).flushHeaders();
      setTimeout(() => response.end(JSON.stringify({ token: 'for-the-customer-who-left' })), 150);
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const spy = countingFetch();
    try {
      const slow = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/token`;
      startFirstRequests({ baseUrl: fake.url, tokenUrl: slow }, spy.fetch);
      await wait(60);
      forgetEarlyRequests();
      await wait(300);
    } finally {
      endpoint.close();
    }
    assert.equal(spy.count('/api/'), 0);
  });

  test('a token endpoint that never answers holds up no other request', async () => {
    const endpoint = createServer(() => undefined);
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    try {
      const hanging = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/token`;
      startFirstRequests({ baseUrl: fake.url, tokenUrl: hanging });
      const client = new PeliqanClient({ baseUrl: fake.url, tokenUrl: tokenUrl(), timeout: 1_000 });
      // Another customer's page element: its own token, then the very catalogue the hanging one would bring.
      assert.ok((await client.servertypes()).length > 0);
    } finally {
      forgetEarlyRequests();
      endpoint.closeAllConnections();
      endpoint.close();
    }
  });

  test("with the partner's own catalogue endpoint, that is what is asked for at once, and Peliqan not at all", async () => {
    const spy = countingFetch();
    startFirstRequests({ baseUrl: fake.url, tokenUrl: tokenUrl(), catalogueUrl }, spy.fetch);
    await settled(spy, 1);
    assert.deepEqual([catalogueRequests, spy.count('/api/')], [1, 0]);
  });
});
