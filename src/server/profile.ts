import { SUB_ACCOUNT_FIELDS, type SubAccountProfile } from '../protocol/sub-account.js';

/** A sub-account profile field. */
type ProfileField = (typeof SUB_ACCOUNT_FIELDS)[number];

/**
 * The logged-in customer as `identify()` or `provisionTenant()` give it: a sub-account profile without
 * a `password`. Django, Laravel and most ORMs keep the password hash under that name, so a whole user
 * object would send it to Peliqan; a partner who must set one calls `createSubAccount()` itself.
 */
export type Customer = Omit<SubAccountProfile, 'password'>;

const CUSTOMER_FIELDS = SUB_ACCOUNT_FIELDS.filter((field) => field !== 'password');

/**
 * The sub-account profile inside `value`: only the fields of `POST /api/sub-account/`, and only those
 * that are strings, so that a `passwordHash`, `isAdmin` or `sessionId` on the same object never reaches
 * Peliqan. Undefined unless `external_id` is a non-empty string.
 */
export function subAccountProfile(
  value: unknown,
  fields: readonly ProfileField[] = SUB_ACCOUNT_FIELDS,
): SubAccountProfile | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const given = value as Record<string, unknown>;
  if (typeof given.external_id !== 'string' || !given.external_id) return undefined;
  const profile: SubAccountProfile = { external_id: given.external_id };
  for (const field of fields) {
    const fieldValue = given[field];
    if (typeof fieldValue === 'string') profile[field] = fieldValue;
  }
  return profile;
}

/** The customer inside `value` (a partner's whole user object, say): its profile, never its `password`. */
export const customerProfile = (value: unknown): Customer | undefined => subAccountProfile(value, CUSTOMER_FIELDS);
