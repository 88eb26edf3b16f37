/**
 * The partner's token endpoint under a burst: many concurrent `POST /peliqan/token` for many customers,
 * each new to Peliqan, through `toNodeHandler` as a partner would mount it, with the fake Peliqan in its
 * own process (so that its work does not share this process's event loop).
 *   npx tsx bench/token-burst.ts                      both bursts below
 *   BURSTS=5000x1000 npx tsx bench/token-burst.ts     one burst: requests x customers
 *   MAX_CONCURRENCY=32 npx tsx bench/token-burst.ts   another maxConcurrency than the toolkit's default
 *   UPSTREAM_DELAY=100 npx tsx bench/token-burst.ts   a Peliqan that takes 100 ms per partner call
 * `npm run bench` adds the same rows to its table.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as z from 'zod/mini';
import { PeliqanClient } from '../src/api/index.js';
import { PeliqanPartner, createTokenHandler, toNodeHandler } from '../src/server/index.js';
import { percentile } from './stats.js';

/** A row as `bench/run.ts` prints it: group, what, value, unit. */
export type BurstRow = [group: string, what: string, value: number | string, unit: string];

/** One burst: how many concurrent token requests, spread over how many customers. */
export interface Burst {
  requests: number;
  customers: number;
  /** The partner's `maxConcurrency`; the toolkit's default when absent. */
  maxConcurrency?: number;
  /** Milliseconds the fake takes per partner call (real Peliqan is a network away; the fake is not). */
  upstreamDelay?: number;
}

const DEFAULT_BURSTS: Burst[] = [
  { requests: 1_000, customers: 100 },
  { requests: 5_000, customers: 1_000 },
];

/**
 * A TypeScript file of this repository in a child process (through tsx); resolves with what `ready`
 * matched in its output, once it printed it.
 */
export async function startScript(
  path: string,
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ printed: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL(path, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  const printed = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${path} exited (${code}) before it was ready`)));
  });
  child.stdout!.resume();
  return { printed, child };
}

/** The fake Peliqan in a child process; resolves with its URL once it listens. */
export async function startFakeProcess(): Promise<{ url: string; child: ChildProcess }> {
  const { printed, child } = await startScript(
    '../src/fake/cli.ts',
    ['--port', '0', '--oauth-port', '0'],
    /Fake Peliqan API\s+(http:\/\/\S+)/,
  );
  return { url: printed, child };
}

/** How many sub-accounts the fake holds per external id, read through the partner list endpoint. */
async function subAccountsPerCustomer(url: string, partnerToken: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  // The client's list reader: any envelope, following `next` (up to MAX_PAGES).
  const accounts = await new PeliqanClient({ baseUrl: url, token: partnerToken }).list(
    '/api/partner/sub-accounts/',
    z.looseObject({ external_id: z.string() }),
  );
  for (const account of accounts) counts.set(account.external_id, (counts.get(account.external_id) ?? 0) + 1);
  return counts;
}

/**
 * One token request from a browser's point of view: the status, or `network` when no answer came.
 * Node's own client, with no connect timeout: the bench measures the endpoint, not the client.
 */
export function askForToken(endpoint: string, agent: Agent, customer: string): Promise<string> {
  return new Promise((resolve) => {
    const request = httpRequest(
      endpoint,
      { method: 'POST', agent, headers: { 'X-Customer': customer } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(String(response.statusCode)));
        response.on('error', () => resolve('network'));
      },
    );
    request.on('error', () => resolve('network'));
    request.end();
  });
}

async function runBurst(
  { requests, customers, maxConcurrency, upstreamDelay = 0 }: Burst,
  fakeUrl: string,
): Promise<BurstRow[]> {
  const partnerToken = 'fake-partner-token';
  const partnerRoutes = ['POST /api/sub-account/', 'POST /api/sub-account/integrate/'];
  const delay = Object.fromEntries(partnerRoutes.map((route) => [route, upstreamDelay]));
  await fetch(`${fakeUrl}/__fake/reset`, {
    method: 'POST',
    body: JSON.stringify({ delay }),
    headers: { 'Content-Type': 'application/json' },
  });
  const partner = new PeliqanPartner({ baseUrl: fakeUrl, partnerToken, maxConcurrency });
  const handler = createTokenHandler({
    partner,
    // The bench's "session": which customer is asking, from a header.
    identify: (request) => ({ external_id: request.headers.get('x-customer') ?? '' }),
  });
  const server = createServer(toNodeHandler(handler));
  // A burst arrives at once: let the kernel hold every connection instead of dropping SYNs.
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: requests }, resolve));
  const agent = new Agent({ maxSockets: Infinity });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/peliqan/token`;

  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: requests }, async (_, index) => {
      const begin = performance.now();
      const status = await askForToken(endpoint, agent, `burst_${index % customers}`);
      latencies.push(performance.now() - begin);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  server.close();
  server.closeAllConnections();

  const accounts = await subAccountsPerCustomer(fakeUrl, partnerToken);
  const duplicated = [...accounts.values()].filter((count) => count > 1).length;
  const errors = requests - (statuses.get('200') ?? 0);
  const breakdown = [...statuses]
    .filter(([status]) => status !== '200')
    .map(([status, count]) => `${status} ×${count}`)
    .join(', ');
  const upstream = upstreamDelay ? `, Peliqan ${upstreamDelay} ms` : '';
  const label = `${requests} concurrent for ${customers} customers${upstream}, maxConcurrency ${partner.queue.maxConcurrency}`;
  return [
    ['token burst', `${label}: p50`, Math.round(percentile(latencies, 0.5)), 'ms'],
    ['token burst', `${label}: p99`, Math.round(percentile(latencies, 0.99)), 'ms'],
    ['token burst', `${label}: errors`, errors ? `${errors} (${breakdown})` : 0, 'requests'],
    [
      'token burst',
      `${label}: sub-accounts`,
      `${accounts.size} of ${customers}${duplicated ? `, ${duplicated} made twice` : ', one each'}`,
      '',
    ],
    ['token burst', `${label}: all answered after`, Math.round(seconds * 10) / 10, 's'],
  ];
}

/** Runs each burst against a fresh fake Peliqan in a child process and returns the figures as rows. */
export async function tokenBurst(bursts: Burst[] = DEFAULT_BURSTS): Promise<BurstRow[]> {
  const { url, child } = await startFakeProcess();
  try {
    const rows: BurstRow[] = [];
    for (const burst of bursts) rows.push(...(await runBurst(burst, url)));
    return rows;
  } finally {
    child.kill();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const maxConcurrency = process.env.MAX_CONCURRENCY ? Number(process.env.MAX_CONCURRENCY) : undefined;
  const upstreamDelay = Number(process.env.UPSTREAM_DELAY ?? 0);
  const bursts = (
    process.env.BURSTS?.split(',') ?? DEFAULT_BURSTS.map((burst) => `${burst.requests}x${burst.customers}`)
  ).map((pair) => {
    const [requests, customers] = pair.split('x').map(Number);
    return { requests: requests!, customers: customers!, maxConcurrency, upstreamDelay };
  });
  for (const [, what, value, unit] of await tokenBurst(bursts)) console.log(`${what.padEnd(84)} ${value} ${unit}`);
}
