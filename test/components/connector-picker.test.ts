import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { PeliqanConnectorPicker } from '../../src/index.js';
import { startFake, freshTokenUrl, type BrowserFake } from '../support/browser.js';
import { allByRole, byLabel, byRole, byText, recordEvents, typeInto, waitFor } from '../support/dom.js';

/** The fake's 40 connectors less its 14 OAuth ones. */
/** The fake's catalogue: credential and OAuth connectors alike. */
const ALL_CONNECTORS = 40;

describe('<peliqan-connector-picker>', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(() => fake.reset());

  async function picker(attributes: { connectors?: string } = {}) {
    const element = await fixture<PeliqanConnectorPicker>(
      html`<peliqan-connector-picker base-url=${fake.url} token-url=${freshTokenUrl(fake)} connectors=${attributes.connectors ?? ''}></peliqan-connector-picker>`,
    );
    await waitFor(() => element.state === 'ready' || element.state === 'error');
    return element;
  }
  const tileNames = (element: Element) =>
    allByRole(element, 'button')
      .filter((button) => button.part.contains('tile'))
      .map((tile) => tile.querySelector('.name')!.textContent);

  it('shows loading, then tiles with icon, name and category sorted by order then name', async () => {
    await fake.faults({ delay: { 'GET /api/servertypes': 300 } });
    const element = await fixture<PeliqanConnectorPicker>(
      html`<peliqan-connector-picker base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connector-picker>`,
    );
    expect(element.getAttribute('state')).to.equal('loading');
    expect(byRole(element, 'status').textContent).to.contain('Loading connectors…');
    await waitFor(() => element.state === 'ready');
    const names = tileNames(element);
    expect(names.length).to.equal(ALL_CONNECTORS);
    // order 10 first (same order, then by name), then 15, then 20…
    expect(names.slice(0, 9)).to.deep.equal([
      'Exact Online',
      'Google Sheets',
      'HubSpot',
      'Mailchimp',
      'Recruitee',
      'SFTP',
      'Shopify',
      'Zendesk',
      'Salesforce',
    ]);
    const stripe = byRole(element, 'button', /^Stripe/);
    expect(stripe.querySelector('img')!.getAttribute('src')).to.equal(`${fake.url}/static/icons/stripe.svg`);
    expect(stripe.textContent).to.contain('Payments');
    await expect(element).to.be.accessible();
  });

  it('searches name, slug and category, ignoring case and accents, on every keystroke', async () => {
    const element = await picker();
    const search = byLabel(element, 'Search connectors');
    typeInto(search, 'MÖLLÎE');
    await element.updateComplete;
    expect(tileNames(element)).to.deep.equal(['Mollie']);
    typeInto(search, 'rest_api');
    await element.updateComplete;
    expect(tileNames(element)).to.deep.equal(['REST API']);
    typeInto(search, 'data WAREHOUSE');
    await element.updateComplete;
    expect(tileNames(element)).to.deep.equal(['Snowflake', 'BigQuery', 'Amazon Redshift']);
  });

  it('says so when nothing matches', async () => {
    const element = await picker();
    typeInto(byLabel(element, 'Search connectors'), 'zzzz');
    await element.updateComplete;
    expect(byText(element, 'No connector matches “zzzz”')).to.exist;
    expect(tileNames(element)).to.deep.equal([]);
    await expect(element).to.be.accessible();
  });

  it('filters by category', async () => {
    const element = await picker();
    const category = byLabel<HTMLSelectElement>(element, 'Category');
    category.value = 'HR';
    category.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(tileNames(element)).to.deep.equal(['Recruitee', 'BambooHR', 'Personio']);
  });

  it("offers only the connectors allowed by `connectors` (ids or slugs), in the allowlist's order", async () => {
    const element = await picker({ connectors: 'pipedrive, 102 ,STRIPE' });
    expect(tileNames(element)).to.deep.equal(['Pipedrive', 'Postgres', 'Stripe']);
  });

  it('offers OAuth connectors too', async () => {
    const element = await picker();
    expect(tileNames(element)).to.include.members(['HubSpot', 'Salesforce', 'Xero', 'Google Sheets']);
  });

  it('can be used by keyboard alone: Tab to the tiles, arrows between them, Enter to choose', async () => {
    const element = await picker({ connectors: 'mailchimp,pipedrive,stripe,mysql' });
    const events = recordEvents(element, ['peliqan-select']);
    byLabel(element, 'Search connectors').focus();
    await sendKeys({ press: 'Tab' }); // the category filter
    expect(element.shadowRoot!.activeElement).to.equal(byLabel(element, 'Category'));
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement!.textContent).to.contain('Mailchimp');
    await sendKeys({ press: 'ArrowRight' });
    expect(element.shadowRoot!.activeElement!.textContent).to.contain('Pipedrive');
    await sendKeys({ press: 'End' });
    expect(element.shadowRoot!.activeElement!.textContent).to.contain('MySQL');
    await sendKeys({ press: 'ArrowLeft' });
    expect(element.shadowRoot!.activeElement!.textContent).to.contain('Stripe');
    await sendKeys({ press: 'Enter' });
    expect(events.map((event) => event.detail.servertype.name)).to.deep.equal(['Stripe']);
  });

  it('fires peliqan-select, bubbling and composed, with the connector', async () => {
    const element = await picker();
    let seen: CustomEvent | undefined;
    document.addEventListener('peliqan-select', (event) => (seen = event), { once: true });
    byRole(element, 'button', /^Stripe/).click();
    expect(seen!.bubbles && seen!.composed).to.equal(true);
    expect(seen!.detail.servertype.server_type).to.equal('stripe');
  });

  it('lists after two 503s', async () => {
    await fake.faults({ status: { 'GET /api/servertypes': [503, 503] } });
    const element = await picker();
    expect(element.state).to.equal('ready');
    expect(tileNames(element).length).to.equal(ALL_CONNECTORS);
  });

  it('shows an error with Retry when the connection keeps dropping, and Retry lists', async () => {
    await fake.faults({ drop: { 'GET /api/servertypes': 50 } });
    const element = await fixture<PeliqanConnectorPicker>(
      html`<peliqan-connector-picker base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connector-picker>`,
    );
    const events = recordEvents(element, ['peliqan-error']);
    await waitFor(() => element.state === 'error');
    expect(events.map((event) => event.detail.code)).to.deep.equal(['network']);
    expect(byRole(element, 'alert').textContent).to.contain('The connection service cannot be reached');
    await expect(element).to.be.accessible();
    await fake.faults({ drop: {} });
    byRole(element, 'button', 'Retry').click();
    await waitFor(() => element.state === 'ready');
    expect(tileNames(element).length).to.equal(ALL_CONNECTORS);
    expect(events.length).to.equal(1, 'no error after the Retry that worked');
  });

  for (const envelope of ['bare', 'data', 'results'] as const) {
    it(`reads a ${envelope} list`, async () => {
      await fake.faults({ listEnvelope: envelope });
      expect(tileNames(await picker()).length).to.equal(ALL_CONNECTORS);
    });
  }

  it('renders hostile names as text and ignores unsafe icon URLs', async () => {
    await fake.faults({
      status: {
        'GET /api/servertypes': [
          {
            status: 200,
            body: [
              {
                id: 1,
                name: '<img src=x onerror="window.__pwned=1">',
                category: '<b>bold</b>',
                icon_url: 'javascript:alert(1)',
                color: 'red;}*{display:none',
                settings: { connect_form: { fields: { password: {} } } },
              },
              {
                id: 2,
                name: 'Data URL',
                icon_url: 'data:image/svg+xml,<svg onload=alert(1)>',
                settings: { connect_form: { fields: { password: {} } } },
              },
            ],
          },
        ],
      },
    });
    const element = await picker();
    expect(tileNames(element)).to.deep.equal(['<img src=x onerror="window.__pwned=1">', 'Data URL']);
    expect(element.shadowRoot!.querySelectorAll('img').length).to.equal(0);
    expect(element.shadowRoot!.querySelector('b')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows an error state (and fires invalid-response) for a malformed catalogue', async () => {
    await fake.faults({ status: { 'GET /api/servertypes': [{ status: 200, body: { data: 'nope' } }] } });
    // Listening on the page before the element exists: the local fake answers fast.
    const codes: string[] = [];
    const listener = (event: CustomEvent) => codes.push(event.detail.code);
    document.addEventListener('peliqan-error', listener);
    const element = await fixture<PeliqanConnectorPicker>(
      html`<peliqan-connector-picker base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connector-picker>`,
    );
    await waitFor(() => element.state === 'error');
    document.removeEventListener('peliqan-error', listener);
    expect(codes).to.deep.equal(['invalid-response']);
    expect(byRole(element, 'alert').textContent).to.contain('Something went wrong on our side');
  });
});
