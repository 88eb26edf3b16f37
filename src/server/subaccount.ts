import { isPeliqanError, type PeliqanError } from '../api/errors.js';
import { SUB_ACCOUNT_FIELDS } from '../protocol/sub-account.js';
import { LruMap } from './lru.js';
import type { AccountRef, PeliqanPartner, SubAccountProfile } from './partner.js';

/**
 * How many customers' sub-account creations each `PeliqanPartner` remembers (a few hundred bytes
 * each). Forgetting one costs at most one extra create, which Peliqan answers with "exists already".
 */
export const REMEMBERED_CREATIONS = 10_000;

/** A creation of one customer's sub-account, shared by every call that needs it. */
interface Creation {
  promise: Promise<void>;
  settled: boolean;
}

const memories = new WeakMap<PeliqanPartner, LruMap<string, Creation>>();

function memoryOf(partner: PeliqanPartner): LruMap<string, Creation> {
  let memory = memories.get(partner);
  if (!memory) {
    memory = new LruMap(REMEMBERED_CREATIONS);
    memories.set(partner, memory);
  }
  return memory;
}

/** Peliqan's status, machine-readable error and words, with the keys of a `detail` object. */
function answer(error: unknown): { status?: number; words: string } | undefined {
  if (!isPeliqanError(error)) return undefined;
  const { detail } = error as PeliqanError;
  const keys = detail && typeof detail === 'object' ? Object.keys(detail).join(' ') : '';
  return { status: error.status, words: `${error.error ?? ''} ${error.message} ${keys}` };
}

/**
 * [assumed] How Peliqan says "no such sub-account" when a token is asked for one: 404 (as the fake
 * does), or a 400 saying so.
 */
export function isMissingAccount(error: unknown): boolean {
  const said = answer(error);
  return said?.status === 404 || (said?.status === 400 && /not.?found|does not exist|no such/i.test(said.words));
}

const EXTERNAL_ID = /external[ _-]?id/i;
const OTHER_FIELDS = new RegExp(
  SUB_ACCOUNT_FIELDS.filter((field) => field !== 'external_id')
    .map((field) => field.replace('_', '[ _-]?'))
    .join('|'),
  'i',
);

/**
 * [assumed] How Peliqan says "a sub-account with this external_id exists already" when creating one: a
 * 400 that names the external id as existing or not unique (`ERROR_EXTERNAL_ID_EXISTS`, or Django's
 * `{"external_id": ["… must be unique."]}`), or a 409 that names no other field. "email must be unique"
 * is not it: that sub-account was not made, and the caller must hear why.
 */
export function isDuplicateAccount(error: unknown): boolean {
  const said = answer(error);
  if (said?.status === 409) return EXTERNAL_ID.test(said.words) || !OTHER_FIELDS.test(said.words);
  return said?.status === 400 && EXTERNAL_ID.test(said.words) && /exist|already|unique|taken/i.test(said.words);
}

function startCreation(
  partner: PeliqanPartner,
  memory: LruMap<string, Creation>,
  customer: SubAccountProfile,
): Creation {
  const id = customer.external_id;
  const creation: Creation = {
    settled: false,
    // No caller's signal: the creation is shared, and one caller leaving must not break it for the others.
    promise: partner.createSubAccount(customer).then(
      () => undefined,
      (error: unknown) => {
        // Another process (or an earlier run) made it: that is what we wanted.
        if (!isDuplicateAccount(error)) throw error;
      },
    ),
  };
  creation.promise.then(
    () => {
      creation.settled = true;
    },
    () => {
      // A failed creation is not remembered: the next call tries again.
      if (memory.peek(id) === creation) memory.delete(id);
    },
  );
  memory.set(id, creation);
  return creation;
}

/**
 * Makes sure the customer's sub-account exists: created once per process, also under concurrent calls
 * (`withSubAccount` notices when Peliqan has since forgotten it).
 */
export function ensureSubAccount(partner: PeliqanPartner, customer: SubAccountProfile): Promise<void> {
  const memory = memoryOf(partner);
  return (memory.get(customer.external_id) ?? startCreation(partner, memory, customer)).promise;
}

/**
 * Runs `call` for the customer's sub-account; when Peliqan says the sub-account does not exist,
 * creates it (once for all concurrent callers) and runs `call` once more.
 *
 * A "no such sub-account" can be late: an answer to a call that set out before another caller's
 * creation finished. Such a call waits for that creation. A call that set out after a creation had
 * finished and still hears "no such sub-account" means Peliqan has forgotten it (deleted, or a reset
 * fake): the creation is forgotten here too, and the sub-account made again.
 */
export async function withSubAccount<T>(
  partner: PeliqanPartner,
  customer: SubAccountProfile,
  call: (account: AccountRef) => Promise<T>,
): Promise<T> {
  const memory = memoryOf(partner);
  const id = customer.external_id;
  const account = { externalId: id };
  const known = memory.get(id);
  const knownFinished = known?.settled ?? false;
  try {
    return await call(account);
  } catch (error) {
    if (!isMissingAccount(error)) throw error;
    const current = memory.peek(id);
    const overtaken = current !== undefined && (current !== known || !knownFinished);
    if (overtaken) await current.promise;
    else await startCreation(partner, memory, customer).promise;
    return call(account);
  }
}
