/**
 * The public events (product spec §5): `CustomEvent`s that bubble and cross shadow roots, with typed
 * details. No detail ever carries a value the customer typed.
 */
import type { PeliqanErrorCode } from './api/errors.js';
import type { Connection, PeliqanId, Servertype } from './api/schemas.js';
import type { ConnectionState } from './api/status.js';

export interface PeliqanSelectDetail {
  servertype: Servertype;
}
export interface PeliqanConnectionCreatedDetail {
  connectionId: PeliqanId;
  servertype: Servertype;
  oauth: boolean;
}
export interface PeliqanPopupBlockedDetail {
  servertype: Servertype;
}
export interface PeliqanStatusDetail {
  connectionId: PeliqanId;
  state: ConnectionState;
  connection: Connection;
}
export interface PeliqanConnectedDetail {
  connectionId: PeliqanId;
  connection: Connection;
  servertype: Servertype;
}
export interface PeliqanDoneDetail {
  connectionId: PeliqanId;
  servertype: Servertype;
}
export interface PeliqanCancelDetail {
  connectionId?: PeliqanId;
  servertype: Servertype;
  reason: 'user' | 'popup-closed';
}
export interface PeliqanErrorDetail {
  code: PeliqanErrorCode;
  message: string;
  status?: number;
  connectionId?: PeliqanId;
}

/** Event name → detail, for `emit()` and the global event maps. */
export interface PeliqanEventDetails {
  'peliqan-select': PeliqanSelectDetail;
  'peliqan-connection-created': PeliqanConnectionCreatedDetail;
  'peliqan-popup-blocked': PeliqanPopupBlockedDetail;
  'peliqan-status': PeliqanStatusDetail;
  'peliqan-connected': PeliqanConnectedDetail;
  'peliqan-done': PeliqanDoneDetail;
  'peliqan-cancel': PeliqanCancelDetail;
  'peliqan-error': PeliqanErrorDetail;
}

type PeliqanEvents = { [K in keyof PeliqanEventDetails]: CustomEvent<PeliqanEventDetails[K]> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends PeliqanEvents {}
}
