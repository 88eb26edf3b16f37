import { PeliqanError, isAbortError } from './errors.js';
import { tokenResponseSchema } from './schemas.js';
import { SharedTask } from './shared-task.js';

/** Where the end-customer token comes from (product spec §3). */
export interface TokenOptions {
  /** A ready integrate token. Never reflected to an attribute. */
  token?: string;
  /** Called when there is no token, and again after a 401. */
  tokenProvider?: () => Promise<string>;
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
  #task: SharedTask<string>;
  #usedReadyToken = false;

  constructor(options: TokenOptions) {
    this.#options = options;
    this.#task = new SharedTask((signal) => this.#obtain(signal));
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
    const current = this.#task.value;
    if (current === stale) this.#task.clear();
    return this.#task.get(signal);
  }

  async #obtain(signal: AbortSignal): Promise<string> {
    const { token, tokenProvider, tokenUrl } = this.#options;
    if (token && !this.#usedReadyToken) {
      this.#usedReadyToken = true;
      return token;
    }
    if (tokenProvider) return validToken(await tokenProvider());
    if (tokenUrl) return this.#fetchFromUrl(tokenUrl, signal);
    throw new PeliqanError(
      'unauthorized',
      token ? 'The token was refused and there is no tokenProvider or token-url to get a new one' : 'No token: set token-url, token or tokenProvider',
    );
  }

  async #fetchFromUrl(url: string, signal: AbortSignal): Promise<string> {
    const fetcher = this.#options.fetch ?? fetch;
    let response: Response;
    try {
      response = await fetcher(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
        signal,
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new PeliqanError('network', 'Could not reach the token endpoint');
    }
    if (response.status === 401 || response.status === 403) {
      throw new PeliqanError('unauthorized', 'The token endpoint refused: is the customer logged in?', { status: response.status });
    }
    if (!response.ok) {
      throw new PeliqanError('http', `The token endpoint answered ${response.status}`, { status: response.status });
    }
    const parsed = tokenResponseSchema.safeParse(await response.json().catch(() => undefined));
    const token = parsed.success && (parsed.data.token || parsed.data.integration_token);
    if (!token) throw new PeliqanError('invalid-response', 'The token endpoint did not answer {"token": "…"}');
    return token;
  }
}

function validToken(token: unknown): string {
  if (typeof token === 'string' && token) return token;
  throw new PeliqanError('unauthorized', 'tokenProvider gave no token');
}
