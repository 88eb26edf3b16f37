import type { Admission } from '../api/client.js';

/** How the toolkit's calls to Peliqan are paced. */
export interface UpstreamQueueOptions {
  /** Calls to Peliqan in flight at once; the rest wait their turn. */
  maxConcurrency: number;
  /** Waiting calls at which the queue counts as full (see `full`). */
  maxQueue: number;
}

interface Waiter {
  start: () => void;
}

/** Weight of the newest call in the running average of call durations. */
const AVERAGE_WEIGHT = 0.1;

/**
 * Lets at most `maxConcurrency` calls to Peliqan run at once and queues the others in arrival order:
 * the clients' `admit`. A call's timeout is the client's, and starts when the call is sent, not when it
 * is queued: under a burst, every call fired at once would otherwise spend its time waiting for a
 * socket and time out unanswered. A caller whose signal aborts while queued leaves the queue.
 */
export class UpstreamQueue {
  /** Calls in flight at most. */
  readonly maxConcurrency: number;
  /** Waiting calls at which `full` turns true. */
  readonly maxQueue: number;
  #active = 0;
  #waiting = new Set<Waiter>();
  #averageMs: number | undefined;
  #rateLimit: { retryAfter: string; at: number } | undefined;

  constructor(options: UpstreamQueueOptions) {
    if (!(options.maxConcurrency >= 1)) throw new RangeError('maxConcurrency must be at least 1');
    if (!(options.maxQueue >= 0)) throw new RangeError('maxQueue must be 0 or more');
    this.maxConcurrency = options.maxConcurrency;
    this.maxQueue = options.maxQueue;
  }

  /** Calls sent and not yet answered. */
  get active(): number {
    return this.#active;
  }

  /** Calls waiting for their turn. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /** True when `maxQueue` calls are waiting: new work should be turned away, not queued. */
  get full(): boolean {
    return this.#waiting.size >= this.maxQueue;
  }

  /** Whole seconds until the queue has likely drained, from the recent call durations (at least 1). */
  drainSeconds(): number {
    const perCall = this.#averageMs ?? 1000;
    return Math.max(1, Math.ceil((this.#waiting.size * perCall) / this.maxConcurrency / 1000));
  }

  /**
   * The `Retry-After` of the latest 429 that Peliqan answered at or after `since` (ms since the epoch),
   * as Peliqan wrote it; undefined when there was none.
   */
  retryAfterSince(since: number): string | undefined {
    return this.#rateLimit && this.#rateLimit.at >= since ? this.#rateLimit.retryAfter : undefined;
  }

  /**
   * Runs `send` once a slot is free, and frees the slot when it settles: hand it to a client as `admit`.
   * The slot is free once the answer's head is in: the client reads each (small JSON) body at once.
   */
  readonly admit: Admission = async (send, signal) => {
    await this.#turn(signal);
    const sent = Date.now();
    try {
      const result = await send();
      if (result instanceof Response) this.#noteAnswer(result, Date.now() - sent);
      return result;
    } finally {
      this.#active--;
      this.#next();
    }
  };

  #turn(signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (this.#active < this.maxConcurrency && !this.#waiting.size) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.#waiting.delete(waiter);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.#active++;
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.add(waiter);
    });
  }

  #next(): void {
    if (this.#active >= this.maxConcurrency) return;
    const waiter = this.#waiting.values().next().value;
    if (!waiter) return;
    this.#waiting.delete(waiter);
    waiter.start();
  }

  #noteAnswer(response: Response, ms: number): void {
    this.#averageMs = this.#averageMs === undefined ? ms : this.#averageMs + AVERAGE_WEIGHT * (ms - this.#averageMs);
    const retryAfter = response.headers.get('Retry-After');
    if (response.status === 429 && retryAfter) this.#rateLimit = { retryAfter, at: Date.now() };
  }
}
