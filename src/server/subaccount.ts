import { isPeliqanError } from '../api/errors.js';
import type { AccountRef, PeliqanPartner, SubAccountProfile } from './partner.js';

/**
 * Creations per partner client and external id, so concurrent first calls create one. A creation that
 * succeeded is kept: a 404 that arrives later (an answer sent before the account existed) waits for it
 * instead of creating the account again.
 */
const creating = new WeakMap<PeliqanPartner, Map<string, Promise<void>>>();

const said = (error: unknown, status: number, words: RegExp) =>
  isPeliqanError(error) && error.status === status && words.test(`${error.error} ${error.message}`);

/**
 * [assumed] How Peliqan says "no such sub-account" when a token is asked for one: 404 (as the fake
 * does), or a 400 saying so. Kept here, in one place.
 */
const missingAccount = (error: unknown) =>
  (isPeliqanError(error) && error.status === 404) || said(error, 400, /not.?found|does not exist|no such/i);

/** [assumed] How Peliqan says "this external_id exists already" when creating one. */
const duplicateAccount = (error: unknown) => said(error, 400, /exists|unique|already/i) || said(error, 409, /./);

/** Makes sure the customer's sub-account exists: created once, also under concurrent calls. */
export function ensureSubAccount(partner: PeliqanPartner, customer: SubAccountProfile): Promise<void> {
  let pending = creating.get(partner);
  if (!pending) creating.set(partner, (pending = new Map()));
  const id = customer.external_id;
  let creation = pending.get(id);
  if (!creation) {
    creation = partner.createSubAccount(customer).then(
      () => undefined,
      (error: unknown) => {
        // Another process (or an earlier run) made it: that is what we wanted.
        if (!duplicateAccount(error)) throw error;
      },
    );
    creation.catch(() => pending.delete(id));
    pending.set(id, creation);
  }
  return creation;
}

/**
 * Runs `call` for the customer's sub-account; when Peliqan says the sub-account does not exist (the
 * first time this customer is seen), creates it and runs `call` once more.
 */
export async function withSubAccount<T>(
  partner: PeliqanPartner,
  customer: SubAccountProfile,
  call: (account: AccountRef) => Promise<T>,
): Promise<T> {
  const account = { externalId: customer.external_id };
  try {
    return await call(account);
  } catch (error) {
    if (!missingAccount(error)) throw error;
    await ensureSubAccount(partner, customer);
    return call(account);
  }
}
