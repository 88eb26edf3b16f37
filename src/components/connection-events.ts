import { redactConnection } from '../api/redact.js';
import type { Connection, CreatedConnection, PeliqanId, Servertype } from '../api/schemas.js';
import type { ConnectionState } from '../api/status.js';
import type { PeliqanEventDetails } from '../events.js';

type Emit = <K extends keyof PeliqanEventDetails>(type: K, detail: PeliqanEventDetails[K]) => void;

/**
 * The events about one connection (product spec §5), worded the same by every element that fires
 * them: the connection's messages redacted of what the customer typed, the connector attached.
 */
export class ConnectionEvents {
  #emit: Emit;
  #servertype: () => Servertype;
  #redact: () => (text: string) => string;

  constructor(emit: Emit, servertype: () => Servertype, redact: () => (text: string) => string = () => String) {
    this.#emit = emit;
    this.#servertype = servertype;
    this.#redact = redact;
  }

  /** A connection as events carry it. */
  #public(connection: Connection): Connection {
    return redactConnection(connection, this.#redact());
  }

  created(created: CreatedConnection): void {
    const servertype = this.#servertype();
    this.#emit('peliqan-connection-created', {
      connectionId: created.id,
      servertype,
      oauth: Boolean(created.oauth_url),
    });
  }

  status(state: ConnectionState, connection: Connection): void {
    this.#emit('peliqan-status', { connectionId: connection.id, state, connection: this.#public(connection) });
  }

  /** `servertype`: the connector, when it is not the element's own (a list has many). */
  connected(connection: Connection, servertype: Servertype = this.#servertype()): void {
    const detail = { connectionId: connection.id, connection: this.#public(connection) };
    this.#emit('peliqan-connected', { ...detail, servertype });
  }

  cancelled(reason: 'user' | 'popup-closed', connectionId?: PeliqanId): void {
    this.#emit('peliqan-cancel', { connectionId, servertype: this.#servertype(), reason });
  }

  /** The hooks of a flow that reports through these events (`ConnectFlow`, `OAuthFlow`). */
  flowHooks() {
    return {
      created: (created: CreatedConnection) => this.created(created),
      status: (state: ConnectionState, connection: Connection) => this.status(state, connection),
      blocked: () => this.blocked(),
    };
  }

  blocked(): void {
    this.#emit('peliqan-popup-blocked', { servertype: this.#servertype() });
  }
}
