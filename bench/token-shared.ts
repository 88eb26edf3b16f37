/**
 * Token reuse across instances: 4 token-handler processes behind a round-robin "load balancer", each
 * customer's requests spread over all of them, against the fake Peliqan in its own process. One burst
 * of concurrent requests for new customers, then the same burst again; once with the tokens shared
 * through one real Redis (`peliqan-embed/server/redis`), once with each process's own memory alone.
 *   npx tsx bench/token-shared.ts
 *   SHARED_BURST=5000x1000 WORKERS=4 npx tsx bench/token-shared.ts
 * `npm run bench` adds the same rows to its table. Needs redis-server (as the Redis tests do).
 */
import type { ChildProcess } from 'node:child_process';
import { Agent } from 'node:http';
import { pathToFileURL } from 'node:url';
import { startRedisServer } from '../test/server/redis-server.js';
import { percentile } from './stats.js';
import { askForToken, startFakeProcess, startScript, type BurstRow } from './token-burst.js';

/** The scenario: concurrent requests per burst, customers they are for, and instances answering them. */
export interface SharedBurst {
  requests: number;
  customers: number;
  workers: number;
}

const DEFAULT_SHARED_BURST: SharedBurst = { requests: 5_000, customers: 1_000, workers: 4 };

interface BurstFigures {
  errors: Map<string, number>;
  latencies: number[];
  seconds: number;
}

/** One burst: request `i` is for customer `i mod customers`, sent to an instance so that each customer meets all. */
async function burst({ requests, customers }: SharedBurst, endpoints: string[]): Promise<BurstFigures> {
  const agent = new Agent({ maxSockets: Infinity });
  const errors = new Map<string, number>();
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: requests }, async (_, index) => {
      const endpoint = endpoints[(index + Math.floor(index / customers)) % endpoints.length]!;
      const begin = performance.now();
      const status = await askForToken(endpoint, agent, `shared_${index % customers}`);
      latencies.push(performance.now() - begin);
      if (status !== '200') errors.set(status, (errors.get(status) ?? 0) + 1);
    }),
  );
  agent.destroy();
  return { errors, latencies, seconds: (performance.now() - started) / 1000 };
}

/** Tokens minted so far per customer, summed over the instances, and what their onError heard. */
async function mintsOf(origins: string[]): Promise<{ perCustomer: Map<string, number>; reported: string[] }> {
  const perCustomer = new Map<string, number>();
  const reported: string[] = [];
  for (const origin of origins) {
    const { mints, errors } = (await (await fetch(`${origin}/__bench/mints`)).json()) as {
      mints: [string, number][];
      errors: string[];
    };
    for (const [customer, count] of mints) perCustomer.set(customer, (perCustomer.get(customer) ?? 0) + count);
    reported.push(...errors);
  }
  return { perCustomer, reported };
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, count) => sum + count, 0);
const errorText = ({ errors }: BurstFigures) =>
  errors.size ? [...errors].map(([status, count]) => `${status} ×${count}`).join(', ') : 0;

/** Both bursts with `workers` fresh instances, sharing through `redisUrl` when given. */
async function scenario(setup: SharedBurst, fakeUrl: string, redisUrl?: string): Promise<BurstRow[]> {
  await fetch(`${fakeUrl}/__fake/reset`, { method: 'POST' });
  const workers: ChildProcess[] = [];
  try {
    const origins: string[] = [];
    for (let index = 0; index < setup.workers; index++) {
      const env = { ...process.env, FAKE_URL: fakeUrl, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
      const { printed, child } = await startScript('./token-worker.ts', [], /listening (\d+)/, env);
      workers.push(child);
      origins.push(`http://127.0.0.1:${printed}`);
    }
    const endpoints = origins.map((origin) => `${origin}/peliqan/token`);
    const first = await burst(setup, endpoints);
    const afterFirst = await mintsOf(origins);
    const second = await burst(setup, endpoints);
    const afterSecond = await mintsOf(origins);

    const perCustomer = [...afterFirst.perCustomer.values()];
    const store = redisUrl ? 'shared Redis store' : 'in-process stores only';
    const label = `${setup.workers} processes, ${store}, ${setup.requests} for ${setup.customers} new customers`;
    const group = 'token burst, shared';
    return [
      [group, `${label}: first burst errors`, errorText(first), 'requests'],
      [
        group,
        `${label}: first burst mints per customer`,
        `${(total(afterFirst.perCustomer) / setup.customers).toFixed(2)} (max ${Math.max(...perCustomer)}, ${afterFirst.perCustomer.size} customers)`,
        '',
      ],
      [group, `${label}: first burst p50`, Math.round(percentile(first.latencies, 0.5)), 'ms'],
      [group, `${label}: first burst p99`, Math.round(percentile(first.latencies, 0.99)), 'ms'],
      [group, `${label}: first burst all answered after`, Math.round(first.seconds * 10) / 10, 's'],
      [group, `${label}: second burst errors`, errorText(second), 'requests'],
      [group, `${label}: second burst mints`, total(afterSecond.perCustomer) - total(afterFirst.perCustomer), ''],
      [group, `${label}: second burst p50`, Math.round(percentile(second.latencies, 0.5)), 'ms'],
      [group, `${label}: failures reported to onError`, afterSecond.reported.length, ''],
    ];
  } finally {
    for (const worker of workers) worker.kill();
  }
}

/** Runs the scenario without and with the shared Redis store; the figures as rows. */
export async function sharedTokenBurst(setup: SharedBurst = DEFAULT_SHARED_BURST): Promise<BurstRow[]> {
  const fake = await startFakeProcess();
  const redis = await startRedisServer();
  try {
    return [...(await scenario(setup, fake.url)), ...(await scenario(setup, fake.url, redis.url))];
  } finally {
    fake.child.kill();
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [requests, customers] = (process.env.SHARED_BURST ?? '').split('x').map(Number);
  const setup = {
    requests: requests || DEFAULT_SHARED_BURST.requests,
    customers: customers || DEFAULT_SHARED_BURST.customers,
    workers: Number(process.env.WORKERS) || DEFAULT_SHARED_BURST.workers,
  };
  for (const [, what, value, unit] of await sharedTokenBurst(setup))
    console.log(`${what.padEnd(100)} ${value} ${unit}`);
}
