import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { NewConnection, PeliqanClient } from '../api/client.js';
import { PeliqanError, isAbortError } from '../api/errors.js';
import type { Connection, CreatedConnection, PeliqanId } from '../api/schemas.js';
import { connectionMessage, connectionState, type ConnectionState } from '../api/status.js';
import { realClock, type Clock } from './clock.js';
import { StatusFollower } from './follow.js';
import { isAllowedOAuthUrl, sendWindowTo, type SignInWindow } from './popup.js';
import { pageWatcher, type ConnectionWatcher, type Observation } from './watch.js';

/** Where an OAuth connection is: `idle` → `opening` → `waiting` → `connected` | `failed` | `cancelled`. */
export type OAuthPhase = 'idle' | 'opening' | 'waiting' | 'connected' | 'failed' | 'cancelled';

/** How often the flow looks whether the sign-in window is still open. */
export const WINDOW_CHECK_MS = 250;
/**
 * A window that reads closed this soon after it was sent to the provider was most likely not closed:
 * a provider page with `Cross-Origin-Opener-Policy` makes `closed` read true from its first
 * navigation (product spec §4, step 4). Such a window is treated as one the page cannot observe.
 */
export const UNOBSERVABLE_WITHIN_MS = 3_000;
/** How long a closed window keeps the flow alive (within the status timeout): the provider may still answer. */
export const GRACE_MS = 30_000;

/** What the flow tells its element, which renders and fires the events. */
export interface OAuthHooks {
  client(): PeliqanClient;
  /** Milliseconds to wait for a final status once the window is on its way. */
  timeout(): number;
  /** Opens a blank sign-in window: called synchronously inside the customer's click. */
  open(): SignInWindow | null;
  created(created: CreatedConnection): void;
  /** The browser blocked the window (`peliqan-popup-blocked`). */
  blocked(): void;
  /** A change of state this element reports (`peliqan-status`). */
  status(state: ConnectionState, connection: Connection): void;
  /** The connection works; `announce` when this element is the one to fire `peliqan-connected`. */
  connected(connection: Connection, announce: boolean): void;
  /** Reports a failure; returns it as a PeliqanError to show. */
  failed(error: unknown, connectionId?: PeliqanId): PeliqanError | undefined;
  /** The customer gave up, or the window was closed without success. */
  cancelled(reason: 'user' | 'popup-closed', connectionId?: PeliqanId): void;
}

/**
 * The OAuth step as a state machine, apart from rendering (product spec §4): the window opens in the
 * click, before any request; the connection is created (or resumed); the blank window is sent to
 * `oauth_url`; then the flow watches the window and the connection's status until one decides.
 * When Peliqan's answer carries no `oauth_url` after all, the connection is followed as a credential one.
 */
export class OAuthFlow implements ReactiveController {
  phase: OAuthPhase = 'idle';
  connectionId?: PeliqanId;
  /** The provider's sign-in address, once known. */
  oauthUrl?: string;
  /** The browser blocked the last window: the customer must click "Open sign-in window". */
  blocked = false;
  /** The window read closed at once (COOP): the flow waits for the status until the timeout. */
  unobservable = false;
  /** The window was closed (or cannot be observed) while the status was pending. */
  windowClosed = false;
  /** Peliqan answered without `oauth_url`: the connection is followed like a credential one. */
  credential = false;
  /** How the last wait ended, when it was cancelled. */
  cancelReason?: 'user' | 'popup-closed';
  #host: ReactiveControllerHost;
  #hooks: OAuthHooks;
  #watcher: ConnectionWatcher;
  #clock: Clock;
  #popup?: SignInWindow;
  #abort?: AbortController;
  #follower?: StatusFollower;
  #deadline = 0;
  #sentAt = 0;
  #stopWatchingWindow?: () => void;
  #stopGrace?: () => void;

  constructor(
    host: ReactiveControllerHost,
    hooks: OAuthHooks,
    { watcher = pageWatcher, clock = realClock }: { watcher?: ConnectionWatcher; clock?: Clock } = {},
  ) {
    this.#host = host;
    this.#hooks = hooks;
    this.#watcher = watcher;
    this.#clock = clock;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.phase === 'waiting' && this.connectionId !== undefined) this.#follow();
    else if (this.phase === 'opening' && !this.oauthUrl) this.#set('idle');
  }

  hostDisconnected(): void {
    this.#stop();
  }

  /** True while a connection is being made or signed in to. */
  get busy(): boolean {
    return this.phase === 'opening' || this.phase === 'waiting';
  }

  /**
   * The customer clicked "Connect <provider>": opens the window now (this must run inside the click),
   * then creates the connection and sends the window to the provider.
   */
  start(body: NewConnection): void {
    if (this.busy) return;
    this.#clear();
    this.#openWindow();
    this.#set('opening');
    const abort = (this.#abort = new AbortController());
    void this.#create(body, abort.signal);
  }

  /** Signs in to a connection made elsewhere (the partner's back end): `connection-id` + `oauth-url`. */
  resume(connectionId: PeliqanId, oauthUrl: string): void {
    if (this.busy) return;
    this.#clear();
    this.connectionId = connectionId;
    if (!isAllowedOAuthUrl(oauthUrl)) return this.#refuse(oauthUrl);
    this.oauthUrl = oauthUrl;
    this.#openWindow();
    this.#set('opening');
    this.#sendWindow();
  }

  /** "Reopen window", "Open sign-in window", or "Try again" after the window was closed: same connection. */
  reopen(): void {
    if (!this.oauthUrl || this.connectionId === undefined || this.phase === 'connected') return;
    if (this.phase === 'waiting' && this.#popup && !this.#popup.closed) return this.#popup.focus();
    this.cancelReason = undefined;
    // After the wait ended (closed window, timeout), another try gets a wait of its own.
    if (this.phase !== 'waiting') this.#deadline = 0;
    this.#openWindow();
    if (this.phase !== 'waiting') this.#set('opening');
    this.#sendWindow();
  }

  /** The customer gave up: closes the window and says so. */
  cancel(): void {
    const waited = this.busy;
    this.#stop();
    this.#popup?.close();
    if (!waited) return;
    this.cancelReason = 'user';
    this.#set('cancelled');
    this.#hooks.cancelled('user', this.connectionId);
  }

  /** Back to `idle`, stopping whatever runs. */
  reset(): void {
    this.#stop();
    this.#clear();
    this.#set('idle');
  }

  #clear(): void {
    this.connectionId = this.oauthUrl = this.cancelReason = undefined;
    this.blocked = this.unobservable = this.windowClosed = this.credential = false;
    this.#deadline = 0;
  }

  /** Opens the blank window (synchronously: the click's user activation is still there). */
  #openWindow(): void {
    const popup = this.#hooks.open();
    // Some browsers hand back a window that is closed at once instead of null.
    this.blocked = !popup || popup.closed;
    this.#popup = this.blocked ? undefined : (popup ?? undefined);
    if (this.blocked) this.#hooks.blocked();
    this.#host.requestUpdate();
  }

  async #create(body: NewConnection, signal: AbortSignal): Promise<void> {
    const client = this.#hooks.client();
    let created: CreatedConnection;
    try {
      created = await client.addConnection(body, { signal });
    } catch (error) {
      if (signal.aborted) return;
      this.#popup?.close();
      return this.#fail(error);
    }
    this.connectionId = created.id;
    this.#watcher.own(client, created.id);
    this.#hooks.created(created);
    if (!created.oauth_url) {
      // The answer decides, not the guess: no sign-in address, so Peliqan tests it like any other.
      this.#popup?.close();
      this.credential = true;
      const known = connectionState(created);
      this.#hooks.status(known, created);
      if (known === 'connected')
        return this.#connected(created, this.#watcher.claimConnected(client, created.id, true));
      if (known === 'failed') return this.#failedStatus(created);
      this.#deadline = this.#clock.now() + this.#hooks.timeout();
      this.#set('waiting');
      return this.#follow(known);
    }
    if (!isAllowedOAuthUrl(created.oauth_url)) return this.#refuse(created.oauth_url);
    this.oauthUrl = created.oauth_url;
    this.#sendWindow();
  }

  /** An address that must not be opened: nothing is navigated, the blank window goes. */
  #refuse(url: string): void {
    this.#popup?.close();
    this.#popup = undefined;
    const shown = url.length > 60 ? `${url.slice(0, 60)}…` : url;
    this.#fail(new PeliqanError('invalid-oauth-url', `Refused to open ${shown}`, { connectionId: this.connectionId }));
  }

  /** Sends the open window to the provider and starts waiting; without a window, waits for a click. */
  #sendWindow(): void {
    const popup = this.#popup;
    if (!popup || !this.oauthUrl) return this.#host.requestUpdate();
    sendWindowTo(popup, this.oauthUrl);
    this.#sentAt = this.#clock.now();
    this.windowClosed = this.unobservable = false;
    this.#stopGrace?.();
    if (!this.#deadline) this.#deadline = this.#clock.now() + this.#hooks.timeout();
    this.#set('waiting');
    this.#follow();
  }

  #follow(known?: ConnectionState): void {
    this.#follower?.stop();
    this.#stopWatchingWindow?.();
    const fail = (error: PeliqanError) => this.#fail(error);
    this.#follower = new StatusFollower(
      this.#watcher,
      this.#clock,
      this.#hooks.client(),
      this.connectionId!,
      { deadline: this.#deadline, known: known ?? 'pending' },
      {
        observe: (observation) => this.#observe(observation),
        overdue: () => this.#deadlinePassed(),
        unreachable: fail,
        failed: fail,
      },
    );
    if (!this.credential) this.#watchWindow();
  }

  /** Looks at the window every `WINDOW_CHECK_MS` while waiting. */
  #watchWindow(): void {
    this.#stopWatchingWindow = this.#clock.after(WINDOW_CHECK_MS, () => {
      if (this.phase !== 'waiting') return;
      if (!this.windowClosed && this.#popup?.closed) this.#windowClosed();
      this.#watchWindow();
    });
  }

  #windowClosed(): void {
    this.windowClosed = true;
    const now = this.#clock.now();
    if (now - this.#sentAt < UNOBSERVABLE_WITHIN_MS) {
      // COOP: the window may well be open. Keep checking until the status timeout.
      this.unobservable = true;
      return this.#host.requestUpdate();
    }
    this.#follower?.checkNow();
    const grace = Math.min(GRACE_MS, Math.max(0, this.#deadline - now));
    this.#stopGrace = this.#clock.after(grace, () => this.#graceEnded());
    this.#host.requestUpdate();
  }

  /** The grace period does not run out while the page is hidden: then the check when it is shown decides. */
  #graceEnded(): void {
    if (this.#watcher.visibility.hidden()) {
      this.#stopGrace = this.#watcher.visibility.onChange(() => {
        if (this.#watcher.visibility.hidden()) return;
        this.#stopGrace?.();
        // The watcher checks at once on showing; give that check a moment before giving up.
        this.#stopGrace = this.#clock.after(1_000, () => this.#windowGone());
      });
      return;
    }
    this.#windowGone();
  }

  #windowGone(): void {
    if (this.phase !== 'waiting') return;
    this.#stop();
    this.cancelReason = 'popup-closed';
    this.#set('cancelled');
    this.#hooks.cancelled('popup-closed', this.connectionId);
  }

  #deadlinePassed(): void {
    if (this.windowClosed || this.blocked) return this.#windowGone();
    this.#popup?.close();
    this.#fail(new PeliqanError('timeout', 'No final status in time', { connectionId: this.connectionId }));
  }

  #observe({ state, connection, announce, announceConnected }: Observation): void {
    if (announce) this.#hooks.status(state, connection);
    if (state === 'connected') this.#connected(connection, announceConnected);
    else if (state === 'failed') this.#failedStatus(connection);
  }

  #connected(connection: Connection, announce: boolean): void {
    this.#stop();
    if (this.#popup && !this.#popup.closed) this.#popup.close();
    this.#set('connected');
    this.#hooks.connected(connection, announce);
  }

  #failedStatus(connection: Connection): void {
    if (this.#popup && !this.#popup.closed) this.#popup.close();
    const reason = connectionMessage(connection) ?? 'The connection failed';
    this.#fail(new PeliqanError('connection-failed', reason, { connectionId: connection.id }));
  }

  #fail(error: unknown): void {
    if (isAbortError(error)) return;
    this.#stop();
    this.#hooks.failed(error, this.connectionId);
    this.#set('failed');
  }

  #stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#follower?.stop();
    this.#follower = undefined;
    this.#stopWatchingWindow?.();
    this.#stopGrace?.();
    this.#stopWatchingWindow = this.#stopGrace = undefined;
  }

  #set(phase: OAuthPhase): void {
    this.phase = phase;
    this.#host.requestUpdate();
  }
}
