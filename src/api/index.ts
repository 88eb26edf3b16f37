/**
 * `peliqan-embed/api`: the browser-safe Peliqan client alone. Importing it has no side effect
 * beyond configuring zod to run without `eval`; it touches no DOM, so it is safe under SSR. Only what
 * the README documents is exported here: the rest is internal and may change.
 */
export { PeliqanClient, DEFAULT_BASE_URL } from './client.js';
export type { Admission, ClientOptions, CallOptions, NewConnection, RequestOptions, CheckedList } from './client.js';
export { sharedClient } from './shared-client.js';
export type { TokenOptions, ProvidedToken } from './token.js';
export { PeliqanError, isPeliqanError, isAbortError } from './errors.js';
export type { PeliqanErrorCode, ResponseIssue } from './errors.js';
export { connectionState, connectionMessage } from './status.js';
export type { ConnectionState } from './status.js';
export { formFields, isOAuthConnector, byOrderThenName } from './connectors.js';
export type { FormField, FieldKind, NumberRule } from './connectors.js';
export { logLine } from './logs.js';
export type { LogLine } from './logs.js';
export type { Servertype, Connection, CreatedConnection, ConnectField, ConnectForm, PeliqanId } from './schemas.js';
