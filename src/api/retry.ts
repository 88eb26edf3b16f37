/** Retry timing for idempotent requests (product spec §6): pure functions, no timers kept. */

/** Statuses worth another try: rate limited, or a gateway in trouble. */
export const RETRYABLE_STATUSES = [429, 502, 503, 504];

/** Tries in all, the first one included. */
export const MAX_TRIES = 3;

/** The longest `Retry-After` honoured; a longer one is a failure to show, not a wait. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Exponential backoff with jitter: `base·2^(n-1)`, scaled by a random 50–100 %. */
export const backoffDelay = (attempt: number, baseMs: number, random = Math.random): number =>
  Math.round(baseMs * 2 ** (attempt - 1) * (0.5 + random() / 2));

/**
 * Milliseconds asked for by a `Retry-After` header (seconds or an HTTP date): undefined when there is
 * none (or it makes no sense), Infinity when it is longer than is worth waiting.
 */
export function retryAfterDelay(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!(ms >= 0)) return undefined;
  return ms > MAX_RETRY_AFTER_MS ? Infinity : ms;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
