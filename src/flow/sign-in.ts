import { isBusy, type ConnectionAttempt, type SignInPart } from './attempt.js';
import { realClock, type Clock } from './clock.js';
import { sendWindowTo, type SignInWindow } from './popup.js';

/** How often the page looks whether the sign-in window is still open. */
export const WINDOW_CHECK_MS = 250;

/**
 * The sign-in window of one OAuth click (product spec §4): opened synchronously in the click, before any
 * request (else Safari and popup blockers block it), sent to the provider once the attempt knows where,
 * watched until the attempt is over, and closed when it is. Everything else — the create, the status,
 * the deadline, what a closed window means — is the attempt's.
 */
export class SignIn implements SignInPart {
  #attempt: ConnectionAttempt;
  #popup?: SignInWindow;
  #clock: Clock;
  #stopWatching?: () => void;

  /** Opens the blank window now: this must run inside the customer's click. */
  constructor(attempt: ConnectionAttempt, open: () => SignInWindow | null, clock: Clock = realClock) {
    this.#attempt = attempt;
    this.#clock = clock;
    const popup = open();
    // Some browsers hand back a window that is closed at once instead of null.
    this.#popup = popup && !popup.closed ? popup : undefined;
  }

  get opened(): boolean {
    return this.#popup !== undefined;
  }

  send(url: string): boolean {
    const popup = this.#popup;
    if (!popup) return false;
    sendWindowTo(popup, url);
    this.#watch();
    return true;
  }

  close(): void {
    this.release();
    if (this.#popup && !this.#popup.closed) this.#popup.close();
  }

  release(): void {
    this.#stopWatching?.();
    this.#stopWatching = undefined;
  }

  /** Brings an open window to the front; false when it is gone. */
  focus(): boolean {
    if (!this.#popup || this.#popup.closed) return false;
    this.#popup.focus();
    return true;
  }

  /** Looks at the window every `WINDOW_CHECK_MS` while the attempt is under way. */
  #watch(): void {
    this.#stopWatching?.();
    this.#stopWatching = this.#clock.after(WINDOW_CHECK_MS, () => {
      const state = this.#attempt.state;
      if (!isBusy(state)) return;
      if (state.phase === 'waiting' && state.window === 'open' && this.#popup?.closed) this.#attempt.windowClosed(this);
      this.#watch();
    });
  }
}
