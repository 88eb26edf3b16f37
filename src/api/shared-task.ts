import { isAbortError } from './errors.js';

interface Run<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
  value?: T;
}

/**
 * One in-flight job shared by every caller (one token fetch, one catalogue request per page).
 * Each caller may abort its own wait; the job itself is aborted only when every waiter has gone,
 * so removing one element never breaks another, and removing the last one stops the request.
 * A job that failed is forgotten, so the next call tries again; a result is kept until `clear()`.
 */
export class SharedTask<T> {
  #job: (signal: AbortSignal) => Promise<T>;
  #run?: Run<T>;

  constructor(job: (signal: AbortSignal) => Promise<T>) {
    this.#job = job;
  }

  /** The settled value, if the job has succeeded and not been cleared since. */
  get value(): T | undefined {
    return this.#run?.settled ? this.#run.value : undefined;
  }

  /**
   * Whether a job is under way that `get()` would join: started, not yet settled, and not abandoned by
   * its waiters (an abandoned job may still be winding down, but nobody can join it any more).
   */
  get running(): boolean {
    return this.#run !== undefined && !this.#run.settled;
  }

  /** Waits for the shared job, starting it if none is running or kept. */
  get(signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    let run = this.#run;
    if (!run) {
      const controller = new AbortController();
      const started: Run<T> = { controller, waiters: 0, settled: false, promise: this.#job(controller.signal) };
      started.promise.then(
        (value) => {
          started.settled = true;
          started.value = value;
        },
        () => {
          if (this.#run === started) this.#run = undefined;
        },
      );
      run = this.#run = started;
    }
    if (run.settled) return run.promise;
    const current = run;
    current.waiters++;
    // A caller without a signal never gives up, so the job can no longer be aborted.
    if (!signal) return current.promise;
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        signal.removeEventListener('abort', onAbort);
        current.waiters--;
      };
      const onAbort = () => {
        done();
        reject(signal.reason);
        if (current.waiters === 0 && !current.settled) {
          current.controller.abort(signal.reason);
          if (this.#run === current) this.#run = undefined;
        }
      };
      signal.addEventListener('abort', onAbort);
      current.promise.then(
        (value) => {
          done();
          resolve(value);
        },
        (error: unknown) => {
          done();
          reject(isAbortError(error) && signal.aborted ? signal.reason : error);
        },
      );
    });
  }

  /** Forgets a kept result (or a running job, for callers that come after). */
  clear(): void {
    this.#run = undefined;
  }
}
