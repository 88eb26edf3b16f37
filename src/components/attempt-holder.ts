import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PeliqanClient } from '../api/client.js';
import type { Servertype } from '../api/schemas.js';
import type { PeliqanEventDetails } from '../events.js';
import { ConnectionAttempt, rememberAttempt, type AttemptState } from '../flow/attempt.js';
import { onReset } from '../config.js';
import type { ElementState } from './base.js';
import { ErrorReporter } from './error-reporter.js';

/** An attempt's phase as an element's `state` attribute (product spec §3). */
const PHASE_STATES: Record<AttemptState['phase'], ElementState> = {
  idle: 'ready',
  creating: 'submitting',
  'signing-in': 'ready',
  waiting: 'waiting',
  connected: 'connected',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** Where an element that shows this attempt is: a blocked window still waits for the customer's click. */
export function elementStateOf(state: AttemptState): ElementState {
  if (state.phase === 'signing-in' && state.blocked) return 'submitting';
  return PHASE_STATES[state.phase];
}

/**
 * The elements an attempt's events leave from, nearest first: the element that shows it, then the
 * peliqan elements around it. When the customer goes Back, the form leaves the page but the flow
 * around it stays: its events still reach the partner, from there.
 */
const targets = new WeakMap<ConnectionAttempt, HTMLElement[]>();

/** `element` and the peliqan elements around it, across shadow roots (walked once, when an attempt starts). */
function withEnclosing(element: HTMLElement): HTMLElement[] {
  const chain: HTMLElement[] = [];
  for (let node: Node | null = element; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node instanceof HTMLElement && node.localName.startsWith('peliqan-')) chain.push(node);
  }
  return chain;
}

function emitFrom<K extends keyof PeliqanEventDetails>(
  attempt: ConnectionAttempt,
  type: K,
  detail: PeliqanEventDetails[K],
): void {
  const target = targets.get(attempt)?.find((element) => element.isConnected);
  target?.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/** What a holder needs from its element to start an attempt. */
export interface AttemptHolderOptions {
  client(): PeliqanClient;
  /** Milliseconds to wait for a final status. */
  timeout(): number;
}

/**
 * An element's hold on the connection attempt it shows (`<peliqan-connect-form>`,
 * `<peliqan-oauth-button>`): renders again on each change, and stops the attempt once neither the
 * element nor any peliqan element around it is on the page (no request leaves after a removal).
 */
export class AttemptHolder implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #options: AttemptHolderOptions;
  #attempt?: ConnectionAttempt;
  #unsubscribe?: () => void;
  #stopReset?: () => void;

  constructor(host: ReactiveControllerHost & HTMLElement, options: AttemptHolderOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The attempt shown, if any. */
  get attempt(): ConnectionAttempt | undefined {
    return this.#attempt;
  }

  get state(): AttemptState {
    return this.#attempt?.state ?? { phase: 'idle' };
  }

  /** A new attempt for `servertype`, shown from now on (the one shown before is let go). */
  start(servertype: Servertype): ConnectionAttempt {
    const attempt: ConnectionAttempt = new ConnectionAttempt({
      client: this.#options.client(),
      servertype,
      timeout: this.#options.timeout(),
      emit: (type, detail) => emitFrom(attempt, type, detail),
      report: (error, options) =>
        new ErrorReporter((detail) => emitFrom(attempt, 'peliqan-error', detail)).report(error, options),
    });
    targets.set(attempt, withEnclosing(this.#host));
    rememberAttempt(attempt);
    this.show(attempt);
    return attempt;
  }

  /** Shows an attempt under way (the same connector chosen again): its events now leave from here first. */
  show(attempt: ConnectionAttempt): void {
    if (attempt !== this.#attempt) this.release();
    this.#attempt = attempt;
    const chain = targets.get(attempt) ?? [];
    targets.set(attempt, [...withEnclosing(this.#host), ...chain.filter((element) => element !== this.#host)]);
    this.#subscribe();
    this.#host.requestUpdate();
  }

  /** Lets go of the attempt shown, which goes on if it is under way. */
  release(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = this.#attempt = undefined;
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    this.#subscribe();
    this.#stopReset = onReset(() => this.release());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#stopReset?.();
    const attempt = this.#attempt;
    // Moved in the page (removed and put back in one task) is not removed: look once the task is over.
    queueMicrotask(() => {
      const onPage = targets.get(attempt!)?.some((element) => element.isConnected);
      if (attempt && !onPage) attempt.stop();
    });
  }

  #subscribe(): void {
    this.#unsubscribe?.();
    if (this.#host.isConnected) this.#unsubscribe = this.#attempt?.subscribe(() => this.#host.requestUpdate());
  }
}
