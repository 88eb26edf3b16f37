/**
 * `peliqan-embed/server`: the partner back-end toolkit, for Node ≥ 20. Never imported by browser code.
 */
export { PeliqanPartner } from './partner.js';
export type { PeliqanPartnerOptions, PartnerPaths, SubAccountProfile, AccountRef, SubAccount } from './partner.js';
export { PeliqanServerError } from './errors.js';
