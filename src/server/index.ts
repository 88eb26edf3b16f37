/**
 * `peliqan-embed/server`: the partner back-end toolkit, for Node ≥ 20. Never imported by browser code.
 */
export { PeliqanPartner, DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_QUEUE, DEFAULT_TIMEOUT } from './partner.js';
export type { PeliqanPartnerOptions, PartnerPaths, SubAccountProfile, AccountRef, SubAccount } from './partner.js';
export { PeliqanTenant, DEFAULT_TENANT_PATHS } from './tenant.js';
export type { TenantPaths, TenantOptions, Created, QueryTableDefinition, ScriptDefinition } from './tenant.js';
export { UpstreamQueue } from './upstream-queue.js';
export { createTokenHandler, TOKEN_REFUSED_HEADER } from './token-handler.js';
export { MemoryTokenStore, reuseSeconds, TOKEN_REUSE_MARGIN, REMEMBERED_TOKENS } from './token-store.js';
export type { TokenStore } from './token-store.js';
export { TokenStoreError, TOKEN_STORE_TIMEOUT } from './token-keeper.js';
export type { TokenHandlerOptions, Customer } from './token-handler.js';
export { createCatalogueHandler, DEFAULT_CATALOGUE_MAX_AGE } from './catalogue-handler.js';
export type { CatalogueHandlerOptions } from './catalogue-handler.js';
export { toNodeHandler, DEFAULT_MAX_BODY_BYTES } from './node-handler.js';
export type { NodeHandlerOptions, NodeContext, FetchHandler } from './node-handler.js';
export { subAccountProfile, customerProfile } from './profile.js';
export { provisionTenant } from './provision.js';
export type { ProvisionOptions, ProvisionResult } from './provision.js';
export { ensureSubAccount, REMEMBERED_CREATIONS } from './subaccount.js';
export { PeliqanError, isPeliqanError } from '../api/errors.js';
export type { PeliqanErrorCode } from '../api/errors.js';
