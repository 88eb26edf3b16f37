/**
 * Issue 15, the widget's client: where the token and typed credentials may go, what a path may hold,
 * the token endpoint on another origin, and a rate-limited token endpoint.
 */
import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PeliqanClient, acquireClient, resetClients } from '../../src/api/index.js';
import { rejection, useFake } from '../support/fake.js';

const fake = await useFake();
beforeEach(() => fake.reset());

/** A fetch that records every call and answers with `answer` (or the real network). */
function recordingFetch(answer?: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    calls.push({ url, init });
    return answer ? answer(url, init) : fetch(input, init);
  };
  return { calls, fetcher };
}

describe('the base URL decides where the token goes (point 5)', () => {
  for (const baseUrl of ['http://peliqan.example', 'ftp://peliqan.example', 'javascript:alert(1)', 'not a url']) {
    test(`refuses ${baseUrl} with invalid-config before any request, the token's included`, async () => {
      const { calls, fetcher } = recordingFetch();
      const api = new PeliqanClient({ baseUrl, tokenUrl: `${fake.url}/__fake/token`, fetch: fetcher });
      assert.equal((await rejection(api.listConnections())).code, 'invalid-config');
      assert.deepEqual(calls, []);
    });
  }

  test('takes https anywhere, and plain http on localhost and 127.0.0.1', async () => {
    const answer = () => new Response('[]', { headers: { 'Content-Type': 'application/json' } });
    for (const baseUrl of ['https://app.eu.peliqan.io', 'http://localhost:4010', 'http://127.0.0.1:4010']) {
      const { calls, fetcher } = recordingFetch(answer);
      await new PeliqanClient({ baseUrl, token: 't', fetch: fetcher }).listConnections();
      assert.equal(calls[0]?.url, `${baseUrl}/api/servers`);
    }
  });
});

describe('ids in paths (point 8)', () => {
  for (const id of ['..', '../servers', '1/logs', '1?x=2', '%2e%2e', '']) {
    test(`refuses the id ${JSON.stringify(id)} without a request`, async () => {
      const { calls, fetcher } = recordingFetch();
      const api = new PeliqanClient({ baseUrl: fake.url, tokenUrl: `${fake.url}/__fake/token`, fetch: fetcher });
      assert.equal((await rejection(api.connection(id))).code, 'invalid-config');
      assert.equal((await rejection(api.logs(id))).code, 'invalid-config');
      assert.deepEqual(calls, []);
    });
  }

  test('takes digits and slugs', async () => {
    const { id } = fake.seedConnection({ externalId: 'acme', servertype: 'stripe' });
    const api = new PeliqanClient({ baseUrl: fake.url, tokenUrl: `${fake.url}/__fake/token?external_id=acme` });
    assert.equal((await api.connection(id)).id, id);
    assert.equal((await api.connection(String(id))).id, id);
    assert.equal((await rejection(api.connection('no_such-slug'))).status, 404);
  });
});

describe('the token endpoint (points 4 and 9)', () => {
  const json = (body: unknown, init: ResponseInit = {}) =>
    new Response(JSON.stringify(body), { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });

  test('sends the partner\'s cookies to another origin only with tokenCredentials: "include"', async () => {
    for (const tokenCredentials of [undefined, 'include'] as const) {
      const { calls, fetcher } = recordingFetch((url) => (url.includes('/token') ? json({ token: 't' }) : json([])));
      await new PeliqanClient({
        baseUrl: fake.url,
        tokenUrl: 'https://api.partner.example/token',
        tokenCredentials,
        fetch: fetcher,
      }).listConnections();
      assert.equal(calls[0]?.init?.credentials, tokenCredentials ?? 'same-origin');
    }
  });

  test('reads a redirect to a login page as unauthorized, not as an answer it does not understand', async () => {
    const { fetcher } = recordingFetch(() => {
      const page = new Response('<html>Log in</html>', { headers: { 'Content-Type': 'text/html' } });
      Object.defineProperty(page, 'redirected', { value: true });
      Object.defineProperty(page, 'url', { value: 'https://partner.example/login' });
      return page;
    });
    const api = new PeliqanClient({ baseUrl: fake.url, tokenUrl: 'https://partner.example/token', fetch: fetcher });
    const error = await rejection(api.listConnections());
    assert.equal(error.code, 'unauthorized');
    assert.match(error.message, /login/);
  });

  test('waits out one 429 with its Retry-After, then gets the token', async () => {
    let asked = 0;
    const started = Date.now();
    const { fetcher } = recordingFetch((url) => {
      if (!url.includes('/token')) return json([]);
      asked++;
      return asked === 1 ? json({}, { status: 429, headers: { 'Retry-After': '1' } }) : json({ token: 't' });
    });
    await new PeliqanClient({
      baseUrl: fake.url,
      tokenUrl: 'https://partner.example/token',
      fetch: fetcher,
    }).listConnections();
    assert.equal(asked, 2);
    assert.ok(Date.now() - started >= 950, 'waited the second it was asked to');
  });

  test('a second 429 is an error to show, not another wait', async () => {
    const { fetcher } = recordingFetch(() => json({}, { status: 429, headers: { 'Retry-After': '0' } }));
    const error = await rejection(
      new PeliqanClient({
        baseUrl: fake.url,
        tokenUrl: 'https://partner.example/token',
        fetch: fetcher,
      }).listConnections(),
    );
    assert.equal(error.status, 429);
    assert.equal(error.source, 'token-endpoint');
  });
});

describe('clients nobody holds are let go (issue 11), and reset() forgets every token (point 13)', () => {
  test('an inline tokenProvider per render does not grow the cache for ever', async () => {
    const first = acquireClient({ baseUrl: fake.url, tokenProvider: async () => 'a' });
    first.release();
    await Promise.resolve();
    assert.equal(first.current(), false, 'forgotten once released');
    const held = acquireClient({ baseUrl: fake.url, tokenUrl: '/t' });
    const again = acquireClient({ baseUrl: fake.url, tokenUrl: '/t' });
    assert.equal(held.client, again.client, 'shared while held');
    held.release();
    await Promise.resolve();
    assert.equal(again.current(), true, 'kept while someone holds it');
    resetClients();
    assert.equal(again.current(), false, 'reset() forgets it');
  });
});
