import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PeliqanError } from '../../src/api/index.js';
import { type Connection } from '../../src/api/index.js';
import { GRACE_MS, OAuthFlow } from '../../src/flow/oauth-flow.js';
import type { SignInWindow } from '../../src/flow/popup.js';
import { ConnectionWatcher } from '../../src/flow/watch.js';
import { FakeClock, FakeVisibility } from './fake-clock.js';
import { ScriptedClient } from './scripted-client.js';

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

function setup({ timeout = 120_000, blocked = false } = {}) {
  const clock = new FakeClock();
  const visibility = new FakeVisibility();
  const watcher = new ConnectionWatcher(clock, visibility);
  const client = new ScriptedClient();
  client.created = { id: 7, oauth_url: OAUTH_URL };
  const windows: FakeWindow[] = [];
  const events: string[] = [];
  let block = blocked;
  const controllers: { hostConnected?(): void; hostDisconnected?(): void }[] = [];
  const host = { addController: (controller: never) => controllers.push(controller), requestUpdate: () => undefined };
  const flow = new OAuthFlow(
    host as never,
    {
      client: () => client.asClient,
      timeout: () => timeout,
      open: () => {
        events.push('open');
        if (block) return null;
        const popup = new FakeWindow();
        windows.push(popup);
        return popup;
      },
      created: (created) => events.push(`created ${created.id}`),
      blocked: () => events.push('blocked'),
      status: (state) => events.push(`status ${state}`),
      connected: (connection: Connection, announce) => events.push(`connected ${connection.id} ${announce}`),
      failed: (error, id) => {
        events.push(`failed ${(error as PeliqanError).code} ${id}`);
        return error as PeliqanError;
      },
      cancelled: (reason, id) => events.push(`cancelled ${reason} ${id}`),
    },
    { watcher, clock },
  );
  const unblock = () => (block = false);
  const detach = () => controllers.forEach((controller) => controller.hostDisconnected?.());
  return { clock, visibility, client, flow, events, windows, unblock, detach };
}

describe('OAuthFlow (product spec §4)', () => {
  test('opens the window before the request, then sends it to oauth_url with no opener', async () => {
    const { clock, client, flow, events, windows } = setup();
    flow.start({ servertype_id: 201 });
    assert.deepEqual(events, ['open'], 'the window is open before any request is answered');
    assert.equal(client.calls.length, 1);
    await clock.advance(0);
    assert.equal(windows[0]!.sentTo, OAUTH_URL);
    assert.equal(windows[0]!.openerWhenSent, null, 'opener cut before navigating');
    assert.equal(flow.phase, 'waiting');
    client.answers = [{ health_status: 'OK' }];
    await clock.advance(2_000);
    assert.deepEqual(events, ['open', 'created 7', 'status connected', 'connected 7 true']);
    assert.equal(windows[0]!.closed, true, 'the window is closed on success');
  });

  test('a window closed by the customer ends as popup-closed after the grace period', async () => {
    const { clock, client, flow, events, windows } = setup();
    flow.start({ servertype_id: 201 });
    await clock.advance(5_000);
    windows[0]!.close();
    const before = client.checks;
    await clock.advance(500);
    assert.equal(client.checks, before + 1, 'a check within 0.5 s of the close');
    await clock.advance(GRACE_MS - 1_000);
    assert.equal(flow.phase, 'waiting', 'still in the grace period');
    await clock.advance(1_000);
    assert.equal(events.at(-1), 'cancelled popup-closed 7');
    assert.equal(flow.phase, 'cancelled');
  });

  test('a window that reads closed at once (COOP) is not a cancel: it waits for the status', async () => {
    const { clock, client, flow, events, windows } = setup();
    flow.start({ servertype_id: 201 });
    await clock.advance(0);
    windows[0]!.closed = true; // what COOP does to `closed`
    await clock.advance(60_000);
    assert.equal(flow.phase, 'waiting');
    assert.equal(flow.unobservable, true);
    client.answers = [{ health_status: 'OK' }];
    await clock.advance(2_000);
    assert.equal(events.at(-1), 'connected 7 true');
  });

  test('with COOP and no answer, the status timeout ends it as popup-closed; an open window as timeout', async () => {
    const coop = setup({ timeout: 10_000 });
    coop.flow.start({ servertype_id: 201 });
    await coop.clock.advance(0);
    coop.windows[0]!.closed = true;
    await coop.clock.advance(10_000);
    assert.equal(coop.events.at(-1), 'cancelled popup-closed 7');

    const open = setup({ timeout: 10_000 });
    open.flow.start({ servertype_id: 201 });
    await open.clock.advance(10_000);
    assert.equal(open.events.at(-1), 'failed timeout 7');
    assert.equal(open.windows[0]!.closed, true);
  });

  test('the grace period does not run out while the page is hidden', async () => {
    const { clock, visibility, client, flow, events, windows } = setup();
    flow.start({ servertype_id: 201 });
    await clock.advance(5_000);
    windows[0]!.close();
    visibility.set(true);
    await clock.advance(GRACE_MS * 3);
    assert.equal(flow.phase, 'waiting');
    client.answers = [{ health_status: 'OK' }];
    visibility.set(false);
    await clock.advance(0);
    assert.equal(events.at(-1), 'connected 7 true', 'the check when the page shows decides');
  });

  test('a blocked window: the event, then "Open sign-in window" works without a second connection', async () => {
    const { clock, client, flow, events, windows, unblock } = setup({ blocked: true });
    flow.start({ servertype_id: 201 });
    await clock.advance(0);
    assert.deepEqual(events, ['open', 'blocked', 'created 7']);
    assert.equal(flow.blocked, true);
    assert.equal(flow.phase, 'opening');
    unblock();
    flow.reopen();
    assert.equal(windows[0]!.sentTo, OAUTH_URL, 'sent at once: the address is known');
    assert.equal(flow.phase, 'waiting');
    assert.equal(client.calls.filter((call) => call.method === 'addConnection').length, 1);
  });

  test('refuses an oauth_url that is not https (javascript:, data:): nothing navigated, window closed', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'http://provider.example/authorize']) {
      const { clock, client, flow, events, windows } = setup();
      client.created = { id: 7, oauth_url: url };
      flow.start({ servertype_id: 201 });
      await clock.advance(0);
      assert.equal(events.at(-1), 'failed invalid-oauth-url 7', url);
      assert.equal(windows[0]!.sentTo, undefined);
      assert.equal(windows[0]!.closed, true);
    }
    const { flow, events } = setup();
    flow.resume(8, 'javascript:alert(1)');
    assert.deepEqual(events, ['failed invalid-oauth-url 8'], 'a known bad address opens no window at all');
  });

  test('an answer without oauth_url is followed as a credential connection, the blank window closed', async () => {
    const { clock, client, flow, events, windows } = setup();
    client.created = { id: 7 };
    client.answers = [{ health_status: 'OK' }];
    flow.start({ servertype_id: 201 });
    await clock.advance(2_000);
    assert.equal(windows[0]!.closed, true);
    assert.equal(windows[0]!.sentTo, undefined);
    assert.equal(flow.credential, true);
    assert.deepEqual(events.slice(1), ['created 7', 'status pending', 'status connected', 'connected 7 true']);
  });

  test('Deny at the provider ends as connection-failed with the reason', async () => {
    const { clock, client, flow, events } = setup();
    flow.start({ servertype_id: 201 });
    client.answers = [{ health_status: 'ERROR', health_message: 'Access was denied' }];
    await clock.advance(2_000);
    assert.equal(events.at(-1), 'failed connection-failed 7');
  });

  test('Cancel closes the window and says so; removal mid-flow stops every request', async () => {
    const cancelled = setup();
    cancelled.flow.start({ servertype_id: 201 });
    await cancelled.clock.advance(1_000);
    cancelled.flow.cancel();
    assert.equal(cancelled.events.at(-1), 'cancelled user 7');
    assert.equal(cancelled.windows[0]!.closed, true);

    const removed = setup();
    removed.flow.start({ servertype_id: 201 });
    await removed.clock.advance(1_500);
    removed.detach();
    const calls = removed.client.calls.length;
    await removed.clock.advance(120_000);
    assert.equal(removed.client.calls.length, calls);
    assert.equal(removed.clock.pending, 0);
  });

  test('resumes a connection made server-side: window, then status, no create', async () => {
    const { clock, client, flow, events, windows } = setup();
    flow.resume(42, OAUTH_URL);
    assert.equal(windows[0]!.sentTo, OAUTH_URL);
    client.answers = [{ health_status: 'OK' }];
    await clock.advance(2_000);
    assert.deepEqual(events, ['open', 'status connected', 'connected 42 true']);
    assert.equal(client.calls.filter((call) => call.method === 'addConnection').length, 0);
  });
});
