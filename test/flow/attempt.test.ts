import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PeliqanError } from '../../src/api/index.js';
import { isUnanswered } from '../../src/flow/attempt.js';
import { attemptSetup } from './attempt-setup.js';
import type { ScriptedClient } from './scripted-client.js';
import { networkError } from './scripted-client.js';

const creates = (client: ScriptedClient) => client.calls.filter((call) => call.method === 'addConnection').length;

describe('ConnectionAttempt (one connection, product spec §4)', () => {
  test('creates once, reports pending, then connected', async () => {
    const { clock, client, attempt, events } = attemptSetup();
    client.answers = [{ health_status: null as never }, { health_status: 'OK' }];
    assert.equal(attempt.create({ password: 'rk' }, []), true);
    assert.equal(attempt.create({ password: 'rk' }, []), false, 'a second submit while busy is ignored');
    await clock.advance(5_000);
    assert.deepEqual(events, ['connection-created 7', 'status pending', 'status connected', 'connected 7']);
    assert.equal(attempt.state.phase, 'connected');
    assert.equal(creates(client), 1);
  });

  test('ends with timeout when no final status comes within status-timeout; "Check again" may follow it', async () => {
    const { clock, attempt, events } = attemptSetup({ timeout: 10_000 });
    attempt.create({}, []);
    await clock.advance(9_000);
    assert.equal(attempt.state.phase, 'waiting');
    await clock.advance(1_000);
    assert.deepEqual(events.at(-1), 'error timeout 7');
    assert.ok(isUnanswered(attempt.state));
    assert.equal(clock.pending, 0, 'nothing left running');
  });

  test('the deadline does not run out while the page is hidden; the check when shown decides', async () => {
    const { clock, visibility, client, attempt, events } = attemptSetup({ timeout: 10_000 });
    attempt.create({}, []);
    await clock.advance(2_000);
    visibility.set(true);
    await clock.advance(60_000);
    assert.equal(attempt.state.phase, 'waiting');
    client.answers = [{ health_status: 'OK' }];
    visibility.set(false);
    await clock.advance(0);
    assert.equal(attempt.state.phase, 'connected');
    assert.equal(events.at(-1), 'connected 7');
  });

  test('"Check again" after the wait ended as network announces the change and the connection (issue 22 defect 2)', async () => {
    const { clock, client, attempt, events } = attemptSetup();
    attempt.create({}, []);
    await clock.advance(1_000);
    client.answers = [networkError()];
    await clock.advance(10_000);
    assert.equal(events.at(-1), 'error network 7');
    assert.ok(client.checks <= 4);
    client.answers = [{ health_status: 'OK' }];
    assert.equal(attempt.checkAgain(), true);
    await clock.advance(0);
    assert.equal(attempt.state.phase, 'connected', 'checked at once: the customer asked');
    assert.deepEqual(events.slice(-2), ['status connected', 'connected 7'], 'the partner hears of it');
    assert.equal(creates(client), 1, 'no new connection');
  });

  test('checks that hang end the wait as network 20 s after the first failure', async () => {
    const { clock, client, attempt, events } = attemptSetup();
    attempt.create({}, []);
    client.answers = [networkError(), 'hang'];
    await clock.advance(1_000);
    assert.equal(attempt.state.phase, 'waiting');
    await clock.advance(19_000);
    assert.equal(attempt.state.phase, 'waiting');
    await clock.advance(1_500);
    assert.equal(events.at(-1), 'error network 7');
  });

  test('a failed status ends as connection-failed with the connection id', async () => {
    const { clock, client, attempt, events } = attemptSetup();
    client.answers = [{ health_status: 'ERROR', health_message: 'Bad key' }];
    attempt.create({}, []);
    await clock.advance(2_000);
    assert.deepEqual(events.slice(-2), ['status failed', 'error connection-failed 7']);
    assert.equal(isUnanswered(attempt.state), false, 'a new attempt is needed, not "Check again"');
  });

  test('cancel() while testing says so, with the connection id, and stops checking', async () => {
    const { clock, client, attempt, events } = attemptSetup();
    attempt.create({}, []);
    await clock.advance(1_500);
    attempt.cancel();
    const checks = client.checks;
    await clock.advance(30_000);
    assert.equal(events.at(-1), 'cancel user 7');
    assert.equal(client.checks, checks);
  });

  test('leave() (Back) says so once and keeps following: connected is still announced, once', async () => {
    const { clock, client, attempt, events } = attemptSetup();
    attempt.create({}, []);
    await clock.advance(1_500);
    attempt.leave();
    attempt.leave();
    assert.deepEqual(events.slice(-1), ['cancel user 7']);
    client.answers = [{ health_status: 'OK' }];
    await clock.advance(3_000);
    assert.deepEqual(events.slice(-3), ['cancel user 7', 'status connected', 'connected 7']);
    assert.equal(attempt.state.phase, 'connected');
  });

  test('stop() stops every request and timer and lets a list announce the connection', async () => {
    const { clock, client, attempt, watcher } = attemptSetup();
    attempt.create({}, []);
    await clock.advance(1_500);
    attempt.stop();
    const checks = client.checks;
    await clock.advance(30_000);
    assert.equal(client.checks, checks, 'no request after it stopped');
    assert.equal(clock.pending, 0);
    assert.equal(watcher.claimConnected(client.asClient, 7, false), true, 'no longer owned by this page');
  });

  test('a create whose answer was lost is found in the list and followed (issue 14 point 9)', async () => {
    const { clock, client, attempt, events } = attemptSetup();
    client.created = networkError();
    client.listed = [
      { id: 3, servertype_id: 403, created_at: new Date(Date.now() - 86_400_000).toISOString() },
      { id: 9, servertype_id: 403, created_at: new Date().toISOString() },
      { id: 10, servertype_id: 999, created_at: new Date().toISOString() },
    ];
    client.answers = [{ health_status: 'OK' }];
    attempt.create({}, []);
    await clock.advance(2_000);
    assert.deepEqual(events, ['connection-created 9', 'status pending', 'status connected', 'connected 9']);
  });

  test('a create that failed before anything was made says so', async () => {
    const { clock, client, attempt, events } = attemptSetup();
    client.created = networkError();
    attempt.create({}, []);
    await clock.advance(0);
    assert.deepEqual(events, ['error network undefined']);
    assert.equal(attempt.state.phase, 'failed');
    assert.equal(isUnanswered(attempt.state), false, 'nothing to check again');
  });

  test('masks what the customer typed: secrets on screen, every long value in events', async () => {
    const { clock, client, attempt, details } = attemptSetup();
    const detail = { password: ["'SuperSecretValue9' is not valid"], host: ['db.example.com is unreachable'] };
    client.created = new PeliqanError('http', "password 'SuperSecretValue9' is not valid for db.example.com", {
      status: 400,
      detail,
    });
    const typed = [
      { value: 'SuperSecretValue9', secret: true },
      { value: 'db.example.com', secret: false },
    ];
    attempt.create({ password: 'SuperSecretValue9', host: 'db.example.com' }, typed);
    await clock.advance(0);
    const event = details.find((each) => each.type === 'peliqan-error')!.detail;
    assert.equal(event.message, "password '•••' is not valid for •••");
    const state = attempt.state;
    assert.equal(state.phase, 'failed');
    assert.ok(state.phase === 'failed');
    assert.equal(state.error.message, "password '•••' is not valid for db.example.com", 'a host helps on screen');
    assert.deepEqual(state.error.detail, { password: ["'•••' is not valid"], host: ['db.example.com is unreachable'] });
  });

  test('sent(): the values this attempt sent, compared key by key', () => {
    const { attempt } = attemptSetup();
    attempt.create({ host: 'db', port: '5432' }, []);
    assert.equal(attempt.sent({ host: 'db', port: '5432' }), true);
    assert.equal(attempt.sent({ host: 'db', port: '5433' }), false);
    assert.equal(attempt.sent({ host: 'db' }), false);
  });
});
