import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  PeliqanPartner,
  createTokenHandler,
  isPeliqanError,
  type PeliqanPartnerOptions,
} from '../../src/server/index.js';
import { useFake, wait } from '../support/fake.js';

const fake = await useFake();
beforeEach(() => fake.reset());

/** A fetch that remembers the most calls it had in flight at once. */
function inFlightFetch() {
  let now = 0;
  let most = 0;
  const tracked: typeof fetch = async (input, init) => {
    most = Math.max(most, ++now);
    try {
      return await fetch(input, init);
    } finally {
      now--;
    }
  };
  return { fetch: tracked, most: () => most };
}

const partnerWith = (options: Partial<PeliqanPartnerOptions>) =>
  new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken, retryDelay: 5, ...options });

describe("the partner's upstream queue", () => {
  test('keeps at most maxConcurrency calls in flight and answers every one', async () => {
    fake.integrateToken('wood_123');
    fake.faults.delay['GET /api/sub-account/identity/'] = 50;
    const tracking = inFlightFetch();
    const partner = partnerWith({ fetch: tracking.fetch, maxConcurrency: 2 });
    const tokens = await Promise.all(
      Array.from({ length: 8 }, () => partner.identityToken({ externalId: 'wood_123' })),
    );
    assert.equal(tokens.length, 8);
    assert.equal(tracking.most(), 2);
    assert.deepEqual([partner.queue.active, partner.queue.waiting], [0, 0]);
  });

  test('starts a call’s timeout when it is sent, not while it waits its turn', async () => {
    fake.integrateToken('wood_123');
    fake.faults.delay['POST /api/sub-account/integrate/'] = 120;
    const tracking = inFlightFetch();
    const partner = partnerWith({ fetch: tracking.fetch, maxConcurrency: 1, timeout: 400 });
    // Five calls one after the other take about 600 ms in all, each well within its 400 ms.
    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => partner.integrateToken({ externalId: 'wood_123' })),
    );
    assert.equal(tokens.length, 5);
    assert.equal(tracking.most(), 1);
  });

  test('still gives up on a call that takes longer than its timeout once sent', async () => {
    fake.integrateToken('wood_123');
    fake.faults.delay['POST /api/sub-account/integrate/'] = 500;
    const error = await partnerWith({ timeout: 100 })
      .integrateToken({ externalId: 'wood_123' })
      .catch((caught: unknown) => caught);
    assert.ok(isPeliqanError(error));
    assert.equal(error.code, 'network');
    assert.match(error.message, /no answer in time/);
  });

  test('a call whose caller gives up while it waits leaves the queue unsent', async () => {
    fake.integrateToken('wood_123');
    fake.faults.delay['POST /api/sub-account/integrate/'] = 200;
    const partner = partnerWith({ maxConcurrency: 1 });
    const first = partner.integrateToken({ externalId: 'wood_123' });
    const leaving = new AbortController();
    const second = partner.integrateToken({ externalId: 'wood_123' }, { signal: leaving.signal });
    await wait(20);
    assert.equal(partner.queue.waiting, 1);
    leaving.abort();
    await assert.rejects(second, { name: 'AbortError' });
    assert.equal(partner.queue.waiting, 0);
    await first;
    assert.equal(fake.requests.filter((request) => request.route === 'POST /api/sub-account/integrate/').length, 1);
  });

  test('the token endpoint answers 503 with Retry-After only once the queue is full', async () => {
    for (const id of ['a', 'b', 'c', 'd']) fake.integrateToken(id);
    fake.faults.delay['POST /api/sub-account/integrate/'] = 150;
    const partner = partnerWith({ maxConcurrency: 1, maxQueue: 2 });
    const handle = createTokenHandler({
      partner,
      identify: (request) => ({ external_id: request.headers.get('x-customer') ?? '' }),
    });
    const post = (customer: string) =>
      handle(
        new Request('https://partner.example/peliqan/token', { method: 'POST', headers: { 'X-Customer': customer } }),
      );
    const admitted = [post('a'), post('b'), post('c')];
    await wait(20);
    assert.deepEqual([partner.queue.active, partner.queue.waiting], [1, 2]);
    const refused = await post('d');
    assert.equal(refused.status, 503);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.equal(((await refused.json()) as { error: string }).error, 'ERROR_BUSY');
    assert.deepEqual(
      (await Promise.all(admitted)).map((answer) => answer.status),
      [200, 200, 200],
    );
    assert.equal((await post('d')).status, 200);
  });
});
