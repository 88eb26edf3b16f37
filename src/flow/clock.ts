/**
 * Time and page visibility as the flows see them: the real ones in the page, fakes in unit tests, so
 * that grace periods, backoff and deadlines are tested without sleeping.
 */

/** The time and timers a flow uses. */
export interface Clock {
  /** Milliseconds, as `Date.now()`. */
  now(): number;
  /** Runs `run` after `ms`; returns the function that cancels it. */
  after(ms: number, run: () => void): () => void;
}

/** Whether the page is shown, and a way to hear when that changes. */
export interface Visibility {
  hidden(): boolean;
  /** Calls `listener` on every change; returns the function that stops it. */
  onChange(listener: () => void): () => void;
}

/** The real clock. */
export const realClock: Clock = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

/** The real page (always shown where there is no document, as in Node). */
export const pageVisibility: Visibility = {
  hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  onChange(listener) {
    if (typeof document === 'undefined') return () => undefined;
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};
