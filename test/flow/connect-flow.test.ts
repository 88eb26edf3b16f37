import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PeliqanError } from '../../src/api/index.js';
import { type Connection, type Servertype } from '../../src/api/index.js';
import { ConnectFlow } from '../../src/flow/connect-flow.js';
import { ConnectionWatcher } from '../../src/flow/watch.js';
import { FakeClock, FakeVisibility } from './fake-clock.js';
import { ScriptedClient, networkError } from './scripted-client.js';

const stripe: Servertype = { id: 403, name: 'Stripe', server_type: 'stripe' };

function setup(timeout = 120_000) {
  const clock = new FakeClock();
  const visibility = new FakeVisibility();
  const watcher = new ConnectionWatcher(clock, visibility);
  const client = new ScriptedClient();
  const events: string[] = [];
  const controllers: { hostConnected?(): void; hostDisconnected?(): void }[] = [];
  const host = { addController: (controller: never) => controllers.push(controller), requestUpdate: () => undefined };
  const flow = new ConnectFlow(
    host as never,
    {
      client: () => client.asClient,
      timeout: () => timeout,
      created: (created) => events.push(`created ${created.id}`),
      status: (state) => events.push(`status ${state}`),
      connected: (connection: Connection, announce) => events.push(`connected ${connection.id} ${announce}`),
      failed: (error, id) => {
        events.push(`failed ${(error as PeliqanError).code} ${id}`);
        return error as PeliqanError;
      },
      cancelled: (id) => events.push(`cancelled ${id}`),
    },
    { watcher, clock },
  );
  const detach = () => controllers.forEach((controller) => controller.hostDisconnected?.());
  const attach = () => controllers.forEach((controller) => controller.hostConnected?.());
  return { clock, visibility, client, flow, events, detach, attach };
}

describe('ConnectFlow (the credential flow)', () => {
  test('creates once, reports pending, then connected', async () => {
    const { clock, client, flow, events } = setup();
    client.answers = [{ health_status: null as never }, { health_status: 'OK' }];
    assert.equal(flow.submit(stripe, { password: 'rk' }), true);
    assert.equal(flow.submit(stripe, { password: 'rk' }), false, 'a second submit while busy is ignored');
    await clock.advance(5_000);
    assert.deepEqual(events, ['created 7', 'status pending', 'status connected', 'connected 7 true']);
    assert.equal(flow.phase, 'connected');
    assert.equal(client.calls.filter((call) => call.method === 'addConnection').length, 1);
  });

  test('ends with timeout when no final status comes within status-timeout', async () => {
    const { clock, flow, events } = setup(10_000);
    flow.submit(stripe, {});
    await clock.advance(9_000);
    assert.equal(flow.phase, 'waiting');
    await clock.advance(1_000);
    assert.deepEqual(events.at(-1), 'failed timeout 7');
    assert.equal(clock.pending, 0, 'nothing left running');
  });

  test('the deadline does not run out while the page is hidden; the check when shown decides', async () => {
    const { clock, visibility, client, flow, events } = setup(10_000);
    flow.submit(stripe, {});
    await clock.advance(2_000);
    visibility.set(true);
    await clock.advance(60_000);
    assert.equal(flow.phase, 'waiting');
    client.answers = [{ health_status: 'OK' }];
    visibility.set(false);
    await clock.advance(0);
    assert.equal(flow.phase, 'connected');
    assert.equal(events.at(-1), 'connected 7 true');
  });

  test('after 3 failed checks in a row the wait ends as network; "Check again" follows the same connection', async () => {
    const { clock, client, flow, events } = setup();
    flow.submit(stripe, {});
    await clock.advance(1_000);
    client.answers = [networkError()];
    await clock.advance(10_000);
    assert.equal(events.at(-1), 'failed network 7');
    assert.ok(client.checks <= 4);
    client.answers = [{ health_status: 'OK' }];
    assert.equal(flow.resume(), true);
    await clock.advance(2_000);
    assert.equal(flow.phase, 'connected');
    assert.equal(client.calls.filter((call) => call.method === 'addConnection').length, 1, 'no new connection');
  });

  test('checks that hang end the wait as network 20 s after the first failure', async () => {
    const { clock, client, flow, events } = setup();
    flow.submit(stripe, {});
    client.answers = [networkError(), 'hang'];
    await clock.advance(1_000);
    assert.equal(flow.phase, 'waiting');
    await clock.advance(19_000);
    assert.equal(flow.phase, 'waiting');
    await clock.advance(1_500);
    assert.equal(events.at(-1), 'failed network 7');
  });

  test('a failed status ends as connection-failed with the connection id', async () => {
    const { clock, client, flow, events } = setup();
    client.answers = [{ health_status: 'ERROR', health_message: 'Bad key' }];
    flow.submit(stripe, {});
    await clock.advance(2_000);
    assert.deepEqual(events.slice(-2), ['status failed', 'failed connection-failed 7']);
  });

  test('cancel() while testing says so, with the connection id, and stops checking', async () => {
    const { clock, client, flow, events } = setup();
    flow.submit(stripe, {});
    await clock.advance(1_500);
    flow.cancel();
    const checks = client.checks;
    await clock.advance(30_000);
    assert.equal(events.at(-1), 'cancelled 7');
    assert.equal(client.checks, checks);
  });

  test('removal stops everything; putting it back follows the same connection', async () => {
    const { clock, client, flow, detach, attach } = setup();
    flow.submit(stripe, {});
    await clock.advance(1_500);
    detach();
    const checks = client.checks;
    await clock.advance(30_000);
    assert.equal(client.checks, checks, 'no request after removal');
    assert.equal(clock.pending, 0);
    attach();
    client.answers = [{ health_status: 'OK' }];
    await clock.advance(2_000);
    assert.equal(flow.phase, 'connected');
  });

  test('a create whose answer was lost is found in the list and followed (issue 14 point 9)', async () => {
    const { clock, client, flow, events } = setup();
    client.created = networkError();
    client.listed = [
      { id: 3, servertype_id: 403, created_at: new Date(Date.now() - 86_400_000).toISOString() },
      { id: 9, servertype_id: 403, created_at: new Date().toISOString() },
      { id: 10, servertype_id: 999, created_at: new Date().toISOString() },
    ];
    client.answers = [{ health_status: 'OK' }];
    flow.submit(stripe, {});
    await clock.advance(2_000);
    assert.deepEqual(events, ['created 9', 'status pending', 'status connected', 'connected 9 true']);
  });

  test('a create that failed before anything was made says so', async () => {
    const { clock, client, flow, events } = setup();
    client.created = networkError();
    flow.submit(stripe, {});
    await clock.advance(0);
    assert.deepEqual(events, ['failed network undefined']);
    assert.equal(flow.phase, 'failed');
  });
});
