import { LruMap } from './lru.js';

/**
 * Where a token handler keeps customers' integrate tokens between requests (product.md §8 "Tokens are
 * reused"). Keys are opaque (`token:<sha-256>`); values are live tokens, so a shared store deserves the
 * care of a session store.
 */
export interface TokenStore {
  /** The value kept under `key`, or null / undefined when there is none (or it expired). */
  get(key: string): Promise<string | null | undefined> | string | null | undefined;
  /** Keeps `value` under `key` for `ttlSeconds` (a whole number, at least 1). */
  set(key: string, value: string, ttlSeconds: number): Promise<unknown> | unknown;
  /**
   * Optional: takes `key` for `ttlSeconds` if nobody holds it (Redis `SET NX`), true when this caller
   * got it. With it, the instances sharing the store mint once per customer, also at the same moment.
   */
  claim?(key: string, ttlSeconds: number): Promise<boolean> | boolean;
}

/**
 * Seconds before its JWT `exp` at which a token is no longer handed out: enough for a page to use it
 * a while, and for clocks that differ between the partner's servers and Peliqan.
 */
export const TOKEN_REUSE_MARGIN = 300;

/** How many customers' tokens the in-process store holds (under 1 KB each); the least recent go first. */
export const REMEMBERED_TOKENS = 10_000;

/** The `exp` claim of a JWT (seconds since the epoch), or undefined when `token` is not a JWT with one. */
function expiryOf(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const exp = (claims as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whole seconds `token` may still be handed out: until `TOKEN_REUSE_MARGIN` before its JWT `exp`.
 * 0 for a token without `exp` (nobody knows how long it lasts: it is not reused) or too close to it.
 */
export function reuseSeconds(token: string, now = Date.now()): number {
  const exp = expiryOf(token);
  if (exp === undefined) return 0;
  return Math.max(0, Math.floor(exp - now / 1000 - TOKEN_REUSE_MARGIN));
}

/** The in-process store: at most `capacity` entries, each forgotten when its time is up. */
export class MemoryTokenStore implements TokenStore {
  #entries: LruMap<string, { value: string; until: number }>;

  constructor(capacity = REMEMBERED_TOKENS) {
    this.#entries = new LruMap(capacity);
  }

  /** The value kept under `key`, while its time lasts. */
  get(key: string): string | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.until > Date.now()) return entry.value;
    if (entry) this.#entries.delete(key);
    return undefined;
  }

  /** Keeps `value` under `key` for `ttlSeconds`. */
  set(key: string, value: string, ttlSeconds: number): void {
    this.#entries.set(key, { value, until: Date.now() + ttlSeconds * 1000 });
  }

  /** Forgets what is kept under `key`. */
  delete(key: string): void {
    this.#entries.delete(key);
  }
}
