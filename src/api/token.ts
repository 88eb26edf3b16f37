import { PeliqanError } from './errors.js';
import { httpError, parseJson, send } from './http.js';
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
  fetch?: typeof fetch;
}

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

  async #obtain(signal: AbortSignal): Promise<string> {
    const { token, tokenProvider, tokenUrl } = this.#options;
    let obtained: string | null | undefined;
    if (token && !this.#usedReadyToken) {
      this.#usedReadyToken = true;
      obtained = token;
    } else if (tokenProvider) obtained = await tokenProvider(signal);
    else if (tokenUrl) {
      const response = await send(
        this.#options.fetch ?? fetch,
        tokenUrl,
        { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' } },
        30_000,
        signal,
      );
      if (!(response instanceof Response)) throw response;
      // The partner's endpoint answers 401/403 when nobody is logged in.
      if (!response.ok) throw await httpError(response, response.status === 401 || response.status === 403);
      const answer = await parseJson(response, tokenResponseSchema);
      obtained = answer.token || answer.integration_token;
    }
    if (typeof obtained === 'string' && obtained) return obtained;
    throw new PeliqanError('unauthorized', 'No token: set token-url, token or tokenProvider');
  }
}
