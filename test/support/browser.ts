/** Helpers for browser tests: a fresh fake Peliqan per file, and its HTTP controls. */
import { executeServerCommand } from '@web/test-runner-commands';
import type { FakeFaults, FakePeliqanOptions, FakeRequest, SeedConnection } from '../../src/fake/index.js';
import type { ReceivedRequest } from './test-server.js';

export interface BrowserFake {
  url: string;
  oauthUrl: string;
  /**
   * A token URL that mints an integrate token for `externalId`: the fake's stand-in for the partner's
   * endpoint, which names the fake as the token's `base_url` as `createTokenHandler` does (`baseUrl: null`
   * names none, a string names another).
   */
  tokenUrl(externalId?: string, answer?: { baseUrl: string | null }): string;
  reset(faults?: Partial<FakeFaults>): Promise<void>;
  faults(faults: Partial<FakeFaults>): Promise<void>;
  /** Every request the fake received, its test token endpoint included. */
  requests(): Promise<FakeRequest[]>;
  /** The requests to Peliqan's API (not to the test token endpoint). */
  apiRequests(): Promise<FakeRequest[]>;
  expireTokens(): Promise<void>;
  seed(connection: SeedConnection): Promise<{ id: number }>;
  stop(): Promise<void>;
}

export async function startFake(options: FakePeliqanOptions = {}): Promise<BrowserFake> {
  const { url, oauthUrl } = await executeServerCommand<{ url: string; oauthUrl: string }, FakePeliqanOptions>(
    'fake-start',
    options,
  );
  const control = async (path: string, body?: unknown, method = 'POST') => {
    const response = await fetch(`${url}/__fake/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    return response.json();
  };
  return {
    url,
    oauthUrl,
    tokenUrl: (externalId = 'browser_test', answer) => {
      const tokenUrl = new URL('/__fake/token', url);
      tokenUrl.searchParams.set('external_id', externalId);
      if (answer) tokenUrl.searchParams.set('base_url', answer.baseUrl ?? '');
      return tokenUrl.href;
    },
    reset: async (faults) => void (await control('reset', faults)),
    faults: async (faults) => void (await control('faults', faults)),
    requests: () => control('requests', undefined, 'GET'),
    apiRequests: async () =>
      ((await control('requests', undefined, 'GET')) as FakeRequest[]).filter((request) =>
        request.path.startsWith('/api/'),
      ),
    expireTokens: async () => void (await control('expire-tokens')),
    seed: (connection) => control('connections', connection),
    stop: async () => void (await executeServerCommand('fake-stop', { url })),
  };
}

let counter = 0;
/** A token URL no other test uses, so the test gets its own shared client (and its own catalogue request). */
export const freshTokenUrl = (fake: BrowserFake): string => fake.tokenUrl(`customer_${Date.now()}_${++counter}`);

/** A customer of their own (a fresh token URL), with a way to seed connections in their account. */
export function newCustomer(fake: BrowserFake) {
  const tokenUrl = freshTokenUrl(fake);
  const externalId = new URL(tokenUrl).searchParams.get('external_id')!;
  const seed = (servertype: string, name: string, health_status: string | null, health_message?: string) =>
    fake.seed({ externalId, servertype, name, health_status, health_message });
  return { tokenUrl, seed };
}

/** An origin that must receive nothing: it records every request that reaches it (preflights too). */
export interface HostileOrigin {
  url: string;
  requests(): Promise<ReceivedRequest[]>;
  /** Forgets what reached it so far. */
  clear(): Promise<void>;
  stop(): Promise<void>;
}

const stopTestServer = async (url: string) => void (await executeServerCommand('test-server-stop', { url }));

/** Starts an origin that records what reaches it (see `test/support/hostile-commands.ts`). */
export async function startHostileOrigin(): Promise<HostileOrigin> {
  const { url } = await executeServerCommand<{ url: string }, undefined>('hostile-start');
  return {
    url,
    requests: () => executeServerCommand<ReceivedRequest[], { url: string }>('hostile-requests', { url }),
    clear: async () => void (await executeServerCommand('hostile-clear', { url })),
    stop: () => stopTestServer(url),
  };
}

/** Starts an "API origin" that answers every request with a 307 to the same path on `to`. */
export async function startRedirector(to: string): Promise<{ url: string; stop(): Promise<void> }> {
  const { url } = await executeServerCommand<{ url: string }, { to: string }>('redirect-start', { to });
  return { url, stop: () => stopTestServer(url) };
}
