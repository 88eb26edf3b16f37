/**
 * A local fake of the Peliqan API (peliqan-api.md §2–§6) for the demo, our tests and partners' tests:
 * partner and end-customer endpoints, the SDK's table and script endpoints, expiring HS256 JWTs, CORS
 * for configured origins, `{error, detail}` errors, all three list envelopes, in-memory state, and a
 * fake OAuth provider on a second origin. Fault switches make it misbehave the ways the real one can.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isAllowedHostHeader, namesThisMachine, urlHostFor } from '../protocol/loopback.js';
import { handleApiRequest } from './api.js';
import { defaultCatalogue, syntheticCatalogue, type FakeServertype } from './catalogue.js';
import type { AllowedOrigins } from './cors.js';
import { listen, markAsFake, sendJson, stop } from './http.js';
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
  /**
   * Host names a request may be addressed to besides this machine's (`localhost`, `127.0.0.1`, `[::1]`)
   * and `host`, e.g. a container's name. Any other `Host` is refused (403): DNS rebinding.
   */
  allowedHosts?: string[];
  /** API port; 0 (default) picks a free one. */
  port?: number;
  /** The fake OAuth provider's port (a second origin); 0 (default) picks a free one. */
  oauthPort?: number;
  /**
   * Origins allowed besides pages on this machine (`localhost`, `127.0.0.1`, `[::1]`, any port): they
   * get CORS headers and may use the `/__fake/` controls. `'*'` allows every origin, so any website
   * open in the browser can drive the fake. Peliqan itself allows the one domain set per partner.
   */
  allowedOrigins?: AllowedOrigins;
  /** Allow only `allowedOrigins`, not pages on this machine: to see how the widget fails on a wrong origin. */
  strictOrigins?: boolean;
  /** Request bodies over this many bytes are answered 413 and never held. Default 1 MiB (1 048 576). */
  maxBodyBytes?: number;
  /** How many of the latest requests `requests` (and `GET /__fake/requests`) keeps. Default 1000. */
  requestLogLimit?: number;
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
  /** The partner token's own account (not a sub-account): where a partner token used as a customer's acts. */
  partnerAccount: FakeAccount;
  faults: FakeFaults;
  accounts: FakeAccount[];
  connections: FakeConnection[];
  /** The latest API requests (at most `requestLogLimit`), oldest first; never a token or a body. */
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

type Handler = (state: FakeState, request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * A server that marks every answer as the fake's and answers with `handler`, for requests addressed to
 * this machine (or an allowed host) only: a website rebound to 127.0.0.1 can neither read nor drive it.
 */
function fakeServer(state: FakeState, handler: Handler) {
  return createServer((request, response) => {
    markAsFake(response);
    const host = request.headers.host;
    if (!isAllowedHostHeader(host, state.settings.hosts)) {
      const detail = `The fake Peliqan answers requests to localhost, 127.0.0.1 and [::1] only, not to ${JSON.stringify(host ?? '')}: add the name to allowedHosts (--allowed-host) if you mean it.`;
      sendJson(response, 403, { error: 'ERROR_HOST_NOT_ALLOWED', detail });
      return;
    }
    // Handlers answer their own errors (a 500 for a bug); what is left is a client gone mid-request.
    handler(state, request, response).catch(() => response.destroy());
  });
}

/** Starts the fake Peliqan (API and OAuth provider) and resolves once both listen. */
export async function startFakePeliqan(options: FakePeliqanOptions = {}): Promise<FakePeliqan> {
  const host = options.host ?? '127.0.0.1';
  const catalogue =
    typeof options.catalogue === 'number'
      ? syntheticCatalogue(options.catalogue)
      : (options.catalogue ?? defaultCatalogue());
  const state = new FakeState({
    catalogue,
    partnerToken: options.partnerToken ?? 'fake-partner-token',
    faults: options.faults,
    settings: {
      origins: { allowed: options.allowedOrigins ?? [], loopback: !options.strictOrigins },
      hosts: [host, ...(options.allowedHosts ?? [])],
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      requestLogLimit: options.requestLogLimit ?? 1000,
    },
  });
  if (!namesThisMachine(host)) {
    console.warn(
      `The fake Peliqan listens on ${host}, beyond this machine: anyone who can reach it can read its state and ` +
        'drive its /__fake/ controls, which need no token. Use it on a network you trust.',
    );
  }
  const api = fakeServer(state, handleApiRequest);
  const oauth = fakeServer(state, handleOAuthRequest);
  const urlHost = urlHostFor(host);
  state.url = `http://${urlHost}:${await listen(api, host, options.port ?? 0)}`;
  try {
    state.oauthUrl = `http://${urlHost}:${await listen(oauth, host, options.oauthPort ?? 0)}`;
  } catch (error) {
    // A fake that could not start whole leaves nothing listening behind.
    await stop(api);
    throw error;
  }

  return {
    url: state.url,
    oauthUrl: state.oauthUrl,
    partnerToken: state.partnerToken,
    partnerAccount: state.partnerAccount,
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
