/**
 * Issue 24, "found in use": the paths that left a customer with a duplicate connection, a dead end or
 * a broken page, as the customer meets them.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import {
  configure,
  type PeliqanConnect,
  type PeliqanConnectForm,
  type PeliqanConnectionStatus,
  type PeliqanConnections,
} from '../../src/index.js';
import { startFake, freshTokenUrl, newCustomer, type BrowserFake } from '../support/browser.js';
import { allByRole, byLabel, byRole, byText, recordEvents, typeInto, waitFor } from '../support/dom.js';

describe('the connect experience (issue 24)', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(() => fake.reset({ testDelay: 300 }));
  afterEach(async () => {
    configure({ baseUrl: undefined, tokenUrl: undefined });
    await setViewport({ width: 800, height: 600 });
  });

  const posts = async () => (await fake.requests()).filter((request) => request.route === 'POST /api/servers');
  const setStatus = (id: number, health_status: string) =>
    fetch(`${fake.url}/__fake/connections/${id}`, { method: 'POST', body: JSON.stringify({ health_status }) });
  /** The focused element, inside shadow roots too. */
  const focused = () => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active as HTMLElement;
  };

  async function flow(connectors = 'stripe,mysql') {
    const element = await fixture<PeliqanConnect>(
      html`<peliqan-connect base-url=${fake.url} token-url=${freshTokenUrl(fake)} connectors=${connectors}></peliqan-connect>`,
    );
    await waitFor(() => element.state === 'ready');
    return element;
  }

  it('1. Back during a test, then the same connector again: back to its wait, one connection, connected once', async () => {
    await fake.faults({ testDelay: 60_000 });
    const element = await flow();
    const events = recordEvents(element, ['peliqan-cancel', 'peliqan-connected', 'peliqan-connection-created']);
    byRole(element, 'button', /^Stripe/).click();
    typeInto(await waitFor(() => byLabel<HTMLInputElement>(element, 'Restricted API key')), 'rk_live_1');
    byRole(element, 'button', 'Connect').click();
    await waitFor(() => element.state === 'waiting');
    byRole(element, 'button', 'Back').click();
    await waitFor(() => events.some((event) => event.type === 'peliqan-cancel'));
    (await waitFor(() => byRole(element, 'button', /^Stripe/))).click();
    // Its wait again, the values as they were sent, and the way to a new one.
    await waitFor(() => byRole(element, 'status', 'Testing connection…'));
    expect(element.state).to.equal('waiting');
    expect(byLabel<HTMLInputElement>(element, 'Restricted API key').value).to.equal('rk_live_1');
    expect(byRole(element, 'button', 'Start over')).to.exist;
    const id = events.find((event) => event.type === 'peliqan-connection-created')!.detail.connectionId;
    await setStatus(id, 'OK');
    await waitFor(() => element.state === 'connected', 8000);
    expect((await posts()).length).to.equal(1, 'no second connection');
    expect(
      events.filter((event) => event.type === 'peliqan-connected').map((event) => event.detail.connectionId),
    ).to.deep.equal([id]);
  });

  it('1. "Start over" makes a new connection instead', async () => {
    await fake.faults({ testDelay: 60_000 });
    const element = await flow();
    byRole(element, 'button', /^Stripe/).click();
    typeInto(await waitFor(() => byLabel<HTMLInputElement>(element, 'Restricted API key')), 'rk_live_1');
    byRole(element, 'button', 'Connect').click();
    await waitFor(() => element.state === 'waiting');
    byRole(element, 'button', 'Back').click();
    (await waitFor(() => byRole(element, 'button', /^Stripe/))).click();
    (await waitFor(() => byRole(element, 'button', 'Start over'))).click();
    await waitFor(() => element.state === 'ready');
    typeInto(byLabel<HTMLInputElement>(element, 'Restricted API key'), 'rk_live_2');
    byRole(element, 'button', 'Connect').click();
    await waitFor(async () => (await posts()).length === 2);
  });

  /** A Stripe form whose connection test outlasts its `status-timeout`: the wait has ended without an answer. */
  async function waitEndedUnanswered() {
    await fake.faults({ testDelay: 60_000 });
    const form = await fixture<PeliqanConnectForm>(
      html`<peliqan-connect-form base-url=${fake.url} token-url=${freshTokenUrl(fake)} servertype="stripe" status-timeout="1"></peliqan-connect-form>`,
    );
    await waitFor(() => form.state === 'ready');
    const events = recordEvents(form, ['peliqan-connection-created', 'peliqan-connected']);
    typeInto(byLabel(form, 'Restricted API key'), 'rk_live_1');
    byRole(form, 'button', 'Connect').click();
    await waitFor(() => form.state === 'failed', 5000);
    return { form, events };
  }

  it('2. after a wait without an answer, "Check again" is the primary action and an unchanged Connect follows the same connection', async () => {
    const { form, events } = await waitEndedUnanswered();
    const checkAgain = byRole(form, 'button', 'Check again');
    expect(checkAgain.classList.contains('primary')).to.equal(true, 'Check again is the primary action');
    expect(byRole(form, 'button', 'Connect').classList.contains('primary')).to.equal(false);
    // The test ends meanwhile; the customer presses Connect without changing anything.
    await setStatus(events[0]!.detail.connectionId, 'OK');
    byRole(form, 'button', 'Connect').click();
    await waitFor(() => form.state === 'connected', 8000);
    expect((await posts()).length).to.equal(1, 'the same connection, not a second one');
    expect(events.map((event) => event.type)).to.deep.equal(['peliqan-connection-created', 'peliqan-connected']);
  });

  it('2. "Check again" takes the old message away while it checks, and brings it back if the wait ends again', async () => {
    const { form } = await waitEndedUnanswered();
    const said = byRole(form, 'alert').textContent?.trim();
    expect(said).to.match(/not confirmed in time/);
    byRole(form, 'button', 'Check again').click();
    await waitFor(() => form.state === 'waiting');
    await form.updateComplete;
    expect(allByRole(form, 'alert').map((alert) => alert.textContent?.trim())).to.deep.equal(
      [],
      'no stale failure beside "Testing connection…"',
    );
    await waitFor(() => form.state === 'failed', 5000);
    expect(byRole(form, 'alert').textContent?.trim()).to.equal(said);
  });

  it('2. a changed value makes the next Connect a new attempt', async () => {
    const { form } = await waitEndedUnanswered();
    typeInto(byLabel(form, 'Restricted API key'), 'rk_live_2');
    byRole(form, 'button', 'Connect').click();
    await waitFor(async () => (await posts()).length === 2);
  });

  it('4. in an outage the badges keep their short labels at 360 px, the list keeps its header: one peliqan-error', async () => {
    await setViewport({ width: 360, height: 640 });
    const { tokenUrl, seed } = newCustomer(fake);
    const shop = await seed('shopify', 'Shop', 'OK');
    configure({ baseUrl: fake.url, tokenUrl });
    const errors: string[] = [];
    const listener = (event: Event) => errors.push((event as CustomEvent).detail.code);
    document.addEventListener('peliqan-error', listener);
    await fake.faults({ drop: { 'GET /api/servers': 100, 'GET /api/server/:id': 100 } });
    const page = await fixture(html`<div>
      <peliqan-connections></peliqan-connections>
      <p>Shop <peliqan-connection-status connection-id=${String(shop.id)}></peliqan-connection-status></p>
      <p>Shop <peliqan-connection-status connection-id=${String(shop.id)}></peliqan-connection-status></p>
      <p>Shop <peliqan-connection-status connection-id=${String(shop.id)}></peliqan-connection-status></p>
    </div>`);
    const list = page.querySelector<PeliqanConnections>('peliqan-connections')!;
    const badges = [...page.querySelectorAll<PeliqanConnectionStatus>('peliqan-connection-status')];
    await waitFor(
      () => badges.every((badge) => badge.state === 'error') && allByRole(list, 'alert').length === 1,
      10_000,
    );
    document.removeEventListener('peliqan-error', listener);
    expect(errors).to.deep.equal(['network'], 'one failure, one peliqan-error for the page');
    for (const badge of badges) {
      const label = byRole(badge, 'status').querySelector<HTMLElement>('.badge')!;
      expect(label.textContent!.replace(/\s+/g, ' ').trim()).to.equal('? Unavailable');
      expect(label.title).to.contain('cannot be reached', 'the reason is its tooltip');
      expect(byRole(badge, 'button', 'Retry')).to.exist;
      expect(badge.getBoundingClientRect().width).to.be.below(200);
    }
    expect(document.documentElement.scrollWidth).to.be.at.most(360, 'no sideways scrolling');
    expect(byRole(list, 'heading', 'Connections')).to.exist;
    expect(byRole(list, 'button', 'Add connection')).to.exist;
    expect(byRole(byRole(list, 'alert'), 'button', 'Retry')).to.exist;
  });

  it('5. a connection that turns disabled reads "Disabled" with state="disabled", no Connect again, peliqan-status disabled', async () => {
    const { tokenUrl, seed } = newCustomer(fake);
    const shop = await seed('shopify', 'Shop', null);
    const badge = await fixture<PeliqanConnectionStatus>(
      html`<peliqan-connection-status base-url=${fake.url} token-url=${tokenUrl} connection-id=${String(shop.id)}></peliqan-connection-status>`,
    );
    const events = recordEvents(badge, ['peliqan-status']);
    await waitFor(() => badge.state === 'waiting');
    await fetch(`${fake.url}/__fake/connections/${shop.id}`, {
      method: 'POST',
      body: JSON.stringify({ health_status: 'DISABLED', health_message: 'Disabled by an administrator' }),
    });
    await waitFor(() => badge.state === 'disabled', 8000);
    expect(badge.getAttribute('state')).to.equal('disabled');
    expect(events.map((event) => event.detail.state)).to.deep.equal(['disabled']);
    expect(byRole(badge, 'status').textContent!.replace(/\s+/g, ' ')).to.contain('Disabled');
    expect(allByRole(badge, 'button', 'Connect again')).to.deep.equal([]);
    await expect(badge).to.be.accessible();
  });

  it('6. one connect panel at a time: "Connect again" closes "Add connection", and the other way round', async () => {
    const { tokenUrl, seed } = newCustomer(fake);
    await seed('stripe', 'Payments', 'ERROR', 'Key revoked');
    const list = await fixture<PeliqanConnections>(
      html`<peliqan-connections base-url=${fake.url} token-url=${tokenUrl}></peliqan-connections>`,
    );
    await waitFor(() => list.state === 'ready');
    const panels = () => list.shadowRoot!.querySelectorAll('.panel').length;
    byRole(list, 'button', 'Add connection').click();
    await waitFor(() => panels() === 1);
    (await waitFor(() => byRole(list, 'button', 'Connect again'))).click();
    await waitFor(() => byLabel(list, 'Restricted API key'));
    expect(panels()).to.equal(1);
    expect(byRole(list, 'button', 'Add connection').getAttribute('aria-expanded')).to.equal('false');
    byRole(list, 'button', 'Add connection').click();
    await waitFor(() => allByRole(list, 'textbox', 'Restricted API key').length === 0);
    expect(panels()).to.equal(1);
  });

  it('7. Enter keeps focus on the Connect button while testing; ArrowDown goes from the search to the first tile', async () => {
    await fake.faults({ testDelay: 2000 });
    const element = await flow();
    const search = byRole(element, 'searchbox', 'Search connectors');
    search.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(focused().part.contains('tile')).to.equal(true);
    expect(focused().textContent).to.contain('Stripe');
    await sendKeys({ press: 'Enter' });
    const key = await waitFor(() => byLabel<HTMLInputElement>(element, 'Restricted API key'));
    key.focus();
    await sendKeys({ type: 'rk_live_1' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => element.state === 'waiting');
    expect(focused().getAttribute('type')).to.equal('submit', 'focus stays on the button that says what happens');
    expect(focused().textContent).to.contain('Testing connection');
  });

  it('7. in a panel at 360 px, the way out is at the top', async () => {
    await setViewport({ width: 360, height: 640 });
    const list = await fixture<PeliqanConnections>(
      html`<peliqan-connections base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connections>`,
    );
    await waitFor(() => list.state === 'ready');
    byRole(list, 'button', 'Add connection').click();
    const close = await waitFor(() => byRole(list, 'button', 'Close'));
    await waitFor(() => byText(list, /connectors$/));
    const panel = list.shadowRoot!.querySelector('.panel')!;
    expect(close.getBoundingClientRect().top - panel.getBoundingClientRect().top).to.be.below(60);
  });
});
