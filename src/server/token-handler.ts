import { isPeliqanError } from '../api/errors.js';
import { SharedTask } from '../api/shared-task.js';
import { jsonAnswer, problem, rateLimited } from './answers.js';
import { corsHeaders, isRefusedCrossSite, normaliseOrigins, preflightAnswer } from './cross-site.js';
import type { NodeContext } from './node-handler.js';
import type { PeliqanPartner } from './partner.js';
import { customerProfile, type Customer } from './profile.js';
import { withSubAccount } from './subaccount.js';
import { TokenKeeper } from './token-keeper.js';
import type { TokenStore } from './token-store.js';
import { TOKEN_REFUSED_HEADER } from '../protocol/token.js';

export type { Customer } from './profile.js';

export { TOKEN_REFUSED_HEADER };

/** Who the token endpoint mints for, and which pages may ask. */
export interface TokenHandlerOptions<Context = NodeContext> {
  partner: PeliqanPartner;
  /**
   * Who is logged in, from the partner's own session; null when nobody is. `request` is a Fetch
   * `Request` (`request.headers.get('cookie')`); `node` is what the handler was called with beside it:
   * through `toNodeHandler`, `{ req, res }`, Node's own, with the framework's `node.req.session` and
   * `node.req.user`. Only the sub-account profile's string fields are used, never a `password` (which
   * ORMs use for the hash).
   */
  identify: (request: Request, node?: Context) => Customer | null | undefined | Promise<Customer | null | undefined>;
  /**
   * Origins of the partner's own pages on other origins that may ask for a token (e.g.
   * `https://app.partner.example` when the endpoint is on `https://api.partner.io`); they, and only
   * they, get CORS answers with credentials.
   */
  allowedOrigins?: string[];
  /**
   * Where customers' tokens are kept for reuse besides this process's memory: a store shared by the
   * partner's instances (`redisTokenStore` from `peliqan-embed/server/redis`, or any `{ get, set }`).
   * A store that fails or does not answer within `tokenStoreTimeout` is done without for that request,
   * and reported through `onError`.
   */
  tokenStore?: TokenStore;
  /** Milliseconds each call to `tokenStore` may take before the request does without it. Default 5 000. */
  tokenStoreTimeout?: number;
  /** Called with failures, for the partner's own logging (the error carries no token). */
  onError?: (error: unknown) => void;
}

/**
 * The partner's token endpoint as a Fetch-API handler `(Request, node?) => Promise<Response>` (Next.js
 * route handlers, Hono, Bun, Deno…; `toNodeHandler()` for Node `http`, Express, Koa and Fastify), which
 * passes `node` on to `identify()`. It answers `POST` with
 * `{"token": "…", "base_url": "<partner.baseUrl>"}` — a short-lived integrate token for the logged-in
 * customer, whose sub-account is created on first use, and the API origin the widget may send it to —
 * and never reads the request's body. A customer's token is reused until shortly before its JWT
 * `exp` (in this process, and across instances through `tokenStore`); concurrent requests for one
 * customer share one mint.
 */
export function createTokenHandler<Context = NodeContext>({
  partner,
  identify,
  allowedOrigins,
  tokenStore,
  tokenStoreTimeout,
  onError,
}: TokenHandlerOptions<Context>): (request: Request, node?: Context) => Promise<Response> {
  const allowed = normaliseOrigins(allowedOrigins);
  const keeper = new TokenKeeper({ partner, store: tokenStore, timeout: tokenStoreTimeout, onError });
  /**
   * Each customer's mint, while one may be under way (whether it still is, only the task knows), and
   * whether it mints a new token whatever is kept.
   */
  const minting = new Map<string, { task: SharedTask<string>; fresh: boolean }>();
  /**
   * The customer's token: a kept one, else a new one. Requests for the same customer that arrive while
   * one is being looked up or minted (tabs opened together) share it: it is theirs alike, and Peliqan
   * gets one call instead of one each.
   */
  const mint = (customer: Customer, signal: AbortSignal, fresh: boolean): Promise<string> => {
    signal.throwIfAborted();
    const id = customer.external_id;
    const current = minting.get(id);
    // A task whose every waiter left has abandoned its mint, even if the job has not ended yet: a new
    // request starts a task of its own instead of reviving that one, whose ending would unlist it.
    if (current?.task.running && (current.fresh || !fresh)) return current.task.get(signal);
    const started = {
      fresh,
      task: new SharedTask<string>(async (jobSignal) => {
        try {
          const mintFromPeliqan = () =>
            withSubAccount(partner, customer, (account) => partner.integrateToken(account, { signal: jobSignal }));
          return await keeper.obtain(id, mintFromPeliqan, jobSignal, fresh);
        } finally {
          if (minting.get(id) === started) minting.delete(id);
        }
      }),
    };
    minting.set(id, started);
    return started.task.get(signal);
  };
  const tokenAnswer = (token: string) => jsonAnswer(200, { token, base_url: partner.baseUrl });
  const answer = async (request: Request, node?: Context): Promise<Response> => {
    if (request.method !== 'POST') return problem(405, 'ERROR_METHOD', 'Use POST.', { Allow: 'POST' });
    if (isRefusedCrossSite(request, allowed)) {
      return problem(
        403,
        'ERROR_CROSS_SITE',
        'A page of another site asked for a token: its origin is not in the allowedOrigins of createTokenHandler.',
      );
    }
    let who: unknown;
    try {
      who = await identify(request, node);
    } catch (error) {
      onError?.(error);
      return problem(500, 'ERROR_IDENTIFY', 'identify() failed: see the server log.');
    }
    if (!who) return problem(401, 'ERROR_NOT_LOGGED_IN', 'Nobody is logged in.');
    const customer = customerProfile(who);
    if (!customer) {
      const detail = 'identify() must return null or an object with an external_id that is a non-empty string.';
      onError?.(new TypeError(detail));
      return problem(500, 'ERROR_IDENTIFY', detail);
    }
    // The widget got a 401 with the token it had (revoked before its exp): that one is not handed out again.
    const fresh = request.headers.has(TOKEN_REFUSED_HEADER);
    const kept = fresh ? undefined : keeper.recall(customer.external_id);
    if (kept) return tokenAnswer(kept);
    // Turn work away at the door rather than queue it past any hope of an answer in time.
    if (partner.queue.full) {
      return problem(503, 'ERROR_BUSY', 'Too many token requests at once: try again shortly.', {
        'Retry-After': String(partner.queue.drainSeconds()),
      });
    }
    const began = Date.now();
    try {
      return tokenAnswer(await mint(customer, request.signal, fresh));
    } catch (error) {
      // The browser went away: nobody reads this answer, and nothing failed.
      if (request.signal.aborted) return problem(499, 'ERROR_GONE', 'The client went away.');
      onError?.(error);
      if (isPeliqanError(error) && error.status === 429) return rateLimited(partner.queue.retryAfterSince(began));
      return problem(502, 'ERROR_UPSTREAM', 'Could not get a token from Peliqan.');
    }
  };
  return async (request, node) => {
    const preflight = preflightAnswer(request, allowed, 'POST');
    if (preflight) return preflight;
    const response = await answer(request, node);
    for (const [name, value] of Object.entries(corsHeaders(request, allowed))) response.headers.append(name, value);
    return response;
  };
}
