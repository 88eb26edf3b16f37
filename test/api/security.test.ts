/**
 * Issue 15, the widget's client: where the token and typed credentials may go, what a path may hold,
 * the token endpoint on another origin, and a rate-limited token endpoint. Issue 23: token binding and
 * redirects.
 */
import { after, describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PeliqanClient } from '../../src/api/index.js';
import { acquireClient, resetClients } from '../../src/api/shared-client.js';
import { rejection, useFake } from '../support/fake.js';
import { bodyOf, startTestServer, type ReceivedRequest } from '../support/test-server.js';

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

describe('token binding: a token goes only to the API origin it is bound to (issue 23 point 1)', () => {
  const json = (body: unknown) => Response.json(body);
  const elsewhere = 'https://elsewhere.example';
  /** A client whose token endpoint answers `answer`; every other request goes to the real network. */
  function clientWith(answer: object, options: { baseUrl?: string; tokenBaseUrl?: string } = {}) {
    const recorded = recordingFetch((url, init) =>
      url.startsWith('https://partner.example') ? json(answer) : fetch(url, init),
    );
    const api = new PeliqanClient({
      baseUrl: fake.url,
      tokenUrl: 'https://partner.example/peliqan/token',
      fetch: recorded.fetcher,
      retryDelay: 5,
      ...options,
    });
    const sentOn = () => recorded.calls.filter((call) => !call.url.startsWith('https://partner.example'));
    return { api, sentOn };
  }

  test("takes the base_url the token endpoint names when it is the client's origin", async () => {
    const { api, sentOn } = clientWith({ token: fake.integrateToken('acme'), base_url: `${fake.url}/` });
    assert.deepEqual(await api.listConnections(), []);
    assert.equal(sentOn().length, 1);
  });

  test('sends nothing to a base URL other than the one the token endpoint names: invalid-config', async () => {
    const { api, sentOn } = clientWith({ token: fake.integrateToken('acme'), base_url: elsewhere });
    const error = await rejection(api.listConnections());
    assert.equal(error.code, 'invalid-config');
    assert.match(error.message, /elsewhere\.example/);
    assert.deepEqual(sentOn(), []);
    assert.deepEqual(fake.requests, []);
  });

  test('an answer naming no base_url binds the token to tokenBaseUrl (the base URL set in script)', async () => {
    const bound = clientWith({ token: fake.integrateToken('acme') }, { tokenBaseUrl: elsewhere });
    assert.equal((await rejection(bound.api.listConnections())).code, 'invalid-config');
    assert.deepEqual(bound.sentOn(), []);
    const same = clientWith({ token: fake.integrateToken('acme') }, { tokenBaseUrl: fake.url });
    assert.deepEqual(await same.api.listConnections(), []);
  });

  test('without tokenBaseUrl, a client built in script binds the token to its own base URL', async () => {
    const { api } = clientWith({ token: fake.integrateToken('acme') });
    assert.deepEqual(await api.listConnections(), []);
  });

  test('a ready token and a tokenProvider string are bound the same way; a provider may name the origin', async () => {
    const token = fake.integrateToken('acme');
    const ready = new PeliqanClient({ baseUrl: fake.url, token, tokenBaseUrl: elsewhere });
    assert.equal((await rejection(ready.listConnections())).code, 'invalid-config');
    const named = new PeliqanClient({ baseUrl: fake.url, tokenProvider: async () => ({ token, baseUrl: elsewhere }) });
    assert.equal((await rejection(named.listConnections())).code, 'invalid-config');
    const right = new PeliqanClient({
      baseUrl: fake.url,
      tokenBaseUrl: elsewhere,
      tokenProvider: async () => ({ token, baseUrl: fake.url }),
    });
    assert.deepEqual(await right.listConnections(), []);
    assert.equal(fake.requests.length, 1);
  });

  test("a base_url that is not a URL is the token endpoint's mistake, and nothing is sent", async () => {
    const { api, sentOn } = clientWith({ token: 't', base_url: 'not a url' });
    const error = await rejection(api.listConnections());
    assert.equal(error.code, 'invalid-config');
    assert.equal(error.source, 'token-endpoint');
    assert.deepEqual(sentOn(), []);
  });

  test('is checked again for the token a 401 brings: a refreshed token bound elsewhere is not sent', async () => {
    let calls = 0;
    const api = new PeliqanClient({
      baseUrl: fake.url,
      tokenProvider: async () => ({
        token: fake.integrateToken('acme'),
        baseUrl: ++calls === 1 ? fake.url : elsewhere,
      }),
    });
    await api.listConnections();
    fake.expireTokens();
    assert.equal((await rejection(api.listConnections())).code, 'invalid-config');
    assert.deepEqual(
      fake.requests.map((request) => request.auth),
      ['customer', 'expired'],
    );
  });

  test('clients bound differently do not share a token source', async () => {
    const script = acquireClient({ baseUrl: fake.url, tokenUrl: '/t', tokenBaseUrl: fake.url });
    const markup = acquireClient({ baseUrl: fake.url, tokenUrl: '/t', tokenBaseUrl: elsewhere });
    assert.notEqual(script.client.tokens, markup.client.tokens);
    script.release();
    markup.release();
  });
});

describe('redirects (issue 23 point 6)', () => {
  /** An origin that records what reaches it, and an "API" that sends everything there with `status`. */
  async function redirecting(status: number, to?: (path: string) => string) {
    const reached: ReceivedRequest[] = [];
    const hostile = await startTestServer(async (request, response) => {
      reached.push({
        method: request.method!,
        path: request.url!,
        headers: request.headers,
        body: await bodyOf(request),
      });
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
    });
    const api = await startTestServer(async (request, response) => {
      if (request.url === '/api/servers/') {
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
        return;
      }
      const path = request.url ?? '/';
      response.writeHead(status, { Location: to ? to(path) : `${hostile.url}${path}` }).end();
    });
    after(() => Promise.all([hostile.close(), api.close()]));
    return { hostile, api, reached };
  }

  for (const status of [307, 308]) {
    test(`a create answered ${status} to another origin sends its body nowhere else: network`, async () => {
      const { api, reached } = await redirecting(status);
      const client = new PeliqanClient({ baseUrl: api.url, token: 't' });
      const error = await rejection(client.addConnection({ servertype_id: 102, password: 'hunter2-secret' }));
      assert.equal(error.code, 'network');
      assert.deepEqual(reached, []);
    });
  }

  test('a GET redirected to another origin is refused as invalid-response, and not retried', async () => {
    const { api, reached } = await redirecting(302);
    const client = new PeliqanClient({ baseUrl: api.url, token: 't', retryDelay: 5 });
    const error = await rejection(client.listConnections());
    assert.equal(error.code, 'invalid-response');
    assert.match(error.message, /another origin/);
    assert.equal(reached.length, 1, 'asked once, not retried');
    assert.equal(reached[0]?.headers.authorization, undefined, 'the token stayed behind');
  });

  test('a GET redirected on the same origin is followed (a trailing slash)', async () => {
    const { api } = await redirecting(301, (path) => `${path}/`);
    const client = new PeliqanClient({ baseUrl: api.url, token: 't' });
    assert.deepEqual(await client.listConnections(), []);
  });

  test('the token endpoint: a redirect to a login page on its origin still means nobody is logged in', async () => {
    const partner = await startTestServer((request, response) => {
      if (request.url === '/login') {
        response.writeHead(200, { 'Content-Type': 'text/html' }).end('<form>Log in</form>');
        return;
      }
      response.writeHead(302, { Location: '/login' }).end();
    });
    after(() => partner.close());
    const client = new PeliqanClient({ baseUrl: fake.url, tokenUrl: `${partner.url}/peliqan/token` });
    const error = await rejection(client.listConnections());
    assert.equal(error.code, 'unauthorized');
    assert.equal(error.source, 'token-endpoint');
    assert.deepEqual(fake.requests, []);
  });

  test('the token endpoint: a token answered from another origin after a redirect is refused', async () => {
    const elsewhere = await startTestServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ token: fake.integrateToken('acme'), base_url: fake.url }));
    });
    const partner = await startTestServer((_request, response) => {
      response.writeHead(307, { Location: `${elsewhere.url}/token` }).end();
    });
    after(() => Promise.all([elsewhere.close(), partner.close()]));
    const client = new PeliqanClient({ baseUrl: fake.url, tokenUrl: `${partner.url}/peliqan/token` });
    const error = await rejection(client.listConnections());
    assert.equal(error.code, 'invalid-response');
    assert.equal(error.source, 'token-endpoint');
    assert.deepEqual(fake.requests, []);
  });
});
