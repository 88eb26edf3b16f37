/**
 * One instance of a partner's back end for `bench/token-shared.ts`: the token endpoint through
 * `toNodeHandler`, on the fake Peliqan at `FAKE_URL`, sharing tokens through the Redis at `REDIS_URL`
 * when it is set. Prints `listening <port>` once it listens; `GET /__bench/mints` answers how many
 * tokens it minted per customer.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { PeliqanPartner, createTokenHandler, toNodeHandler, type TokenStore } from '../src/server/index.js';
import { redisTokenStore } from '../src/server/redis.js';

const fakeUrl = process.env.FAKE_URL!;
const redisUrl = process.env.REDIS_URL;

/** Tokens Peliqan gave this instance, per customer. */
const mints = new Map<string, number>();
const countingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = new URL(String(input));
  if (url.pathname.endsWith('/integrate/') && response.ok) {
    const customer = url.searchParams.get('external_id')!;
    mints.set(customer, (mints.get(customer) ?? 0) + 1);
  }
  return response;
};

let tokenStore: TokenStore | undefined;
if (redisUrl) {
  const client = createClient({ url: redisUrl, disableOfflineQueue: true });
  client.on('error', (error: Error) => console.error('Redis:', error.message));
  await client.connect();
  tokenStore = redisTokenStore(client);
}

const errors: string[] = [];
const tokenHandler = toNodeHandler(
  createTokenHandler({
    partner: new PeliqanPartner({ baseUrl: fakeUrl, partnerToken: 'fake-partner-token', fetch: countingFetch }),
    // The bench's "session": which customer is asking, from a header.
    identify: (request) => ({ external_id: request.headers.get('x-customer') ?? '' }),
    tokenStore,
    onError: (error) => errors.push(error instanceof Error ? error.message : String(error)),
  }),
);

const server = createServer((req, res) => {
  if (req.url !== '/__bench/mints') return void tokenHandler(req, res);
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ mints: [...mints], errors }));
});
// A burst arrives at once: let the kernel hold every connection instead of dropping SYNs.
server.listen({ port: 0, host: '127.0.0.1', backlog: 10_000 }, () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
