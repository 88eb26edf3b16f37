/**
 * A local fake of the Peliqan API (peliqan-api.md §2–§6) for the demo, our tests and partners' tests:
 * partner and end-customer endpoints, the SDK's table and script endpoints, expiring HS256 JWTs, CORS
 * for configured origins, `{error, detail}` errors, all three list envelopes, in-memory state, and a
 * fake OAuth provider on a second origin. Fault switches make it misbehave the ways the real one can.
 */
import { createServer } from 'node:http';
import { handleApiRequest } from './api.js';
import { defaultCatalogue, syntheticCatalogue, type FakeServertype } from './catalogue.js';
import type { AllowedOrigins } from './cors.js';
import { listen, stop } from './http.js';
import { handleOAuthRequest } from './oauth.js';
import { FakeState } from './state.js';
import type {
  FakeAccount,
  FakeConnection,
  FakeDatabase,
  FakeFaults,
  FakeGroup,
  FakeRequest,
  FakeScript,
  FakeTable,
  SeedConnection,
} from './types.js';

export interface FakePeliqanOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** API port; 0 (default) picks a free one. */
  port?: number;
  /** The fake OAuth provider's port (a second origin); 0 (default) picks a free one. */
  oauthPort?: number;
  /** Origins that CORS allows, or `'*'` to allow any (default). Peliqan allows the one set per partner. */
  allowedOrigins?: AllowedOrigins;
  /** The partner token the partner endpoints accept. Default `fake-partner-token`. */
  partnerToken?: string;
  /** The connector catalogue, or a number for a generated catalogue of that size. */
  catalogue?: FakeServertype[] | number;
  faults?: Partial<FakeFaults>;
}

export interface FakePeliqan {
  /** The API origin, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** The fake OAuth provider's origin. */
  oauthUrl: string;
  partnerToken: string;
  faults: FakeFaults;
  accounts: FakeAccount[];
  connections: FakeConnection[];
  requests: FakeRequest[];
  /** Every account's databases (a new sub-account gets one, with one schema). */
  databases: FakeDatabase[];
  /** Every account's query tables. */
  tables: FakeTable[];
  /** Every account's script groups (a new sub-account gets one). */
  groups: FakeGroup[];
  /** Every account's scripts. */
  scripts: FakeScript[];
  /** Clears accounts, connections, tables, scripts, the request log and the faults (then applies `faults`). */
  reset(faults?: Partial<FakeFaults>): void;
  /** Creates (once) the sub-account and returns a short-lived integrate token for it. */
  integrateToken(externalId: string): string;
  /** Makes every token issued so far read as expired. */
  expireTokens(): void;
  /** Adds a connection directly, e.g. to show a list in several states. */
  seedConnection(seed: SeedConnection): FakeConnection;
  close(): Promise<void>;
}

/** Starts the fake Peliqan (API and OAuth provider) and resolves once both listen. */
export async function startFakePeliqan(options: FakePeliqanOptions = {}): Promise<FakePeliqan> {
  const host = options.host ?? '127.0.0.1';
  const allowedOrigins = options.allowedOrigins ?? '*';
  const catalogue =
    typeof options.catalogue === 'number'
      ? syntheticCatalogue(options.catalogue)
      : (options.catalogue ?? defaultCatalogue());
  const state = new FakeState(catalogue, options.partnerToken ?? 'fake-partner-token', options.faults);
  const api = createServer((request, response) => void handleApiRequest(state, allowedOrigins, request, response));
  const oauth = createServer((request, response) => void handleOAuthRequest(state, request, response));
  state.url = `http://${host}:${await listen(api, host, options.port ?? 0)}`;
  state.oauthUrl = `http://${host}:${await listen(oauth, host, options.oauthPort ?? 0)}`;

  return {
    url: state.url,
    oauthUrl: state.oauthUrl,
    partnerToken: state.partnerToken,
    get faults() {
      return state.faults;
    },
    set faults(faults) {
      state.faults = faults;
    },
    accounts: state.accounts,
    connections: state.connections,
    requests: state.requests,
    databases: state.databases,
    tables: state.tables,
    groups: state.groups,
    scripts: state.scripts,
    reset: (faults) => state.reset(faults),
    integrateToken: (externalId) => state.integrateToken(externalId),
    expireTokens: () => state.jwt.expireAll(),
    seedConnection: (seed) => state.seedConnection(seed),
    async close() {
      state.stopTimers();
      await Promise.all([stop(api), stop(oauth)]);
    },
  };
}
