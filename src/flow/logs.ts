import type { ReactiveControllerHost } from 'lit';
import type { PeliqanClient } from '../api/client.js';
import type { PeliqanError } from '../api/errors.js';
import { logLine, type LogLine } from '../api/logs.js';
import type { PeliqanId } from '../api/schemas.js';
import { Load } from './load.js';

/** Newest first, when the entries say when they happened; else as Peliqan gave them, reversed. */
export function newestLogsFirst(entries: readonly unknown[]): LogLine[] {
  const lines = entries.map(logLine).reverse();
  const time = (line: LogLine) => (line.timestamp ? Date.parse(line.timestamp) : NaN);
  if (lines.some((line) => Number.isNaN(time(line)))) return lines;
  return lines.sort((a, b) => time(b) - time(a));
}

/**
 * The open logs of a list (`GET /api/server/<id>/logs`, one load per open row): read when opened,
 * again on Retry; a closed one's request stops, as do all when the element leaves the page.
 */
export class Logs {
  #host: ReactiveControllerHost;
  #client: () => PeliqanClient | undefined;
  #failed: (error: unknown) => PeliqanError | undefined;
  #open = new Map<string, Load<LogLine[]>>();

  constructor(
    host: ReactiveControllerHost,
    client: () => PeliqanClient | undefined,
    failed: (error: unknown) => PeliqanError | undefined,
  ) {
    this.#host = host;
    this.#client = client;
    this.#failed = failed;
  }

  /** A connection's logs, if open. */
  of(id: PeliqanId): Load<LogLine[]> | undefined {
    return this.#open.get(String(id));
  }

  /** Opens a connection's logs (read once the element updates). */
  open(id: PeliqanId): void {
    const key = String(id);
    if (this.#open.has(key)) return;
    const load = new Load<LogLine[]>(this.#host, {
      client: this.#client,
      failed: this.#failed,
      read: async (client, signal) => newestLogsFirst(await client.logs(id, { signal })),
    });
    this.#open.set(key, load);
    this.#host.requestUpdate();
  }

  close(id: PeliqanId): void {
    const load = this.#open.get(String(id));
    if (!load) return;
    load.stop();
    this.#open.delete(String(id));
    this.#host.requestUpdate();
  }
}
