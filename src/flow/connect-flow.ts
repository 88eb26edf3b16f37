import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PeliqanClient } from '../api/client.js';
import { connectorId, connectorKey, connectorMatches } from '../api/connectors.js';
import { PeliqanError, isAbortError, isPeliqanError } from '../api/errors.js';
import type { Connection, CreatedConnection, PeliqanId, Servertype } from '../api/schemas.js';
import { connectionMessage, connectionState, type ConnectionState } from '../api/status.js';
import { realClock, type Clock } from './clock.js';
import { StatusFollower } from './follow.js';
import { pageWatcher, type ConnectionWatcher, type Observation } from './watch.js';

/** Where a credential connection is: `idle` → `submitting` → `waiting` → `connected` | `failed` | `cancelled`. */
export type ConnectPhase = 'idle' | 'submitting' | 'waiting' | 'connected' | 'failed' | 'cancelled';

/** What the flow tells its element, which renders and fires the events. */
export interface ConnectHooks {
  client(): PeliqanClient;
  /** Milliseconds to wait for a final status. */
  timeout(): number;
  created(created: CreatedConnection): void;
  /** A change of state this element reports (`peliqan-status`). */
  status(state: ConnectionState, connection: Connection): void;
  /** The connection works; `announce` when this element is the one to fire `peliqan-connected`. */
  connected(connection: Connection, announce: boolean): void;
  /** Reports a failure; returns it as a PeliqanError to show. */
  failed(error: unknown, connectionId?: PeliqanId): PeliqanError | undefined;
  /** The customer gave up while the connection was being tested. */
  cancelled?(connectionId: PeliqanId): void;
  /** Peliqan answered with an `oauth_url`: the connection continues through the OAuth step. */
  oauth?(created: CreatedConnection): void;
}

/** How far back (ms) a connection found after a lost create answer may have been made. */
const RECOVERY_WINDOW_MS = 10 * 60_000;

/**
 * The credential flow as a state machine, apart from rendering: create the connection once, then
 * follow its status through the page's watcher. A submit while one is under way is ignored, so a
 * double click makes one request. When Peliqan cannot be reached for a while the wait ends as
 * `network`, and `resume()` picks the same connection up again.
 */
export class ConnectFlow implements ReactiveController {
  phase: ConnectPhase = 'idle';
  connectionId?: PeliqanId;
  #host: ReactiveControllerHost;
  #hooks: ConnectHooks;
  #watcher: ConnectionWatcher;
  #clock: Clock;
  #abort?: AbortController;
  #follower?: StatusFollower;
  #deadline = 0;

  constructor(
    host: ReactiveControllerHost,
    hooks: ConnectHooks,
    { watcher = pageWatcher, clock = realClock }: { watcher?: ConnectionWatcher; clock?: Clock } = {},
  ) {
    this.#host = host;
    this.#hooks = hooks;
    this.#watcher = watcher;
    this.#clock = clock;
    host.addController(this);
  }

  hostConnected(): void {
    // Back on the page after a removal: follow the connection again, or (if the create was cut
    // short, and may or may not have happened) let the customer try again.
    if (this.phase === 'waiting' && this.connectionId !== undefined) this.#follow(this.connectionId);
    else if (this.phase === 'submitting') this.#set('idle');
  }

  hostDisconnected(): void {
    this.#stop();
  }

  /** True while a connection is being created or tested. */
  get busy(): boolean {
    return this.phase === 'submitting' || this.phase === 'waiting';
  }

  /** Creates a connection with the customer's values; returns false if one is already under way. */
  submit(servertype: Servertype, values: Record<string, unknown>): boolean {
    if (this.busy || this.phase === 'connected') return false;
    this.#stop();
    const abort = (this.#abort = new AbortController());
    this.connectionId = undefined;
    this.#set('submitting');
    void this.#create(servertype, { ...values, servertype_id: connectorId(servertype) }, abort.signal);
    return true;
  }

  /** "Check again" after the wait ended: follows the same connection, without making a new one. */
  resume(): boolean {
    if (this.busy || this.connectionId === undefined) return false;
    this.#follow(this.connectionId);
    return true;
  }

  /** The customer gave up (Back, Cancel): stops, and says so if a connection was being tested. */
  cancel(): void {
    const waited = this.phase === 'waiting' && this.connectionId !== undefined;
    this.#stop();
    if (!waited) return void this.#set('idle');
    this.#set('cancelled');
    this.#hooks.cancelled?.(this.connectionId!);
  }

  /** Back to `idle`, stopping whatever runs. */
  reset(): void {
    this.#stop();
    this.connectionId = undefined;
    this.#set('idle');
  }

  async #create(servertype: Servertype, body: Record<string, unknown>, signal: AbortSignal): Promise<void> {
    const client = this.#hooks.client();
    const started = this.#clock.now();
    let created: CreatedConnection;
    try {
      created = await client.addConnection(body as { servertype_id: PeliqanId }, { signal });
    } catch (error) {
      if (signal.aborted) return;
      // The answer may have been lost after Peliqan made the connection: look before saying so.
      const found = isPeliqanError(error) && error.code === 'network';
      const recovered = found ? await this.#recover(client, servertype, started, signal) : undefined;
      if (signal.aborted) return;
      if (!recovered) return this.#fail(error);
      created = recovered;
    }
    this.connectionId = created.id;
    this.#watcher.own(client, created.id);
    this.#hooks.created(created);
    if (created.oauth_url && this.#hooks.oauth) {
      this.#set('idle');
      this.#hooks.oauth(created);
      return;
    }
    // The new connection is there, not yet tested: that is its first status.
    const known = connectionState(created);
    this.#hooks.status(known, created);
    if (known === 'connected') return this.#connected(created, this.#watcher.claimConnected(client, created.id, true));
    if (known === 'failed') return this.#failedStatus(created);
    this.#follow(created.id, known);
  }

  /** The connection just made, if `GET /api/servers` shows it (same connector, newest, made lately). */
  async #recover(client: PeliqanClient, servertype: Servertype, started: number, signal: AbortSignal) {
    try {
      const mine = (await client.listConnections({ signal })).filter((connection) => {
        const made = connection.created_at ? Date.parse(connection.created_at) : NaN;
        const recent = Number.isNaN(made) || made >= started - RECOVERY_WINDOW_MS;
        const wanted = connectorKey(connection);
        return recent && wanted !== undefined && connectorMatches(servertype, wanted);
      });
      return mine.sort(newestFirst)[0];
    } catch {
      return undefined;
    }
  }

  #follow(id: PeliqanId, known?: ConnectionState): void {
    this.#stop();
    this.#set('waiting');
    if (!this.#deadline) this.#deadline = this.#clock.now() + this.#hooks.timeout();
    const fail = (error: PeliqanError) => this.#fail(error);
    this.#follower = new StatusFollower(
      this.#watcher,
      this.#clock,
      this.#hooks.client(),
      id,
      { deadline: this.#deadline, known },
      {
        observe: (observation) => this.#observe(observation),
        overdue: () => this.#timeout(),
        unreachable: fail,
        failed: fail,
      },
    );
  }

  #observe({ state, connection, announce, announceConnected }: Observation): void {
    if (announce) this.#hooks.status(state, connection);
    if (state === 'connected') this.#connected(connection, announceConnected);
    else if (state === 'failed') this.#failedStatus(connection);
  }

  #connected(connection: Connection, announce: boolean): void {
    this.#stop();
    this.#deadline = 0;
    this.#set('connected');
    this.#hooks.connected(connection, announce);
  }

  #failedStatus(connection: Connection): void {
    const reason = connectionMessage(connection) ?? 'The connection failed';
    this.#fail(new PeliqanError('connection-failed', reason, { connectionId: connection.id }));
  }

  #timeout(): void {
    this.#fail(new PeliqanError('timeout', 'No final status in time', { connectionId: this.connectionId }));
  }

  #fail(error: unknown): void {
    if (isAbortError(error)) return;
    this.#stop();
    this.#deadline = 0;
    this.#hooks.failed(error, this.connectionId);
    this.#set('failed');
  }

  #stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#follower?.stop();
    this.#follower = undefined;
  }

  #set(phase: ConnectPhase): void {
    this.phase = phase;
    this.#host.requestUpdate();
  }
}

/** Newest first: by `created_at`, else by id (ids grow). */
export function newestFirst(a: Connection, b: Connection): number {
  const byDate = (Date.parse(b.created_at ?? '') || 0) - (Date.parse(a.created_at ?? '') || 0);
  return byDate || Number(b.id) - Number(a.id);
}
