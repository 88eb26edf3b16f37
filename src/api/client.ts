import * as z from 'zod/mini';
import type { PeliqanError } from './errors.js';
import { httpError, parseJson, send } from './http.js';
import {
  type Connection,
  type CreatedConnection,
  type PeliqanId,
  type Servertype,
  connectionSchema,
  servertypeSchema,
} from './schemas.js';
import { MAX_TRIES, RETRYABLE_STATUSES, backoffDelay, retryAfterDelay, sleep } from './retry.js';
import { SharedTask } from './shared-task.js';
import { TokenSource, type TokenOptions } from './token.js';

/** Peliqan's EU instance, the default API origin. */
export const DEFAULT_BASE_URL = 'https://app.eu.peliqan.io';

/** How to reach Peliqan and where the token comes from. */
export interface ClientOptions extends TokenOptions {
  /** Peliqan API origin. Default `https://app.eu.peliqan.io`. */
  baseUrl?: string;
  /** First retry delay in ms (doubled each try, with jitter). Default 500. */
  retryDelay?: number;
  /** Milliseconds before a request is given up as a network failure. Default 30 000. */
  timeout?: number;
}

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

// Lists come bare or wrapped (`unwrapList`); these check what is inside.
const serverTypes = z.array(servertypeSchema);
const connections = z.array(connectionSchema);
const logEntries = z.array(z.unknown());

/**
 * The end-customer side of the Peliqan API (peliqan-api.md §3). Every call takes an `AbortSignal`;
 * GETs are retried on network trouble, 429 and 502/503/504; a create is only repeated after a 401
 * (the API refused it before anything was made).
 */
export class PeliqanClient {
  readonly baseUrl: string;
  readonly tokens: TokenSource;
  #options: ClientOptions;
  #catalogue = new SharedTask((signal) => this.request('/api/servertypes', { signal, schema: serverTypes }));

  constructor(options: ClientOptions = {}) {
    this.#options = options;
    this.baseUrl = (options.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.tokens = new TokenSource(options);
  }

  /** The connectors this customer may add, fetched once per client and shared by every caller. */
  servertypes(options: CallOptions = {}): Promise<Servertype[]> {
    return this.#catalogue.get(options.signal);
  }

  /** Creates a connection; for an OAuth connector the answer carries `oauth_url`. */
  addConnection(body: NewConnection, options: CallOptions = {}): Promise<CreatedConnection> {
    return this.request('/api/servers', { ...options, method: 'POST', body, schema: connectionSchema });
  }

  /** The customer's connections. */
  listConnections(options: CallOptions = {}): Promise<Connection[]> {
    return this.request('/api/servers', { ...options, schema: connections });
  }

  /** One connection, with its status. */
  connection(id: PeliqanId, options: CallOptions = {}): Promise<Connection> {
    return this.request(`/api/server/${encodeURIComponent(id)}`, { ...options, schema: connectionSchema });
  }

  /** A connection's log entries, as Peliqan gives them (read them with `logLine()`). */
  logs(id: PeliqanId, options: CallOptions = {}): Promise<unknown[]> {
    return this.request(`/api/server/${encodeURIComponent(id)}/logs`, { ...options, schema: logEntries });
  }

  /**
   * Calls any Peliqan endpoint with this client's token, retries and validation: the answer is checked
   * against `schema` (an array schema accepts any list envelope).
   */
  async request<T>(path: string, { method = 'GET', body, schema, signal }: RequestOptions<T>): Promise<T> {
    const retries = method === 'GET';
    let token = await this.tokens.get(signal);
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const response = await send(
        this.#options.fetch ?? fetch,
        this.baseUrl + path,
        {
          method,
          headers: {
            Accept: 'application/json',
            Authorization: `JWT ${token}`,
            ...(body && { 'Content-Type': 'application/json' }),
          },
          body: body && JSON.stringify(body),
        },
        this.#options.timeout ?? 30_000,
        signal,
      );
      const status = response instanceof Response ? response.status : 0;
      if (status === 401 && !refreshed) {
        // The token expired (or was revoked) before the request was handled: get one new token and
        // repeat once. Safe for a create too: a 401 means nothing was made.
        refreshed = true;
        // With no way to get another token, report Peliqan's own 401 (status and detail).
        token = await this.tokens.refresh(token, signal).catch(async (error: PeliqanError) => {
          throw error.code === 'unauthorized' && !error.status ? await httpError(response as Response) : error;
        });
        attempt--;
        continue;
      }
      const wait = status ? retryAfterDelay((response as Response).headers.get('Retry-After')) : undefined;
      if (!(response instanceof Response)) {
        if (!retries || attempt >= MAX_TRIES) throw response;
      } else if (response.ok) return parseJson(response, schema);
      // A Retry-After longer than is worth waiting is a failure to show, not a wait.
      else if (!retries || attempt >= MAX_TRIES || !RETRYABLE_STATUSES.includes(status) || wait === Infinity)
        throw await httpError(response);
      await sleep(wait ?? backoffDelay(attempt, this.#options.retryDelay ?? 500), signal);
    }
  }
}
