import { fallbackBaseUrl, isBoundTo, tokenOf, type BoundToken } from './binding.js';
import { withEarlyAnswers } from './early-requests.js';
import { PeliqanError, isAbortError, isPeliqanError, reasonOf } from './errors.js';
import { discard, httpError, parseJson, redirectedAway, send } from './http.js';
import { retryAfterDelay, sleep } from './retry.js';
import { tokenResponseSchema } from './schemas.js';
import { REQUEST_TIMEOUT_MS, tokenRequest } from './requests.js';
import { SharedTask } from './shared-task.js';
import { originOf } from './urls.js';

export type { BoundToken } from './binding.js';

/** What a `tokenProvider` gives: the token, or the token and the Peliqan API origin it is for. */
export type ProvidedToken = string | { token: string; baseUrl?: string };

/** Where the end-customer token comes from (product spec §3). */
export interface TokenOptions {
  /** A ready integrate token. Never reflected to an attribute. */
  token?: string;
  /**
   * Called when there is no token, and again after a 401 (with a signal that aborts when nobody waits any
   * more). May name the API origin the token is for: `{ token, baseUrl }`.
   */
  tokenProvider?: (signal?: AbortSignal) => Promise<ProvidedToken>;
  /** The partner's endpoint: `POST`, answers `{"token": "…", "base_url": "…"}` (or `integration_token`). */
  tokenUrl?: string;
  /**
   * Cookies for `tokenUrl` (and `catalogueUrl`): `same-origin` (default), or `include` for an endpoint
   * on another origin of the partner's.
   */
  tokenCredentials?: 'same-origin' | 'include';
  /**
   * The API origin a token is bound to when its source names none (product spec §3 "Token binding"): a
   * base URL set in script, never one read from markup. Default: `baseUrl`, else Peliqan's EU instance.
   */
  tokenBaseUrl?: string;
  fetch?: typeof fetch;
}

/** The token settings of `options`, and nothing else: what makes two token sources the same. */
export const tokenSettings = ({
  token,
  tokenProvider,
  tokenUrl,
  tokenCredentials,
  tokenBaseUrl,
}: TokenOptions): TokenOptions => ({ token, tokenProvider, tokenUrl, tokenCredentials, tokenBaseUrl });

/**
 * Whether `bound` may be sent to `baseUrl` (product spec §3 "Token binding"): the same origin. Otherwise
 * the `invalid-config` error to fail with, before anything is sent.
 */
export function bindingProblem(bound: BoundToken, baseUrl: string): PeliqanError | undefined {
  if (isBoundTo(bound, baseUrl)) return undefined;
  return new PeliqanError(
    'invalid-config',
    `The token is for ${bound.baseUrl}, not for base-url ${baseUrl}: a token goes only to the API origin its ` +
      'token endpoint names (base_url), else to the base URL set in script (configure({ baseUrl }) or the baseUrl property)',
  );
}

/**
 * The end-customer token: fetched lazily, once for everybody who shares this source, and refreshed
 * at most once for any number of concurrent 401s.
 */
export class TokenSource {
  #options: TokenOptions;
  #task = new SharedTask((signal) => this.#obtain(signal));
  #usedReadyToken = false;
  /** The next fetch replaces a token Peliqan refused: the partner's endpoint must not hand it out again. */
  #refused = false;
  /** Where a token whose source names no API origin may go. */
  #fallbackBaseUrl: string;

  constructor(options: TokenOptions & { baseUrl?: string }) {
    this.#options = options;
    this.#fallbackBaseUrl = fallbackBaseUrl(options);
  }

  /** The current token and the API origin it is bound to, fetching it if there is none yet. */
  get(signal?: AbortSignal): Promise<BoundToken> {
    return this.#task.get(signal);
  }

  /**
   * A new token after `stale` was refused. Callers that saw the same stale token share one refresh;
   * a caller whose token was already replaced gets the replacement without another fetch.
   */
  refresh(stale: BoundToken, signal?: AbortSignal): Promise<BoundToken> {
    const { tokenProvider, tokenUrl } = this.#options;
    // A fixed token cannot be renewed: fail this call, keep the token for the next ones.
    if (!tokenProvider && !tokenUrl) return Promise.reject(new PeliqanError('unauthorized', 'Token refused'));
    if (this.#task.value === stale) {
      this.#task.clear();
      this.#refused = true;
    }
    return this.#task.get(signal);
  }

  /** Forgets the token (a log-out, another customer): the next call fetches a new one. */
  clear(): void {
    this.#task.clear();
  }

  async #obtain(signal: AbortSignal): Promise<BoundToken> {
    const { token, tokenProvider, tokenUrl } = this.#options;
    let obtained: Partial<BoundToken> | undefined;
    try {
      if (token && !this.#usedReadyToken) {
        this.#usedReadyToken = true;
        obtained = { token };
      } else if (tokenProvider) obtained = await this.#fromProvider(tokenProvider, signal);
      else if (tokenUrl) obtained = await this.#fromEndpoint(tokenUrl, signal);
    } catch (error) {
      // The partner's side failed, not Peliqan: say so, so that nobody blames the wrong party.
      if (isPeliqanError(error)) error.source = 'token-endpoint';
      throw error;
    }
    if (obtained?.baseUrl && !originOf(obtained.baseUrl)) {
      const message = `The token source named a base URL that is not a URL: ${obtained.baseUrl}`;
      throw new PeliqanError('invalid-config', message, { source: 'token-endpoint' });
    }
    if (typeof obtained?.token === 'string' && obtained.token) {
      return { token: obtained.token, baseUrl: obtained.baseUrl || this.#fallbackBaseUrl };
    }
    throw new PeliqanError('unauthorized', 'No token: set token-url, token or tokenProvider', {
      source: 'token-endpoint',
    });
  }

  /** The partner's provider; its failure is a failure to get a token, whatever it threw. */
  async #fromProvider(
    provider: NonNullable<TokenOptions['tokenProvider']>,
    signal: AbortSignal,
  ): Promise<Partial<BoundToken> | undefined> {
    let provided: ProvidedToken | undefined;
    try {
      provided = await provider(signal);
    } catch (error) {
      if (isPeliqanError(error) || isAbortError(error)) throw error;
      throw new PeliqanError('unauthorized', `tokenProvider failed: ${reasonOf(error)}`);
    }
    return typeof provided === 'string' ? { token: provided } : provided;
  }

  /**
   * `POST tokenUrl` → `{"token": "…", "base_url": "…"}`. A 429 is waited out once (its `Retry-After`, up
   * to a minute); a redirect to a login page means nobody is logged in; an answer from another origin
   * than the endpoint's is refused.
   */
  async #fromEndpoint(tokenUrl: string, signal: AbortSignal): Promise<Partial<BoundToken> | undefined> {
    const { fetch = globalThis.fetch, tokenCredentials = 'same-origin' } = this.#options;
    // An answer to this very request may be on its way already (the script tag's loader, a hovered button).
    const fetcher = withEarlyAnswers(fetch);
    const init = tokenRequest(tokenCredentials, this.#refused);
    this.#refused = false;
    for (let attempt = 1; ; attempt++) {
      const response = await send(fetcher, tokenUrl, init, REQUEST_TIMEOUT_MS, signal);
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
      if (redirectedAway(response, tokenUrl)) {
        // The answer names where the token may go (`base_url`): only the endpoint the page named decides that.
        await discard(response);
        throw new PeliqanError('invalid-response', `${tokenUrl} redirected to another origin: ${response.url}`, {
          status: response.status,
        });
      }
      try {
        const answer = await parseJson(response, tokenResponseSchema);
        return { token: tokenOf(answer), baseUrl: answer.base_url ?? undefined };
      } catch (error) {
        if (isPeliqanError(error) && error.code === 'invalid-response') error.message = `${tokenUrl}: ${error.message}`;
        throw error;
      }
    }
  }
}

const isJson = (response: Response) => /[/+]json\b/i.test(response.headers.get('Content-Type') ?? '');
