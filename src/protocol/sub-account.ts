/**
 * A sub-account's profile (peliqan-api.md §2): what the partner toolkit sends to create one and what
 * the fake keeps. Shared by `src/server` and `src/fake`, which import nothing from each other.
 */

/** The fields of `POST /api/sub-account/` [doc]; nothing else of a partner's user object is sent. */
export const SUB_ACCOUNT_FIELDS = [
  'external_id',
  'first_name',
  'last_name',
  'email',
  'language',
  'company_name',
  'password',
] as const;

/** The customer's profile for `createSubAccount`; `external_id` is the partner's own customer id. */
export interface SubAccountProfile {
  external_id: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  language?: string;
  company_name?: string;
  /** Only the newer `/api/partner/` layout takes one. */
  password?: string;
}
