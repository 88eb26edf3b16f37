import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
  PeliqanPartner,
  TOKEN_REFUSED_HEADER,
  TOKEN_REUSE_MARGIN,
  TokenStoreError,
  createTokenHandler,
  type TokenStore,
} from '../../src/server/index.js';
import { PeliqanClient } from '../../src/api/index.js';
import { call, useFake, wait } from '../support/fake.js';

const fake = await useFake();
beforeEach(() => {
  fake.reset();
  // Customers whose sub-accounts exist, so that each mint is one integrate call.
  for (const customer of ['wood_123', 'ann', 'bob']) fake.integrateToken(customer);
});

const integrateCalls = () =>
  fake.requests.filter((request) => request.route === 'POST /api/sub-account/integrate/').length;

/** A token endpoint whose "session" names the customer in an `X-Customer` header. */
function endpoint(options: { tokenStore?: TokenStore; tokenStoreTimeout?: number; fetch?: typeof fetch } = {}) {
  const errors: unknown[] = [];
  const partner = new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken, fetch: options.fetch });
  const handle = createTokenHandler({
    partner,
    identify: (request) => ({ external_id: request.headers.get('x-customer') ?? 'wood_123' }),
    tokenStore: options.tokenStore,
    tokenStoreTimeout: options.tokenStoreTimeout,
    onError: (error) => errors.push(error),
  });
  const tokenFor = async (customer = 'wood_123', headers: Record<string, string> = {}) => {
    const response = await handle(
      new Request('https://partner.example/peliqan/token', {
        method: 'POST',
        headers: { 'X-Customer': customer, ...headers },
      }),
    );
    assert.equal(response.status, 200);
    return ((await response.json()) as { token: string }).token;
  };
  return { tokenFor, errors, partner, handle };
}

/** A shared store in a Map, as a partner might write one, recording what it was asked. */
function mapStore() {
  const entries = new Map<string, { value: string; ttlSeconds: number }>();
  const store: TokenStore = {
    get: async (key) => entries.get(key)?.value,
    set: async (key, value, ttlSeconds) => void entries.set(key, { value, ttlSeconds }),
  };
  return { store, entries };
}

describe('token reuse', () => {
  test("hands out a customer's token again until shortly before its exp, then mints a new one", async () => {
    // Tokens that may be reused for one to three seconds (exp counts from the fake's whole second).
    fake.faults.tokenLifetime = TOKEN_REUSE_MARGIN + 3;
    const { tokenFor } = endpoint();
    const first = await tokenFor();
    assert.equal(await tokenFor(), first);
    assert.equal(integrateCalls(), 1);
    await wait(3_100);
    assert.notEqual(await tokenFor(), first);
    assert.equal(integrateCalls(), 2);
  });

  test('keeps each customer to their own token', async () => {
    const { tokenFor } = endpoint();
    const ann = await tokenFor('ann');
    const bob = await tokenFor('bob');
    assert.notEqual(ann, bob);
    assert.deepEqual([await tokenFor('ann'), await tokenFor('bob')], [ann, bob]);
    assert.equal(integrateCalls(), 2);
  });

  test('does not reuse a token without exp: nobody knows how long it lasts', async () => {
    let minted = 0;
    const opaqueTokens: typeof fetch = async (input, init) => {
      if (!String(input).includes('/integrate/')) return fetch(input, init);
      minted++;
      return Response.json({ token: `opaque-token-${minted}` });
    };
    const { tokenFor } = endpoint({ fetch: opaqueTokens });
    assert.deepEqual([await tokenFor(), await tokenFor()], ['opaque-token-1', 'opaque-token-2']);
  });

  test('hands out a new token, kept from then on, when the client says Peliqan refused the kept one', async () => {
    const { store } = mapStore();
    const { tokenFor } = endpoint({ tokenStore: store });
    const revoked = await tokenFor();
    // Peliqan revokes it before its exp: only the widget, with its 401, can tell.
    fake.expireTokens();
    assert.equal(await tokenFor(), revoked);
    const renewed = await tokenFor('wood_123', { [TOKEN_REFUSED_HEADER]: '1' });
    assert.notEqual(renewed, revoked);
    assert.equal((await call(`${fake.url}/api/servers`, { token: renewed })).status, 200);
    assert.equal(await tokenFor(), renewed);
    // The shared store holds the new one too, for the other instances.
    assert.equal(await endpoint({ tokenStore: store }).tokenFor(), renewed);
    assert.equal(integrateCalls(), 2);
  });

  test("the widget's client, refused a kept token, asks for a new one with the header and carries on", async () => {
    const { handle } = endpoint();
    const client = new PeliqanClient({
      baseUrl: fake.url,
      tokenUrl: 'https://partner.example/peliqan/token',
      // The partner's page and its token endpoint, without a network in between.
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url.startsWith('https://partner.example/')) return handle(new Request(url, init));
        return fetch(input, init);
      },
    });
    await client.listConnections();
    fake.expireTokens();
    await client.listConnections();
    const answered = fake.requests.filter((request) => request.route === 'GET /api/servers').map((r) => r.auth);
    assert.deepEqual(answered, ['customer', 'expired', 'customer'], 'one 401, then the new token works');
    assert.equal(integrateCalls(), 2);
  });

  test('keeps it in the shared tokenStore under an opaque key, for the other instances to reuse', async () => {
    const { store, entries } = mapStore();
    const first = endpoint({ tokenStore: store });
    const token = await first.tokenFor('wood_123');
    assert.equal(entries.size, 1);
    const [key, { value, ttlSeconds }] = [...entries][0]!;
    assert.equal(value, token);
    // The key names neither the customer nor any token, and two partner accounts never share one.
    assert.match(key, /^token:[0-9a-f]{64}$/);
    assert.ok(!key.includes('wood_123') && !key.includes(fake.partnerToken));
    // Until TOKEN_REUSE_MARGIN before exp; exp counts from the fake's whole second, so up to 2 s less.
    const reuse = 30 * 60 - TOKEN_REUSE_MARGIN;
    assert.ok(ttlSeconds <= reuse && ttlSeconds >= reuse - 2, String(ttlSeconds));
    const other = new PeliqanPartner({ baseUrl: fake.url, partnerToken: 'another-partner-token' });
    assert.notEqual(await other.storeKey('wood_123'), await first.partner.storeKey('wood_123'));
    // Another instance of the partner's back end: a process of its own, the same store.
    const second = endpoint({ tokenStore: store });
    assert.equal(await second.tokenFor('wood_123'), token);
    assert.equal(integrateCalls(), 1);
  });

  test('a failing store does not fail the endpoint: it mints, and onError hears why without the token', async () => {
    const failure = Object.assign(new Error('Connection is closed.'), { command: { name: 'set', args: [] } });
    const failing: TokenStore = {
      get: async () => null,
      set: async (key, value) => {
        failure.command.args = [key, value] as never;
        throw failure;
      },
    };
    const { tokenFor, errors } = endpoint({ tokenStore: failing });
    const token = await tokenFor();
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof TokenStoreError);
    assert.match((errors[0] as Error).message, /tokenStore\.set\(\) failed.*Connection is closed/);
    assert.ok(!inspect(errors[0], { depth: 10 }).includes(token), 'the token reached onError');
  });

  test('a store that does not answer is done without after tokenStoreTimeout', async () => {
    const silent: TokenStore = { get: () => new Promise<never>(() => {}), set: () => new Promise<never>(() => {}) };
    const { tokenFor, errors } = endpoint({ tokenStore: silent, tokenStoreTimeout: 300 });
    const began = Date.now();
    await tokenFor();
    const took = Date.now() - began;
    assert.ok(took >= 300 && took < 1_300, `took ${took} ms`);
    assert.equal(errors.length, 1, 'one report per request, not one per store call');
    assert.match((errors[0] as Error).message, /tokenStore\.get\(\) failed.*no answer within 300 ms/);
  });
});
