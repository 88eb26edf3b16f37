/** One connection attempt on a scripted client and a fake clock, for the flow tests. */
import type { PeliqanError, Servertype } from '../../src/api/index.js';
import { ConnectionAttempt } from '../../src/flow/attempt.js';
import { ConnectionWatcher } from '../../src/flow/watch.js';
import { FakeClock, FakeVisibility } from './fake-clock.js';
import { ScriptedClient } from './scripted-client.js';

const stripe: Servertype = { id: 403, name: 'Stripe', server_type: 'stripe' };

/** An attempt on a scripted client and a fake clock; its events as short lines, their details kept. */
export function attemptSetup({ timeout = 120_000, servertype = stripe } = {}) {
  const clock = new FakeClock();
  const visibility = new FakeVisibility();
  const watcher = new ConnectionWatcher(clock, visibility);
  const client = new ScriptedClient();
  const events: string[] = [];
  const details: { type: string; detail: any }[] = [];
  const line = (type: string, detail: any): string => {
    const name = type.replace('peliqan-', '');
    if (type === 'peliqan-status') return `status ${detail.state}`;
    if (type === 'peliqan-error') return `error ${detail.code} ${detail.connectionId}`;
    if (type === 'peliqan-cancel') return `cancel ${detail.reason} ${detail.connectionId}`;
    if (type === 'peliqan-popup-blocked') return 'blocked';
    return `${name} ${detail.connectionId}`;
  };
  const attempt = new ConnectionAttempt({
    client: client.asClient,
    servertype,
    timeout,
    watcher,
    clock,
    emit: (type, detail) => {
      events.push(line(type, detail));
      details.push({ type, detail });
    },
    report: (error, { connectionId, redact }) => {
      const failed = error as PeliqanError;
      events.push(line('peliqan-error', { code: failed.code, connectionId: connectionId ?? failed.connectionId }));
      details.push({ type: 'peliqan-error', detail: { code: failed.code, message: redact(failed.message) } });
      return failed;
    },
  });
  return { clock, visibility, watcher, client, attempt, events, details };
}
