import { Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import { PeliqanError, reasonOf } from '../api/errors.js';
import type { Loadable } from './shared.js';

/**
 * The code of an element that another shows only on demand — the flow behind a connect button, the
 * panel of a list, the OAuth step of a form — loaded the first time it is needed, so that a page pays
 * for what it shows (product spec §2). A load that fails (offline, a half-deployed CDN) is a `network`
 * error to show with Retry (`notReady()`), reported once; a preload that fails stays quiet, and the
 * next `load()` tries again.
 */
export class ElementCode implements Loadable {
  #task: Task<[], void>;
  #error?: PeliqanError;
  /** Whether a failure of the load under way is for the customer to see (a preload's is not). */
  #seen = false;

  constructor(host: ReactiveControllerHost, load: () => Promise<unknown>, failed: (error: PeliqanError) => void) {
    this.#task = new Task(host, {
      autoRun: false,
      task: async () => {
        try {
          await load();
        } catch (error) {
          throw new PeliqanError('network', reasonOf(error));
        }
      },
      onComplete: () => (this.#error = undefined),
      onError: (error) => {
        this.#error = error as PeliqanError;
        if (this.#seen) failed(this.#error);
      },
    });
  }

  /** `loading` until the code is in (also before anything asked for it), `error` when the last load failed. */
  get status(): Loadable['status'] {
    if (this.#task.status === TaskStatus.COMPLETE) return 'ready';
    return this.#task.status === TaskStatus.ERROR && this.#seen ? 'error' : 'loading';
  }

  get error(): PeliqanError | undefined {
    return this.#seen ? this.#error : undefined;
  }

  /** Starts loading ahead of need (a hover, a focus); a failure is kept quiet until `load()`. */
  preload(): void {
    if (this.#task.status === TaskStatus.INITIAL) void this.#task.run();
  }

  /** The code is needed now: loads it (again, after a failure: Retry); a failure is shown and reported. */
  load(): void {
    const status = this.#task.status;
    this.#seen = true;
    if (status === TaskStatus.INITIAL || status === TaskStatus.ERROR) void this.#task.run();
  }

  /** Settles once the code is in (or the load under way failed). */
  get done(): Promise<unknown> {
    return this.#task.taskComplete.catch(() => undefined);
  }
}
