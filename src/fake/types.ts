/** What the fake keeps and what its switches look like: the types of `peliqan-embed/fake`. */
import type { SubAccountProfile } from '../protocol/sub-account.js';

/** A status to answer instead of handling a request, optionally with a body and `Retry-After`. */
export type InjectedResponse = number | { status: number; body?: unknown; retryAfter?: number };

/** The switches that make the fake misbehave. Route keys look like `GET /api/server/:id`. */
export interface FakeFaults {
  /** Per route: one response for every request, or a list used up one per request. */
  status: Record<string, InjectedResponse | InjectedResponse[]>;
  /** Per route: milliseconds to wait before answering. */
  delay: Record<string, number>;
  /**
   * Per route: the next N requests are handled (a create creates), then their answer is lost: the
   * connection closes after the status line, and the client sees a network failure.
   */
  drop: Record<string, number>;
  /** Lifetime of integrate tokens in seconds (Peliqan: 30 minutes). */
  tokenLifetime: number;
  /** Send `Cross-Origin-Opener-Policy: same-origin` from the OAuth provider's pages. */
  coop: boolean;
  /** Outcome of the connection test run after a credential connection is created. */
  connectionTest: 'pass' | 'fail';
  /** Peliqan's words when a connection test fails. */
  connectionTestMessage: string;
  /** Milliseconds the connection test takes (the connection reads PENDING meanwhile). */
  testDelay: number;
  /**
   * Milliseconds an OAuth connection stays pending, with no health, after the customer allowed access
   * (0: connected at once).
   */
  oauthTestDelay: number;
  /** How lists are wrapped: a bare array, `{data, next}` or `{count, next, previous, results}`. */
  listEnvelope: 'bare' | 'data' | 'results';
  /**
   * Items per page of a list in the `data` or `results` envelope, whose `next` then links the following
   * page (`?page=N`). 0: every item on one page. A bare array never pages.
   */
  pageSize: number;
  /** Replaces the `oauth_url` of created OAuth connections (to test hostile URLs). */
  oauthUrl: string | null;
}

export const defaultFaults = (): FakeFaults => ({
  status: {},
  delay: {},
  drop: {},
  tokenLifetime: 30 * 60,
  coop: false,
  connectionTest: 'pass',
  connectionTestMessage: 'Authentication failed: the credentials were rejected',
  testDelay: 1500,
  oauthTestDelay: 0,
  listEnvelope: 'bare',
  pageSize: 0,
  oauthUrl: null,
});

/** A sub-account, as the fake keeps it: the profile it was created with (less any password). */
export interface FakeAccount extends Omit<SubAccountProfile, 'password'> {
  id: number;
  created_at: string;
}

/** A connection ("server"), as the fake keeps it; `values` never leave the fake. */
export interface FakeConnection {
  id: number;
  account: number;
  servertype_id: number;
  server_type: string;
  name: string;
  health_status: string | null;
  health_message: string | null;
  created_at: string;
  values: Record<string, unknown>;
  oauthState?: string;
  logs: { timestamp: string; level: string; message: string }[];
}

/** A database of an account's data warehouse (`GET /api/applications/`), with one schema. */
export interface FakeDatabase {
  id: number;
  account: number;
  name: string;
  schemas: { id: number; name: string }[];
}

/** A query table (peliqan-api.md §6), in one of the account's databases. */
export interface FakeTable {
  id: number;
  account: number;
  database_id: number;
  schema_id: number;
  name: string;
  table_type: 'query';
  query: string;
  created_at: string;
}

/** A group of scripts ("data apps"), `GET /api/groups/`. */
export interface FakeGroup {
  id: number;
  account: number;
  name: string;
}

/** A script ("interface", peliqan-api.md §6) in one of the account's groups. */
export interface FakeScript {
  id: number;
  account: number;
  group_id: number;
  name: string;
  raw_script: string;
  run_mode: 'SHELL' | 'API' | 'STREAMLIT';
  type: string;
  schedule: boolean;
  run_interval: number | null;
  created_at: string;
  updated_at: string;
}

/**
 * How a request authenticated, as the request log shows it. `unknown-account`: a valid token for an
 * account that no longer exists (answered 401).
 */
export type FakeAuth = 'none' | 'partner' | 'customer' | 'expired' | 'invalid' | 'other-scheme' | 'unknown-account';

/** One request the fake received (without tokens or bodies: safe to print). */
export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  route: string;
  auth: FakeAuth;
  account?: number;
  origin?: string;
  bodyKeys?: string[];
  /** The status the fake answered (or meant to, when the answer was dropped). */
  status?: number;
  /** True when the `drop` fault lost the answer. */
  dropped?: boolean;
  at: number;
}

/** What `seedConnection` takes. */
export interface SeedConnection {
  externalId: string;
  /** The connector's id or slug. */
  servertype: number | string;
  name?: string;
  health_status?: string | null;
  health_message?: string | null;
}
