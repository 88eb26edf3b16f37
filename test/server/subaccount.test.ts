import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  PeliqanError,
  PeliqanPartner,
  TOKEN_REUSE_MARGIN,
  createTokenHandler,
  type Customer,
} from '../../src/server/index.js';
import { detailText } from '../../src/api/errors.js';
import { isDuplicateAccount, isMissingAccount } from '../../src/server/subaccount.js';
import { LruMap } from '../../src/server/lru.js';
import { useFake } from '../support/fake.js';

const fake = await useFake();
// Tokens too short-lived to be reused, so that every request asks Peliqan and meets its sub-accounts.
const unreusable = { tokenLifetime: TOKEN_REUSE_MARGIN };
beforeEach(() => fake.reset(unreusable));

const ann: Customer = { external_id: 'wood_123', email: 'ann@wood.example' };
const post = () => new Request('https://partner.example/peliqan/token', { method: 'POST' });
const creations = () => fake.requests.filter((request) => request.route === 'POST /api/sub-account/').length;

function tokenEndpoint(who: Customer = ann) {
  const errors: unknown[] = [];
  const partner = new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken });
  const handle = createTokenHandler({ partner, identify: () => who, onError: (error) => errors.push(error) });
  return { handle, errors };
}

describe('the sub-account memory of the token endpoint', () => {
  test('makes the sub-account again when Peliqan has forgotten it (a reset fake, a deleted account)', async () => {
    const { handle } = tokenEndpoint();
    assert.equal((await handle(post())).status, 200);
    fake.reset(unreusable);
    const again = await handle(post());
    assert.equal(again.status, 200);
    assert.deepEqual(
      fake.accounts.map((account) => account.external_id),
      ['wood_123'],
    );
    assert.equal(creations(), 1);
    // And it stays unjammed: the next request needs no creation.
    assert.equal((await handle(post())).status, 200);
    assert.equal(creations(), 1);
  });

  test('makes it again once for many concurrent requests after Peliqan forgot it', async () => {
    const { handle } = tokenEndpoint();
    assert.equal((await handle(post())).status, 200);
    fake.reset(unreusable);
    fake.faults.delay['POST /api/sub-account/'] = 100;
    const answers = await Promise.all(Array.from({ length: 8 }, () => handle(post())));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      Array(8).fill(200),
    );
    assert.equal(creations(), 1);
    assert.equal(fake.accounts.length, 1);
  });

  test('does not take "email must be unique" for "the sub-account exists"', async () => {
    fake.faults.status['POST /api/sub-account/'] = {
      status: 400,
      body: { error: 'ERROR_VALIDATION', detail: { email: ['email must be unique'] } },
    };
    const { handle, errors } = tokenEndpoint();
    assert.equal((await handle(post())).status, 502);
    // The partner hears the real reason, not a "no such sub-account" from a second token request.
    assert.equal(errors.length, 1);
    assert.deepEqual(
      [(errors[0] as PeliqanError).status, (errors[0] as PeliqanError).message],
      [400, 'email: email must be unique'],
    );
    assert.equal(fake.requests.filter((request) => request.route === 'POST /api/sub-account/integrate/').length, 1);
  });

  test('takes the fake\'s own "external_id exists" as the sub-account being there', async () => {
    // Another process made the account between our token request and our creation.
    fake.faults.status['POST /api/sub-account/integrate/'] = [404];
    fake.integrateToken('wood_123');
    const { handle } = tokenEndpoint();
    assert.equal((await handle(post())).status, 200);
    assert.equal(fake.accounts.length, 1);
  });
});

/** The error the client makes of Peliqan's answer (as `httpError` does). */
const answered = (status: number, error: string | undefined, detail: unknown) =>
  new PeliqanError('http', detailText(detail) ?? `HTTP ${status}`, { status, error, detail });

describe('[assumed] how Peliqan says a sub-account exists, or does not', () => {
  test('"exists" is an answer about the external id, or a bare 409', () => {
    for (const error of [
      answered(400, 'ERROR_EXTERNAL_ID_EXISTS', 'A sub-account with this external_id exists.'),
      answered(400, 'ERROR_VALIDATION', { external_id: ['sub account with this external id already exists.'] }),
      answered(400, undefined, { external_id: ['This field must be unique.'] }),
      answered(409, 'ERROR_CONFLICT', 'Conflict'),
      answered(409, undefined, 'external_id taken'),
    ]) {
      assert.equal(isDuplicateAccount(error), true, JSON.stringify(error.detail));
    }
    for (const error of [
      answered(400, 'ERROR_VALIDATION', 'email must be unique'),
      answered(400, 'ERROR_VALIDATION', { email: ['This field must be unique.'] }),
      answered(409, 'ERROR_CONFLICT', 'A sub-account with this email already exists.'),
      answered(400, 'ERROR_VALIDATION', { external_id: ['This field is required.'] }),
      answered(400, 'ERROR_ALREADY_EXISTS', 'Already exists'),
      answered(500, 'ERROR_EXTERNAL_ID_EXISTS', 'external_id exists'),
      new Error('external_id exists'),
    ]) {
      assert.equal(isDuplicateAccount(error), false, JSON.stringify((error as PeliqanError).detail ?? error.message));
    }
  });

  test('"no such sub-account" is a 404, or a 400 saying so', () => {
    assert.equal(isMissingAccount(answered(404, 'ERROR_NOT_FOUND', 'No sub-account matches.')), true);
    assert.equal(isMissingAccount(answered(400, 'ERROR_BAD_REQUEST', 'Sub-account does not exist')), true);
    assert.equal(isMissingAccount(answered(400, 'ERROR_BAD_REQUEST', 'Pass account_id or external_id.')), false);
    assert.equal(isMissingAccount(answered(403, 'ERROR_FORBIDDEN', 'Not found')), false);
  });
});

describe('LruMap, which bounds the memory', () => {
  test('forgets the least recently used entry beyond its capacity', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    assert.equal(map.get('a'), 1);
    map.set('c', 3);
    assert.deepEqual([map.peek('a'), map.peek('b'), map.peek('c'), map.size], [1, undefined, 3, 2]);
    map.peek('a');
    map.set('d', 4);
    assert.deepEqual([map.peek('a'), map.peek('c'), map.peek('d')], [undefined, 3, 4]);
  });
});
