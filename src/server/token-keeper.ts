import { reasonOf } from '../api/errors.js';
import { sleep } from '../api/retry.js';
import type { PeliqanPartner } from './partner.js';
import { MemoryTokenStore, reuseSeconds, type TokenStore } from './token-store.js';

/**
 * Milliseconds a call to the shared token store may take, by default, before the request does without
 * it. Generous, because a process swamped by a burst reads even Redis's answers seconds late
 * (`bench/token-shared.ts` saw 2 s); a Redis that is away is noticed at once by a client made to fail
 * fast (see `redisTokenStore`).
 */
export const TOKEN_STORE_TIMEOUT = 5_000;

/**
 * Seconds an instance holds a customer's claim while it mints: longer than a mint takes, short enough
 * that the others mint themselves soon if it died mid-way.
 */
const CLAIM_SECONDS = 10;
/** First and longest pause between looks for the token another instance is minting. */
const FIRST_LOOK_MS = 25;
const LONGEST_LOOK_MS = 400;

/** Where a token handler keeps tokens besides its own memory, and whom it tells when that fails. */
export interface TokenKeeperOptions {
  partner: PeliqanPartner;
  /** The store shared with the partner's other instances, if any. */
  store?: TokenStore;
  /** Milliseconds each call to `store` may take. Default `TOKEN_STORE_TIMEOUT`. */
  timeout?: number;
  onError?: (error: unknown) => void;
}

/** A failure of the shared token store, as `onError` gets it: what failed, never the value it held. */
export class TokenStoreError extends Error {
  override name = 'TokenStoreError';
}

/**
 * One request's use of the shared store: each call bounded by the timeout; after the first failure
 * (reported once) the store is left alone, and the request mints as if there were none.
 */
class SharedStoreVisit {
  #store: TokenStore;
  #timeout: number;
  #onError?: (error: unknown) => void;
  #failed = false;

  constructor(store: TokenStore, timeout: number, onError?: (error: unknown) => void) {
    this.#store = store;
    this.#timeout = timeout;
    this.#onError = onError;
  }

  get canClaim(): boolean {
    return !this.#failed && typeof this.#store.claim === 'function';
  }

  /** A token kept under `key` that may still be handed out. */
  async get(key: string): Promise<string | undefined> {
    const value = await this.#call('get', () => this.#store.get(key));
    return typeof value === 'string' && reuseSeconds(value) > 0 ? value : undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.#call('set', () => this.#store.set(key, value, ttlSeconds));
  }

  /** True when this request may mint: it got the claim, or the store cannot say. */
  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    const claimed = await this.#call('claim', () => this.#store.claim!(key, ttlSeconds));
    return this.#failed || claimed === true;
  }

  async #call<T>(operation: string, call: () => T | Promise<T>): Promise<T | undefined> {
    if (this.#failed) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#timeout} ms`)), this.#timeout);
    });
    try {
      return await Promise.race([Promise.resolve().then(call), timeout]);
    } catch (error) {
      this.#failed = true;
      // Only the message: a client's error object may carry the command, and so the token, with it.
      const reason = reasonOf(error);
      this.#onError?.(new TokenStoreError(`tokenStore.${operation}() failed, minting without it: ${reason}`));
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Keeps each customer's integrate token until `TOKEN_REUSE_MARGIN` before its JWT `exp`: in this
 * process, and in the partner's shared store when there is one, so that reloads, tabs and the other
 * instances behind a load balancer do not mint again.
 */
export class TokenKeeper {
  #local = new MemoryTokenStore();
  #options: TokenKeeperOptions;
  /** False once a minted token could not be reused (no `exp`): claiming would only make others wait. */
  #tokensLast = true;

  constructor(options: TokenKeeperOptions) {
    this.#options = options;
  }

  /** The customer's token kept in this process, if any. */
  recall(externalId: string): string | undefined {
    return this.#local.get(externalId);
  }

  /**
   * The customer's kept token, or the one `mint` makes (once for every instance, when the store can
   * claim); with `fresh`, a new one that replaces what is kept.
   */
  async obtain(externalId: string, mint: () => Promise<string>, signal: AbortSignal, fresh = false): Promise<string> {
    if (fresh) this.#local.delete(externalId);
    const token = this.recall(externalId) ?? (await this.#fromShared(externalId, mint, signal, fresh));
    const seconds = reuseSeconds(token);
    if (seconds > 0) this.#local.set(externalId, token, seconds);
    else this.#tokensLast = false;
    return token;
  }

  async #fromShared(
    externalId: string,
    mint: () => Promise<string>,
    signal: AbortSignal,
    fresh: boolean,
  ): Promise<string> {
    const { partner, store: shared, timeout = TOKEN_STORE_TIMEOUT, onError } = this.#options;
    if (!shared) return mint();
    const store = new SharedStoreVisit(shared, timeout, onError);
    const digest = await partner.storeKey(externalId);
    const key = `token:${digest}`;
    const claimKey = `minting:${digest}`;
    const kept = fresh ? undefined : await store.get(key);
    if (kept) return kept;
    if (this.#tokensLast && !fresh && store.canClaim) {
      // Another instance is minting this customer's token: look for it until the claim runs out.
      const giveUp = Date.now() + CLAIM_SECONDS * 1000;
      for (let pause = FIRST_LOOK_MS; !(await store.claim(claimKey, CLAIM_SECONDS)); pause *= 2) {
        if (Date.now() > giveUp) break;
        await sleep(Math.min(pause, LONGEST_LOOK_MS), signal);
        const minted = await store.get(key);
        if (minted) return minted;
      }
    }
    let token: string;
    try {
      token = await mint();
    } catch (error) {
      // Let the others try at once rather than wait out the claim.
      if (store.canClaim) await store.set(claimKey, 'released', 1);
      throw error;
    }
    const seconds = reuseSeconds(token);
    if (seconds > 0) await store.set(key, token, seconds);
    return token;
  }
}
