import { PeliqanError, isAbortError, isPeliqanError } from './errors.js';
import { discard, httpError, parseJson, send } from './http.js';
import { retryAfterDelay, sleep } from './retry.js';
import { tokenResponseSchema } from './schemas.js';
import { SharedTask } from './shared-task.js';

/** Where the end-customer token comes from (product spec §3). */
export interface TokenOptions {
  /** A ready integrate token. Never reflected to an attribute. */
  token?: string;
  /** Called when there is no token, and again after a 401 (with a signal that aborts when nobody waits any more). */
  tokenProvider?: (signal?: AbortSignal) => Promise<string>;
  /** The partner's endpoint: `POST`, answers `{"token": "…"}` (or `integration_token`). */
  tokenUrl?: string;
  /**
   * Cookies for `tokenUrl` (and `catalogueUrl`): `same-origin` (default), or `include` for an endpoint
   * on another origin of the partner's.
   */
  tokenCredentials?: 'same-origin' | 'include';
  fetch?: typeof fetch;
}

/** The token settings of `options`, and nothing else: what makes two token sources the same. */
export const tokenSettings = ({ token, tokenProvider, tokenUrl, tokenCredentials }: TokenOptions): TokenOptions => ({
  token,
  tokenProvider,
  tokenUrl,
  tokenCredentials,
});

/**
 * The end-customer token: fetched lazily, once for everybody who shares this source, and refreshed
 * at most once for any number of concurrent 401s.
 */
export class TokenSource {
  #options: TokenOptions;
  #task = new SharedTask((signal) => this.#obtain(signal));
  #usedReadyToken = false;

  constructor(options: TokenOptions) {
    this.#options = options;
  }

  /** The current token, fetching it if there is none yet. */
  get(signal?: AbortSignal): Promise<string> {
    return this.#task.get(signal);
  }

  /**
   * A new token after `stale` was refused. Callers that saw the same stale token share one refresh;
   * a caller whose token was already replaced gets the replacement without another fetch.
   */
  refresh(stale: string, signal?: AbortSignal): Promise<string> {
    const { tokenProvider, tokenUrl } = this.#options;
    // A fixed token cannot be renewed: fail this call, keep the token for the next ones.
    if (!tokenProvider && !tokenUrl) return Promise.reject(new PeliqanError('unauthorized', 'Token refused'));
    if (this.#task.value === stale) this.#task.clear();
    return this.#task.get(signal);
  }

  /** Forgets the token (a log-out, another customer): the next call fetches a new one. */
  clear(): void {
    this.#task.clear();
  }

  async #obtain(signal: AbortSignal): Promise<string> {
    const { token, tokenProvider, tokenUrl } = this.#options;
    let obtained: string | null | undefined;
    try {
      if (token && !this.#usedReadyToken) {
        this.#usedReadyToken = true;
        obtained = token;
      } else if (tokenProvider) obtained = await this.#fromProvider(tokenProvider, signal);
      else if (tokenUrl) obtained = await this.#fromEndpoint(tokenUrl, signal);
    } catch (error) {
      // The partner's side failed, not Peliqan: say so, so that nobody blames the wrong party.
      if (isPeliqanError(error)) error.source = 'token-endpoint';
      throw error;
    }
    if (typeof obtained === 'string' && obtained) return obtained;
    throw new PeliqanError('unauthorized', 'No token: set token-url, token or tokenProvider', {
      source: 'token-endpoint',
    });
  }

  /** The partner's provider; its failure is a failure to get a token, whatever it threw. */
  async #fromProvider(provider: NonNullable<TokenOptions['tokenProvider']>, signal: AbortSignal) {
    try {
      return await provider(signal);
    } catch (error) {
      if (isPeliqanError(error) || isAbortError(error)) throw error;
      throw new PeliqanError(
        'unauthorized',
        `tokenProvider failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * `POST tokenUrl` → `{"token": "…"}`. A 429 is waited out once (its `Retry-After`, up to a minute);
   * a redirect to a login page means nobody is logged in.
   */
  async #fromEndpoint(tokenUrl: string, signal: AbortSignal): Promise<string | undefined> {
    const { fetch: fetcher = fetch, tokenCredentials = 'same-origin' } = this.#options;
    const init: RequestInit = {
      method: 'POST',
      credentials: tokenCredentials,
      headers: { Accept: 'application/json' },
    };
    for (let attempt = 1; ; attempt++) {
      const response = await send(fetcher, tokenUrl, init, 30_000, signal);
      if (!(response instanceof Response)) throw response;
      const wait = response.status === 429 ? retryAfterDelay(response.headers.get('Retry-After')) : undefined;
      if (attempt === 1 && wait !== undefined && wait !== Infinity) {
        await discard(response);
        await sleep(wait, signal);
        continue;
      }
      // The partner's endpoint answers 401/403 when nobody is logged in.
      if (!response.ok) throw await httpError(response, response.status === 401 || response.status === 403);
      if (response.redirected && !isJson(response)) {
        await discard(response);
        throw new PeliqanError('unauthorized', `${tokenUrl} redirected to ${response.url}: nobody is logged in`, {
          status: response.status,
        });
      }
      try {
        return tokenOf(await parseJson(response, tokenResponseSchema));
      } catch (error) {
        if (isPeliqanError(error) && error.code === 'invalid-response') error.message = `${tokenUrl}: ${error.message}`;
        throw error;
      }
    }
  }
}

/** [assumed] The token in an answer: `token`, else `integration_token` (peliqan-api.md §2). */
export const tokenOf = (answer: { token?: string | null; integration_token?: string | null }): string | undefined =>
  answer.token || answer.integration_token || undefined;

const isJson = (response: Response) => /[/+]json\b/i.test(response.headers.get('Content-Type') ?? '');
