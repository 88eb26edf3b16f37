import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { call, useFake, wait } from '../support/fake.js';

const origin = 'http://localhost:8123';
const fake = await useFake({ allowedOrigins: [origin] });
const partner = { token: fake.partnerToken };

beforeEach(() => fake.reset({ testDelay: 50 }));

async function customerToken(externalId = 'wood_123'): Promise<string> {
  return fake.integrateToken(externalId);
}

describe('partner endpoints', () => {
  test('create a sub-account, then its identity and integrate tokens', async () => {
    const created = await call(`${fake.url}/api/sub-account/`, {
      method: 'POST',
      ...partner,
      json: {
        first_name: 'Ann',
        last_name: 'Wood',
        email: 'ann@wood.example',
        language: 'en',
        company_name: 'Wood',
        external_id: 'wood_123',
      },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.external_id, 'wood_123');

    const identity = await call(
      `${fake.url}/api/sub-account/identity/?account_id=${created.body.id}&expire=false`,
      partner,
    );
    assert.equal(identity.status, 200);
    const claims = JSON.parse(Buffer.from(identity.body.token.split('.')[1], 'base64url').toString());
    assert.equal(claims.exp, undefined, 'expire=false gives a non-expiring token');

    const integrate = await call(`${fake.url}/api/sub-account/integrate/?external_id=wood_123`, {
      method: 'POST',
      ...partner,
    });
    const integrateClaims = JSON.parse(Buffer.from(integrate.body.token.split('.')[1], 'base64url').toString());
    assert.equal(integrateClaims.exp - integrateClaims.iat, 30 * 60);
  });

  test('the newer /api/partner/ layout works the same', async () => {
    await call(`${fake.url}/api/partner/sub-account/`, {
      method: 'POST',
      ...partner,
      json: { external_id: 'x1', password: 'pw' },
    });
    const list = await call(`${fake.url}/api/partner/sub-accounts/`, partner);
    assert.deepEqual(
      list.body.map((account: { external_id: string }) => account.external_id),
      ['x1'],
    );
    const integrate = await call(`${fake.url}/api/partner/sub-account/integrate/?external_id=x1`, {
      method: 'POST',
      ...partner,
    });
    assert.equal(integrate.status, 200);
  });

  test('answers {error, detail}: missing external_id, duplicate, unknown account', async () => {
    const missing = await call(`${fake.url}/api/sub-account/`, { method: 'POST', ...partner, json: {} });
    assert.deepEqual([missing.status, missing.body.error], [400, 'ERROR_VALIDATION']);
    await call(`${fake.url}/api/sub-account/`, { method: 'POST', ...partner, json: { external_id: 'dup' } });
    const duplicate = await call(`${fake.url}/api/sub-account/`, {
      method: 'POST',
      ...partner,
      json: { external_id: 'dup' },
    });
    assert.deepEqual([duplicate.status, duplicate.body.error], [400, 'ERROR_EXTERNAL_ID_EXISTS']);
    const unknown = await call(`${fake.url}/api/sub-account/identity/?external_id=nobody`, partner);
    assert.deepEqual([unknown.status, unknown.body.error], [404, 'ERROR_NOT_FOUND']);
  });

  test('refuses a customer token, a Bearer header and no token', async () => {
    const token = await customerToken();
    assert.equal((await call(`${fake.url}/api/partner/sub-accounts/`, { token })).status, 403);
    const bearer = await call(`${fake.url}/api/partner/sub-accounts/`, {
      headers: { Authorization: `Bearer ${fake.partnerToken}` },
    });
    assert.equal(bearer.status, 401);
    assert.match(bearer.body.detail, /JWT/);
    assert.equal((await call(`${fake.url}/api/partner/sub-accounts/`)).status, 401);
  });
});

describe('end-customer endpoints', () => {
  test('lists 30+ connectors with local icons, in several categories, OAuth and credential ones', async () => {
    const { body } = await call(`${fake.url}/api/servertypes`, { token: await customerToken() });
    assert.ok(body.length >= 30);
    assert.ok(new Set(body.map((each: { category: string }) => each.category)).size >= 6);
    for (const servertype of body)
      assert.ok(servertype.icon_url.startsWith(`${fake.url}/static/icons/`), servertype.icon_url);
    const icon = await fetch(body[0].icon_url);
    assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
    assert.match(await icon.text(), /^<svg/);
    const shapes = body.map((each: { settings: { connect_form: { fields: Record<string, { show: boolean }> } } }) =>
      Object.values(each.settings.connect_form.fields),
    );
    assert.ok(
      shapes.some((fields: { show: boolean }[]) => fields.some((field) => field.show === false)),
      'has show: false slots',
    );
  });

  test('the catalogue is readable with the partner token too', async () => {
    assert.equal((await call(`${fake.url}/api/servertypes`, partner)).status, 200);
  });

  test('creates a credential connection that turns OK after its test', async () => {
    const token = await customerToken();
    const created = await call(`${fake.url}/api/servers`, {
      method: 'POST',
      token,
      json: { servertype_id: 403, password: 'rk_live_1' },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.health_status, null);
    await wait(120);
    const after = await call(`${fake.url}/api/server/${created.body.id}`, { token });
    assert.equal(after.body.health_status, 'OK');
    assert.equal(JSON.stringify(after.body).includes('rk_live_1'), false, 'typed values never come back');
    const logs = await call(`${fake.url}/api/server/${created.body.id}/logs`, { token });
    assert.deepEqual(
      logs.body.map((entry: { message: string }) => entry.message),
      ['Connection created', 'Testing connection…', 'Connection test succeeded'],
    );
  });

  test('a failing connection test ends as ERROR with a message', async () => {
    fake.faults.connectionTest = 'fail';
    const token = await customerToken();
    const { body } = await call(`${fake.url}/api/servers`, {
      method: 'POST',
      token,
      json: { servertype_id: 403, password: 'x' },
    });
    await wait(120);
    const after = await call(`${fake.url}/api/server/${body.id}`, { token });
    assert.equal(after.body.health_status, 'ERROR');
    assert.equal(after.body.health_message, fake.faults.connectionTestMessage);
  });

  test('rejects a create with a required field missing, naming the field', async () => {
    const { status, body } = await call(`${fake.url}/api/servers`, {
      method: 'POST',
      token: await customerToken(),
      json: { servertype_id: 102, host: 'db' },
    });
    assert.equal(status, 400);
    assert.deepEqual(Object.keys(body.detail).sort(), ['param1', 'password', 'username']);
  });

  test('connections belong to one sub-account', async () => {
    const mine = fake.seedConnection({ externalId: 'a', servertype: 'postgres' });
    const other = await customerToken('b');
    assert.equal((await call(`${fake.url}/api/server/${mine.id}`, { token: other })).status, 404);
    assert.deepEqual((await call(`${fake.url}/api/servers`, { token: other })).body, []);
  });

  for (const [envelope, read] of [
    ['bare', (body: unknown) => body],
    ['data', (body: { data: unknown }) => body.data],
    ['results', (body: { results: unknown }) => body.results],
  ] as const) {
    test(`lists in the ${envelope} envelope`, async () => {
      fake.faults.listEnvelope = envelope;
      fake.seedConnection({ externalId: 'wood_123', servertype: 'hubspot' });
      const { body } = await call(`${fake.url}/api/servers`, { token: await customerToken() });
      assert.equal((read as (body: unknown) => { server_type: string }[])(body)[0]?.server_type, 'hubspot');
    });
  }
});

describe('tokens', () => {
  test('an integrate token expires after its lifetime', async () => {
    fake.faults.tokenLifetime = 1;
    const token = await customerToken();
    assert.equal((await call(`${fake.url}/api/servers`, { token })).status, 200);
    await wait(1100);
    const expired = await call(`${fake.url}/api/servers`, { token });
    assert.deepEqual(
      [expired.status, expired.body.error, expired.body.detail],
      [401, 'ERROR_UNAUTHORIZED', 'Signature has expired.'],
    );
  });

  test('expireTokens() expires the tokens issued so far, not later ones', async () => {
    const old = await customerToken();
    fake.expireTokens();
    const fresh = await customerToken();
    assert.equal((await call(`${fake.url}/api/servers`, { token: old })).status, 401);
    assert.equal((await call(`${fake.url}/api/servers`, { token: fresh })).status, 200);
  });

  test('a token whose account is gone answers 401, as an expired session does', async () => {
    const token = await customerToken('gone');
    assert.equal((await call(`${fake.url}/api/servers`, { token })).status, 200);
    await call(`${fake.url}/__fake/reset`, { method: 'POST', json: {} });
    for (const path of ['/api/servers', '/api/servertypes', '/api/applications/']) {
      const answer = await call(`${fake.url}${path}`, { token });
      assert.deepEqual(
        [answer.status, answer.body.error, answer.body.detail],
        [401, 'ERROR_UNAUTHORIZED', 'User not found.'],
        path,
      );
    }
    assert.deepEqual(
      fake.requests.map((request) => request.auth),
      ['unknown-account', 'unknown-account', 'unknown-account'],
    );
  });

  test('a reset never hands an old token to an account made after it', async () => {
    const before = await customerToken('first_customer');
    fake.seedConnection({ externalId: 'first_customer', servertype: 'hubspot' });
    fake.reset();
    await customerToken('second_customer');
    fake.seedConnection({ externalId: 'second_customer', servertype: 'stripe' });
    const answer = await call(`${fake.url}/api/servers`, { token: before });
    assert.equal(answer.status, 401, "the second customer's connections stay theirs");
  });

  test('a forged token is refused', async () => {
    const [header, payload] = (await customerToken()).split('.');
    assert.equal((await call(`${fake.url}/api/servers`, { token: `${header}.${payload}.forged` })).status, 401);
  });
});

describe('CORS', () => {
  test('answers the preflight for the configured origin', async () => {
    const response = await fetch(`${fake.url}/api/servers`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), origin);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  test('gives other origins no CORS headers', async () => {
    const preflight = await fetch(`${fake.url}/api/servers`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    const get = await call(`${fake.url}/api/servertypes`, {
      token: await customerToken(),
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(get.headers.get('access-control-allow-origin'), null);
  });

  test('exposes Retry-After to the browser', async () => {
    fake.faults.status['GET /api/servers'] = [{ status: 429, retryAfter: 2 }];
    const { status, headers } = await call(`${fake.url}/api/servers`, {
      token: await customerToken(),
      headers: { Origin: origin },
    });
    assert.equal(status, 429);
    assert.equal(headers.get('retry-after'), '2');
    assert.match(headers.get('access-control-expose-headers') ?? '', /\bRetry-After\b/);
  });
});

describe('OAuth provider on another origin', () => {
  async function startOAuth(token: string, servertype = 201) {
    const { body } = await call(`${fake.url}/api/servers`, {
      method: 'POST',
      token,
      json: { servertype_id: servertype },
    });
    const url = new URL(body.oauth_url);
    assert.notEqual(url.origin, new URL(fake.url).origin);
    return { id: body.id as number, url };
  }

  async function decide(url: URL, decision: 'allow' | 'deny') {
    const page = await call(url.href);
    assert.equal(page.status, 200);
    assert.match(page.body, /<button[^>]*value="allow"[^>]*>Allow<\/button>/);
    assert.match(page.body, /<button[^>]*value="deny"[^>]*>Deny<\/button>/);
    const form = new URLSearchParams({
      connection: url.searchParams.get('connection')!,
      state: url.searchParams.get('state')!,
      decision,
    });
    return call(`${url.origin}/authorize`, { method: 'POST', body: form });
  }

  test('Allow connects, and the page closes itself', async () => {
    const token = await customerToken();
    const { id, url } = await startOAuth(token);
    assert.equal((await call(`${fake.url}/api/server/${id}`, { token })).body.health_status, null);
    const done = await decide(url, 'allow');
    assert.match(done.body, /window\.close\(\)/);
    assert.equal((await call(`${fake.url}/api/server/${id}`, { token })).body.health_status, 'OK');
  });

  test('Deny fails the connection with a reason', async () => {
    const token = await customerToken();
    const { id, url } = await startOAuth(token, 302);
    await decide(url, 'deny');
    const { body } = await call(`${fake.url}/api/server/${id}`, { token });
    assert.deepEqual([body.health_status, body.health_message], ['ERROR', 'Access was denied at Xero']);
  });

  test('a used or forged link leads nowhere', async () => {
    const token = await customerToken();
    const { url } = await startOAuth(token);
    await decide(url, 'allow');
    assert.equal((await call(url.href)).status, 404);
    assert.equal((await call(`${url.origin}/authorize?connection=1&state=x`)).status, 404);
  });

  test('sends Cross-Origin-Opener-Policy when asked', async () => {
    const token = await customerToken();
    const { url } = await startOAuth(token);
    assert.equal((await call(url.href)).headers.get('cross-origin-opener-policy'), null);
    fake.faults.coop = true;
    assert.equal((await call(url.href)).headers.get('cross-origin-opener-policy'), 'same-origin');
  });
});

describe('faults', () => {
  test('status codes per route, used up in order', async () => {
    fake.faults.status['GET /api/servertypes'] = [503, { status: 400, body: { error: 'ERROR_X', detail: 'custom' } }];
    const token = await customerToken();
    assert.equal((await call(`${fake.url}/api/servertypes`, { token })).status, 503);
    assert.deepEqual((await call(`${fake.url}/api/servertypes`, { token })).body, {
      error: 'ERROR_X',
      detail: 'custom',
    });
    assert.equal((await call(`${fake.url}/api/servertypes`, { token })).status, 200);
  });

  test('delays', async () => {
    const token = await customerToken();
    fake.faults.delay['GET /api/servers'] = 300;
    const started = Date.now();
    await call(`${fake.url}/api/servers`, { token });
    assert.ok(Date.now() - started >= 290);
  });

  test('a dropped create is made, but its answer is lost: one connection, one failure', async () => {
    const token = await customerToken();
    // Over a connection that was used before: the case in which a browser would resend a request.
    assert.equal((await call(`${fake.url}/api/servers`, { token })).status, 200);
    fake.faults.drop['POST /api/servers'] = 1;
    await assert.rejects(
      call(`${fake.url}/api/servers`, { method: 'POST', token, json: { servertype_id: 403, password: 'rk_1' } }),
      TypeError,
    );
    assert.equal(fake.connections.length, 1, 'the connection was made');
    const posts = fake.requests.filter((request) => request.route === 'POST /api/servers');
    assert.deepEqual(
      posts.map((request) => [request.status, request.dropped]),
      [[201, true]],
    );
    const listed = await call(`${fake.url}/api/servers`, { token });
    assert.equal(listed.body.length, 1, 'the client finds the connection that it never heard about');
    assert.equal(fake.faults.drop['POST /api/servers'], 0, 'the fault is used up');
  });

  test('a dropped read fails once, and the next one is answered', async () => {
    const token = await customerToken();
    fake.faults.drop['GET /api/servers'] = 1;
    await assert.rejects(call(`${fake.url}/api/servers`, { token }), TypeError);
    assert.equal((await call(`${fake.url}/api/servers`, { token })).status, 200);
  });

  test('an oauth_url override, for hostile-URL tests', async () => {
    fake.faults.oauthUrl = 'javascript:alert(1)';
    const { body } = await call(`${fake.url}/api/servers`, {
      method: 'POST',
      token: await customerToken(),
      json: { servertype_id: 201 },
    });
    assert.equal(body.oauth_url, 'javascript:alert(1)');
  });

  test('the HTTP controls reset, set faults, mint test tokens and list requests', async () => {
    const control = (path: string, json?: unknown) =>
      call(`${fake.url}/__fake/${path}`, { method: 'POST', json: json ?? {} });
    await control('faults', { listEnvelope: 'results' });
    const { body: minted } = await control('token?external_id=ctl');
    const seeded = await control('connections', { externalId: 'ctl', servertype: 'mysql', health_status: 'PENDING' });
    await control(`connections/${seeded.body.id}`, { health_status: 'OK' });
    const listed = await call(`${fake.url}/api/servers`, { token: minted.token });
    assert.equal(listed.body.results[0].health_status, 'OK');
    const requests = await call(`${fake.url}/__fake/requests`);
    assert.deepEqual(
      requests.body.map((request: { route: string; auth: string }) => [request.route, request.auth]),
      [
        ['POST /__fake/token', 'none'],
        ['GET /api/servers', 'customer'],
      ],
      'the test token endpoint is in the log too: a test can count the tokens a page asked for',
    );
    assert.equal(JSON.stringify(requests.body).includes(minted.token), false, 'the log never holds a token');
    await control('reset');
    assert.equal(fake.faults.listEnvelope, 'bare');
    assert.equal(fake.connections.length, 0);
  });
});
