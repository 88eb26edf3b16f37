/**
 * `peliqan-embed/api`: the browser-safe Peliqan client alone. Importing it has no side effect
 * beyond configuring zod to run without `eval`; it touches no DOM, so it is safe under SSR.
 */
export { PeliqanClient, DEFAULT_BASE_URL, MAX_PAGES } from './client.js';
export type { Admission, ClientOptions, CallOptions, NewConnection, RequestOptions, CheckedList } from './client.js';
export { sharedClient, acquireClient, resetClients } from './shared-client.js';
export type { ClientLease } from './shared-client.js';
export { isSecureUrl } from './urls.js';
export { redaction, maskValues, redactConnection, MASK } from './redact.js';
export type { Redaction, TypedValue } from './redact.js';
export { TokenSource } from './token.js';
export type { TokenOptions, BoundToken, ProvidedToken } from './token.js';
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
export type { FormField, FieldKind, NumberRule } from './connectors.js';
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
  listPage,
} from './schemas.js';
export type { Servertype, Connection, CreatedConnection, ConnectField, ConnectForm, PeliqanId } from './schemas.js';
