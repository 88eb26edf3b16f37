import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { PeliqanConnectForm } from '../../src/index.js';
import { startFake, freshTokenUrl, type BrowserFake } from '../support/browser.js';
import { allByRole, byLabel, byRole, byText, recordEvents, typeInto, waitFor } from '../support/dom.js';

const EVENTS = ['peliqan-connection-created', 'peliqan-status', 'peliqan-connected', 'peliqan-error'];

describe('<peliqan-connect-form>', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(() => fake.reset({ testDelay: 300 }));

  async function form(servertype: string, extra: { timeout?: number } = {}) {
    const element = await fixture<PeliqanConnectForm>(
      html`<peliqan-connect-form
        base-url=${fake.url}
        token-url=${freshTokenUrl(fake)}
        servertype=${servertype}
        status-timeout=${extra.timeout ?? 120}
      ></peliqan-connect-form>`,
    );
    await waitFor(() => element.state !== 'loading');
    return element;
  }
  const posts = async () => (await fake.requests()).filter((request) => request.route === 'POST /api/servers');
  const connectButton = (element: Element) => byRole(element, 'button', 'Connect');

  it('renders a labelled field for each shown field, with defaults, help texts and required marks', async () => {
    const element = await form('postgres');
    expect(element.getAttribute('state')).to.equal('ready');
    expect(byRole(element, 'heading').textContent).to.equal('Connect to Postgres');
    expect(byText(element, 'Default port: 5432.')).to.exist;
    expect(byLabel(element, 'Host').required).to.equal(true);
    expect(byLabel(element, 'Port').value).to.equal('5432');
    expect(byLabel(element, 'Port').inputMode).to.equal('numeric');
    expect(byLabel(element, 'Port').required).to.equal(false);
    expect(byLabel(element, 'Password').type).to.equal('password');
    expect(byLabel(element, 'Use SSL').checked).to.equal(true);
    const target = byLabel(element, 'Target database');
    expect(element.shadowRoot!.getElementById(target.getAttribute('aria-describedby')!)!.textContent).to.contain(
      'DW Target',
    );
    // param5/param6 are show: false
    expect(allByRole(element, 'textbox').length).to.equal(6);
    await expect(element).to.be.accessible();
  });

  it('renders selects, text areas and numeric inputs', async () => {
    const sftp = await form('sftp');
    expect(byLabel<HTMLSelectElement>(sftp, 'File format').value).to.equal('CSV');
    expect(byLabel(sftp, 'Port').value).to.equal('22');
    const rest = await form('rest_api');
    expect(byLabel(rest, 'Extra headers').tagName).to.equal('TEXTAREA');
    expect(byLabel<HTMLSelectElement>(rest, 'Authentication').value).to.equal('bearer');
    await expect(rest).to.be.accessible();
  });

  it('masks secrets, with a show/hide toggle', async () => {
    const element = await form('stripe');
    const key = byLabel(element, 'Restricted API key');
    expect(key.type).to.equal('password');
    const toggle = byRole(element, 'button', 'Show Restricted API key');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await element.updateComplete;
    expect(key.type).to.equal('text');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
  });

  it("keeps a customer's secret out of the browser's password manager and spell check", async () => {
    const element = await form('stripe');
    const key = byLabel(element, 'Restricted API key');
    // Chrome ignores autocomplete="off" on a password field and offers to save it for the partner's site.
    expect(key.getAttribute('autocomplete')).to.equal('new-password');
    expect(key.getAttribute('spellcheck')).to.equal('false');
  });

  it('sends no request while a required field is empty, and marks it', async () => {
    const element = await form('pipedrive');
    typeInto(byLabel(element, 'Company domain'), 'acme');
    connectButton(element).click();
    await element.updateComplete;
    const token = byLabel(element, 'API token');
    expect(token.getAttribute('aria-invalid')).to.equal('true');
    expect(
      element.shadowRoot!.getElementById(token.getAttribute('aria-describedby')!.split(' ').at(-1)!)!.textContent,
    ).to.equal('Fill in API token.');
    await waitFor(() => element.shadowRoot!.activeElement === token);
    expect(await posts()).to.deep.equal([]);
    await expect(element).to.be.accessible();
    typeInto(token, 'secret');
    await element.updateComplete;
    expect(token.getAttribute('aria-invalid')).to.equal('false');
  });

  it('connects: "Testing connection…", then connected, with the events in order and no typed value in them', async () => {
    const element = await form('pipedrive');
    const events = recordEvents(element, EVENTS);
    typeInto(byLabel(element, 'Company domain'), 'acme-domain');
    typeInto(byLabel(element, 'API token'), 'very-secret-token');
    // The progress line lives in a region that is there before it speaks, so it is announced.
    const region = byRole(element, 'status');
    expect(region.textContent!.trim()).to.equal('');
    connectButton(element).click();
    await waitFor(() => element.state === 'waiting');
    expect(region.isConnected).to.equal(true);
    expect(region.textContent).to.contain('Testing connection…');
    await expect(element).to.be.accessible();
    await waitFor(() => element.state === 'connected');
    expect(byRole(element, 'heading').textContent).to.equal('Connected to Pipedrive');
    await waitFor(() => element.shadowRoot!.activeElement === byRole(element, 'heading'));
    expect(events.map((event) => event.type)).to.deep.equal([
      'peliqan-connection-created',
      'peliqan-status',
      'peliqan-status',
      'peliqan-connected',
    ]);
    expect(events.map((event) => event.detail.state).filter(Boolean)).to.deep.equal(['pending', 'connected']);
    expect(events[0]!.detail.oauth).to.equal(false);
    expect(events[3]!.detail.servertype.server_type).to.equal('pipedrive');
    const serialised = JSON.stringify(events);
    expect(serialised).not.to.contain('very-secret-token');
    expect(serialised).not.to.contain('acme-domain');
    const [post] = await posts();
    expect(post!.bodyKeys).to.deep.equal(['username', 'password', 'servertype_id']);
    expect(JSON.stringify(await fake.requests())).not.to.contain('very-secret-token');
    await expect(element).to.be.accessible();
  });

  it("shows the server's rejection at the field it names and keeps every value", async () => {
    await fake.faults({
      status: {
        'POST /api/servers': [
          { status: 400, body: { error: 'ERROR_VALIDATION', detail: { password: ['This API token is not valid.'] } } },
        ],
      },
    });
    const element = await form('pipedrive');
    const events = recordEvents(element, EVENTS);
    typeInto(byLabel(element, 'Company domain'), 'acme');
    typeInto(byLabel(element, 'API token'), 'wrong');
    connectButton(element).click();
    await waitFor(() => element.state === 'failed');
    const token = byLabel(element, 'API token');
    expect(token.getAttribute('aria-invalid')).to.equal('true');
    expect(byText(element, 'This API token is not valid.')).to.exist;
    expect(byLabel(element, 'Company domain').value).to.equal('acme');
    expect(token.value).to.equal('wrong');
    expect(events.map((event) => [event.type, event.detail.code, event.detail.status])).to.deep.equal([
      ['peliqan-error', 'http', 400],
    ]);
    await expect(element).to.be.accessible();
    typeInto(token, 'right');
    connectButton(element).click();
    await waitFor(() => element.state === 'connected');
    expect((await posts()).length).to.equal(2);
  });

  it('shows a rejection that names no field on the form', async () => {
    await fake.faults({
      status: {
        'POST /api/servers': [
          { status: 403, body: { error: 'ERROR_FORBIDDEN', detail: 'Connector not enabled for this account.' } },
        ],
      },
    });
    const element = await form('stripe');
    typeInto(byLabel(element, 'Restricted API key'), 'rk_live_1');
    connectButton(element).click();
    await waitFor(() => element.state === 'failed');
    // A refusal says what was refused, once punctuated.
    expect(byRole(element, 'alert').textContent).to.contain(
      'The connection service did not accept this: Connector not enabled for this account',
    );
    expect(byRole(element, 'alert').textContent).not.to.contain('..');
    expect(byLabel(element, 'Restricted API key').value).to.equal('rk_live_1');
  });

  it('reports a connection test that fails later as connection-failed with the reason, values kept', async () => {
    await fake.faults({ connectionTest: 'fail', connectionTestMessage: 'Authentication failed: invalid API key' });
    const element = await form('stripe');
    const events = recordEvents(element, EVENTS);
    typeInto(byLabel(element, 'Restricted API key'), 'rk_live_bad');
    connectButton(element).click();
    await waitFor(() => element.state === 'failed');
    expect(byRole(element, 'alert').textContent).to.contain('Authentication failed: invalid API key');
    expect(byLabel(element, 'Restricted API key').value).to.equal('rk_live_bad');
    const error = events.find((event) => event.type === 'peliqan-error')!;
    expect(error.detail.code).to.equal('connection-failed');
    expect(error.detail.message).to.equal('Authentication failed: invalid API key');
    expect(error.detail.connectionId).to.be.a('number');
    expect(events.filter((event) => event.type === 'peliqan-status').map((event) => event.detail.state)).to.deep.equal([
      'pending',
      'failed',
    ]);
    expect(events.some((event) => event.type === 'peliqan-connected')).to.equal(false);
  });

  it('refreshes an expired token once while the customer types, and the submit succeeds', async () => {
    const element = await form('stripe');
    typeInto(byLabel(element, 'Restricted API key'), 'rk_live_1');
    await fake.expireTokens();
    connectButton(element).click();
    await waitFor(() => element.state === 'connected');
    expect((await posts()).map((request) => request.auth)).to.deep.equal(['expired', 'customer']);
  });

  it('makes one request for a double click, Enter twice, or a click then Enter', async () => {
    await fake.faults({ delay: { 'POST /api/servers': 200 } });
    const element = await form('stripe');
    const key = byLabel(element, 'Restricted API key');
    typeInto(key, 'rk_live_1');
    const button = connectButton(element);
    button.click();
    button.click();
    await waitFor(() => element.state === 'waiting');
    expect((await posts()).length).to.equal(1);

    const second = await form('stripe');
    typeInto(byLabel(second, 'Restricted API key'), 'rk_live_2');
    byLabel(second, 'Restricted API key').focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => second.state === 'waiting');
    expect((await posts()).length).to.equal(2);

    const third = await form('stripe');
    typeInto(byLabel(third, 'Restricted API key'), 'rk_live_3');
    connectButton(third).click();
    connectButton(third).focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => third.state === 'waiting');
    expect((await posts()).length).to.equal(3);
  });

  it('ends a status that never becomes final with timeout', async () => {
    await fake.faults({ testDelay: 60_000 });
    const element = await form('stripe', { timeout: 2 });
    const events = recordEvents(element, EVENTS);
    typeInto(byLabel(element, 'Restricted API key'), 'rk_live_1');
    connectButton(element).click();
    await waitFor(() => element.state === 'failed', 5000);
    expect(events.at(-1)!.detail.code).to.equal('timeout');
    expect(byRole(element, 'alert').textContent).to.contain('was not confirmed in time');
  });

  it('accepts the connector definition as a property, without a catalogue request', async () => {
    const definition = {
      id: 403,
      name: 'Stripe',
      server_type: 'stripe',
      settings: { connect_form: { fields: { password: { label: 'Key', required: true } } } },
    };
    const element = await fixture<PeliqanConnectForm>(
      html`<peliqan-connect-form base-url=${fake.url} token-url=${freshTokenUrl(fake)} .servertype=${definition}></peliqan-connect-form>`,
    );
    expect(element.state).to.equal('ready');
    expect(byLabel(element, 'Key')).to.exist;
    expect(await fake.requests()).to.deep.equal([]);
  });

  it('keeps polling after being moved in the page (removed and put back) and connects', async () => {
    await fake.faults({ testDelay: 1500 });
    const element = await form('stripe');
    const events = recordEvents(element, EVENTS);
    typeInto(byLabel(element, 'Restricted API key'), 'rk_live_1');
    connectButton(element).click();
    await waitFor(() => element.state === 'waiting');
    const parent = element.parentElement!;
    element.remove();
    parent.append(element);
    await waitFor(() => element.state === 'connected', 8000);
    expect(events.filter((event) => event.type === 'peliqan-connected').length).to.equal(1);
    expect((await posts()).length).to.equal(1);
  });

  it('never passes on a typed value that Peliqan quotes in its message', async () => {
    await fake.faults({
      status: {
        'POST /api/servers': [
          {
            status: 400,
            body: { error: 'ERROR_VALIDATION', detail: { password: ['Key sk_secret_123 is not valid.'] } },
          },
        ],
      },
    });
    const element = await form('stripe');
    const events = recordEvents(element, EVENTS);
    typeInto(byLabel(element, 'Restricted API key'), 'sk_secret_123');
    connectButton(element).click();
    await waitFor(() => element.state === 'failed');
    expect(JSON.stringify(events)).not.to.contain('sk_secret_123');
    expect(element.shadowRoot!.textContent).not.to.contain('sk_secret_123');
    expect(byText(element, 'Key ••• is not valid.')).to.exist;
  });

  it('redacts a typed value Peliqan quotes in a connection it sends back, in every event detail', async () => {
    await fake.faults({ connectionTest: 'fail', connectionTestMessage: 'Key sk_typed_4242 was rejected for acme' });
    const element = await form('pipedrive');
    const events = recordEvents(element, EVENTS);
    typeInto(byLabel(element, 'Company domain'), 'acme');
    typeInto(byLabel(element, 'API token'), 'sk_typed_4242');
    connectButton(element).click();
    await waitFor(() => element.state === 'failed');
    const failed = events.find((event) => event.type === 'peliqan-status' && event.detail.state === 'failed')!;
    expect(failed.detail.connection.health_message).to.equal('Key ••• was rejected for •••');
    expect(JSON.stringify(events)).not.to.contain('sk_typed_4242');
    // On screen the secret goes, the domain (which helps the customer) stays.
    expect(byRole(element, 'alert').textContent).to.contain('Key ••• was rejected for acme');
  });

  it('copes with field keys that are not valid ids', async () => {
    const definition = {
      id: 9,
      name: 'Odd',
      settings: {
        connect_form: { fields: { 'api key.v2': { label: 'Key', required: true }, 'a:b': { label: 'Other' } } },
      },
    };
    const element = await fixture<PeliqanConnectForm>(
      html`<peliqan-connect-form base-url=${fake.url} token-url=${freshTokenUrl(fake)} .servertype=${definition}></peliqan-connect-form>`,
    );
    connectButton(element).click();
    const key = byLabel(element, 'Key');
    await waitFor(() => element.shadowRoot!.activeElement === key);
    expect(key.getAttribute('aria-invalid')).to.equal('true');
    await expect(element).to.be.accessible();
  });

  it('moves focus to the error when the server rejects the form as a whole', async () => {
    await fake.faults({ status: { 'POST /api/servers': [500] } });
    const element = await form('stripe');
    typeInto(byLabel(element, 'Restricted API key'), 'rk_live_1');
    connectButton(element).click();
    await waitFor(() => element.state === 'failed');
    const alert = byRole(element, 'alert');
    await waitFor(() => element.shadowRoot!.activeElement === alert);
    // No plumbing for the customer; the detail is the partner's, in the event.
    expect(alert.textContent).to.contain('Something went wrong on our side. Try again in a moment.');
    expect(alert.textContent).not.to.contain('The fake answered 500');
  });

  it("words a failure of the partner's token endpoint as its own, not Peliqan's; the event keeps the detail", async () => {
    const element = await fixture<PeliqanConnectForm>(
      html`<peliqan-connect-form base-url=${fake.url} token-url=${`${fake.url}/no-such-token-endpoint`} servertype="stripe"></peliqan-connect-form>`,
    );
    const events = recordEvents(element, EVENTS);
    await waitFor(() => element.state === 'error');
    expect(byRole(element, 'alert').textContent).to.contain(
      'We could not start the connection. Try again in a moment.',
    );
    expect(events.map((event) => [event.detail.code, event.detail.status])).to.deep.equal([['http', 404]]);
  });

  it('says so when the named connector does not exist', async () => {
    const element = await form('nope');
    expect(element.state).to.equal('error');
    expect(byRole(element, 'alert').textContent).to.contain('“nope” is not available');
  });
});
