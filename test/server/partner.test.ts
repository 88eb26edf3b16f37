import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PeliqanPartner, PeliqanServerError } from '../../src/server/index.js';
import { call, useFake } from '../support/fake.js';

const fake = await useFake();
beforeEach(() => fake.reset());

const partner = (paths?: 'partner') => new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken, paths });
const last = () => fake.requests.at(-1)!;

describe('PeliqanPartner', () => {
  test('createSubAccount posts the profile to /api/sub-account/ with the partner JWT', async () => {
    const account = await partner().createSubAccount({ external_id: 'wood_123', email: 'ann@wood.example', company_name: 'Wood' });
    assert.equal(account.external_id, 'wood_123');
    assert.deepEqual([last().method, last().path, last().auth], ['POST', '/api/sub-account/', 'partner']);
    assert.deepEqual(last().bodyKeys, ['external_id', 'email', 'company_name']);
  });

  test('identityToken asks /api/sub-account/identity/ by account id or external id, expire=false when asked', async () => {
    const { id } = await partner().createSubAccount({ external_id: 'wood_123' });
    const token = await partner().identityToken({ accountId: id }, { expire: false });
    assert.deepEqual([last().method, last().path, last().query], ['GET', '/api/sub-account/identity/', { account_id: String(id), expire: 'false' }]);
    assert.equal((await call(`${fake.url}/api/servers`, { token })).status, 200);
    await partner().identityToken({ externalId: 'wood_123' });
    assert.deepEqual(last().query, { external_id: 'wood_123' });
  });

  test('integrateToken posts to /api/sub-account/integrate/ and yields a working token', async () => {
    await partner().createSubAccount({ external_id: 'wood_123' });
    const token = await partner().integrateToken({ externalId: 'wood_123' });
    assert.deepEqual([last().method, last().path, last().query], ['POST', '/api/sub-account/integrate/', { external_id: 'wood_123' }]);
    assert.equal((await call(`${fake.url}/api/servertypes`, { token })).status, 200);
  });

  test('the newer /api/partner/ layout is one setting', async () => {
    await partner('partner').createSubAccount({ external_id: 'p1' });
    assert.equal(last().path, '/api/partner/sub-account/');
    await partner('partner').integrateToken({ externalId: 'p1' });
    assert.equal(last().path, '/api/partner/sub-account/integrate/');
  });

  test('errors carry status and Peliqan\'s code, never the partner token', async () => {
    await partner().createSubAccount({ external_id: 'dup' });
    const secret = 'super-secret-partner-token';
    const wrong = new PeliqanPartner({ baseUrl: fake.url, partnerToken: secret });
    for (const attempt of [partner().createSubAccount({ external_id: 'dup' }), wrong.integrateToken({ externalId: 'dup' })]) {
      const error = await attempt.catch((caught: unknown) => caught);
      assert.ok(error instanceof PeliqanServerError);
      assert.equal(error.code, 'http');
      assert.ok(error.status === 400 || error.status === 401);
      assert.ok(error.error?.startsWith('ERROR_'));
      assert.ok(!JSON.stringify({ ...error, message: error.message, stack: error.stack }).includes(secret));
      assert.ok(!error.message.includes(fake.partnerToken));
    }
  });

  test('an unreachable Peliqan is a "network" error', async () => {
    const error = await new PeliqanPartner({ baseUrl: 'http://127.0.0.1:9', partnerToken: 't' })
      .integrateToken({ externalId: 'x' })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof PeliqanServerError);
    assert.equal(error.code, 'network');
  });
});
