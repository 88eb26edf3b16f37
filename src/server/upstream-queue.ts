/** How the toolkit's calls to Peliqan are paced. */
export interface UpstreamQueueOptions {
  /** Calls to Peliqan in flight at once; the rest wait their turn. */
  maxConcurrency: number;
  /** Waiting calls at which the queue counts as full (see `full`). */
  maxQueue: number;
  /** Milliseconds a call may take once it is sent (not counting its wait in the queue). */
  timeout: number;
  /** The `fetch` that sends a call once its turn has come. */
  fetch: typeof fetch;
}

interface Waiter {
  start: () => void;
}

/** Weight of the newest call in the running average of call durations. */
const AVERAGE_WEIGHT = 0.1;

/**
 * A `fetch` that lets at most `maxConcurrency` calls to Peliqan run at once and queues the others in
 * arrival order. A call's timeout starts when it is sent, not when it is queued: under a burst, every
 * call fired at once would otherwise spend its time waiting for a socket and time out unanswered.
 * A caller whose signal aborts while queued leaves the queue.
 */
export class UpstreamQueue {
  /** Calls in flight at most. */
  readonly maxConcurrency: number;
  /** Waiting calls at which `full` turns true. */
  readonly maxQueue: number;
  #options: UpstreamQueueOptions;
  #active = 0;
  #waiting = new Set<Waiter>();
  #averageMs: number | undefined;
  #rateLimit: { retryAfter: string; at: number } | undefined;

  constructor(options: UpstreamQueueOptions) {
    if (!(options.maxConcurrency >= 1)) throw new RangeError('maxConcurrency must be at least 1');
    if (!(options.maxQueue >= 0)) throw new RangeError('maxQueue must be 0 or more');
    this.#options = options;
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

  /** The queued `fetch`, to hand to a client. */
  readonly fetch: typeof fetch = async (input, init = {}) => {
    const callerSignal = init.signal ?? undefined;
    await this.#turn(callerSignal);
    const sent = Date.now();
    const timer = AbortSignal.timeout(this.#options.timeout);
    try {
      const response = await this.#options.fetch(input, {
        ...init,
        signal: callerSignal ? AbortSignal.any([callerSignal, timer]) : timer,
      });
      this.#noteAnswer(response, Date.now() - sent);
      return response;
    } catch (error) {
      // The client reports an AbortError that its caller did not cause as "no answer in time".
      if (timer.aborted && !callerSignal?.aborted) {
        throw new DOMException(`No answer within ${this.#options.timeout} ms`, 'AbortError');
      }
      throw error;
    } finally {
      // The slot is free once the answer's head is in: the client reads each (small JSON) body at once.
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
