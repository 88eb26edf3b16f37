import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PeliqanClient, sharedClient, type Admission } from '../../src/api/index.js';
import { countingFetch, rejection, useFake, wait } from '../support/fake.js';

const fake = await useFake();
const tokenUrl = () => `${fake.url}/__fake/token?external_id=acme`;

/** A client on a fresh token URL, with fast retries, counting what it fetches. */
function client(options: Partial<ConstructorParameters<typeof PeliqanClient>[0]> = {}) {
  const counter = countingFetch();
  const instance = new PeliqanClient({
    baseUrl: fake.url,
    tokenUrl: tokenUrl(),
    fetch: counter.fetch,
    retryDelay: 5,
    ...options,
  });
  return { client: instance, count: counter.count };
}

const routeCount = (route: string) => fake.requests.filter((request) => request.route === route).length;

beforeEach(() => fake.reset());

describe('authentication', () => {
  test('sends the token as "Authorization: JWT <token>"', async () => {
    const { client: api } = client();
    await api.listConnections();
    const toPeliqan = fake.requests.filter((request) => request.path.startsWith('/api/'));
    assert.equal(toPeliqan.length, 1);
    assert.equal(toPeliqan[0]?.auth, 'customer');
  });

  test('fetches the token once for several concurrent calls', async () => {
    const { client: api, count } = client();
    await Promise.all([api.listConnections(), api.servertypes(), api.listConnections(), api.servertypes()]);
    assert.equal(count('/__fake/token'), 1);
  });

  test('posts to the token URL and accepts {"integration_token": …}', async () => {
    const seen: RequestInit[] = [];
    const api = new PeliqanClient({
      baseUrl: fake.url,
      tokenUrl: 'https://partner.example/peliqan/token',
      fetch: async (input, init) => {
        if (String(input).startsWith('https://partner.example')) {
          seen.push(init ?? {});
          return Response.json({ integration_token: fake.integrateToken('acme') });
        }
        return fetch(input, init);
      },
    });
    await api.listConnections();
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.method, 'POST');
    assert.equal(seen[0]?.credentials, 'same-origin');
  });

  test('refreshes once for concurrent 401s and repeats each request once', async () => {
    const { client: api, count } = client();
    await api.listConnections();
    fake.expireTokens();
    fake.requests.length = 0;
    const lists = await Promise.all([api.listConnections(), api.listConnections(), api.listConnections()]);
    assert.equal(lists.length, 3);
    assert.equal(count('/__fake/token'), 2, 'the first token and one refresh');
    assert.equal(fake.requests.filter((request) => request.auth === 'expired').length, 3);
    assert.equal(fake.requests.filter((request) => request.auth === 'customer').length, 3);
  });

  test('gives up with "unauthorized" when the refreshed token is refused too', async () => {
    let calls = 0;
    const api = new PeliqanClient({ baseUrl: fake.url, tokenProvider: async () => `bad-token-${++calls}` });
    const error = await rejection(api.listConnections());
    assert.equal(error.code, 'unauthorized');
    assert.equal(error.status, 401);
    assert.equal(calls, 2);
  });

  test('a ready token with no way to refresh ends as "unauthorized"', async () => {
    const token = fake.integrateToken('acme');
    fake.expireTokens();
    const error = await rejection(new PeliqanClient({ baseUrl: fake.url, token }).listConnections());
    assert.equal(error.code, 'unauthorized');
  });

  test('a ready token is used first, then tokenProvider after a 401', async () => {
    const stale = fake.integrateToken('acme');
    fake.expireTokens();
    let provided = 0;
    const api = new PeliqanClient({
      baseUrl: fake.url,
      token: stale,
      tokenProvider: async () => {
        provided++;
        return fake.integrateToken('acme');
      },
    });
    await api.listConnections();
    assert.equal(provided, 1);
  });

  test('reports a token endpoint that refuses as "unauthorized"', async () => {
    const api = new PeliqanClient({
      baseUrl: fake.url,
      tokenUrl: 'https://partner.example/token',
      fetch: async () => new Response('{}', { status: 401 }),
    });
    assert.equal((await rejection(api.listConnections())).code, 'unauthorized');
  });
});

describe('retries', () => {
  test('retries a GET on 503 and succeeds on the third try', async () => {
    fake.faults.status['GET /api/servers'] = [503, 503];
    const { client: api } = client();
    assert.deepEqual(await api.listConnections(), []);
    assert.equal(routeCount('GET /api/servers'), 3);
  });

  test('gives up after 3 tries with "http" and the status', async () => {
    fake.faults.status['GET /api/servers'] = [502, 503, 504, 503];
    const error = await rejection(client().client.listConnections());
    assert.equal(error.code, 'http');
    assert.equal(error.status, 504);
    assert.equal(error.error, 'ERROR_GATEWAY_TIMEOUT');
    assert.equal(routeCount('GET /api/servers'), 3);
  });

  test('gives up after 3 dropped connections with "network"', async () => {
    fake.faults.drop['GET /api/servers'] = 3;
    const error = await rejection(client().client.listConnections());
    assert.equal(error.code, 'network');
    assert.equal(routeCount('GET /api/servers'), 3);
  });

  test('honours Retry-After on 429', async () => {
    fake.faults.status['GET /api/servers'] = [{ status: 429, retryAfter: 1 }];
    await client().client.listConnections();
    const [first, second] = fake.requests.filter((request) => request.route === 'GET /api/servers');
    assert.ok(first && second);
    assert.ok(second.at - first.at >= 950, `waited ${second.at - first.at} ms`);
  });

  test('gives up at once when Retry-After asks for longer than is worth waiting', async () => {
    fake.faults.status['GET /api/servers'] = [{ status: 503, retryAfter: 3600 }];
    const error = await rejection(client().client.listConnections());
    assert.equal(error.status, 503);
    assert.equal(routeCount('GET /api/servers'), 1);
  });

  test('a fixed token refused once still serves the next calls', async () => {
    const token = fake.integrateToken('acme');
    const api = new PeliqanClient({ baseUrl: fake.url, token });
    fake.faults.status['GET /api/servers'] = [401];
    assert.equal((await rejection(api.listConnections())).code, 'unauthorized');
    assert.deepEqual(await api.listConnections(), []);
  });

  test('does not retry a GET on 404 or 500', async () => {
    fake.faults.status['GET /api/server/:id'] = [500];
    const { client: api } = client();
    assert.equal((await rejection(api.connection(1))).status, 500);
    assert.equal(routeCount('GET /api/server/:id'), 1);
    const missing = await rejection(api.connection(424242));
    assert.equal(missing.status, 404);
    assert.equal(missing.error, 'ERROR_NOT_FOUND');
  });

  test('never repeats a create on 500', async () => {
    fake.faults.status['POST /api/servers'] = [500];
    const error = await rejection(client().client.addConnection({ servertype_id: 403, password: 'rk_live_x' }));
    assert.equal(error.code, 'http');
    assert.equal(routeCount('POST /api/servers'), 1);
  });

  test('never repeats a create that timed out', async () => {
    fake.faults.delay['POST /api/servers'] = 400;
    const error = await rejection(
      client({ timeout: 100 }).client.addConnection({ servertype_id: 403, password: 'rk_live_x' }),
    );
    assert.equal(error.code, 'network');
    await wait(500);
    assert.equal(routeCount('POST /api/servers'), 1);
  });

  test('waits for admit before each request, and starts the timeout only once it is sent', async () => {
    const admitted: string[] = [];
    // A gate that holds every request longer than the timeout before letting it go.
    const admit: Admission = async (send) => {
      await wait(150);
      admitted.push('sent');
      return send();
    };
    const { client: api } = client({ timeout: 100, admit });
    assert.equal((await api.listConnections()).length, 0);
    assert.equal(routeCount('GET /api/servers'), 1);
    // Requests to Peliqan only: the partner's token endpoint is not paced.
    assert.deepEqual(admitted, ['sent']);
  });

  test('a call whose caller gives up while admit holds it is never sent', async () => {
    const leaving = new AbortController();
    const admit: Admission = (_send, signal) =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason));
      });
    const { client: api } = client({ admit });
    const call = api.listConnections({ signal: leaving.signal });
    await wait(20);
    leaving.abort();
    await assert.rejects(call, { name: 'AbortError' });
    assert.deepEqual(
      fake.requests.filter((request) => request.path.startsWith('/api/')),
      [],
    );
  });

  test('never repeats a create on 503 or a dropped connection', async () => {
    fake.faults.status['POST /api/servers'] = [503];
    fake.faults.drop['POST /api/servers'] = 0;
    const { client: api } = client();
    assert.equal((await rejection(api.addConnection({ servertype_id: 403, password: 'x' }))).status, 503);
    fake.faults.drop['POST /api/servers'] = 1;
    assert.equal((await rejection(api.addConnection({ servertype_id: 403, password: 'x' }))).code, 'network');
    assert.equal(routeCount('POST /api/servers'), 2);
  });

  test('repeats a create once after a 401, with the new token', async () => {
    const { client: api } = client();
    await api.listConnections();
    fake.expireTokens();
    const created = await api.addConnection({ servertype_id: 403, password: 'rk_live_x' });
    assert.equal(typeof created.id, 'number');
    assert.deepEqual(
      fake.requests.filter((request) => request.route === 'POST /api/servers').map((request) => request.auth),
      ['expired', 'customer'],
    );
    assert.equal(fake.connections.length, 1);
  });
});

describe('responses', () => {
  for (const envelope of ['bare', 'data', 'results'] as const) {
    test(`reads connections listed as ${envelope}`, async () => {
      fake.faults.listEnvelope = envelope;
      fake.seedConnection({ externalId: 'acme', servertype: 'pipedrive', name: 'Sales' });
      const { client: api } = client();
      const [connection] = await api.listConnections();
      assert.equal(connection?.name, 'Sales');
      const servertypes = await api.servertypes();
      assert.ok(servertypes.length >= 30);
    });
  }

  test('creates an OAuth connection and returns its oauth_url', async () => {
    const created = await client().client.addConnection({ servertype_id: 201 });
    assert.match(created.oauth_url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/authorize\?/);
    assert.ok(!created.oauth_url?.startsWith(fake.url), 'the provider is on another origin');
  });

  test("reports Peliqan's {error, detail} for a rejected create", async () => {
    const error = await rejection(client().client.addConnection({ servertype_id: 202, username: 'acme' }));
    assert.equal(error.code, 'http');
    assert.equal(error.status, 400);
    assert.equal(error.error, 'ERROR_VALIDATION');
    assert.deepEqual(error.detail, { password: ['This field is required.'] });
    assert.equal(error.message, 'password: This field is required.');
  });

  test('reads one connection and its logs', async () => {
    const { id } = fake.seedConnection({ externalId: 'acme', servertype: 'postgres' });
    const { client: api } = client();
    assert.equal((await api.connection(id)).server_type, 'postgres');
    const logs = await api.logs(id);
    assert.ok(logs.length >= 1);
  });

  test('keeps HTML in names as plain strings', async () => {
    fake.seedConnection({ externalId: 'acme', servertype: 'stripe', name: '<img src=x onerror=alert(1)>' });
    const [connection] = await client().client.listConnections();
    assert.equal(connection?.name, '<img src=x onerror=alert(1)>');
  });

  const notLists: [string, unknown][] = [
    ['a list of the wrong type', { data: 'nope' }],
    ['null', null],
    ['an object', { id: 1 }],
  ];
  for (const [what, body] of notLists) {
    test(`rejects ${what} as "invalid-response"`, async () => {
      fake.faults.status['GET /api/servers'] = [{ status: 200, body }];
      const error = await rejection(client().client.listConnections());
      assert.equal(error.code, 'invalid-response');
      assert.equal(error.message, 'Not a list');
    });
  }

  const badEntries: [string, unknown, string][] = [
    ['a connection without an id', { name: 'no id' }, '1.id'],
    ['an id of the wrong type', { id: { $gt: 1 } }, '1.id'],
    ['a name that is not a string', { id: 2, name: ['x'] }, '1.name'],
  ];
  for (const [what, entry, path] of badEntries) {
    test(`leaves out ${what}, keeps the others and says which was left out`, async () => {
      fake.faults.status['GET /api/servers'] = [{ status: 200, body: [{ id: 1, name: 'Good' }, entry, { id: 3 }] }];
      const list = await client().client.listConnections();
      assert.deepEqual(
        list.map((connection) => connection.id),
        [1, 3],
      );
      assert.deepEqual(
        list.skipped.map((issue) => issue.path.join('.')),
        [path],
      );
    });
  }

  test('leaves out connectors without a name or any identifier, and keeps the rest', async () => {
    fake.faults.status['GET /api/servertypes'] = [
      { status: 200, body: [{ id: 1 }, { name: 'No id' }, { id: 2, name: 'Two' }] },
    ];
    const servertypes = await client().client.servertypes();
    assert.deepEqual(
      servertypes.map((servertype) => servertype.name),
      ['Two'],
    );
    assert.ok(servertypes.skipped.some((issue) => issue.path.join('.') === '0.name'));
    assert.ok(servertypes.skipped.some((issue) => issue.message.includes('id or a server_type')));
  });

  test('reports a body that is not JSON as "invalid-response"', async () => {
    const api = new PeliqanClient({
      baseUrl: fake.url,
      token: 't',
      fetch: async () => new Response('<html>', { status: 200 }),
    });
    assert.equal((await rejection(api.listConnections())).code, 'invalid-response');
  });
});

describe('catalogue and aborts', () => {
  test('asks for the catalogue once per client, however many callers', async () => {
    const { client: api } = client();
    await Promise.all([api.servertypes(), api.servertypes()]);
    await api.servertypes();
    assert.equal(routeCount('GET /api/servertypes'), 1);
  });

  test('shares one client per configuration', () => {
    const provider = async () => 'x';
    assert.equal(
      sharedClient({ baseUrl: fake.url, tokenProvider: provider }),
      sharedClient({ baseUrl: fake.url, tokenProvider: provider }),
    );
    assert.notEqual(
      sharedClient({ baseUrl: fake.url, tokenProvider: provider }),
      sharedClient({ baseUrl: fake.url, tokenProvider: async () => 'x' }),
    );
    assert.notEqual(
      sharedClient({ baseUrl: fake.url, tokenUrl: '/a' }),
      sharedClient({ baseUrl: fake.url, tokenUrl: '/b' }),
    );
  });

  test('asks again after a failed catalogue request', async () => {
    fake.faults.status['GET /api/servertypes'] = [500];
    const { client: api } = client();
    await rejection(api.servertypes());
    assert.ok((await api.servertypes()).length > 0);
    assert.equal(routeCount('GET /api/servertypes'), 2);
  });

  test('aborting cancels the request', async () => {
    fake.faults.delay['GET /api/servers'] = 2000;
    const { client: api } = client();
    const controller = new AbortController();
    const started = Date.now();
    const pending = api.listConnections({ signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(pending, { name: 'AbortError' });
    assert.ok(Date.now() - started < 1000);
  });

  test('aborting during a retry wait makes no further request', async () => {
    fake.faults.status['GET /api/servers'] = [503, 503];
    const { client: api } = client({ retryDelay: 300 });
    const controller = new AbortController();
    const pending = api.listConnections({ signal: controller.signal });
    await wait(100);
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
    await wait(600);
    assert.equal(routeCount('GET /api/servers'), 1);
  });

  test('one caller aborting leaves the shared catalogue request to the others', async () => {
    fake.faults.delay['GET /api/servertypes'] = 200;
    const { client: api } = client();
    const controller = new AbortController();
    const first = api.servertypes({ signal: controller.signal });
    const second = api.servertypes();
    controller.abort();
    await assert.rejects(first, { name: 'AbortError' });
    assert.ok((await second).length > 0);
    assert.equal(routeCount('GET /api/servertypes'), 1);
  });

  test('an already aborted signal makes no request at all', async () => {
    const { client: api, count } = client();
    await assert.rejects(api.listConnections({ signal: AbortSignal.abort() }), { name: 'AbortError' });
    assert.equal(count(''), 0);
  });
});
