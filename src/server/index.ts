/**
 * `peliqan-embed/server`: the partner back-end toolkit, for Node ≥ 20. Never imported by browser code.
 */
export { PeliqanPartner, PeliqanTenant } from './partner.js';
export type {
  PeliqanPartnerOptions,
  PartnerPaths,
  SubAccountProfile,
  AccountRef,
  SubAccount,
  Created,
  ScriptDefinition,
} from './partner.js';
export { createTokenHandler, toNodeHandler } from './token-handler.js';
export type { TokenHandlerOptions, Customer } from './token-handler.js';
export { provisionTenant } from './provision.js';
export type { ProvisionOptions, ProvisionResult } from './provision.js';
export { ensureSubAccount } from './subaccount.js';
export { PeliqanError, isPeliqanError } from '../api/errors.js';
export type { PeliqanErrorCode } from '../api/errors.js';
