import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import {
  configure,
  type PeliqanConnectionStatus,
  type PeliqanConnections,
  type PeliqanConnectorPicker,
  type PeliqanConnectForm,
} from '../../src/index.js';
import { startFake, newCustomer, type BrowserFake } from '../support/browser.js';
import { allByRole, byLabel, byRole, byText, deepAll, recordEvents, typeInto, waitFor } from '../support/dom.js';

describe('<peliqan-connections> and <peliqan-connection-status>', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(() => fake.reset({ testDelay: 200 }));
  afterEach(async () => {
    configure({ baseUrl: undefined, tokenUrl: undefined });
    await executeServerCommand('page-visibility', { hidden: false });
  });

  const customer = () => newCustomer(fake);
  const setStatus = (id: number, health_status: string) =>
    fetch(`${fake.url}/__fake/connections/${id}`, { method: 'POST', body: JSON.stringify({ health_status }) });
  const checksOf = async (id: number) =>
    (await fake.requests()).filter((request) => request.path === `/api/server/${id}`);

  async function list(tokenUrl: string) {
    const element = await fixture<PeliqanConnections>(
      html`<peliqan-connections base-url=${fake.url} token-url=${tokenUrl}></peliqan-connections>`,
    );
    await waitFor(() => element.state === 'ready');
    return element;
  }
  const rows = (element: Element) =>
    allByRole(element, 'listitem')
      .filter((item) => item.parentElement?.classList.contains('rows'))
      .map((item) => item.querySelector('.connection')!.textContent!.replace(/\s+/g, ' ').trim());

  it('lists connections newest first: "Connected", "Pending", "Failed" with the reason, "Disabled" without Connect again', async () => {
    const { tokenUrl, seed } = customer();
    await seed('pipedrive', 'Sales', 'OK');
    await seed('stripe', 'Payments', 'ERROR', 'Key revoked');
    await seed('shopify', 'Shop', null);
    await seed('mailchimp', 'Newsletter', 'DISABLED', 'Disabled by an admin');
    const element = await list(tokenUrl);
    expect(rows(element)).to.deep.equal([
      'Newsletter Mailchimp Disabled by an admin ■ Disabled Logs Newsletter',
      'Shop Shopify ◌ Pending Logs Shop',
      'Payments Stripe Key revoked ▲ Failed Connect again Logs Payments',
      'Sales Pipedrive ● Connected Logs Sales',
    ]);
    await expect(element).to.be.accessible();
  });

  it('says so when there is nothing yet, and shows an error with Retry when the list cannot be read', async () => {
    const empty = await list(customer().tokenUrl);
    expect(byText(empty, 'No connections yet.')).to.exist;
    await fake.faults({ status: { 'GET /api/servers': [500] } });
    const broken = await fixture<PeliqanConnections>(
      html`<peliqan-connections base-url=${fake.url} token-url=${customer().tokenUrl}></peliqan-connections>`,
    );
    await waitFor(() => broken.state === 'error');
    await expect(broken).to.be.accessible();
    byRole(broken, 'button', 'Retry').click();
    await waitFor(() => broken.state === 'ready');
  });

  it('a pending row turns connected on its own, with one peliqan-status and one peliqan-connected', async () => {
    const { tokenUrl, seed } = customer();
    const shop = await seed('shopify', 'Shop', null);
    const element = await list(tokenUrl);
    const events = recordEvents(element, ['peliqan-status', 'peliqan-connected']);
    expect(rows(element)[0]).to.contain('Pending');
    expect(events).to.deep.equal([], 'nothing for the first load');
    await setStatus(shop.id, 'OK');
    await waitFor(() => rows(element)[0]!.includes('Connected'), 8000);
    expect(events.map((event) => [event.type, event.detail.connectionId])).to.deep.equal([
      ['peliqan-status', shop.id],
      ['peliqan-connected', shop.id],
    ]);
  });

  it('folds earlier failed attempts behind the newest one', async () => {
    const { tokenUrl, seed } = customer();
    await seed('pipedrive', 'Sales', 'ERROR', 'Bad key');
    await seed('pipedrive', 'Sales', 'ERROR', 'Bad key');
    await seed('pipedrive', 'Sales', 'OK');
    const element = await list(tokenUrl);
    expect(rows(element).length).to.equal(1);
    const toggle = byRole(element, 'button', 'Show 2 earlier attempts');
    toggle.click();
    await element.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const earlier = element.shadowRoot!.querySelectorAll('.earlier > li');
    expect([...earlier].map((item) => item.textContent!.includes('Bad key'))).to.deep.equal([true, true]);
    // Earlier attempts are history: "Connect again" belongs to the newest attempt of a group only.
    expect(allByRole(element, 'button', 'Connect again')).to.have.length(0);
  });

  it('opens and closes the logs by keyboard: newest first, times and levels in words', async () => {
    const { tokenUrl, seed } = customer();
    await seed('pipedrive', 'Sales', 'OK');
    const element = await list(tokenUrl);
    const logs = byRole(element, 'button', 'Logs Sales');
    logs.focus();
    await sendKeys({ press: 'Enter' });
    const region = await waitFor(() => element.shadowRoot!.querySelector<HTMLElement>('.logs'));
    await waitFor(() => region.querySelector('.log, .muted'));
    expect(element.shadowRoot!.activeElement).to.equal(region);
    expect(region.getAttribute('aria-label')).to.equal('Logs of Sales');
    expect(region.querySelector('time')!.textContent).to.match(/\d{4}/);
    expect(region.querySelector('.level')!.textContent).to.equal('Info');
    await expect(element).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !element.shadowRoot!.querySelector('.logs'));
    expect(element.shadowRoot!.activeElement).to.equal(byRole(element, 'button', 'Logs Sales'));
  });

  it('"Add connection" opens <peliqan-connect> in place, and the new connection appears without a reload', async () => {
    const element = await list(customer().tokenUrl);
    byRole(element, 'button', 'Add connection').click();
    const stripe = await waitFor(() => byRole(element, 'button', /^Stripe/));
    stripe.click();
    typeInto(await waitFor(() => byLabel<HTMLInputElement>(element, 'Restricted API key')), 'rk_live_1');
    byRole(element, 'button', 'Connect').click();
    await waitFor(() => rows(element).length === 1, 5000);
    await waitFor(() => rows(element)[0]!.includes('Connected'), 8000);
    // The success screen stays until "Done", its only way out; Done closes the panel.
    await waitFor(() => byText(element, 'Connected to Stripe'));
    expect(allByRole(element, 'button', 'Close')).to.have.length(0);
    const done = recordEvents(element, ['peliqan-done']);
    byRole(element, 'button', 'Done').click();
    await waitFor(() => allByRole(element, 'button', 'Done').length === 0);
    expect(done.map((event) => event.type)).to.deep.equal(['peliqan-done']);
    expect(byRole(element, 'button', 'Add connection')).to.exist;
  });

  it('a refresh that fails keeps the rows and the flow the customer is in, with Retry', async () => {
    const { tokenUrl, seed } = customer();
    await seed('pipedrive', 'Sales', 'OK');
    const element = await list(tokenUrl);
    byRole(element, 'button', 'Add connection').click();
    (await waitFor(() => byRole(element, 'button', /^Stripe/))).click();
    const key = await waitFor(() => byLabel<HTMLInputElement>(element, 'Restricted API key'));
    typeInto(key, 'rk_live_kept');
    // Peliqan's list goes away; the customer's connection is made, and the list refreshes to show it.
    await fake.faults({ status: { 'GET /api/servers': 500 }, testDelay: 1500 });
    byRole(element, 'button', 'Connect').click();
    const alert = await waitFor(() => byRole(element, 'alert'), 8000);
    expect(rows(element)[0]).to.include('Sales');
    expect(element.state).to.equal('ready');
    // The flow in the panel carried on: it reaches its success screen.
    await waitFor(() => byText(element, 'Connected to Stripe'), 10_000);
    await fake.faults({ status: {} });
    byRole(alert, 'button', 'Retry').click();
    await waitFor(() => allByRole(element, 'alert').length === 0 && rows(element).length === 2, 5000);
  });

  it('"Connect again" on a failed row ends in a new connected row, the old one folded', async () => {
    const { tokenUrl, seed } = customer();
    await seed('stripe', 'Stripe', 'ERROR', 'Key revoked');
    const element = await list(tokenUrl);
    byRole(element, 'button', 'Connect again').click();
    typeInto(await waitFor(() => byLabel<HTMLInputElement>(element, 'Restricted API key')), 'rk_live_2');
    byRole(element, 'button', 'Connect').click();
    await waitFor(() => rows(element).length === 1 && rows(element)[0]!.includes('● Connected'), 10_000);
    expect(byRole(element, 'button', 'Show 1 earlier attempt')).to.exist;
  });

  it('the badge follows a connection from pending to connected', async () => {
    const { tokenUrl, seed } = customer();
    const shop = await seed('shopify', 'Shop', null);
    const badge = await fixture<PeliqanConnectionStatus>(
      html`<peliqan-connection-status base-url=${fake.url} token-url=${tokenUrl} connection-id=${String(shop.id)}></peliqan-connection-status>`,
    );
    await waitFor(() => badge.state === 'waiting');
    expect(byText(badge, /Pending/)).to.exist;
    const events = recordEvents(badge, ['peliqan-status']);
    await expect(badge).to.be.accessible();
    await setStatus(shop.id, 'OK');
    await waitFor(() => badge.state === 'connected', 8000);
    expect(byText(badge, /Connected/)).to.exist;
    expect(events.map((event) => event.detail.state)).to.deep.equal(['connected']);
  });

  it('a failed badge offers "Connect again" in a dialog; Escape closes it', async () => {
    const { tokenUrl, seed } = customer();
    const failed = await seed('stripe', 'Stripe', 'ERROR', 'Key revoked');
    const badge = await fixture<PeliqanConnectionStatus>(
      html`<peliqan-connection-status base-url=${fake.url} token-url=${tokenUrl} connection-id=${String(failed.id)}></peliqan-connection-status>`,
    );
    await waitFor(() => badge.state === 'failed');
    expect(byText(badge, 'Key revoked')).to.exist;
    await waitFor(() => byRole(badge, 'button', 'Connect again')).then((button) => button.click());
    const dialog = await waitFor(() =>
      deepAll(badge).find((each): each is HTMLDialogElement => each instanceof HTMLDialogElement),
    );
    await waitFor(() => dialog.open);
    await waitFor(() => byLabel(badge, 'Restricted API key'));
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialog.open);
  });

  // The cadence, the pause while hidden and the backoff are the watcher's, tested on a fake clock
  // (test/flow/watch.test.ts); here, that the elements of a page really share it.
  it('a list and three badges on one page check a pending connection as one', async () => {
    const { tokenUrl, seed } = customer();
    const shop = await seed('shopify', 'Shop', null);
    configure({ baseUrl: fake.url, tokenUrl });
    const page = await fixture(html`<div>
      <peliqan-connections></peliqan-connections>
      <peliqan-connection-status connection-id=${String(shop.id)}></peliqan-connection-status>
      <peliqan-connection-status connection-id=${String(shop.id)}></peliqan-connection-status>
      <peliqan-connection-status connection-id=${String(shop.id)}></peliqan-connection-status>
    </div>`);
    const badges = [...page.querySelectorAll<PeliqanConnectionStatus>('peliqan-connection-status')];
    // Three badges that know nothing yet: one check at once, for all of them.
    await waitFor(() => badges.every((badge) => badge.state === 'waiting'));
    expect((await checksOf(shop.id)).length).to.equal(1);
    await setStatus(shop.id, 'OK');
    await waitFor(() => badges.every((badge) => badge.state === 'connected'), 8000);
    expect((await checksOf(shop.id)).length).to.equal(2, 'the list and the badges took the news from one check');
    await waitFor(() => (rows(page)[0] ?? '').includes('Connected'));
  });

  it('checks at once when the page is shown again, and not while it is hidden', async () => {
    const { tokenUrl, seed } = customer();
    const shop = await seed('shopify', 'Shop', null);
    const element = await list(tokenUrl);
    await executeServerCommand('page-visibility', { hidden: true });
    await waitFor(() => document.visibilityState === 'hidden');
    const before = (await fake.requests()).length;
    await setStatus(shop.id, 'OK');
    expect((await fake.requests()).length).to.equal(before, 'nothing while hidden');
    await executeServerCommand('page-visibility', { hidden: false });
    await waitFor(() => (rows(element)[0] ?? '').includes('Connected'), 2000);
    expect((await checksOf(shop.id)).at(-1)!.at - Date.now()).to.be.below(2000);
  });

  it('one token and one catalogue request for a page with a picker, a form and a list', async () => {
    const { tokenUrl } = customer();
    configure({ baseUrl: fake.url, tokenUrl });
    const page = await fixture(html`<div>
      <peliqan-connector-picker></peliqan-connector-picker>
      <peliqan-connect-form servertype="stripe"></peliqan-connect-form>
      <peliqan-connections></peliqan-connections>
    </div>`);
    const picker = page.querySelector<PeliqanConnectorPicker>('peliqan-connector-picker')!;
    const form = page.querySelector<PeliqanConnectForm>('peliqan-connect-form')!;
    const connections = page.querySelector<PeliqanConnections>('peliqan-connections')!;
    await waitFor(() => picker.state === 'ready' && form.state === 'ready' && connections.state === 'ready');
    const routes = (await fake.requests()).map((request) => request.route);
    expect(routes.filter((route) => route === 'POST /__fake/token')).to.have.length(1);
    expect(routes.filter((route) => route === 'GET /api/servertypes')).to.have.length(1);
  });
});
