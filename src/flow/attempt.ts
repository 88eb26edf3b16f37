import type { PeliqanClient } from '../api/client.js';
import { connectorId, connectorKey, connectorMatches } from '../api/connectors.js';
import { PeliqanError, isAbortError, isPeliqanError } from '../api/errors.js';
import {
  NO_REDACTION,
  redactConnection,
  redactDeep,
  redaction,
  type Redaction,
  type TypedValue,
} from '../api/redact.js';
import type { Connection, CreatedConnection, PeliqanId, Servertype } from '../api/schemas.js';
import { connectionMessage, connectionState, type ConnectionState } from '../api/status.js';
import { onReset } from '../config.js';
import type { PeliqanEventDetails } from '../events.js';
import { realClock, type Clock } from './clock.js';
import { StatusFollower } from './follow.js';
import { isAllowedOAuthUrl } from './popup.js';
import { pageWatcher, type ConnectionWatcher, type Observation } from './watch.js';

/** Fires one public event (product spec §5); the element layer decides which element it leaves from. */
export type Emit = <K extends keyof PeliqanEventDetails>(type: K, detail: PeliqanEventDetails[K]) => void;

/** Reports a failure as one `peliqan-error` (redacted with `redact`); returns it as a `PeliqanError`. */
export type Report = (
  error: unknown,
  options: { connectionId?: PeliqanId; redact: (text: string) => string },
) => PeliqanError | undefined;

/**
 * What the page knows of the sign-in window while a connection waits for its status: `open`; `closed`
 * (seen closed later than `UNOBSERVABLE_WITHIN_MS` after it was sent: the customer closed it); or
 * `unobservable` (read closed at once: a provider page with `Cross-Origin-Opener-Policy`).
 */
export type WindowState = 'open' | 'closed' | 'unobservable';

/** Where one connection attempt is (product spec §4). Read-only: the attempt alone moves it on. */
export type AttemptState =
  | { readonly phase: 'idle' }
  /** `POST /api/servers` is on its way; `window` when a sign-in window was opened (or blocked) for it. */
  | { readonly phase: 'creating'; readonly window?: 'open' | 'blocked' }
  /** The connection needs a sign-in and no window is on its way: the customer's click opens one. */
  | { readonly phase: 'signing-in'; readonly connectionId: PeliqanId; readonly blocked: boolean }
  /** Waiting for the connection's final status; `window` while the customer signs in. */
  | { readonly phase: 'waiting'; readonly connectionId: PeliqanId; readonly window?: WindowState }
  | { readonly phase: 'connected'; readonly connectionId: PeliqanId; readonly connection: Connection }
  /** Ended without success; `error` is fit for the screen (secrets masked). */
  | { readonly phase: 'failed'; readonly error: PeliqanError; readonly connectionId?: PeliqanId }
  | { readonly phase: 'cancelled'; readonly reason: 'user' | 'popup-closed'; readonly connectionId?: PeliqanId };

/** A wait for the status that ended without an answer: "Check again" follows the same connection. */
export const isUnanswered = (
  state: AttemptState,
): state is AttemptState & { phase: 'failed'; connectionId: PeliqanId } =>
  state.phase === 'failed' &&
  state.connectionId !== undefined &&
  (state.error.code === 'network' || state.error.code === 'timeout');

/** True while a connection is being created, signed in to, or tested. */
export const isBusy = (state: AttemptState): boolean =>
  state.phase === 'creating' || state.phase === 'signing-in' || state.phase === 'waiting';

/** The sign-in window as an attempt sees it (`SignIn`, the OAuth part, provides it). */
export interface SignInPart {
  /** True when the click gave a window (the browser did not block it). */
  readonly opened: boolean;
  /** Sends the window opened in the customer's click to `url`; false when there is none (blocked). */
  send(url: string): boolean;
  /** The attempt is over: the window goes if it is still open. */
  close(): void;
  /** Another window took over (the same named window, often): stop watching this one, leave it open. */
  release(): void;
}

/** Opens the sign-in window for an attempt: called synchronously inside the customer's click. */
export type SignInOpener = (attempt: ConnectionAttempt) => SignInPart;

/** How far back (ms) a connection found after a lost create answer may have been made. */
const RECOVERY_WINDOW_MS = 10 * 60_000;
/**
 * A window that reads closed this soon after it was sent to the provider was most likely not closed:
 * a provider page with `Cross-Origin-Opener-Policy` makes `closed` read true from its first
 * navigation (product spec §4, step 4). Such a window is treated as one the page cannot observe.
 */
export const UNOBSERVABLE_WITHIN_MS = 3_000;
/** How long a closed window keeps the wait alive: the provider may have finished just before the close. */
export const GRACE_MS = 10_000;

export interface AttemptOptions {
  client: PeliqanClient;
  servertype: Servertype;
  /** Milliseconds to wait for a final status. */
  timeout: number;
  emit: Emit;
  report: Report;
  watcher?: ConnectionWatcher;
  clock?: Clock;
}

/**
 * One connection attempt, apart from rendering (product spec §4): create the connection once (a
 * double submit makes one request), find it if the create's answer was lost, hand it to the sign-in
 * window when Peliqan answers with an `oauth_url`, then follow its status on the page's watcher until
 * it is connected, failed, timed out, given up, or unanswered ("Check again" follows it again). The
 * credential form and the OAuth step both run their connections through it; the OAuth step adds only
 * the window (`SignIn`). What the customer typed is masked out of every event and every message
 * shown, and each event is fired here, once.
 */
export class ConnectionAttempt {
  readonly client: PeliqanClient;
  readonly servertype: Servertype;
  #state: AttemptState = { phase: 'idle' };
  #options: AttemptOptions;
  #watcher: ConnectionWatcher;
  #clock: Clock;
  #listeners = new Set<() => void>();
  #values?: Readonly<Record<string, unknown>>;
  #redaction: Redaction = NO_REDACTION;
  #signIn?: SignInPart;
  #oauthUrl?: string;
  #abort?: AbortController;
  #follower?: StatusFollower;
  #known?: ConnectionState;
  #deadline = 0;
  #sentAt = 0;
  #stopGrace?: () => void;
  #left = false;

  constructor(options: AttemptOptions) {
    this.#options = options;
    this.client = options.client;
    this.servertype = options.servertype;
    this.#watcher = options.watcher ?? pageWatcher;
    this.#clock = options.clock ?? realClock;
  }

  get state(): AttemptState {
    return this.#state;
  }

  /** The values this attempt sent (kept for the customer, and to tell a resubmit from a new attempt). */
  get values(): Readonly<Record<string, unknown>> | undefined {
    return this.#values;
  }

  /** The sign-in address, once Peliqan gave one ("Try again" reopens it for the same connection). */
  get oauthUrl(): string | undefined {
    return this.#oauthUrl;
  }

  /** The customer went Back (or closed the dialog) while this attempt was under way. */
  get left(): boolean {
    return this.#left;
  }

  /** Calls `listener` on every change of state; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Creates the connection with the customer's values (`typed`: what to mask); `openSignIn` opens a
   * sign-in window for it now, inside the click, before any request. Returns false when this attempt is
   * already under way (a double submit makes one request).
   */
  create(values: Record<string, unknown>, typed: TypedValue[], openSignIn?: SignInOpener): boolean {
    if (this.#state.phase !== 'idle') return false;
    this.#values = values;
    this.#redaction = redaction(typed);
    const signIn = openSignIn && this.#open(openSignIn);
    const abort = (this.#abort = new AbortController());
    this.#set({ phase: 'creating', window: signIn && (signIn.opened ? 'open' : 'blocked') });
    void this.#create({ ...values, servertype_id: connectorId(this.servertype) }, abort.signal);
    return true;
  }

  /** Signs in to a connection made elsewhere (the partner's back end): `connection-id` + `oauth-url`. */
  resume(connectionId: PeliqanId, oauthUrl: string, openSignIn: SignInOpener): void {
    if (this.#state.phase !== 'idle') return;
    this.#values = {};
    // A refused address opens no window at all.
    if (isAllowedOAuthUrl(oauthUrl)) this.#open(openSignIn);
    this.#handOver(connectionId, oauthUrl);
  }

  /** True when `values` are what this attempt sent: a resubmit, not a new attempt. */
  sent(values: Record<string, unknown>): boolean {
    const sent = this.#values;
    if (!sent) return false;
    const keys = new Set([...Object.keys(sent), ...Object.keys(values)]);
    return [...keys].every((key) => sent[key] === values[key]);
  }

  /** "Check again" after a wait that ended without an answer: follows the same connection. */
  checkAgain(): boolean {
    const state = this.#state;
    if (!isUnanswered(state)) return false;
    this.#deadline = 0;
    this.#follow(state.connectionId);
    // The customer asked: look now, not at the next tick of the cadence.
    this.#follower?.checkNow();
    return true;
  }

  /**
   * A window the customer opened for this connection: one that waits for a sign-in (the first window was
   * blocked, or Peliqan answered a credential form with an `oauth_url`), "Try again" after a closed
   * window, or "Reopen window" while waiting. Same connection; a wait that had ended starts a new one.
   */
  signInAgain(openSignIn: SignInOpener): void {
    const state = this.#state;
    const url = this.#oauthUrl;
    if (!url || !('connectionId' in state) || state.connectionId === undefined) return;
    const closed = state.phase === 'cancelled' && state.reason === 'popup-closed';
    if (state.phase !== 'waiting' && state.phase !== 'signing-in' && !closed) return;
    const signIn = this.#open(openSignIn);
    if (!signIn.opened) return;
    if (state.phase === 'waiting') {
      signIn.send(url);
      this.#sentAt = this.#clock.now();
      this.#stopGrace?.();
      return this.#set({ ...state, window: 'open' });
    }
    this.#deadline = 0;
    this.#handOver(state.connectionId, url);
  }

  /** The window of `from` was seen closed while the status is pending (product spec §4, step 4). */
  windowClosed(from: SignInPart): void {
    const state = this.#state;
    if (from !== this.#signIn || state.phase !== 'waiting' || state.window !== 'open') return;
    const now = this.#clock.now();
    if (now - this.#sentAt < UNOBSERVABLE_WITHIN_MS) {
      // COOP: the window may well be open. Keep checking until the status timeout.
      return this.#set({ ...state, window: 'unobservable' });
    }
    this.#set({ ...state, window: 'closed' });
    this.#follower?.checkNow();
    const grace = Math.min(GRACE_MS, Math.max(0, this.#deadline - now));
    this.#stopGrace = this.#clock.after(grace, () => this.#graceEnded());
  }

  /**
   * The customer went Back (or closed the dialog) while the connection is under way: `peliqan-cancel`
   * says they left, and the attempt goes on (product spec §4 "No surprise duplicates"): if the
   * connection works, `peliqan-connected` still fires, once.
   */
  leave(): void {
    const state = this.#state;
    if (!isBusy(state) || this.#left) return;
    this.#left = true;
    this.#emitCancel('user', 'connectionId' in state ? state.connectionId : undefined);
  }

  /** The customer gave up (Cancel): stops, closes the window, and says so. */
  cancel(): void {
    const state = this.#state;
    if (!isBusy(state)) return;
    const connectionId = 'connectionId' in state ? state.connectionId : undefined;
    this.#stop();
    this.#signIn?.close();
    this.#set({ phase: 'cancelled', reason: 'user', connectionId });
    if (!this.#left) this.#emitCancel('user', connectionId);
  }

  /**
   * Stops every request and timer without a word (the elements showing it left the page, or
   * `PeliqanEmbed.reset()`). A connection it made but did not see connected may be announced by a list.
   */
  stop(): void {
    const state = this.#state;
    this.#stop();
    if ('connectionId' in state && state.connectionId !== undefined && state.phase !== 'connected') {
      this.#watcher.disown(this.client, state.connectionId);
    }
    if (state.phase !== 'connected') this.#set({ phase: 'idle' });
  }

  async #create(body: Record<string, unknown>, signal: AbortSignal): Promise<void> {
    const started = this.#clock.now();
    let created: CreatedConnection;
    try {
      created = await this.client.addConnection(body as { servertype_id: PeliqanId }, { signal });
    } catch (error) {
      if (signal.aborted) return;
      // The answer may have been lost after Peliqan made the connection: look before saying so.
      const lost = isPeliqanError(error) && error.code === 'network';
      const recovered = lost ? await this.#recover(started, signal) : undefined;
      if (signal.aborted) return;
      if (!recovered) {
        this.#signIn?.close();
        return this.#fail(error);
      }
      created = recovered;
    }
    this.#watcher.own(this.client, created.id);
    this.#options.emit('peliqan-connection-created', {
      connectionId: created.id,
      servertype: this.servertype,
      oauth: Boolean(created.oauth_url),
    });
    // The answer decides, not the guess about the connector: an `oauth_url` means a sign-in.
    if (created.oauth_url) return this.#handOver(created.id, created.oauth_url);
    this.#signIn?.close();
    this.#signIn = undefined;
    // The new connection is there, not yet tested: that is its first status.
    const known = connectionState(created);
    this.#known = known;
    this.#emitStatus(known, created);
    if (known === 'pending') return this.#follow(created.id);
    this.#settle(created, known, this.#watcher.claimConnected(this.client, created.id, true));
  }

  /** The connection just made, if `GET /api/servers` shows it (same connector, newest, made lately). */
  async #recover(started: number, signal: AbortSignal): Promise<Connection | undefined> {
    try {
      const mine = (await this.client.listConnections({ signal })).filter((connection) => {
        const made = connection.created_at ? Date.parse(connection.created_at) : NaN;
        const recent = Number.isNaN(made) || made >= started - RECOVERY_WINDOW_MS;
        const wanted = connectorKey(connection);
        return recent && wanted !== undefined && connectorMatches(this.servertype, wanted);
      });
      return mine.sort(newestFirst)[0];
    } catch {
      return undefined;
    }
  }

  /** A connection that waits for a sign-in: the window goes to the provider, or waits for a click. */
  #handOver(connectionId: PeliqanId, oauthUrl: string): void {
    if (!isAllowedOAuthUrl(oauthUrl)) {
      this.#signIn?.close();
      const url: string = oauthUrl;
      const shown = url.length > 60 ? `${url.slice(0, 60)}…` : url;
      return this.#fail(new PeliqanError('invalid-oauth-url', `Refused to open ${shown}`, { connectionId }));
    }
    this.#oauthUrl = oauthUrl;
    this.#known ??= 'pending';
    // No window on its way: a blocked one (the customer opens another), or none yet (a credential form
    // that Peliqan answered with an `oauth_url`: the customer continues to the provider).
    if (!this.#signIn?.send(oauthUrl)) {
      return this.#set({ phase: 'signing-in', connectionId, blocked: this.#signIn !== undefined });
    }
    this.#sentAt = this.#clock.now();
    this.#follow(connectionId, 'open');
  }

  #follow(id: PeliqanId, window?: WindowState): void {
    this.#stopFollowing();
    if (!this.#deadline) this.#deadline = this.#clock.now() + this.#options.timeout;
    this.#set({ phase: 'waiting', connectionId: id, window });
    const fail = (error: PeliqanError) => this.#fail(error);
    this.#follower = new StatusFollower(
      this.#watcher,
      this.#clock,
      this.client,
      id,
      // What this attempt saw last: a change after "Check again" is a change, and is announced.
      { deadline: this.#deadline, known: this.#known ?? 'pending' },
      {
        observe: (observation) => this.#observe(observation),
        overdue: () => this.#overdue(),
        unreachable: fail,
        failed: fail,
      },
    );
  }

  #observe({ state, connection, announce, announceConnected }: Observation): void {
    this.#known = state;
    if (announce) this.#emitStatus(state, connection);
    if (state !== 'pending') this.#settle(connection, state, announceConnected);
  }

  /** A final status: connected (announced when this attempt is the one to), or failed with Peliqan's reason. */
  #settle(connection: Connection, state: ConnectionState, announce: boolean): void {
    if (state !== 'connected') {
      this.#signIn?.close();
      const reason = connectionMessage(connection) ?? 'The connection failed';
      return this.#fail(new PeliqanError('connection-failed', reason, { connectionId: connection.id }));
    }
    this.#stop();
    this.#signIn?.close();
    this.#set({ phase: 'connected', connectionId: connection.id, connection });
    if (announce) {
      const detail = { connectionId: connection.id, connection: this.#public(connection) };
      this.#options.emit('peliqan-connected', { ...detail, servertype: this.servertype });
    }
  }

  /** The deadline passed with the status still pending (never while the page is hidden). */
  #overdue(): void {
    const state = this.#state;
    if (state.phase === 'waiting' && state.window === 'closed') return this.#windowGone();
    this.#signIn?.close();
    const connectionId = 'connectionId' in state ? state.connectionId : undefined;
    this.#fail(new PeliqanError('timeout', 'No final status in time', { connectionId }));
  }

  /** The grace period does not run out while the page is hidden: then the check when it is shown decides. */
  #graceEnded(): void {
    const visibility = this.#watcher.visibility;
    if (!visibility.hidden()) return this.#windowGone();
    this.#stopGrace = visibility.onChange(() => {
      if (visibility.hidden()) return;
      this.#stopGrace?.();
      // The watcher checks at once on showing; give that check a moment before giving up.
      this.#stopGrace = this.#clock.after(1_000, () => this.#windowGone());
    });
  }

  /** The window was closed and the connection did not turn out: the customer did not finish (no error). */
  #windowGone(): void {
    const state = this.#state;
    if (state.phase !== 'waiting') return;
    this.#stop();
    this.#set({ phase: 'cancelled', reason: 'popup-closed', connectionId: state.connectionId });
    this.#emitCancel('popup-closed', state.connectionId);
  }

  #fail(error: unknown): void {
    if (isAbortError(error)) return;
    this.#stop();
    this.#deadline = 0;
    const state = this.#state;
    const connectionId =
      (isPeliqanError(error) && error.connectionId) || ('connectionId' in state ? state.connectionId : undefined);
    const reported = this.#options.report(error, { connectionId, redact: this.#redaction.event });
    if (!reported) return;
    // Shown to the customer with their secrets masked: the raw message never leaves this attempt.
    const screen = this.#redaction.screen;
    const shown = new PeliqanError(reported.code, screen(reported.message), {
      status: reported.status,
      error: reported.error,
      detail: redactDeep(reported.detail, screen),
      source: reported.source,
      connectionId,
    });
    this.#set({ phase: 'failed', error: shown, connectionId });
  }

  #emitStatus(state: ConnectionState, connection: Connection): void {
    this.#options.emit('peliqan-status', { connectionId: connection.id, state, connection: this.#public(connection) });
  }

  /** A window opened in the click takes over from any earlier one; a blocked one is said (`peliqan-popup-blocked`). */
  #open(openSignIn: SignInOpener): SignInPart {
    const signIn = openSignIn(this);
    this.#signIn?.release();
    this.#signIn = signIn;
    if (!signIn.opened) this.#emitBlocked();
    return signIn;
  }

  #emitBlocked(): void {
    this.#options.emit('peliqan-popup-blocked', { servertype: this.servertype });
  }

  #emitCancel(reason: 'user' | 'popup-closed', connectionId?: PeliqanId): void {
    this.#options.emit('peliqan-cancel', { connectionId, servertype: this.servertype, reason });
  }

  /** A connection as events carry it: its messages masked of what the customer typed. */
  #public(connection: Connection): Connection {
    return redactConnection(connection, this.#redaction.event);
  }

  #stopFollowing(): void {
    this.#follower?.stop();
    this.#follower = undefined;
    this.#stopGrace?.();
    this.#stopGrace = undefined;
  }

  #stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#stopFollowing();
  }

  #set(state: AttemptState): void {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener();
  }
}

/** Newest first: by `created_at`, else by id (ids grow). */
export function newestFirst(a: Connection, b: Connection): number {
  const byDate = (Date.parse(b.created_at ?? '') || 0) - (Date.parse(a.created_at ?? '') || 0);
  return byDate || Number(b.id) - Number(a.id);
}

/** Per customer (client) and connector, the latest attempt on the page that is not over. */
const unfinished = new Map<PeliqanClient, Map<string, ConnectionAttempt>>();

const connectorOf = (servertype: Servertype) => String(connectorId(servertype)).toLowerCase();

/**
 * The attempt for this connector that is still under way or unanswered, if the page has one: choosing
 * the same connector again returns to it instead of making a second connection (product spec §4).
 */
export function unfinishedAttempt(client: PeliqanClient, servertype: Servertype): ConnectionAttempt | undefined {
  const byConnector = unfinished.get(client);
  const attempt = byConnector?.get(connectorOf(servertype));
  if (!attempt) return undefined;
  if (isBusy(attempt.state) || isUnanswered(attempt.state)) return attempt;
  byConnector?.delete(connectorOf(servertype));
  return undefined;
}

/** Makes `attempt` the one `unfinishedAttempt()` finds for its customer and connector. */
export function rememberAttempt(attempt: ConnectionAttempt): void {
  let byConnector = unfinished.get(attempt.client);
  if (!byConnector) unfinished.set(attempt.client, (byConnector = new Map()));
  byConnector.set(connectorOf(attempt.servertype), attempt);
}

// Typed values and attempts belong to one customer (product spec §3): `reset()` stops them all.
onReset(() => {
  for (const byConnector of unfinished.values()) for (const attempt of byConnector.values()) attempt.stop();
  unfinished.clear();
});
