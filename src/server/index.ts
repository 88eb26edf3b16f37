/**
 * `peliqan-embed/server`: the partner back-end toolkit, for Node ≥ 20. Never imported by browser code.
 */
export {
  PeliqanPartner,
  PeliqanTenant,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MAX_QUEUE,
  DEFAULT_TIMEOUT,
} from './partner.js';
export type {
  PeliqanPartnerOptions,
  PartnerPaths,
  SubAccountProfile,
  AccountRef,
  SubAccount,
  Created,
  ScriptDefinition,
} from './partner.js';
export { UpstreamQueue } from './upstream-queue.js';
export { createTokenHandler } from './token-handler.js';
export type { TokenHandlerOptions, Customer } from './token-handler.js';
export { toNodeHandler, DEFAULT_MAX_BODY_BYTES } from './node-handler.js';
export type { NodeHandlerOptions } from './node-handler.js';
export { subAccountProfile } from './profile.js';
export { provisionTenant } from './provision.js';
export type { ProvisionOptions, ProvisionResult } from './provision.js';
export { ensureSubAccount, REMEMBERED_CREATIONS } from './subaccount.js';
export { PeliqanError, isPeliqanError } from '../api/errors.js';
export type { PeliqanErrorCode } from '../api/errors.js';
