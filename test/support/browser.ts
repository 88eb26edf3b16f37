/** Helpers for browser tests: a fresh fake Peliqan per file, and its HTTP controls. */
import { executeServerCommand } from '@web/test-runner-commands';
import type { FakeFaults, FakePeliqanOptions, FakeRequest, SeedConnection } from '../../src/fake/index.js';

export interface BrowserFake {
  url: string;
  oauthUrl: string;
  /** A token URL that mints an integrate token for `externalId` (the fake's test stand-in). */
  tokenUrl(externalId?: string): string;
  reset(faults?: Partial<FakeFaults>): Promise<void>;
  faults(faults: Partial<FakeFaults>): Promise<void>;
  requests(): Promise<FakeRequest[]>;
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
    tokenUrl: (externalId = 'browser_test') => `${url}/__fake/token?external_id=${encodeURIComponent(externalId)}`,
    reset: async (faults) => void (await control('reset', faults)),
    faults: async (faults) => void (await control('faults', faults)),
    requests: () => control('requests', undefined, 'GET'),
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
