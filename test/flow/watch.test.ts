import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PeliqanError } from '../../src/api/index.js';
import { ConnectionWatcher, cadenceDelay, type Observation } from '../../src/flow/watch.js';
import { FakeClock, FakeVisibility } from './fake-clock.js';
import { ScriptedClient, networkError } from './scripted-client.js';

function setup() {
  const clock = new FakeClock();
  const visibility = new FakeVisibility();
  const watcher = new ConnectionWatcher(clock, visibility);
  const client = new ScriptedClient();
  return { clock, visibility, watcher, client };
}

function recorder() {
  const seen: Observation[] = [];
  const errors: [string, number, boolean][] = [];
  return {
    seen,
    errors,
    listener: {
      change: (observation: Observation) => seen.push(observation),
      error: (error: PeliqanError, streak: number, transient: boolean) => errors.push([error.code, streak, transient]),
    },
  };
}

describe('the connection watcher (issue 13: live without hammering)', () => {
  test('a list and three badges watching one connection share one check', async () => {
    const { clock, watcher, client } = setup();
    const watchers = [recorder(), recorder(), recorder(), recorder()];
    watcher.watch(client.asClient, 7, watchers[0]!.listener, { cadence: 'list', known: 'pending' });
    for (const badge of watchers.slice(1)) watcher.watch(client.asClient, 7, badge.listener, { cadence: 'list' });
    await clock.advance(0);
    assert.equal(client.checks, 1, 'one first check for the badges that know nothing yet');
    await clock.advance(30_000);
    const checks = client.checks;
    assert.ok(checks >= 6 && checks <= 12, `${checks} checks in 30 s`);
    client.answers = [{ health_status: 'OK' }];
    await clock.advance(10_000);
    assert.deepEqual(
      watchers.map(({ seen }) => seen.at(-1)?.state),
      ['connected', 'connected', 'connected', 'connected'],
    );
    const done = client.checks;
    await clock.advance(60_000);
    assert.equal(client.checks, done, 'a final state ends the checks');
  });

  test('backs off to at most one check per 10 s after the first minute', () => {
    assert.equal(cadenceDelay('list', 1, 5_000), 3_000);
    assert.equal(cadenceDelay('list', 8, 59_000), 5_000);
    assert.equal(cadenceDelay('list', 9, 60_000), 10_000);
    assert.equal(cadenceDelay('flow', 0, 0), 1_000);
    assert.equal(cadenceDelay('flow', 10, 100_000), 2_000);
  });

  test('a list alone checks every 10 s after the first minute', async () => {
    const { clock, watcher, client } = setup();
    watcher.watch(client.asClient, 7, recorder().listener, { cadence: 'list', known: 'pending' });
    await clock.advance(60_000);
    const before = client.checks;
    await clock.advance(60_000);
    assert.equal(client.checks - before, 6);
  });

  test('checks nothing while the page is hidden, and once at once when it is shown', async () => {
    const { clock, visibility, watcher, client } = setup();
    watcher.watch(client.asClient, 7, recorder().listener, { cadence: 'list', known: 'pending' });
    await clock.advance(10_000);
    const before = client.checks;
    visibility.set(true);
    await clock.advance(120_000);
    assert.equal(client.checks, before, 'no check while hidden');
    visibility.set(false);
    await clock.advance(0);
    assert.equal(client.checks, before + 1, 'one check right when shown');
  });

  test('each change is announced by one watcher; peliqan-connected by the creator only', async () => {
    const { clock, watcher, client } = setup();
    const list = recorder();
    const creator = recorder();
    watcher.watch(client.asClient, 7, list.listener, { cadence: 'list', known: 'pending' });
    watcher.watch(client.asClient, 7, creator.listener, { cadence: 'flow', known: 'pending', owner: true });
    client.answers = [{ health_status: 'OK' }];
    await clock.advance(2_000);
    assert.deepEqual(
      [list.seen[0], creator.seen[0]].map((seen) => [seen?.state, seen?.announce, seen?.announceConnected]),
      [
        ['connected', false, false],
        ['connected', true, true],
      ],
    );
  });

  test('a connection nobody here created is announced connected once, by the first to see it turn', async () => {
    const { clock, watcher, client } = setup();
    const list = recorder();
    const badge = recorder();
    watcher.watch(client.asClient, 8, list.listener, { cadence: 'list', known: 'pending' });
    watcher.watch(client.asClient, 8, badge.listener, { cadence: 'list', known: 'pending' });
    client.answers = [{ health_status: 'OK' }];
    await clock.advance(5_000);
    assert.deepEqual(
      [list, badge].map(({ seen }) => seen[0]?.announceConnected),
      [true, false],
    );
    const later = recorder();
    watcher.watch(client.asClient, 8, later.listener, { cadence: 'list', known: 'pending' });
    await clock.advance(5_000);
    assert.equal(later.seen[0]?.announceConnected, false, 'never twice on one page');
  });

  test('the first state a badge sees is not a change to report', async () => {
    const { clock, watcher, client } = setup();
    const badge = recorder();
    client.answers = [{ health_status: 'OK' }];
    watcher.watch(client.asClient, 9, badge.listener, { cadence: 'list' });
    await clock.advance(0);
    assert.deepEqual(
      badge.seen.map((seen) => [seen.state, seen.first, seen.announce, seen.announceConnected]),
      [['connected', true, false, false]],
    );
  });

  test('tells its watchers about failed checks, keeps checking through trouble, stops on a hard error', async () => {
    const { clock, watcher, client } = setup();
    const flow = recorder();
    client.answers = [networkError(), networkError(), new PeliqanError('http', 'Not found', { status: 404 })];
    watcher.watch(client.asClient, 7, flow.listener, { cadence: 'flow', known: 'pending' });
    await clock.advance(10_000);
    assert.deepEqual(flow.errors, [
      ['network', 1, true],
      ['network', 2, true],
      ['http', 3, false],
    ]);
    assert.equal(client.checks, 3);
  });

  test('stops checking when its last watcher stops', async () => {
    const { clock, watcher, client } = setup();
    const watch = watcher.watch(client.asClient, 7, recorder().listener, { cadence: 'flow', known: 'pending' });
    await clock.advance(3_000);
    watch.stop();
    const before = client.checks;
    await clock.advance(60_000);
    assert.equal(client.checks, before);
    assert.equal(clock.pending, 0, 'no timer left');
  });
});
