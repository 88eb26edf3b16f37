import type { PeliqanClient } from '../api/client.js';
import { PeliqanError, isPeliqanError } from '../api/errors.js';
import type { Connection, PeliqanId } from '../api/schemas.js';
import { sleep } from '../api/retry.js';
import { connectionMessage, connectionState, type ConnectionState } from '../api/status.js';

export interface PollOptions {
  signal: AbortSignal;
  /** Give up (code `timeout`) after this many ms without a final status. */
  timeout: number;
  /** Wait before the first check, in ms. */
  first?: number;
  /** The longest wait between checks, in ms; waits grow by half each time until then. */
  max?: number;
  /** Called with every change of state, the first check included. */
  onChange?: (state: ConnectionState, connection: Connection) => void;
  /** The state already known (and reported), e.g. from the create response. */
  known?: ConnectionState;
}

/** Transient trouble while polling is waited out; anything else ends the poll. */
const transient = (error: unknown) =>
  isPeliqanError(error) &&
  (error.code === 'network' || (error.code === 'http' && ((error.status ?? 0) >= 500 || error.status === 429)));

/**
 * Polls `GET /api/server/<id>` until the connection is connected or failed, backing off gently.
 * Resolves with the final connection; a failed one rejects with `connection-failed` and its reason.
 */
export async function pollConnection(client: PeliqanClient, id: PeliqanId, options: PollOptions): Promise<Connection> {
  const { signal, timeout, max = 5000 } = options;
  const deadline = Date.now() + timeout;
  let delay = options.first ?? 1000;
  let last = options.known;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new PeliqanError('timeout', 'No final status in time', { connectionId: id });
    await sleep(Math.min(delay, remaining), signal);
    delay = Math.min(delay * 1.5, max);
    let connection: Connection;
    try {
      connection = await client.connection(id, { signal });
    } catch (error) {
      if (transient(error) && Date.now() < deadline) continue;
      throw error;
    }
    const state = connectionState(connection);
    if (state !== last) options.onChange?.(state, connection);
    last = state;
    if (state === 'connected') return connection;
    if (state === 'failed') {
      throw new PeliqanError('connection-failed', connectionMessage(connection) ?? 'The connection failed', {
        connectionId: id,
      });
    }
  }
}
