import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CheckedList, PeliqanClient } from '../api/client.js';
import { connectorKey } from '../api/connectors.js';
import { PeliqanError, isAbortError } from '../api/errors.js';
import { logLine, type LogLine } from '../api/logs.js';
import type { Connection, PeliqanId } from '../api/schemas.js';
import { connectionState, type ConnectionState } from '../api/status.js';
import { newestFirst } from './connect-flow.js';
import { pageWatcher, type ConnectionWatcher, type Observation, type Watch } from './watch.js';

/**
 * One connector-and-name's connections: the newest attempt, and the older ones that failed, which
 * the list folds away ("Show 2 earlier attempts"). Older attempts that work stay rows of their own.
 */
export interface ConnectionGroup {
  key: string;
  latest: Connection;
  earlierFailed: Connection[];
}

/** [assumed] Which attempts belong together: same connector, same name. */
export const attemptKey = (connection: Connection): string =>
  JSON.stringify([connectorKey(connection) ?? '', connection.name ?? '']);

/**
 * The list's rows, newest first: one group per connector and name whose latest attempt leads, with
 * older failed attempts folded behind it (a retry makes a new connection: the API has no update).
 */
export function groupAttempts(connections: readonly Connection[]): ConnectionGroup[] {
  const groups = new Map<string, ConnectionGroup>();
  const rows: ConnectionGroup[] = [];
  for (const connection of [...connections].sort(newestFirst)) {
    const key = attemptKey(connection);
    const group = groups.get(key);
    if (group && connectionState(connection) === 'failed') {
      group.earlierFailed.push(connection);
      continue;
    }
    const row = { key: group ? `${key}#${connection.id}` : key, latest: connection, earlierFailed: [] };
    if (!group) groups.set(key, row);
    rows.push(row);
  }
  return rows;
}

/** What the list controller tells its element. */
export interface ConnectionsHooks {
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
 * that fail validation left out and reported, pending ones watched through the page's shared watcher
 * until they are final.
 */
export class ConnectionsController implements ReactiveController {
  status: 'loading' | 'ready' | 'error' = 'loading';
  connections: Connection[] = [];
  /** Why the last load failed: the list's error when nothing was loaded, else a failed refresh. */
  error?: PeliqanError;
  #host: ReactiveControllerHost;
  #hooks: ConnectionsHooks;
  #watcher: ConnectionWatcher;
  #abort?: AbortController;
  #client?: PeliqanClient;
  #watches = new Map<string, Watch>();
  #reportedSkipped = 0;

  constructor(host: ReactiveControllerHost, hooks: ConnectionsHooks, watcher: ConnectionWatcher = pageWatcher) {
    this.#host = host;
    this.#hooks = hooks;
    this.#watcher = watcher;
    host.addController(this);
  }

  #grouped?: { of: Connection[]; groups: ConnectionGroup[] };

  /** The rows to show, newest first, earlier failed attempts folded (worked out once per list read). */
  get groups(): ConnectionGroup[] {
    if (this.#grouped?.of !== this.connections) {
      this.#grouped = { of: this.connections, groups: groupAttempts(this.connections) };
    }
    return this.#grouped.groups;
  }

  hostConnected(): void {
    this.load();
  }

  hostUpdate(): void {
    const client = this.#hooks.client();
    if (client && client !== this.#client) this.load();
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#unwatchAll();
  }

  /** (Re)loads the list (Refresh, Retry, a new connection); a no-op until a token source is configured. */
  load(): void {
    const client = this.#hooks.client();
    if (!client) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    if (client !== this.#client) {
      this.#unwatchAll();
      this.connections = [];
      this.status = 'loading';
    }
    this.#client = client;
    this.#host.requestUpdate();
    client.listConnections({ signal: abort.signal }).then(
      (connections) => {
        if (abort.signal.aborted) return;
        this.connections = [...connections];
        this.status = 'ready';
        this.error = undefined;
        this.#reportSkipped(connections);
        this.#watchPending(client);
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        if (abort.signal.aborted || isAbortError(error)) return;
        this.error = this.#hooks.failed(error);
        // A list already shown stays, with what the customer has open in it (a flow mid-test): only
        // a first load that fails has nothing to show but the error.
        if (this.status !== 'ready') this.status = 'error';
        this.#host.requestUpdate();
      },
    );
  }

  /** Watches every pending connection (one shared check each, page-wide) and lets go of the others. */
  #watchPending(client: PeliqanClient): void {
    const pending = new Set(
      this.connections.filter((each) => connectionState(each) === 'pending').map((each) => String(each.id)),
    );
    for (const [id, watch] of this.#watches) {
      if (pending.has(id)) continue;
      watch.stop();
      this.#watches.delete(id);
    }
    for (const connection of this.connections) {
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
    this.connections = this.connections.map((each) => (each.id === connection.id ? { ...each, ...connection } : each));
    if (state !== 'pending') {
      this.#watches.get(String(connection.id))?.stop();
      this.#watches.delete(String(connection.id));
    }
    if (announce) this.#hooks.status(state, connection);
    if (announceConnected) this.#hooks.connected(connection);
    this.#host.requestUpdate();
  }

  #unwatchAll(): void {
    for (const watch of this.#watches.values()) watch.stop();
    this.#watches.clear();
  }

  /** Connections left out as invalid are reported when their number changes (not on every refresh). */
  #reportSkipped(connections: CheckedList<Connection>): void {
    const count = connections.skipped.length;
    if (count === this.#reportedSkipped) return;
    this.#reportedSkipped = count;
    if (!count) return;
    console.warn(`peliqan-embed: ${count} connection(s) left out of the list as invalid:`, connections.skipped);
    this.#hooks.failed(
      new PeliqanError('invalid-response', `${count} connection(s) left out of the list as invalid`, {
        issues: [...connections.skipped],
      }),
    );
  }
}

/** A connection's log, made readable: newest first, whatever shape the entries came in. */
export interface LogsView {
  status: 'loading' | 'ready' | 'error';
  lines: LogLine[];
  error?: PeliqanError;
}

/** Newest first, when the entries say when they happened; else as Peliqan gave them, reversed. */
export function newestLogsFirst(entries: readonly unknown[]): LogLine[] {
  const lines = entries.map(logLine).reverse();
  const time = (line: LogLine) => (line.timestamp ? Date.parse(line.timestamp) : NaN);
  if (lines.some((line) => Number.isNaN(time(line)))) return lines;
  return lines.sort((a, b) => time(b) - time(a));
}

/**
 * The open logs views of a list (`GET /api/server/<id>/logs`, one per open row): loaded when opened,
 * again on Retry, their requests stopped when closed or when the element leaves the page.
 */
export class LogsController implements ReactiveController {
  #host: ReactiveControllerHost;
  #client: () => PeliqanClient;
  #failed: (error: unknown) => PeliqanError | undefined;
  #open = new Map<string, LogsView & { abort: AbortController }>();

  constructor(
    host: ReactiveControllerHost,
    client: () => PeliqanClient,
    failed: (error: unknown) => PeliqanError | undefined,
  ) {
    this.#host = host;
    this.#client = client;
    this.#failed = failed;
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const view of this.#open.values()) view.abort.abort();
    this.#open.clear();
  }

  /** The view of a connection's logs, if open. */
  view(id: PeliqanId): LogsView | undefined {
    return this.#open.get(String(id));
  }

  /** Opens (or loads again) a connection's logs. */
  load(id: PeliqanId): void {
    const key = String(id);
    this.#open.get(key)?.abort.abort();
    const abort = new AbortController();
    const view = { status: 'loading' as const, lines: [], abort };
    this.#open.set(key, view);
    this.#host.requestUpdate();
    this.#client()
      .logs(id, { signal: abort.signal })
      .then(
        (entries) => this.#open.set(key, { ...view, status: 'ready', lines: newestLogsFirst(entries) }),
        (error: unknown) => {
          if (!abort.signal.aborted) this.#open.set(key, { ...view, status: 'error', error: this.#failed(error) });
        },
      )
      .finally(() => this.#host.requestUpdate());
  }

  close(id: PeliqanId): void {
    this.#open.get(String(id))?.abort.abort();
    this.#open.delete(String(id));
    this.#host.requestUpdate();
  }
}

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
    if (this.#watching?.id !== String(id)) this.state = this.connection = this.error = undefined;
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
