import { detailText } from './errors.js';
import type { Connection } from './schemas.js';

/** What the widget makes of a connection's status. */
export type ConnectionState = 'pending' | 'connected' | 'failed' | 'disabled';

const CONNECTED = ['OK', 'CONNECTED', 'ACTIVE', 'SUCCESS', 'COMPLETED'];
const FAILED = ['ERROR', 'FAILED', 'FAILURE', 'INVALID', 'UNAUTHORIZED'];

/**
 * The status rule of peliqan-api.md §3 — an assumption, kept in this one function:
 * `health_status`, else `status`, case-insensitive; `DISABLED` is its own state (switched off in
 * Peliqan: new credentials do not help); unknown or missing means pending.
 */
export function connectionState(connection: Connection): ConnectionState {
  const word = String(connection.health_status ?? connection.status ?? '').toUpperCase();
  if (CONNECTED.includes(word)) return 'connected';
  if (FAILED.includes(word)) return 'failed';
  if (word === 'DISABLED') return 'disabled';
  return 'pending';
}

/** Why a connection failed (or was disabled), in Peliqan's words, when it says. */
export function connectionMessage(connection: Connection): string | undefined {
  for (const value of [connection.health_message, connection.error, connection.detail, connection.message]) {
    const text = detailText(value)?.trim();
    if (text) return text;
  }
  return undefined;
}
