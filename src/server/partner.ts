/**
 * The partner side of the Peliqan API (peliqan-api.md §2) and the tenant client, for Node ≥ 20.
 * Uses `fetch` (injectable) through the same client as the widget: `JWT` auth, zod-checked answers,
 * bounded retries for GETs only, timeouts, and `PeliqanError`s carrying status and `{error, detail}`.
 * Every call, the tenants' included, waits its turn in one `UpstreamQueue` per partner.
 * The partner token only ever travels in the `Authorization` header, over https; it is in no message.
 */
import * as z from 'zod/mini';
import { PeliqanClient } from '../api/client.js';
import type { CallOptions } from '../api/client.js';
import { PeliqanError } from '../api/errors.js';
import { idSchema, isServertype, text, tokenResponseSchema, type Servertype } from '../api/schemas.js';
import type { SubAccountProfile } from '../protocol/sub-account.js';
import { tokenOf } from '../api/binding.js';
import { isSecureUrl } from '../api/urls.js';
import { sha256Hex } from './digest.js';
import { subAccountProfile } from './profile.js';
import { PeliqanTenant, type TenantPaths } from './tenant.js';
import { UpstreamQueue } from './upstream-queue.js';

/** Where the partner endpoints live: the documented layout, or the newer `/api/partner/…` one. */
export type PartnerPaths = 'sub-account' | 'partner';

/**
 * Calls to Peliqan in flight at once per partner, by default. Measured with `bench/token-burst.ts`
 * (5 000 token requests for 1 000 new customers): as fast as no bound on the local fake, and against a
 * Peliqan taking 100 ms a call twice as fast as 32, while keeping at most 64 sockets to Peliqan.
 */
export const DEFAULT_MAX_CONCURRENCY = 64;
/** Waiting calls at which the token endpoint turns new requests away with 503, by default. */
export const DEFAULT_MAX_QUEUE = 10_000;
/** Milliseconds a call to Peliqan may take once sent, by default. */
export const DEFAULT_TIMEOUT = 15_000;

/** How to reach Peliqan with the partner token, and how hard to press it. */
export interface PeliqanPartnerOptions {
  /** Peliqan origin, e.g. `https://app.eu.peliqan.io`; `https:` only (`http:` for localhost). */
  baseUrl: string;
  /** The partner token: it only manages sub-accounts. Keep it on the server. */
  partnerToken: string;
  /** The `fetch` to call Peliqan with (default: the global one, looked up at each call). */
  fetch?: typeof fetch;
  /** `sub-account` (default: `/api/sub-account/…`) or `partner` (`/api/partner/sub-account/…`). */
  paths?: PartnerPaths;
  /** Milliseconds a call may take once it is sent (its wait in the queue not counted). Default 15 000. */
  timeout?: number;
  /** First retry delay of GETs in ms. Default 500. */
  retryDelay?: number;
  /** Calls to Peliqan in flight at once; the rest queue in arrival order. Default 64. */
  maxConcurrency?: number;
  /** Waiting calls at which the token endpoint answers 503 with `Retry-After`. Default 10 000. */
  maxQueue?: number;
  /** Other paths for the tenants' tables and scripts than those of Peliqan's SDK. */
  tenantPaths?: Partial<TenantPaths>;
}

export type { SubAccountProfile } from '../protocol/sub-account.js';

/** Which sub-account: Peliqan's id, or the partner's own customer id. */
export type AccountRef = { accountId: number | string } | { externalId: string };

const accountSchema = z.looseObject({ id: idSchema, external_id: text });
/** A sub-account as Peliqan answers it (at least its `id`). */
export type SubAccount = z.infer<typeof accountSchema>;

/** Calls Peliqan with the partner token: sub-accounts and their tokens, the catalogue, and tenants. */
export class PeliqanPartner {
  readonly baseUrl: string;
  /** The queue every call to Peliqan waits in (the tenants' too): how busy it is, and how full. */
  readonly queue: UpstreamQueue;
  #options: PeliqanPartnerOptions;
  #client: PeliqanClient;

  constructor(options: PeliqanPartnerOptions) {
    if (!options.baseUrl) throw new TypeError('PeliqanPartner needs a baseUrl');
    if (!isSecureUrl(options.baseUrl)) {
      throw new TypeError(
        `PeliqanPartner needs an https: baseUrl (http: only for localhost, 127.0.0.1 or [::1]), so that the partner token never travels in clear text; got ${JSON.stringify(options.baseUrl)}`,
      );
    }
    if (!options.partnerToken) throw new TypeError('PeliqanPartner needs a partnerToken');
    this.#options = options;
    this.queue = new UpstreamQueue({
      maxConcurrency: options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
      maxQueue: options.maxQueue ?? DEFAULT_MAX_QUEUE,
    });
    this.#client = new PeliqanClient({ ...this.#clientOptions(), token: options.partnerToken });
    this.baseUrl = this.#client.baseUrl;
  }

  /**
   * `POST /api/sub-account/`: a new end-customer account. Only the profile's fields are sent, and only
   * string values (`SUB_ACCOUNT_FIELDS`), whatever else the object carries. The one place a `password`
   * is sent: the token handler and `provisionTenant()` never send one.
   */
  createSubAccount(profile: SubAccountProfile, options: CallOptions = {}): Promise<SubAccount> {
    const body = subAccountProfile(profile);
    if (!body) return Promise.reject(new TypeError('createSubAccount needs an external_id (a non-empty string)'));
    return this.#client.request(this.#path(''), { ...options, method: 'POST', body, schema: accountSchema });
  }

  /** `GET /api/sub-account/identity/`: a sub-account token for server-side use (`expire: false` never expires). */
  async identityToken(
    account: AccountRef,
    { expire, ...options }: CallOptions & { expire?: boolean } = {},
  ): Promise<string> {
    const query = accountQuery(account);
    if (expire === false) query.set('expire', 'false');
    return tokenIn(
      await this.#client.request(`${this.#path('identity/')}?${query}`, { ...options, schema: tokenResponseSchema }),
    );
  }

  /** `POST /api/sub-account/integrate/`: a short-lived (30 min) token for the customer's browser. */
  async integrateToken(account: AccountRef, options: CallOptions = {}): Promise<string> {
    const path = `${this.#path('integrate/')}?${accountQuery(account)}`;
    return tokenIn(await this.#client.request(path, { ...options, method: 'POST', schema: tokenResponseSchema }));
  }

  /**
   * `GET /api/servertypes` with the partner token, as Peliqan's page shows it (peliqan-api.md §7): the
   * connector catalogue, every page of it. Each entry is checked on its own against the widget's schema
   * and left out if it fails; the ones kept are Peliqan's objects as sent, unknown fields included.
   */
  async servertypes(options: CallOptions = {}): Promise<Servertype[]> {
    const entries = await this.#client.list('/api/servertypes', undefined, options);
    return entries.filter(isServertype);
  }

  /**
   * A key for `name` (a customer's `external_id`) within this partner account, for a store shared by
   * several instances: a SHA-256 digest of the base URL, the partner token and `name`, so that two
   * partner accounts sharing one Redis never meet, and the key names neither the token nor the customer.
   */
  storeKey(name: string): Promise<string> {
    return sha256Hex(JSON.stringify([this.baseUrl, this.#options.partnerToken, name]));
  }

  /** The tenant client for a sub-account token (from `identityToken` or `integrateToken`). */
  tenant(token: string): PeliqanTenant {
    if (!token) throw new TypeError('tenant() needs a sub-account token');
    return new PeliqanTenant({ ...this.#clientOptions(), token, paths: this.#options.tenantPaths });
  }

  /**
   * What every client of this partner shares: each call waits its turn in the queue, and its timeout
   * starts once it is sent. Without a `fetch` the client looks the global one up at each call, so that
   * a test (or an APM agent) that replaces it is honoured.
   */
  #clientOptions() {
    const { baseUrl, retryDelay, fetch: fetcher, timeout = DEFAULT_TIMEOUT } = this.#options;
    return { baseUrl, retryDelay, fetch: fetcher, timeout, admit: this.queue.admit };
  }

  #path(rest: string): string {
    return subAccountPath(this.#options.paths, rest);
  }
}

/** A partner endpoint's path in the given layout, e.g. `integrate/` → `/api/sub-account/integrate/`. */
export function subAccountPath(layout: PartnerPaths = 'sub-account', rest = ''): string {
  return (layout === 'partner' ? '/api/partner/sub-account/' : '/api/sub-account/') + rest;
}

function accountQuery(account: AccountRef): URLSearchParams {
  return new URLSearchParams(
    'accountId' in account ? { account_id: String(account.accountId) } : { external_id: account.externalId },
  );
}

function tokenIn(answer: z.infer<typeof tokenResponseSchema>): string {
  const token = tokenOf(answer);
  if (!token) throw new PeliqanError('invalid-response', 'Peliqan answered without a token');
  return token;
}
