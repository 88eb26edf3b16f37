import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PeliqanPartner,
  createTokenHandler,
  toNodeHandler,
  type Customer,
  type TokenHandlerOptions,
} from '../../src/server/index.js';
import { call, until, useFake } from '../support/fake.js';

const fake = await useFake();
beforeEach(() => fake.reset());

const ann: Customer = { external_id: 'wood_123', first_name: 'Ann', email: 'ann@wood.example', company_name: 'Wood' };

function handler(who: unknown = ann, options: Partial<TokenHandlerOptions> = {}) {
  const errors: unknown[] = [];
  const partner = new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken });
  const handle = createTokenHandler({
    partner,
    identify: () => who as Customer,
    onError: (error) => errors.push(error),
    ...options,
  });
  return { handle, errors };
}
const post = (headers: Record<string, string> = {}) =>
  new Request('https://partner.example/peliqan/token', { method: 'POST', headers });
const problemOf = async (response: Response) => (await response.json()) as { error: string; detail: string };

describe('createTokenHandler', () => {
  test('answers {"token", "base_url"} with Cache-Control: no-store, creating the sub-account on first use', async () => {
    const { handle } = handler();
    const response = await handle(post());
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const answer = (await response.json()) as { token: string; base_url: string };
    // The token is bound to the API origin it was minted for (product.md §3 "Token binding").
    assert.deepEqual(Object.keys(answer), ['token', 'base_url']);
    assert.equal(answer.base_url, fake.url);
    const { token } = answer;
    assert.equal((await call(`${fake.url}/api/servers`, { token })).status, 200);
    assert.deepEqual(
      fake.accounts.map((account) => [account.external_id, account.email]),
      [['wood_123', 'ann@wood.example']],
    );
    await handle(post());
    assert.equal(fake.accounts.length, 1);
    assert.equal(fake.requests.filter((request) => request.route === 'POST /api/sub-account/').length, 1);
  });

  test('creates the sub-account once for two concurrent first calls', async () => {
    fake.faults.delay['POST /api/sub-account/'] = 100;
    const { handle } = handler();
    const answers = await Promise.all([handle(post()), handle(post()), handle(post())]);
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200, 200],
    );
    assert.equal(fake.accounts.length, 1);
    assert.equal(fake.requests.filter((request) => request.route === 'POST /api/sub-account/').length, 1);
  });

  test('concurrent requests for one customer share one token request to Peliqan', async () => {
    fake.integrateToken('wood_123');
    fake.faults.delay['POST /api/sub-account/integrate/'] = 100;
    const { handle } = handler();
    const answers = await Promise.all(Array.from({ length: 5 }, () => handle(post())));
    const tokens = await Promise.all(answers.map(async (answer) => ((await answer.json()) as { token: string }).token));
    assert.equal(new Set(tokens).size, 1);
    assert.equal(fake.requests.filter((request) => request.route === 'POST /api/sub-account/integrate/').length, 1);
    // A request that comes after (a reload, another tab) gets the same token, without asking Peliqan.
    const later = (await (await handle(post())).json()) as { token: string };
    assert.equal(later.token, tokens[0]);
    assert.equal(fake.requests.filter((request) => request.route === 'POST /api/sub-account/integrate/').length, 1);
  });

  test('a browser that leaves does not cancel the token for the others waiting for it', async () => {
    fake.integrateToken('wood_123');
    fake.faults.delay['POST /api/sub-account/integrate/'] = 100;
    const { handle } = handler();
    const leaving = new AbortController();
    const first = handle(
      new Request('https://partner.example/peliqan/token', { method: 'POST', signal: leaving.signal }),
    );
    const second = handle(post());
    setTimeout(() => leaving.abort(), 20);
    assert.equal((await second).status, 200);
    assert.notEqual((await first).status, 200);
  });

  test('a request that comes while an abandoned mint winds down starts one mint, which later requests join', async () => {
    fake.integrateToken('wood_123');
    // Integrate calls wait here until released, deaf to their signal, as a socket mid-answer is.
    let holding = true;
    const held: (() => void)[] = [];
    let integrateCalls = 0;
    const heldFetch: typeof fetch = async (input, init) => {
      if (String(input).includes('/integrate/')) {
        integrateCalls++;
        if (holding) await new Promise<void>((release) => held.push(release));
        init?.signal?.throwIfAborted();
      }
      return fetch(input, init);
    };
    const partner = new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken, fetch: heldFetch });
    const handle = createTokenHandler({ partner, identify: () => ann });
    const settled = () => new Promise((resolve) => setImmediate(resolve));

    const leaving = new AbortController();
    const first = handle(
      new Request('https://partner.example/peliqan/token', { method: 'POST', signal: leaving.signal }),
    );
    await until(() => held.length === 1);
    // Its only waiter leaves: the mint is abandoned, but its job has not ended yet.
    leaving.abort();
    assert.equal((await first).status, 499);
    const second = handle(post());
    await until(() => held.length === 2);
    // Now the abandoned job ends, while the second mint still runs.
    held[0]!();
    await settled();
    const third = handle(post());
    await settled();
    holding = false;
    for (const release of held) release();
    assert.deepEqual([(await second).status, (await third).status], [200, 200]);
    assert.equal(integrateCalls, 2, 'the third request joins the second mint rather than start a third beside it');
  });

  test('two handlers (two processes) racing to create still end with one sub-account and two tokens', async () => {
    fake.faults.delay['POST /api/sub-account/'] = 100;
    const [first, second] = await Promise.all([handler().handle(post()), handler().handle(post())]);
    assert.deepEqual([first.status, second.status], [200, 200]);
    assert.equal(fake.accounts.length, 1);
  });

  test('answers 401 when nobody is logged in, and 405 to a GET', async () => {
    const { handle } = handler(null);
    assert.equal((await handle(post())).status, 401);
    assert.equal((await handle(new Request('https://partner.example/peliqan/token'))).status, 405);
    assert.equal(fake.requests.length, 0);
  });

  test('sends Peliqan only the profile fields of what identify() returns, and only strings', async () => {
    const user = {
      ...ann,
      last_name: 42,
      passwordHash: '$2b$10$abcdefghijklmnopqrstuv',
      isAdmin: true,
      sessionId: 'sess_1',
      roles: ['admin'],
    };
    const { handle } = handler(user);
    assert.equal((await handle(post())).status, 200);
    const create = fake.requests.find((request) => request.route === 'POST /api/sub-account/')!;
    assert.deepEqual(create.bodyKeys, ['external_id', 'first_name', 'email', 'company_name']);
  });

  test('never sends a password from identify() to Peliqan: ORMs keep password hashes under that name', async () => {
    const hash = 'pbkdf2_sha256$600000$salt$c2VjcmV0LWhhc2g=';
    const { handle } = handler({ external_id: 'wood_123', email: 'ann@wood.example', password: hash });
    const response = await handle(post());
    assert.equal(response.status, 200);
    const create = fake.requests.find((request) => request.route === 'POST /api/sub-account/')!;
    assert.deepEqual(create.bodyKeys, ['external_id', 'email']);
    assert.ok(!JSON.stringify(fake.requests).includes('pbkdf2'));
  });

  test('answers 500 naming identify() when it returns no string external_id, and calls nobody', async () => {
    for (const who of [{ email: 'ann@wood.example' }, { external_id: '' }, { external_id: 123 }, 'wood_123']) {
      const { handle, errors } = handler(who);
      const response = await handle(post());
      assert.equal(response.status, 500, JSON.stringify(who));
      assert.match((await problemOf(response)).detail, /identify\(\).*external_id/);
      assert.equal(errors.length, 1);
    }
    assert.equal(fake.requests.length, 0);
  });

  test('answers 500 when identify() throws, and tells onError', async () => {
    const errors: unknown[] = [];
    const partner = new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken });
    const failure = new Error('session store down');
    const handle = createTokenHandler({
      partner,
      identify: () => Promise.reject(failure),
      onError: (error) => errors.push(error),
    });
    const response = await handle(post());
    assert.deepEqual([response.status, (await problemOf(response)).error], [500, 'ERROR_IDENTIFY']);
    assert.deepEqual(errors, [failure]);
  });

  test("passes Peliqan's 429 through with its Retry-After", async () => {
    await handler().handle(post());
    fake.faults.status['POST /api/sub-account/integrate/'] = { status: 429, retryAfter: 7 };
    const response = await handler().handle(post());
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '7');
    assert.equal((await problemOf(response)).error, 'ERROR_RATE_LIMITED');
  });

  test('answers 502 without details when Peliqan fails, and tells onError', async () => {
    fake.faults.status['POST /api/sub-account/integrate/'] = 500;
    const { handle, errors } = handler();
    const response = await handle(post());
    assert.equal(response.status, 502);
    const body = await response.text();
    assert.ok(!body.includes(fake.partnerToken));
    assert.equal(errors.length, 1);
  });

  test('a "no such sub-account" that arrives after the account was made does not make it again', async () => {
    let first = true;
    // The first integrate answer (a 404) is held back until another call has created the account.
    const lateFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (first && String(input).includes('/integrate/')) {
        first = false;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return response;
    };
    const partner = new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken, fetch: lateFetch });
    const handle = createTokenHandler({ partner, identify: () => ann });
    const slow = handle(post());
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await handle(post())).status, 200);
    assert.equal((await slow).status, 200);
    assert.equal(fake.requests.filter((request) => request.route === 'POST /api/sub-account/').length, 1);
  });

  test('refuses a cross-site request unless its origin is allowed', async () => {
    const { handle } = handler(ann, { allowedOrigins: ['https://app.partner.example/'] });
    const evil = await handle(post({ 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' }));
    assert.equal(evil.status, 403);
    assert.equal(evil.headers.get('cache-control'), 'no-store');
    assert.deepEqual(Object.keys(await problemOf(evil)), ['error', 'detail']);
    assert.equal((await problemOf(await handle(post({ 'Sec-Fetch-Site': 'cross-site' })))).error, 'ERROR_CROSS_SITE');
    assert.equal(fake.requests.length, 0);
    const partnerPage = { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://app.partner.example' };
    assert.equal((await handle(post(partnerPage))).status, 200);
    for (const site of ['same-origin', 'same-site', 'none']) {
      assert.equal((await handle(post({ 'Sec-Fetch-Site': site, Origin: 'https://partner.example' }))).status, 200);
    }
  });

  test('without Sec-Fetch-Site, judges Origin against its own origin and allowedOrigins', async () => {
    const { handle } = handler(ann, { allowedOrigins: ['https://app.partner.example'] });
    assert.equal((await handle(post({ Origin: 'https://partner.example' }))).status, 200);
    assert.equal((await handle(post({ Origin: 'https://app.partner.example' }))).status, 200);
    assert.equal((await handle(post({ Origin: 'https://evil.example' }))).status, 403);
    assert.equal((await handle(post({ Origin: 'http://partner.example' }))).status, 403);
    assert.equal((await handle(post({ Origin: 'null' }))).status, 403);
    // Server to server: no Origin at all.
    assert.equal((await handle(post())).status, 200);
  });

  test('refuses an allowedOrigins entry that is not an origin', () => {
    assert.throws(() => handler(ann, { allowedOrigins: ['partner.example'] }), /allowedOrigins/);
  });

  test('serves Node http (and so Express) through toNodeHandler', async () => {
    const server = createServer(toNodeHandler(handler().handle));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/peliqan/token`;
      const ok = await call(url, { method: 'POST' });
      assert.equal(ok.status, 200);
      assert.equal(typeof ok.body.token, 'string');
      assert.equal(ok.headers.get('cache-control'), 'no-store');
      // A method Fetch cannot express must not bring the server down.
      const trace = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(url, { method: 'TRACE' }, (response) => resolve(response.statusCode ?? 0));
        request.on('error', reject);
        request.end();
      });
      assert.equal(trace, 400);
      assert.equal((await call(url, { method: 'POST' })).status, 200);
    } finally {
      server.close();
    }
  });
});
