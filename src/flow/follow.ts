import type { PeliqanClient } from '../api/client.js';
import type { PeliqanError } from '../api/errors.js';
import type { PeliqanId } from '../api/schemas.js';
import type { ConnectionState } from '../api/status.js';
import type { Clock } from './clock.js';
import type { ConnectionWatcher, Observation, Watch } from './watch.js';

/** Status checks that may fail in a row, and for how long, before a wait ends as `network`. */
export const UNREACHABLE_CHECKS = 3;
export const UNREACHABLE_MS = 20_000;

/** What following a connection's status tells the flow that follows it. */
export interface FollowHooks {
  /** A change this flow sees (only the announced ones are to be reported). */
  observe(observation: Observation): void;
  /** The deadline passed with the status still pending (never while the page is hidden). */
  overdue(): void;
  /** Peliqan could not be reached for `UNREACHABLE_CHECKS` checks or `UNREACHABLE_MS`. */
  unreachable(error: PeliqanError): void;
  /** A check failed in a way another check will not mend (404, refused token…). */
  failed(error: PeliqanError): void;
}

/**
 * A flow's wait for one connection's final status, on the page's shared watcher: the flow's own
 * deadline (which does not run out while the page is hidden: the check when it is shown decides) and
 * the "Peliqan cannot be reached" rule (issue 14 point 4). The credential and OAuth flows both use it.
 */
export class StatusFollower {
  #watch: Watch;
  #cancelDeadline?: () => void;
  #cancelUnreachable?: () => void;
  #streakStarted = 0;
  #overdue = false;

  constructor(
    watcher: ConnectionWatcher,
    clock: Clock,
    client: PeliqanClient,
    id: PeliqanId,
    options: { deadline: number; known?: ConnectionState },
    hooks: FollowHooks,
  ) {
    this.#cancelDeadline = clock.after(Math.max(0, options.deadline - clock.now()), () => {
      // While the page is hidden the watcher does not check; the check when it is shown decides.
      if (watcher.visibility.hidden()) this.#overdue = true;
      else hooks.overdue();
    });
    this.#watch = watcher.watch(
      client,
      id,
      {
        change: (observation) => hooks.observe(observation),
        checked: (state) => {
          this.#streakStarted = 0;
          this.#cancelUnreachable?.();
          if (state === 'pending' && this.#overdue) hooks.overdue();
        },
        error: (error, streak, transient) => {
          if (!transient) return hooks.failed(error);
          if (!this.#streakStarted) {
            this.#streakStarted = clock.now();
            this.#cancelUnreachable = clock.after(UNREACHABLE_MS, () => hooks.unreachable(error));
          }
          if (streak >= UNREACHABLE_CHECKS) hooks.unreachable(error);
        },
      },
      { cadence: 'flow', owner: true, known: options.known },
    );
  }

  /** Checks at once (the sign-in window closed). */
  checkNow(): void {
    this.#watch.checkNow();
  }

  /** Stops checking and every timer. */
  stop(): void {
    this.#watch.stop();
    this.#cancelDeadline?.();
    this.#cancelUnreachable?.();
    this.#cancelDeadline = this.#cancelUnreachable = undefined;
  }

  /** True when the deadline passed while the page was hidden and the next check decides. */
  get overdue(): boolean {
    return this.#overdue;
  }
}
