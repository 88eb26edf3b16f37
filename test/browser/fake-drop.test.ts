import { expect } from '@open-wc/testing';
import { startFake, type BrowserFake } from '../support/browser.js';

/**
 * The fake's `drop` fault in a real browser. Chromium silently resends a request whose reused connection
 * closed before any byte of the answer came back; the fault must not let it.
 */
describe('the fake drops answers, not requests', () => {
  let fake: BrowserFake;
  let token: string;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(async () => {
    await fake.reset({ testDelay: 50 });
    const minted = await fetch(fake.tokenUrl('drop_test'), { method: 'POST' });
    token = ((await minted.json()) as { token: string }).token;
  });

  const listConnections = async () => {
    const response = await fetch(`${fake.url}/api/servers`, { headers: { Authorization: `JWT ${token}` } });
    return (await response.json()) as { id: number }[];
  };
  const create = () =>
    fetch(`${fake.url}/api/servers`, {
      method: 'POST',
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ servertype_id: 403, password: 'rk_live_drop' }),
    });

  it('a dropped create rejects in the page, and exactly one connection exists', async () => {
    // Warm the connection, so that the create goes over a reused one: the case Chromium resends.
    expect(await listConnections()).to.deep.equal([]);
    await fake.faults({ drop: { 'POST /api/servers': 1 } });
    const outcome = await create().then(
      () => 'answered',
      (error: unknown) => error,
    );
    expect(outcome).to.be.instanceOf(TypeError);
    const posts = (await fake.requests()).filter((request) => request.route === 'POST /api/servers');
    expect(posts.map((request) => [request.status, request.dropped])).to.deep.equal([[201, true]]);
    expect((await listConnections()).length).to.equal(1);
  });

  it('a dropped read rejects once, and the next read is answered', async () => {
    await listConnections();
    await fake.faults({ drop: { 'GET /api/servers': 1 } });
    const outcome = await listConnections().then(
      () => 'answered',
      (error: unknown) => error,
    );
    expect(outcome).to.be.instanceOf(TypeError);
    expect(await listConnections()).to.deep.equal([]);
  });
});
