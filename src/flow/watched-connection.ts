import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PeliqanClient } from '../api/client.js';
import type { PeliqanError } from '../api/errors.js';
import type { Connection, PeliqanId } from '../api/schemas.js';
import type { ConnectionState } from '../api/status.js';
import { pageWatcher, type ConnectionWatcher, type Watch } from './watch.js';

/** What a watched single connection tells its element (`<peliqan-connection-status>`). */
export interface WatchedHooks {
  client(): PeliqanClient | undefined;
  /** The connection to watch, if any. */
  id(): PeliqanId | undefined;
  status(state: ConnectionState, connection: Connection): void;
  connected(connection: Connection): void;
  failed(error: unknown): PeliqanError | undefined;
}

/**
 * One connection's live state: its first check at once, then the page's shared watcher until it is
 * final. Watches again when the id or the configuration changes; stops when the element leaves.
 */
export class WatchedConnection implements ReactiveController {
  state?: ConnectionState;
  connection?: Connection;
  error?: PeliqanError;
  #host: ReactiveControllerHost;
  #hooks: WatchedHooks;
  #watcher: ConnectionWatcher;
  #watch?: Watch;
  #watching?: { client: PeliqanClient; id: string };

  constructor(host: ReactiveControllerHost, hooks: WatchedHooks, watcher: ConnectionWatcher = pageWatcher) {
    this.#host = host;
    this.#hooks = hooks;
    this.#watcher = watcher;
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
  }

  hostUpdate(): void {
    const client = this.#hooks.client();
    const id = this.#hooks.id();
    const watching = this.#watching;
    if (client !== watching?.client || String(id) !== watching?.id) this.#follow();
  }

  hostDisconnected(): void {
    this.#watch?.stop();
    this.#watch = this.#watching = undefined;
  }

  /** Looks again (Retry after an error). */
  retry(): void {
    this.#watching = undefined;
    this.#follow();
  }

  #follow(): void {
    this.#watch?.stop();
    this.#watch = undefined;
    const client = this.#hooks.client();
    const id = this.#hooks.id();
    if (!client || id === undefined || id === '') return;
    if (this.#watching?.id !== String(id) || this.#watching.client !== client) {
      this.state = this.connection = this.error = undefined;
    }
    this.#watching = { client, id: String(id) };
    this.#watch = this.#watcher.watch(
      client,
      id,
      {
        change: ({ state, connection, announce, announceConnected }) => {
          this.state = state;
          this.connection = connection;
          this.error = undefined;
          if (announce) this.#hooks.status(state, connection);
          if (announceConnected) this.#hooks.connected(connection);
          this.#host.requestUpdate();
        },
        error: (error, streak, transient) => {
          // Trouble on the way is waited out quietly once the state is known; else said once.
          if (transient && (this.state || streak > 1)) return;
          this.error = this.#hooks.failed(error);
          this.#host.requestUpdate();
        },
      },
      { cadence: 'list' },
    );
  }
}
