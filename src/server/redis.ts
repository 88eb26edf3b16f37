/**
 * `peliqan-embed/server/redis`: a `TokenStore` on Redis, so that the instances of a partner's back end
 * behind a load balancer share customers' tokens and mint once per customer. It brings no Redis client
 * of its own: give it the one the app already has, node-redis (`redis`, v4 and later) or `ioredis`
 * (both optional peer dependencies).
 */
import type { TokenStore } from './token-store.js';

/** A node-redis client (`createClient()` of `redis` v4 and later); a node-redis cluster is not one. */
export interface NodeRedisClient {
  sendCommand(args: string[]): Promise<unknown>;
}

/** An ioredis client or cluster (`new Redis()`, `new Cluster()`). */
export interface IoRedisClient {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** How the store names its keys. */
export interface RedisTokenStoreOptions {
  /** Put before every key, e.g. to keep apps sharing one Redis apart. Default `peliqan-embed:`. */
  prefix?: string;
}

/** The prefix of the store's keys, by default. */
export const DEFAULT_REDIS_PREFIX = 'peliqan-embed:';

/**
 * A token store on Redis through the app's own client. Tokens are kept with `SET … EX` (Redis forgets
 * them when their time is up) and claimed with `SET … NX EX`, as raw commands, which node-redis 4 and
 * later and ioredis 5 and later send the same way.
 *
 * Create the client so that it fails fast while Redis is away (node-redis `disableOfflineQueue: true`,
 * ioredis `enableOfflineQueue: false`); otherwise each request waits `TOKEN_STORE_TIMEOUT` for it
 * before minting without it. Either way the token endpoint keeps answering.
 */
export function redisTokenStore(
  client: NodeRedisClient | IoRedisClient,
  { prefix = DEFAULT_REDIS_PREFIX }: RedisTokenStoreOptions = {},
): TokenStore {
  const command: (...args: string[]) => Promise<unknown> =
    'call' in client && typeof client.call === 'function'
      ? (name, ...args) => client.call(name!, ...args)
      : (...args) => (client as NodeRedisClient).sendCommand(args);
  return {
    async get(key) {
      const value = await command('GET', prefix + key);
      return typeof value === 'string' ? value : null;
    },
    async set(key, value, ttlSeconds) {
      await command('SET', prefix + key, value, 'EX', String(ttlSeconds));
    },
    async claim(key, ttlSeconds) {
      return (await command('SET', prefix + key, '1', 'NX', 'EX', String(ttlSeconds))) === 'OK';
    },
  };
}
