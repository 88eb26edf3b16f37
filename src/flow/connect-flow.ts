import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PeliqanClient } from '../api/client.js';
import { connectorId } from '../api/connectors.js';
import { isAbortError, type PeliqanError } from '../api/errors.js';
import type { Connection, CreatedConnection, PeliqanId, Servertype } from '../api/schemas.js';
import { connectionState, type ConnectionState } from '../api/status.js';
import { pollConnection } from './poll.js';

/** Where a credential connection is: `idle` → `submitting` → `waiting` → `connected` | `failed`. */
export type ConnectPhase = 'idle' | 'submitting' | 'waiting' | 'connected' | 'failed';

/** What the flow tells its element, which renders and fires the events. */
export interface ConnectHooks {
  client(): PeliqanClient;
  /** Milliseconds to wait for a final status. */
  timeout(): number;
  created(created: CreatedConnection): void;
  status(state: ConnectionState, connection: Connection): void;
  connected(connection: Connection): void;
  /** Reports a failure; returns it as a PeliqanError to show. */
  failed(error: unknown, connectionId?: PeliqanId): PeliqanError | undefined;
  /** Peliqan answered with an `oauth_url`: the connection continues through the OAuth step. */
  oauth?(created: CreatedConnection): void;
}

/**
 * The credential flow as a state machine, apart from rendering: create the connection once, then poll
 * its status. A submit while one is under way is ignored, so a double click makes one request.
 */
export class ConnectFlow implements ReactiveController {
  phase: ConnectPhase = 'idle';
  connectionId?: PeliqanId;
  connection?: Connection;
  error?: PeliqanError;
  #host: ReactiveControllerHost;
  #hooks: ConnectHooks;
  #abort?: AbortController;

  constructor(host: ReactiveControllerHost, hooks: ConnectHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  hostConnected(): void {
    // Back on the page after a removal: follow the connection again, or (if the create was cut
    // short, and may or may not have happened) let the customer try again.
    if (this.phase === 'waiting' && this.connectionId !== undefined) this.#follow(this.connectionId, this.#start());
    else if (this.phase === 'submitting') this.#set('idle');
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  /** True while a connection is being created or tested. */
  get busy(): boolean {
    return this.phase === 'submitting' || this.phase === 'waiting';
  }

  /** Creates a connection with the customer's values; returns false if one is already under way. */
  submit(servertype: Servertype, values: Record<string, unknown>): boolean {
    if (this.busy || this.phase === 'connected') return false;
    const signal = this.#start();
    this.#set('submitting');
    this.error = undefined;
    this.connectionId = undefined;
    void this.#create({ ...values, servertype_id: connectorId(servertype) }, signal);
    return true;
  }

  /** Back to `idle`, stopping whatever runs. */
  reset(): void {
    this.#abort?.abort();
    this.error = this.connection = this.connectionId = undefined;
    this.#set('idle');
  }

  #start(): AbortSignal {
    this.#abort?.abort();
    return (this.#abort = new AbortController()).signal;
  }

  async #create(body: Record<string, unknown> & { servertype_id: PeliqanId }, signal: AbortSignal): Promise<void> {
    try {
      const created = await this.#hooks.client().addConnection(body, { signal });
      this.connectionId = created.id;
      this.#hooks.created(created);
      if (created.oauth_url && this.#hooks.oauth) {
        this.#set('idle');
        this.#hooks.oauth(created);
        return;
      }
      // The new connection is there, not yet tested: that is its first status.
      const known = connectionState(created);
      this.#hooks.status(known, created);
      await this.#follow(created.id, signal, known);
    } catch (error) {
      this.#fail(error, signal);
    }
  }

  async #follow(id: PeliqanId, signal: AbortSignal, known?: ConnectionState): Promise<void> {
    const hooks = this.#hooks;
    this.#set('waiting');
    try {
      this.connection = await pollConnection(hooks.client(), id, {
        signal,
        known,
        timeout: hooks.timeout(),
        onChange: (state, connection) => hooks.status(state, connection),
      });
      this.#set('connected');
      hooks.connected(this.connection);
    } catch (error) {
      this.#fail(error, signal);
    }
  }

  #fail(error: unknown, signal: AbortSignal): void {
    if (isAbortError(error) && signal.aborted) return;
    this.error = this.#hooks.failed(error, this.connectionId);
    this.#set('failed');
  }

  #set(phase: ConnectPhase): void {
    this.phase = phase;
    this.#host.requestUpdate();
  }
}
