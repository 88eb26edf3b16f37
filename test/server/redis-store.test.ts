/**
 * `peliqan-embed/server/redis` against a real `redis-server`, started on a free port for this file and
 * stopped after it, with both clients a partner may already have: node-redis and ioredis.
 */
import { describe, test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from 'redis';
import { Redis } from 'ioredis';
import { PeliqanPartner, TokenStoreError, createTokenHandler, type TokenStore } from '../../src/server/index.js';
import { redisTokenStore, type IoRedisClient, type NodeRedisClient } from '../../src/server/redis.js';
import { useFake } from '../support/fake.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

const fake = await useFake();
const redis = await startRedisServer();
const closing: (() => unknown)[] = [];
after(async () => {
  for (const close of closing) await close();
  await redis.stop();
});

/** A node-redis client, connected, closed after the file. */
async function nodeRedis(server: RedisServer = redis, options: { disableOfflineQueue?: boolean } = {}) {
  const client = createClient({ url: server.url, ...options });
  // Without a listener, a lost connection would be an uncaught 'error' event.
  client.on('error', () => {});
  await client.connect();
  closing.push(() => client.isOpen && client.destroy());
  return client;
}

/** An ioredis client, connected, closed after the file. */
async function ioRedis(server: RedisServer = redis) {
  const client = new Redis(server.url, { lazyConnect: true });
  client.on('error', () => {});
  await client.connect();
  closing.push(() => client.disconnect());
  return client;
}

const clients: [string, () => Promise<NodeRedisClient | IoRedisClient>][] = [
  ['node-redis', nodeRedis],
  ['ioredis', ioRedis],
];

beforeEach(async () => {
  fake.reset();
  await (await nodeRedis()).flushAll();
});

const integrateCalls = () =>
  fake.requests.filter((request) => request.route === 'POST /api/sub-account/integrate/').length;

/** One instance of the partner's back end: its own PeliqanPartner and token handler, on `store`. */
function instance(store: TokenStore, tokenStoreTimeout?: number) {
  const errors: unknown[] = [];
  const handle = createTokenHandler({
    partner: new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken }),
    identify: (request) => ({ external_id: request.headers.get('x-customer')! }),
    tokenStore: store,
    tokenStoreTimeout,
    onError: (error) => errors.push(error),
  });
  const tokenFor = async (customer: string) => {
    const response = await handle(
      new Request('https://partner.example/peliqan/token', { method: 'POST', headers: { 'X-Customer': customer } }),
    );
    assert.equal(response.status, 200);
    return ((await response.json()) as { token: string }).token;
  };
  return { tokenFor, errors };
}

for (const [name, connect] of clients) {
  describe(`redisTokenStore with ${name}`, () => {
    test('keeps a value under its prefix until its TTL runs out, and lets one caller claim a key', async () => {
      const client = await connect();
      const store = redisTokenStore(client);
      assert.equal(await store.get('token:abc'), null);
      await store.set('token:abc', 'the-value', 60);
      assert.equal(await store.get('token:abc'), 'the-value');
      const admin = await nodeRedis();
      assert.ok(Math.abs((await admin.ttl('peliqan-embed:token:abc')) - 60) <= 1);
      assert.equal(await store.claim!('minting:abc', 10), true);
      assert.equal(await store.claim!('minting:abc', 10), false);
      const other = redisTokenStore(client, { prefix: 'other-app:' });
      assert.equal(await other.get('token:abc'), null);
      assert.deepEqual((await admin.keys('*')).sort(), ['peliqan-embed:minting:abc', 'peliqan-embed:token:abc']);
      await store.set('token:short', 'gone-soon', 1);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      assert.equal(await store.get('token:short'), null);
    });
  });
}

describe('token handlers sharing one Redis', () => {
  test('two instances mint once per customer, also when asked at the same moment', async () => {
    const customers = ['ann', 'bob', 'cy'];
    for (const customer of customers) fake.integrateToken(customer);
    fake.faults.delay['POST /api/sub-account/integrate/'] = 50;
    // Two instances behind a load balancer, one on each client.
    const first = instance(redisTokenStore(await nodeRedis()));
    const second = instance(redisTokenStore(await ioRedis()));
    const asked = customers.flatMap((customer) =>
      [first, second, first, second].map(async (each) => [customer, await each.tokenFor(customer)] as const),
    );
    const answers = await Promise.all(asked);
    assert.equal(integrateCalls(), customers.length);
    for (const customer of customers) {
      const tokens = new Set(answers.filter(([who]) => who === customer).map(([, token]) => token));
      assert.equal(tokens.size, 1, `${customer} got ${tokens.size} tokens`);
    }
    // A later request, at either instance, reuses the token too.
    assert.equal(await second.tokenFor('ann'), answers.find(([who]) => who === 'ann')![1]);
    assert.equal(integrateCalls(), customers.length);
    assert.deepEqual([first.errors, second.errors], [[], []]);

    // Redis holds tokens under keys that name neither a customer nor a token.
    const admin = await nodeRedis();
    const keys = await admin.keys('*');
    assert.ok(keys.length >= customers.length);
    for (const key of keys) assert.match(key, /^peliqan-embed:(token|minting):[0-9a-f]{64}$/);
  });

  test('with Redis down the endpoint still answers, minting as if there were no store, and tells onError', async () => {
    fake.integrateToken('ann');
    const doomed = await startRedisServer();
    // One client as created by default (it queues commands while away), one that fails fast.
    const waiting = instance(redisTokenStore(await nodeRedis(doomed)), 500);
    const failingFast = instance(redisTokenStore(await nodeRedis(doomed, { disableOfflineQueue: true })));
    await doomed.stop();
    for (const [each, within] of [
      [waiting, 1_500],
      [failingFast, 500],
    ] as const) {
      const began = Date.now();
      assert.equal(typeof (await each.tokenFor('ann')), 'string');
      assert.ok(Date.now() - began < within, `answered after ${Date.now() - began} ms`);
      assert.equal(each.errors.length, 1);
      assert.ok(each.errors[0] instanceof TokenStoreError);
    }
    assert.equal(integrateCalls(), 2);
  });
});
