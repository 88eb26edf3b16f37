import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PeliqanError, type Servertype } from '../../src/api/index.js';
import { GRACE_MS, type ConnectionAttempt } from '../../src/flow/attempt.js';
import type { SignInWindow } from '../../src/flow/popup.js';
import { SignIn } from '../../src/flow/sign-in.js';
import { attemptSetup } from './attempt-setup.js';
import type { FakeClock } from './fake-clock.js';

/** A sign-in window stand-in: where it was sent, whether it was closed, and its opener. */
class FakeWindow implements SignInWindow {
  closed = false;
  opener: unknown = 'the page';
  sentTo?: string;
  openerWhenSent?: unknown;
  location = {
    replace: (url: string) => {
      this.sentTo = url;
      this.openerWhenSent = this.opener;
    },
  };
  close() {
    this.closed = true;
  }
  focus() {}
}

const OAUTH_URL = 'https://provider.example/authorize?state=1';
const hubspot: Servertype = { id: 201, name: 'HubSpot', server_type: 'hubspot', oauth: true };

/** An OAuth attempt whose windows are stand-ins; `blocked` makes the browser refuse them. */
function setup({ timeout = 120_000, blocked = false } = {}) {
  const base = attemptSetup({ timeout, servertype: hubspot });
  base.client.created = { id: 7, oauth_url: OAUTH_URL };
  const windows: FakeWindow[] = [];
  let block = blocked;
  const opener = (clock: FakeClock) => (attempt: ConnectionAttempt) =>
    new SignIn(
      attempt,
      () => {
        base.events.push('open');
        if (block) return null;
        const popup = new FakeWindow();
        windows.push(popup);
        return popup;
      },
      clock,
    );
  const open = opener(base.clock);
  const start = () => base.attempt.create({}, [], open);
  return { ...base, windows, open, start, unblock: () => (block = false) };
}

describe('SignIn: the OAuth window around one attempt (product spec §4)', () => {
  test('opens the window before the request, then sends it to oauth_url with no opener', async () => {
    const { clock, client, attempt, events, windows, start } = setup();
    start();
    assert.deepEqual(events, ['open'], 'the window is open before any request is answered');
    assert.equal(client.calls.length, 1);
    await clock.advance(0);
    assert.equal(windows[0]!.sentTo, OAUTH_URL);
    assert.equal(windows[0]!.openerWhenSent, null, 'opener cut before navigating');
    assert.deepEqual(attempt.state, { phase: 'waiting', connectionId: 7, window: 'open' });
    client.answers = [{ health_status: 'OK' }];
    await clock.advance(2_000);
    assert.deepEqual(events, ['open', 'connection-created 7', 'status connected', 'connected 7']);
    assert.equal(windows[0]!.closed, true, 'the window is closed on success');
  });

  test('a window closed by the customer is checked at once, then ends as popup-closed within 10 s', async () => {
    const { clock, client, attempt, events, windows, start } = setup();
    start();
    await clock.advance(5_000);
    windows[0]!.close();
    const before = client.checks;
    await clock.advance(500);
    assert.equal(client.checks, before + 1, 'a check within 0.5 s of the close');
    assert.equal(attempt.state.phase === 'waiting' && attempt.state.window, 'closed');
    await clock.advance(GRACE_MS - 1_000);
    assert.equal(attempt.state.phase, 'waiting', 'still in the grace period');
    assert.ok(client.checks >= before + 4, 'checked a few times more meanwhile');
    await clock.advance(1_000);
    assert.equal(events.at(-1), 'cancel popup-closed 7');
    assert.ok(!events.some((event) => event.startsWith('error')), 'not an error');
    assert.equal(attempt.state.phase, 'cancelled');
  });

  test('"Try again" after a closed window reopens the same connection with a wait of its own', async () => {
    const { clock, client, attempt, windows, start, open } = setup({ timeout: 60_000 });
    start();
    await clock.advance(5_000);
    windows[0]!.close();
    await clock.advance(GRACE_MS + 500);
    assert.equal(attempt.state.phase, 'cancelled');
    attempt.signInAgain(open);
    assert.equal(windows[1]!.sentTo, OAUTH_URL);
    assert.deepEqual(attempt.state, { phase: 'waiting', connectionId: 7, window: 'open' });
    await clock.advance(50_000);
    assert.equal(attempt.state.phase, 'waiting', 'a new deadline');
    client.answers = [{ health_status: 'OK' }];
    await clock.advance(2_000);
    assert.equal(attempt.state.phase, 'connected');
    assert.equal(client.calls.filter((call) => call.method === 'addConnection').length, 1);
  });

  test('a window that reads closed at once (COOP) is not a cancel: it waits for the status', async () => {
    const { clock, client, attempt, events, windows, start } = setup();
    start();
    await clock.advance(0);
    windows[0]!.closed = true; // what COOP does to `closed`
    await clock.advance(60_000);
    assert.deepEqual(attempt.state, { phase: 'waiting', connectionId: 7, window: 'unobservable' });
    client.answers = [{ health_status: 'OK' }];
    await clock.advance(2_000);
    assert.equal(events.at(-1), 'connected 7');
  });

  test('with COOP and no answer, the status timeout ends it as timeout; an open window as timeout too', async () => {
    const coop = setup({ timeout: 10_000 });
    coop.start();
    await coop.clock.advance(0);
    coop.windows[0]!.closed = true;
    await coop.clock.advance(10_000);
    assert.equal(coop.events.at(-1), 'error timeout 7', 'a window that might be open: the wait timed out');

    const open = setup({ timeout: 10_000 });
    open.start();
    await open.clock.advance(10_000);
    assert.equal(open.events.at(-1), 'error timeout 7');
    assert.equal(open.windows[0]!.closed, true);
  });

  test('the grace period does not run out while the page is hidden', async () => {
    const { clock, visibility, client, attempt, events, windows, start } = setup();
    start();
    await clock.advance(5_000);
    windows[0]!.close();
    visibility.set(true);
    await clock.advance(GRACE_MS * 3);
    assert.equal(attempt.state.phase, 'waiting');
    client.answers = [{ health_status: 'OK' }];
    visibility.set(false);
    await clock.advance(0);
    assert.equal(events.at(-1), 'connected 7', 'the check when the page shows decides');
  });

  test('a blocked window: the event, then "Open sign-in window" works without a second connection', async () => {
    const { clock, client, attempt, events, windows, unblock, start, open } = setup({ blocked: true });
    start();
    await clock.advance(0);
    assert.deepEqual(events, ['open', 'blocked', 'connection-created 7']);
    assert.deepEqual(attempt.state, { phase: 'signing-in', connectionId: 7, blocked: true });
    unblock();
    attempt.signInAgain(open);
    assert.equal(windows[0]!.sentTo, OAUTH_URL, 'sent at once: the address is known');
    assert.equal(attempt.state.phase, 'waiting');
    assert.equal(client.calls.filter((call) => call.method === 'addConnection').length, 1);
  });

  test('refuses an oauth_url that is not https (javascript:, data:): nothing navigated, window closed', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'http://provider.example/authorize']) {
      const { clock, client, events, windows, start } = setup();
      client.created = { id: 7, oauth_url: url };
      start();
      await clock.advance(0);
      assert.equal(events.at(-1), 'error invalid-oauth-url 7', url);
      assert.equal(windows[0]!.sentTo, undefined);
      assert.equal(windows[0]!.closed, true);
    }
    const { attempt, events, open } = setup();
    attempt.resume(8, 'javascript:alert(1)', open);
    assert.deepEqual(events, ['error invalid-oauth-url 8'], 'a known bad address opens no window at all');
  });

  test('an answer without oauth_url is followed as a credential connection, the blank window closed', async () => {
    const { clock, client, attempt, events, windows, start } = setup();
    client.created = { id: 7 };
    client.answers = [{ health_status: 'OK' }];
    start();
    await clock.advance(2_000);
    assert.equal(windows[0]!.closed, true);
    assert.equal(windows[0]!.sentTo, undefined);
    assert.equal(attempt.state.phase, 'connected');
    assert.deepEqual(events.slice(1), ['connection-created 7', 'status pending', 'status connected', 'connected 7']);
  });

  test('a credential attempt that Peliqan answers with an oauth_url waits for the customer to continue', async () => {
    const { clock, client, attempt, windows, open } = setup();
    attempt.create({ client_id: 'app' }, []);
    await clock.advance(0);
    assert.deepEqual(attempt.state, { phase: 'signing-in', connectionId: 7, blocked: false });
    attempt.signInAgain(open);
    assert.equal(windows[0]!.sentTo, OAUTH_URL);
    client.answers = [{ health_status: 'OK' }];
    await clock.advance(2_000);
    assert.equal(attempt.state.phase, 'connected');
  });

  test('Deny at the provider ends as connection-failed with the reason', async () => {
    const { clock, client, events, start } = setup();
    start();
    client.answers = [{ health_status: 'ERROR', health_message: 'Access was denied' }];
    await clock.advance(2_000);
    assert.equal(events.at(-1), 'error connection-failed 7');
  });

  test('Cancel closes the window and says so; stop() mid-flow stops every request', async () => {
    const cancelled = setup();
    cancelled.start();
    await cancelled.clock.advance(1_000);
    cancelled.attempt.cancel();
    assert.equal(cancelled.events.at(-1), 'cancel user 7');
    assert.equal(cancelled.windows[0]!.closed, true);

    const removed = setup();
    removed.start();
    await removed.clock.advance(1_500);
    removed.attempt.stop();
    const calls = removed.client.calls.length;
    await removed.clock.advance(120_000);
    assert.equal(removed.client.calls.length, calls);
    assert.equal(removed.clock.pending, 0);
  });

  test('resumes a connection made server-side: window, then status, no create', async () => {
    const { clock, client, attempt, events, windows, open } = setup();
    attempt.resume(42, OAUTH_URL, open);
    assert.equal(windows[0]!.sentTo, OAUTH_URL);
    client.answers = [{ health_status: 'OK' }];
    await clock.advance(2_000);
    assert.deepEqual(events, ['open', 'status connected', 'connected 42']);
    assert.equal(client.calls.filter((call) => call.method === 'addConnection').length, 0);
  });

  test('masks a typed client secret that the create answer quotes (issue 22 defect 1)', async () => {
    const { clock, client, attempt, details, open } = setup();
    client.created = new PeliqanError('http', "client_secret 'SuperSecretValue9' is not valid", { status: 400 });
    const typed = [
      { value: 'my-app', secret: false },
      { value: 'SuperSecretValue9', secret: true },
    ];
    attempt.create({ client_id: 'my-app', client_secret: 'SuperSecretValue9' }, typed, open);
    await clock.advance(0);
    const event = details.find((each) => each.type === 'peliqan-error')!.detail;
    assert.equal(event.message, "client_secret '•••' is not valid");
    assert.ok(attempt.state.phase === 'failed');
    assert.equal(attempt.state.error.message, "client_secret '•••' is not valid");
  });
});
