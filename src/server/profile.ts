import { SUB_ACCOUNT_FIELDS, type SubAccountProfile } from '../protocol/sub-account.js';

/**
 * The sub-account profile inside `value` (a partner's user object, say): only the fields of
 * `POST /api/sub-account/`, and only those that are strings, so that a `passwordHash`, `isAdmin` or
 * `sessionId` on the same object never reaches Peliqan. Undefined unless `external_id` is a
 * non-empty string.
 */
export function subAccountProfile(value: unknown): SubAccountProfile | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const given = value as Record<string, unknown>;
  if (typeof given.external_id !== 'string' || !given.external_id) return undefined;
  const profile: SubAccountProfile = { external_id: given.external_id };
  for (const field of SUB_ACCOUNT_FIELDS) {
    const fieldValue = given[field];
    if (typeof fieldValue === 'string') profile[field] = fieldValue;
  }
  return profile;
}
