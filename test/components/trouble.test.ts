/**
 * Issue 14, as a customer meets it: numbers checked before sending, a wait that ends when Peliqan is
 * gone and picks the same connection up again, Back during a test, long input at 360 px, and a
 * create whose answer was lost.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { PeliqanConnect, PeliqanConnectForm } from '../../src/index.js';
import { startFake, freshTokenUrl, type BrowserFake } from '../support/browser.js';
import { byLabel, byRole, recordEvents, typeInto, waitFor } from '../support/dom.js';

describe('trouble found in use (issue 14)', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(() => fake.reset({ testDelay: 300 }));
  afterEach(() => setViewport({ width: 800, height: 600 }));

  const posts = async () => (await fake.requests()).filter((request) => request.route === 'POST /api/servers');

  async function form(servertype: string) {
    const element = await fixture<PeliqanConnectForm>(
      html`<peliqan-connect-form base-url=${fake.url} token-url=${freshTokenUrl(fake)} servertype=${servertype}></peliqan-connect-form>`,
    );
    await waitFor(() => element.state === 'ready');
    return element;
  }

  it('checks numbers before sending: a port of "abc" is marked, focused, and nothing is sent', async () => {
    const element = await form('postgres');
    typeInto(byLabel(element, 'Host'), 'db.example.com');
    typeInto(byLabel(element, 'Username'), 'reporting');
    typeInto(byLabel(element, 'Password'), 'secret');
    typeInto(byLabel(element, 'Database'), 'sales');
    typeInto(byLabel(element, 'Port'), 'abc');
    byRole(element, 'button', 'Connect').click();
    const port = byLabel(element, 'Port');
    await waitFor(() => element.shadowRoot!.activeElement === port);
    expect(port.getAttribute('aria-invalid')).to.equal('true');
    expect(element.shadowRoot!.getElementById(port.getAttribute('aria-describedby')!)!.textContent).to.equal(
      'Port must be a number.',
    );
    typeInto(port, '70000');
    byRole(element, 'button', 'Connect').click();
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.contain('Port must be at most 65535.');
    expect(await posts()).to.deep.equal([]);
    await expect(element).to.be.accessible();
    typeInto(port, '5433');
    byRole(element, 'button', 'Connect').click();
    await waitFor(async () => (await posts()).length === 1);
  });

  it('ends the wait with "network" when Peliqan is gone, and "Check again" follows the same connection', async () => {
    await fake.faults({ testDelay: 60_000 });
    const element = await form('stripe');
    const events = recordEvents(element, ['peliqan-error']);
    const later = recordEvents(element, ['peliqan-status', 'peliqan-connected']);
    typeInto(byLabel(element, 'Restricted API key'), 'rk_live_1');
    byRole(element, 'button', 'Connect').click();
    await waitFor(() => element.state === 'waiting');
    const started = Date.now();
    await fake.faults({ drop: { 'GET /api/server/:id': 1000 } });
    await waitFor(() => element.state === 'failed', 25_000);
    expect(Date.now() - started).to.be.below(21_000);
    expect(events.map((event) => event.detail.code)).to.deep.equal(['network']);
    expect(events[0]!.detail.connectionId).to.be.a('number');
    await fake.faults({ drop: {}, testDelay: 0 });
    await fetch(`${fake.url}/__fake/connections/${events[0]!.detail.connectionId}`, {
      method: 'POST',
      body: JSON.stringify({ health_status: 'OK' }),
    });
    byRole(element, 'button', 'Check again').click();
    await waitFor(() => element.state === 'connected', 8000);
    expect((await posts()).length).to.equal(1, 'the same connection, not a new one');
    // The partner hears of it, as after any wait (issue 22 defect 2).
    await waitFor(() => later.some((event) => event.type === 'peliqan-connected'));
    expect(later.map((event) => [event.type, event.detail.state])).to.deep.equal([
      ['peliqan-status', 'pending'],
      ['peliqan-status', 'connected'],
      ['peliqan-connected', undefined],
    ]);
    expect(later[2]!.detail.connectionId).to.equal(events[0]!.detail.connectionId);
  }).timeout(40_000);

  it('Back during a test says so with peliqan-cancel and the connection id', async () => {
    await fake.faults({ testDelay: 60_000 });
    const element = await fixture<PeliqanConnect>(
      html`<peliqan-connect base-url=${fake.url} token-url=${freshTokenUrl(fake)} connectors="stripe,mysql"></peliqan-connect>`,
    );
    await waitFor(() => element.state === 'ready');
    const events = recordEvents(element, ['peliqan-cancel', 'peliqan-connection-created']);
    byRole(element, 'button', /^Stripe/).click();
    typeInto(await waitFor(() => byLabel<HTMLInputElement>(element, 'Restricted API key')), 'rk_live_1');
    byRole(element, 'button', 'Connect').click();
    await waitFor(() => element.state === 'waiting');
    byRole(element, 'button', /Back/).click();
    await waitFor(() => events.some((event) => event.type === 'peliqan-cancel'));
    const created = events.find((event) => event.type === 'peliqan-connection-created')!;
    const cancel = events.find((event) => event.type === 'peliqan-cancel')!;
    expect(cancel.detail).to.include({ reason: 'user', connectionId: created.detail.connectionId });
  });

  it('keeps long input and long names inside the widget at 360 px: no sideways scrolling', async () => {
    await setViewport({ width: 360, height: 700 });
    const element = await fixture<PeliqanConnect>(
      html`<peliqan-connect base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connect>`,
    );
    await waitFor(() => element.state === 'ready');
    const long = 'x'.repeat(200);
    typeInto(byRole(element, 'searchbox'), long);
    await element.updateComplete;
    await new Promise(requestAnimationFrame);
    expect(document.documentElement.scrollWidth).to.be.at.most(360);
    expect(element.getBoundingClientRect().width).to.be.at.most(360);
    typeInto(byRole(element, 'searchbox'), '');
    await element.updateComplete;
    byRole(element, 'button', /^Postgres/).click();
    typeInto(await waitFor(() => byLabel<HTMLInputElement>(element, 'Host')), `db-${long}.example.com`);
    await new Promise(requestAnimationFrame);
    expect(document.documentElement.scrollWidth).to.be.at.most(360);
    // Every label sits above its control, the password's too (it once shared a row with its field).
    await setViewport({ width: 320, height: 700 });
    await new Promise(requestAnimationFrame);
    const form = element.shadowRoot!.querySelector('peliqan-connect-form')!;
    for (const label of form.shadowRoot!.querySelectorAll<HTMLLabelElement>('.field:not(.checkbox) label')) {
      const control = form.shadowRoot!.getElementById(label.htmlFor)!;
      expect(label.getBoundingClientRect().bottom, label.textContent!).to.be.at.most(
        control.getBoundingClientRect().top,
      );
    }
  });

  it('a create whose answer was lost is found and followed: one connection, connected', async () => {
    await fake.faults({ drop: { 'POST /api/servers': 1 } });
    const element = await form('stripe');
    const events = recordEvents(element, ['peliqan-connection-created', 'peliqan-connected', 'peliqan-error']);
    typeInto(byLabel(element, 'Restricted API key'), 'rk_live_1');
    byRole(element, 'button', 'Connect').click();
    await waitFor(() => element.state === 'connected', 10_000);
    expect(events.map((event) => event.type)).to.deep.equal(['peliqan-connection-created', 'peliqan-connected']);
    expect((await posts()).length).to.equal(1);
    const listed = (await fake.requests()).filter((request) => request.route === 'GET /api/servers');
    expect(listed.length).to.equal(1, 'the list was read to find it');
  });
});
