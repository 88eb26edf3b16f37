import type { PeliqanClient } from '../api/client.js';
import { isAbortError, isPeliqanError, PeliqanError } from '../api/errors.js';
import type { Connection, PeliqanId } from '../api/schemas.js';
import { connectionState, type ConnectionState } from '../api/status.js';
import { onReset } from '../config.js';
import { pageVisibility, realClock, type Clock, type Visibility } from './clock.js';

/**
 * How often a watcher wants news: a flow waiting for its own connection (every second or two), or a
 * list or badge keeping an eye on one (gently, and at most once per 10 s after the first minute).
 */
export type Cadence = 'flow' | 'list';

/** What one watcher of a connection learns from a check. */
export interface Observation {
  state: ConnectionState;
  connection: Connection;
  /** The first state this watcher sees (not a change it should report). */
  first: boolean;
  /** This watcher is the one on the page that reports this change (`peliqan-status`). */
  announce: boolean;
  /** This watcher is the one on the page that reports the connection as connected (`peliqan-connected`). */
  announceConnected: boolean;
}

/** What a watcher is told. */
export interface WatchListener {
  change(observation: Observation): void;
  /** Every check that got an answer, changed or not. */
  checked?(state: ConnectionState): void;
  /** A check failed: `streak` checks in a row so far; a `transient` failure is tried again. */
  error?(error: PeliqanError, streak: number, transient: boolean): void;
}

export interface WatchOptions {
  cadence: Cadence;
  /** The watcher's element created this connection: it reports it, nobody else does. */
  owner?: boolean;
  /** The state the watcher knows already (from the create answer or the list): only changes are news. */
  known?: ConnectionState;
}

/** A watcher's hold on a connection. */
export interface Watch {
  /** Checks at once (the sign-in window closed; the customer asked). */
  checkNow(): void;
  /** Stops watching; the connection's check stops once nobody watches it. */
  stop(): void;
}

/** The delay before the next check for one cadence, `attempt` checks and `elapsed` ms into the watch. */
export function cadenceDelay(cadence: Cadence, attempt: number, elapsed: number): number {
  if (cadence === 'flow') return Math.min(2000, 1000 * 1.5 ** attempt);
  if (elapsed >= 60_000) return 10_000;
  return Math.min(5000, 2000 * 1.5 ** attempt);
}

/** Trouble worth another check: the network, a gateway, a rate limit. */
export const isTransient = (error: unknown): boolean =>
  isPeliqanError(error) &&
  (error.code === 'network' || (error.code === 'http' && ((error.status ?? 0) >= 500 || error.status === 429)));

interface Subscriber extends WatchOptions {
  listener: WatchListener;
  last?: ConnectionState;
}

/** One connection's checks, shared by all its watchers on the page. */
class ConnectionPoll {
  subscribers: Subscriber[] = [];
  state?: ConnectionState;
  #attempt = 0;
  #started: number;
  #streak = 0;
  #cancelTimer?: () => void;
  #inFlight?: AbortController;
  #ended = false;
  #watcher: ConnectionWatcher;
  #client: PeliqanClient;
  #id: PeliqanId;

  constructor(watcher: ConnectionWatcher, client: PeliqanClient, id: PeliqanId) {
    this.#watcher = watcher;
    this.#client = client;
    this.#id = id;
    this.#started = watcher.clock.now();
  }

  /** Plans the next check, unless one runs, the page is hidden, or nobody watches. */
  schedule(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    if (this.#ended || this.#inFlight || !this.subscribers.length || this.#watcher.visibility.hidden()) return;
    const elapsed = this.#watcher.clock.now() - this.#started;
    const unknown = this.subscribers.some((subscriber) => subscriber.known === undefined && !subscriber.last);
    const delay = unknown
      ? 0
      : Math.min(...this.subscribers.map((subscriber) => cadenceDelay(subscriber.cadence, this.#attempt, elapsed)));
    this.#cancelTimer = this.#watcher.clock.after(delay, () => void this.check());
  }

  /** Checks now (a check already running counts); not while the page is hidden, nor once ended. */
  async check(): Promise<void> {
    if (this.#ended || this.#inFlight || !this.subscribers.length || this.#watcher.visibility.hidden()) return;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    const abort = (this.#inFlight = new AbortController());
    this.#attempt++;
    try {
      const connection = await this.#client.connection(this.#id, { signal: abort.signal });
      if (abort.signal.aborted) return;
      this.#streak = 0;
      this.#inFlight = undefined;
      this.#observe(connection);
    } catch (error) {
      if (abort.signal.aborted || isAbortError(error)) return;
      this.#inFlight = undefined;
      const transient = isTransient(error);
      this.#streak++;
      const failure = isPeliqanError(error) ? error : new PeliqanError('http', String(error));
      for (const subscriber of [...this.subscribers]) subscriber.listener.error?.(failure, this.#streak, transient);
      if (!transient) this.end();
    }
    if (!this.#ended) this.schedule();
  }

  #observe(connection: Connection): void {
    const state = connectionState(connection);
    this.state = state;
    const changed = this.subscribers.filter((subscriber) => (subscriber.last ?? subscriber.known) !== state);
    const transitions = changed.filter((subscriber) => (subscriber.last ?? subscriber.known) !== undefined);
    const announcer = transitions.find((subscriber) => subscriber.owner) ?? transitions[0];
    const connectedBy =
      state === 'connected' && announcer && this.#watcher.claimConnected(this.#client, this.#id, !!announcer.owner)
        ? announcer
        : undefined;
    for (const subscriber of changed) {
      const first = (subscriber.last ?? subscriber.known) === undefined;
      subscriber.last = state;
      subscriber.listener.change({
        state,
        connection,
        first,
        announce: subscriber === announcer,
        announceConnected: subscriber === connectedBy,
      });
    }
    for (const subscriber of [...this.subscribers]) {
      subscriber.last = state;
      subscriber.listener.checked?.(state);
    }
    // A final state ends the checks: connected and failed connections stay so until someone acts.
    if (state !== 'pending') this.end();
  }

  /** Stops checking and leaves the page's registry. */
  end(): void {
    this.#ended = true;
    this.#cancelTimer?.();
    this.#inFlight?.abort();
    this.#inFlight = undefined;
    this.#watcher.forget(this, this.#client, this.#id);
  }
}

/**
 * The page's one poller of connection statuses (`GET /api/server/<id>`): every element watching the
 * same connection shares one check, which follows the most eager watcher's cadence, pauses while the
 * page is hidden and checks at once when it is shown again. It is also where "once per page" is
 * decided: each change is reported by one watcher, and `peliqan-connected` by the element that
 * created the connection, or (for one no element here created) by the first to see it turn connected.
 */
export class ConnectionWatcher {
  readonly clock: Clock;
  readonly visibility: Visibility;
  #polls = new Map<PeliqanClient, Map<string, ConnectionPoll>>();
  #owned = new WeakMap<PeliqanClient, Set<string>>();
  #connected = new WeakMap<PeliqanClient, Set<string>>();
  #stopVisibility?: () => void;

  constructor(clock: Clock = realClock, visibility: Visibility = pageVisibility) {
    this.clock = clock;
    this.visibility = visibility;
  }

  /** Starts (or joins) the checks of one connection. */
  watch(client: PeliqanClient, id: PeliqanId, listener: WatchListener, options: WatchOptions): Watch {
    const key = String(id);
    if (options.owner) this.#set(this.#owned, client).add(key);
    let polls = this.#polls.get(client);
    if (!polls) this.#polls.set(client, (polls = new Map()));
    let poll = polls.get(key);
    if (!poll) polls.set(key, (poll = new ConnectionPoll(this, client, id)));
    const subscriber: Subscriber = { ...options, listener };
    poll.subscribers.push(subscriber);
    this.#listenToVisibility();
    poll.schedule();
    const current = poll;
    return {
      checkNow: () => void current.check(),
      stop: () => {
        current.subscribers = current.subscribers.filter((each) => each !== subscriber);
        if (!current.subscribers.length) current.end();
      },
    };
  }

  /** Marks a connection as created by an element of this page (before anyone sees it change). */
  own(client: PeliqanClient, id: PeliqanId): void {
    this.#set(this.#owned, client).add(String(id));
  }

  /** Lets go of a connection no element here follows any more: whoever sees it turn connected reports it. */
  disown(client: PeliqanClient, id: PeliqanId): void {
    this.#set(this.#owned, client).delete(String(id));
  }

  /**
   * True once per connection and page: whether `peliqan-connected` may be fired now, by its creator
   * (`owner`) or, for a connection no element here created, by whoever sees it first.
   */
  claimConnected(client: PeliqanClient, id: PeliqanId, owner: boolean): boolean {
    const key = String(id);
    const announced = this.#set(this.#connected, client);
    if (announced.has(key)) return false;
    if (!owner && this.#set(this.#owned, client).has(key)) return false;
    announced.add(key);
    return true;
  }

  /** Drops a poll that ended. */
  forget(poll: ConnectionPoll, client: PeliqanClient, id: PeliqanId): void {
    const polls = this.#polls.get(client);
    if (polls?.get(String(id)) === poll) polls.delete(String(id));
    if (polls && !polls.size) this.#polls.delete(client);
    if (!this.#polls.size) {
      this.#stopVisibility?.();
      this.#stopVisibility = undefined;
    }
  }

  /** Stops every check and forgets what was announced (`PeliqanEmbed.reset()`). */
  reset(): void {
    for (const polls of [...this.#polls.values()]) for (const poll of [...polls.values()]) poll.end();
    this.#polls.clear();
    this.#owned = new WeakMap();
    this.#connected = new WeakMap();
  }

  #listenToVisibility(): void {
    this.#stopVisibility ??= this.visibility.onChange(() => {
      if (this.visibility.hidden()) return;
      // Shown again: check at once whatever the cadence (the customer may be back from signing in).
      for (const polls of this.#polls.values()) for (const poll of polls.values()) void poll.check();
    });
  }

  #set(map: WeakMap<PeliqanClient, Set<string>>, client: PeliqanClient): Set<string> {
    let set = map.get(client);
    if (!set) map.set(client, (set = new Set()));
    return set;
  }
}

/** The page's watcher. */
export const pageWatcher = new ConnectionWatcher();
onReset(() => pageWatcher.reset());
