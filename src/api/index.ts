/**
 * `peliqan-embed/api`: the browser-safe Peliqan client alone. Importing it has no side effect
 * beyond configuring zod to run without `eval`; it touches no DOM, so it is safe under SSR.
 */
export { PeliqanClient, DEFAULT_BASE_URL } from './client.js';
export type { ClientOptions, CallOptions, NewConnection, RequestOptions } from './client.js';
export { sharedClient } from './shared-client.js';
export { TokenSource } from './token.js';
export type { TokenOptions } from './token.js';
export { PeliqanError, isPeliqanError, isAbortError, detailText } from './errors.js';
export type { PeliqanErrorCode, ResponseIssue } from './errors.js';
export { connectionState, connectionMessage } from './status.js';
export type { ConnectionState } from './status.js';
export {
  formFields,
  isOAuthConnector,
  safeIconUrl,
  connectorId,
  connectorMatches,
  byOrderThenName,
  humanise,
} from './connectors.js';
export type { FormField, FieldKind } from './connectors.js';
export { logLine } from './logs.js';
export type { LogLine } from './logs.js';
export {
  servertypeSchema,
  connectionSchema,
  fieldSchema,
  connectFormSchema,
  tokenResponseSchema,
  errorBodySchema,
  unwrapList,
} from './schemas.js';
export type { Servertype, Connection, CreatedConnection, ConnectField, ConnectForm, PeliqanId } from './schemas.js';
