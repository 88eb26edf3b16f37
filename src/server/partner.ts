/**
 * The partner side of the Peliqan API (peliqan-api.md §2), for Node ≥ 20. Uses `fetch` (injectable);
 * imports no browser code. The partner token only ever travels in the `Authorization` header.
 */
import * as z from 'zod/mini';
import { detailText } from '../api/errors.js';
import { errorBodySchema, tokenResponseSchema } from '../api/schemas.js';
import { PeliqanServerError } from './errors.js';

/** Where the partner endpoints live: the documented layout, or the newer `/api/partner/…` one. */
export type PartnerPaths = 'sub-account' | 'partner';

export interface PeliqanPartnerOptions {
  /** Peliqan origin, e.g. `https://app.eu.peliqan.io`. */
  baseUrl: string;
  /** The partner token: it only manages sub-accounts. Keep it on the server. */
  partnerToken: string;
  fetch?: typeof fetch;
  /** `sub-account` (default: `/api/sub-account/…`) or `partner` (`/api/partner/sub-account/…`). */
  paths?: PartnerPaths;
  /** Milliseconds before a call is given up. Default 15 000. */
  timeout?: number;
}

/** The customer's profile for `createSubAccount`; `external_id` is the partner's own customer id. */
export interface SubAccountProfile {
  external_id: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  language?: string;
  company_name?: string;
  password?: string;
}

/** Which sub-account: Peliqan's id, or the partner's own customer id. */
export type AccountRef = { accountId: number | string } | { externalId: string };

const accountSchema = z.object({ id: z.union([z.number(), z.string()]), external_id: z.optional(z.nullable(z.string())) });
export type SubAccount = z.infer<typeof accountSchema>;

/** Calls Peliqan with the partner token: sub-accounts and their tokens. */
export class PeliqanPartner {
  readonly baseUrl: string;
  #options: PeliqanPartnerOptions;

  constructor(options: PeliqanPartnerOptions) {
    if (!options.baseUrl) throw new TypeError('PeliqanPartner needs a baseUrl');
    if (!options.partnerToken) throw new TypeError('PeliqanPartner needs a partnerToken');
    this.#options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** `POST /api/sub-account/`: a new end-customer account. */
  createSubAccount(profile: SubAccountProfile): Promise<SubAccount> {
    return this.#call('POST', this.#path(''), accountSchema, profile);
  }

  /** `GET /api/sub-account/identity/`: a sub-account token for server-side use (`expire: false` never expires). */
  async identityToken(account: AccountRef, options: { expire?: boolean } = {}): Promise<string> {
    const query = accountQuery(account);
    if (options.expire === false) query.set('expire', 'false');
    return tokenOf(await this.#call('GET', `${this.#path('identity/')}?${query}`, tokenResponseSchema));
  }

  /** `POST /api/sub-account/integrate/`: a short-lived (30 min) token for the customer's browser. */
  async integrateToken(account: AccountRef): Promise<string> {
    return tokenOf(await this.#call('POST', `${this.#path('integrate/')}?${accountQuery(account)}`, tokenResponseSchema));
  }

  #path(rest: string): string {
    return (this.#options.paths === 'partner' ? '/api/partner/sub-account/' : '/api/sub-account/') + rest;
  }

  async #call<T>(method: string, path: string, schema: z.ZodMiniType<T>, body?: unknown): Promise<T> {
    const fetcher = this.#options.fetch ?? fetch;
    let response: Response;
    try {
      response = await fetcher(this.baseUrl + path, {
        method,
        headers: {
          Accept: 'application/json',
          Authorization: `JWT ${this.#options.partnerToken}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#options.timeout ?? 15_000),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new PeliqanServerError(`${method} ${path}: ${timedOut ? 'Peliqan did not answer in time' : 'could not reach Peliqan'}`, timedOut ? 'timeout' : 'network');
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(json);
      const { error, detail } = parsed.success ? parsed.data : {};
      const code = typeof error === 'string' ? error : undefined;
      throw new PeliqanServerError(
        `${method} ${path}: Peliqan answered ${response.status}${code ? ` ${code}` : ''}${detailText(detail) ? `: ${detailText(detail)}` : ''}`,
        'http',
        response.status,
        code,
        detail,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new PeliqanServerError(`${method} ${path}: unexpected answer from Peliqan`, 'invalid-response', response.status);
    return parsed.data;
  }
}

function accountQuery(account: AccountRef): URLSearchParams {
  return new URLSearchParams('accountId' in account ? { account_id: String(account.accountId) } : { external_id: account.externalId });
}

function tokenOf(answer: z.infer<typeof tokenResponseSchema>): string {
  const token = answer.token || answer.integration_token;
  if (!token) throw new PeliqanServerError('Peliqan answered without a token', 'invalid-response');
  return token;
}
