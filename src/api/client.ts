import type * as z from 'zod/mini';
import { withEarlyAnswers } from './early-requests.js';
import { PeliqanError, isPeliqanError, type ResponseIssue } from './errors.js';
import { discard, httpError, invalidResponse, parseJson, readJson, redirectedAway, send } from './http.js';
import { CATALOGUE_PATH, REQUEST_TIMEOUT_MS, apiRequest, catalogueRequest } from './requests.js';
import {
  type Connection,
  type CreatedConnection,
  type PeliqanId,
  type Servertype,
  connectionSchema,
  listPage,
  servertypeSchema,
} from './schemas.js';
import { MAX_TRIES, RETRYABLE_STATUSES, backoffDelay, retryAfterDelay, sleep } from './retry.js';
import { SharedTask } from './shared-task.js';
import { TokenSource, bindingProblem, type BoundToken, type TokenOptions } from './token.js';
import { apiBase, isSecureUrl } from './urls.js';

export { DEFAULT_BASE_URL } from './urls.js';

/** How to reach Peliqan and where the token comes from. */
export interface ClientOptions extends TokenOptions {
  /** Peliqan API origin. Default `https://app.eu.peliqan.io`. */
  baseUrl?: string;
  /**
   * The partner's catalogue endpoint (`createCatalogueHandler`): `GET`, the same JSON as
   * `GET /api/servertypes`. Without it the catalogue is read from Peliqan with the customer's token.
   */
  catalogueUrl?: string;
  /** First retry delay in ms (doubled each try, with jitter). Default 500. */
  retryDelay?: number;
  /**
   * Milliseconds from sending a request (once `admit` lets it go) until it is given up as a network
   * failure. Default 30 000.
   */
  timeout?: number;
  /**
   * Waits for each request to Peliqan's API (not to `tokenUrl` or `catalogueUrl`) to have its turn: calls
   * `send` once the request may go and returns what it returns. The timeout starts inside `send`, so the
   * wait is not counted. The partner toolkit paces its calls to Peliqan with `UpstreamQueue.admit`.
   */
  admit?: Admission;
  /** A token source to share with other clients (same token settings); made from the options otherwise. */
  tokens?: TokenSource;
}

/** A gate before each request: runs `send` when the request may go; may reject on `signal`'s abort. */
export type Admission = <T>(send: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

/** Options every call takes. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** The body of `POST /api/servers`: the connector's id and the shown fields' values. */
export type NewConnection = { servertype_id: PeliqanId } & Record<string, unknown>;

/** What `request()` takes. */
export interface RequestOptions<T> extends CallOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: object;
  schema: z.ZodMiniType<T>;
}

/**
 * A list read page by page, with the entries that did not pass validation left out: one odd entry
 * must not hide the others. `skipped` holds what was wrong with each one left out.
 */
export type CheckedList<T> = T[] & { readonly skipped: readonly ResponseIssue[] };

/** Pages followed at most for one list: a `next` that never ends must not loop forever. */
export const MAX_PAGES = 50;

/** Ids Peliqan documents: digits, or a slug. Anything else must not reach a path (`..`, `/`, `?`). */
const SAFE_ID = /^[a-z0-9_-]+$/i;

/** `id` as one path segment, or an `invalid-config` error for an id of an undocumented form. */
export function pathId(id: PeliqanId): string {
  const text = String(id);
  if (!SAFE_ID.test(text)) throw new PeliqanError('invalid-config', `Not a Peliqan id: ${JSON.stringify(text)}`);
  return text;
}

/**
 * The end-customer side of the Peliqan API (peliqan-api.md §3). Every call takes an `AbortSignal`;
 * GETs are retried on network trouble, 429 and 502/503/504; a create is only repeated after a 401
 * (the API refused it before anything was made).
 */
export class PeliqanClient {
  readonly baseUrl: string;
  readonly tokens: TokenSource;
  #options: ClientOptions;
  #answered = 0;
  #catalogue = new SharedTask((signal) => this.#readCatalogue(signal));

  constructor(options: ClientOptions = {}) {
    this.#options = options;
    this.baseUrl = apiBase(options.baseUrl);
    this.tokens = options.tokens ?? new TokenSource(options);
  }

  /** The connectors this customer may add, fetched once per client and shared by every caller. */
  servertypes(options: CallOptions = {}): Promise<CheckedList<Servertype>> {
    return this.#catalogue.get(options.signal);
  }

  /** Creates a connection; for an OAuth connector the answer carries `oauth_url`. */
  addConnection(body: NewConnection, options: CallOptions = {}): Promise<CreatedConnection> {
    return this.request('/api/servers', { ...options, method: 'POST', body, schema: connectionSchema });
  }

  /** The customer's connections, every page of them. */
  listConnections(options: CallOptions = {}): Promise<CheckedList<Connection>> {
    return this.list('/api/servers', connectionSchema, options);
  }

  /** One connection, with its status. (Async, so that a refused id rejects rather than throws.) */
  async connection(id: PeliqanId, options: CallOptions = {}): Promise<Connection> {
    return this.request(`/api/server/${pathId(id)}`, { ...options, schema: connectionSchema });
  }

  /** A connection's log entries, as Peliqan gives them (read them with `logLine()`). */
  async logs(id: PeliqanId, options: CallOptions = {}): Promise<unknown[]> {
    return this.list(`/api/server/${pathId(id)}/logs`, undefined, options);
  }

  /** How many requests Peliqan has answered with success: a failure seen since the last one is the same outage. */
  get answered(): number {
    return this.#answered;
  }

  /** Forgets the catalogue read so far; the next `servertypes()` asks again. */
  clear(): void {
    this.#catalogue.clear();
  }

  /**
   * Calls any Peliqan endpoint with this client's token, retries and validation: the answer is checked
   * against `schema` (an array schema accepts any list envelope).
   */
  async request<T>(path: string, options: RequestOptions<T>): Promise<T> {
    const response = await this.#exchange(this.baseUrl + path, options);
    return parseJson(response, options.schema);
  }

  /**
   * Reads a list in any envelope, following `next` (on the same origin only: the token goes nowhere
   * else) for at most `MAX_PAGES` pages. Each entry is checked alone against `item`; the bad ones
   * are left out and listed in `skipped`. Without `item` entries are taken as they are.
   */
  list<T = unknown>(
    path: string,
    item: z.ZodMiniType<T> | undefined,
    options: CallOptions = {},
  ): Promise<CheckedList<T>> {
    return this.#collect(this.baseUrl + path, item, (url) => this.#exchange(url, options));
  }

  #readCatalogue(signal: AbortSignal): Promise<CheckedList<Servertype>> {
    const {
      catalogueUrl,
      fetch: fetcher = fetch,
      tokenCredentials = 'same-origin',
      timeout = REQUEST_TIMEOUT_MS,
    } = this.#options;
    if (!catalogueUrl) return this.list(CATALOGUE_PATH, servertypeSchema, { signal });
    // The partner's own endpoint: no customer token; the partner's cookies, as for its token endpoint.
    return this.#collect(catalogueUrl, servertypeSchema, async (url) => {
      // Its first page may be on its way already (the script tag's loader, a hovered button).
      const response = await send(withEarlyAnswers(fetcher), url, catalogueRequest(tokenCredentials), timeout, signal);
      if (!(response instanceof Response)) throw response;
      if (!response.ok) throw await httpError(response, false);
      return response;
    });
  }

  async #collect<T>(
    first: string,
    item: z.ZodMiniType<T> | undefined,
    exchange: (url: string) => Promise<Response>,
  ): Promise<CheckedList<T>> {
    const items: T[] = [];
    const skipped: ResponseIssue[] = [];
    let seen = 0;
    let url: string | undefined = first;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const response = await exchange(url);
      const read = await readJson(response);
      const found = read && listPage(read.json);
      if (!found) throw invalidResponse(response, read ? 'Not a list' : 'Not JSON');
      for (const entry of found.items) {
        const parsed = item ? item.safeParse(entry) : { success: true as const, data: entry as T };
        if (parsed.success) items.push(parsed.data);
        else skipped.push(entryIssue(parsed.error.issues, seen));
        seen++;
      }
      url = found.next && sameOrigin(found.next, url);
    }
    // Not enumerable: the list still compares, spreads and serialises as the plain list it is.
    return Object.defineProperty(items, 'skipped', { value: skipped }) as CheckedList<T>;
  }

  /**
   * Sends one request with the token, refreshing it once on a 401 and retrying GETs; a 2xx answer. The
   * token's binding is checked before every send, retries and pages included: a refreshed token may be
   * bound elsewhere (product spec §3 "Token binding").
   */
  async #exchange(url: string, { method = 'GET', body, signal }: Omit<RequestOptions<unknown>, 'schema'>) {
    const retries = method === 'GET';
    // Where the token and the customer's typed credentials go: never in clear text (product spec §3).
    if (!isSecureUrl(this.baseUrl)) {
      throw new PeliqanError('invalid-config', `base-url must be https: (http: only for localhost): ${this.baseUrl}`);
    }
    let bound = await this.tokens.get(signal);
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const unbound = bindingProblem(bound, this.baseUrl);
      if (unbound) throw unbound;
      const response = await this.#send(url, apiRequest(bound.token, method, body), signal);
      if (response instanceof Response && redirectedAway(response, this.baseUrl)) {
        // Not a network failure to retry (the redirect would come again): an answer that is not Peliqan's.
        await discard(response);
        throw invalidResponse(response, `${url} redirected to another origin: ${response.url}`);
      }
      if (response instanceof Response && response.ok) {
        this.#answered++;
        return response;
      }
      if (response instanceof Response && response.status === 401 && !refreshed) {
        // The token expired (or was revoked) before the request was handled: get one new token and
        // repeat once. Safe for a create too: a 401 means nothing was made.
        refreshed = true;
        attempt--;
        bound = await this.#refresh(bound, response, signal);
        continue;
      }
      if (!(response instanceof Response)) {
        if (!retries || attempt >= MAX_TRIES) throw response;
        await sleep(backoffDelay(attempt, this.#options.retryDelay ?? 500), signal);
        continue;
      }
      const wait = retryAfterDelay(response.headers.get('Retry-After'));
      // A Retry-After longer than is worth waiting is a failure to show, not a wait.
      const retryable = retries && RETRYABLE_STATUSES.includes(response.status) && wait !== Infinity;
      if (!retryable || attempt >= MAX_TRIES) throw await httpError(response);
      await discard(response);
      await sleep(wait ?? backoffDelay(attempt, this.#options.retryDelay ?? 500), signal);
    }
  }

  /** One request to Peliqan once `admit` lets it go, timed from then: the answer, or the network failure. */
  #send(url: string, init: RequestInit, signal?: AbortSignal): Promise<Response | PeliqanError> {
    const { fetch: fetcher = fetch, timeout = REQUEST_TIMEOUT_MS, admit } = this.#options;
    // A read may have been asked for early (the catalogue, by the script tag's loader or a button's dialog).
    const go = () => send(init.method === 'GET' ? withEarlyAnswers(fetcher) : fetcher, url, init, timeout, signal);
    return admit ? admit(go, signal) : go();
  }

  /** A new token after `refused` got a 401; with no way to get one, Peliqan's own 401 is the error. */
  async #refresh(refused: BoundToken, response: Response, signal?: AbortSignal): Promise<BoundToken> {
    try {
      const token = await this.tokens.refresh(refused, signal);
      await discard(response);
      return token;
    } catch (error) {
      const cannotRefresh = isPeliqanError(error) && error.code === 'unauthorized' && !error.status;
      if (cannotRefresh) throw await httpError(response);
      await discard(response);
      throw error;
    }
  }
}

/** A `next` link resolved against the page it came from, if it stays on that page's origin. */
function sameOrigin(next: string, from: string): string | undefined {
  try {
    const url = new URL(next, from);
    return url.origin === new URL(from).origin ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Why list entry `index` was left out: zod's first issue, with the entry's place in the path. */
function entryIssue(issues: readonly z.core.$ZodIssue[], index: number): ResponseIssue {
  const issue = issues[0];
  return { path: [index, ...(issue?.path ?? [])], message: issue?.message ?? 'Invalid entry' };
}
