import type { ReactiveControllerHost } from 'lit';
import type { PeliqanClient } from '../api/client.js';
import { connectorKey } from '../api/connectors.js';
import type { PeliqanError } from '../api/errors.js';
import type { Connection } from '../api/schemas.js';
import { connectionState, type ConnectionState } from '../api/status.js';
import { newestFirst } from './attempt.js';
import { Load, reportSkipped } from './load.js';
import { pageWatcher, type ConnectionWatcher, type Observation, type Watch } from './watch.js';

/**
 * One connector-and-name's connections: the newest attempt, and the older ones that failed or never
 * finished (an OAuth sign-in given up, pending for ever), which the list folds away ("Show 2 earlier
 * attempts"). Older attempts that work, or were disabled, stay rows of their own.
 */
export interface ConnectionGroup {
  key: string;
  latest: Connection;
  earlier: Connection[];
}

/** An attempt that an attempt after it replaces: it failed, or it never finished. */
const replaced = (connection: Connection) => {
  const state = connectionState(connection);
  return state === 'failed' || state === 'pending';
};

/** [assumed] Which attempts belong together: same connector, same name. */
export const attemptKey = (connection: Connection): string =>
  JSON.stringify([connectorKey(connection) ?? '', connection.name ?? '']);

/**
 * The list's rows, newest first: one group per connector and name whose latest attempt leads, with
 * older attempts it replaces folded behind it (a retry makes a new connection: the API has no update).
 */
export function groupAttempts(connections: readonly Connection[]): ConnectionGroup[] {
  const groups = new Map<string, ConnectionGroup>();
  const rows: ConnectionGroup[] = [];
  for (const connection of [...connections].sort(newestFirst)) {
    const key = attemptKey(connection);
    const group = groups.get(key);
    if (group && replaced(connection)) {
      group.earlier.push(connection);
      continue;
    }
    const row = { key: group ? `${key}#${connection.id}` : key, latest: connection, earlier: [] };
    if (!group) groups.set(key, row);
    rows.push(row);
  }
  return rows;
}

/** What the list tells its element. */
export interface ConnectionListHooks {
  client(): PeliqanClient | undefined;
  /** A change this element reports (`peliqan-status`), not the first load. */
  status(state: ConnectionState, connection: Connection): void;
  /** A connection nobody on the page created turned connected, seen first here (`peliqan-connected`). */
  connected(connection: Connection): void;
  /** Reports a failure; returns it as the error to show. */
  failed(error: unknown): PeliqanError | undefined;
}

/**
 * The customer's connections for `<peliqan-connections>`: every page of `GET /api/servers`, entries
 * that fail validation left out and said, pending ones watched through the page's shared watcher
 * until they are final. A refresh that fails keeps the rows.
 */
export class ConnectionList extends Load<readonly Connection[]> {
  #hooks: ConnectionListHooks;
  #watcher: ConnectionWatcher;
  #watches = new Map<string, Watch>();
  /** What the watches learnt since the list was read, by connection id. */
  #seen = new Map<string, Connection>();
  #grouped?: { of: readonly Connection[]; seen: number; groups: ConnectionGroup[] };
  #changes = 0;

  constructor(host: ReactiveControllerHost, hooks: ConnectionListHooks, watcher: ConnectionWatcher = pageWatcher) {
    super(host, {
      client: hooks.client,
      failed: hooks.failed,
      read: async (client, signal) => {
        const connections = await client.listConnections({ signal });
        reportSkipped(client, connections, { entries: 'connection(s)', list: 'the list' }, hooks.failed);
        this.#seen.clear();
        this.#watchPending(client, connections);
        return connections;
      },
    });
    this.#hooks = hooks;
    this.#watcher = watcher;
  }

  override hostConnected(): void {
    super.hostConnected();
    const client = this.#hooks.client();
    if (client && this.value) this.#watchPending(client, this.connections);
  }

  override hostDisconnected(): void {
    super.hostDisconnected();
    for (const watch of this.#watches.values()) watch.stop();
    this.#watches.clear();
  }

  /** The connections as last read, with what the watches learnt since. */
  get connections(): readonly Connection[] {
    const read = this.value ?? [];
    if (!this.#seen.size) return read;
    return read.map((each) => this.#seen.get(String(each.id)) ?? each);
  }

  /** The rows to show, newest first, earlier failed attempts folded (worked out once per change). */
  get groups(): ConnectionGroup[] {
    const of = this.value ?? [];
    if (this.#grouped?.of !== of || this.#grouped.seen !== this.#changes) {
      this.#grouped = { of, seen: this.#changes, groups: groupAttempts(this.connections) };
    }
    return this.#grouped.groups;
  }

  /** Watches every pending connection (one shared check each, page-wide) and lets go of the others. */
  #watchPending(client: PeliqanClient, connections: readonly Connection[]): void {
    const pending = new Set(
      connections.filter((each) => connectionState(each) === 'pending').map((each) => String(each.id)),
    );
    for (const [id, watch] of this.#watches) {
      if (pending.has(id)) continue;
      watch.stop();
      this.#watches.delete(id);
    }
    for (const connection of connections) {
      const id = String(connection.id);
      if (!pending.has(id) || this.#watches.has(id)) continue;
      const listener = { change: (observation: Observation) => this.#observe(observation) };
      this.#watches.set(
        id,
        this.#watcher.watch(client, connection.id, listener, { cadence: 'list', known: 'pending' }),
      );
    }
  }

  #observe({ state, connection, announce, announceConnected }: Observation): void {
    const id = String(connection.id);
    const before = (this.value ?? []).find((each) => String(each.id) === id);
    this.#seen.set(id, { ...before, ...connection });
    this.#changes++;
    if (state !== 'pending') {
      this.#watches.get(id)?.stop();
      this.#watches.delete(id);
    }
    if (announce) this.#hooks.status(state, connection);
    if (announceConnected) this.#hooks.connected(connection);
    this.host.requestUpdate();
  }
}
