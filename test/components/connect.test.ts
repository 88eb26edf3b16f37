import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import { configure, type PeliqanConnect, type PeliqanConnectForm } from '../../src/index.js';
import { startFake, freshTokenUrl, type BrowserFake } from '../support/browser.js';
import { allByRole, byLabel, byRole, byText, recordEvents, typeInto, waitFor } from '../support/dom.js';

/** The fake's catalogue: credential and OAuth connectors alike. */
const ALL_CONNECTORS = 40;

describe('<peliqan-connect>', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(() => fake.reset({ testDelay: 100 }));
  afterEach(() =>
    configure({
      baseUrl: undefined,
      tokenUrl: undefined,
      token: undefined,
      tokenProvider: undefined,
      language: undefined,
    }),
  );

  const tiles = (element: Element) => allByRole(element, 'button').filter((button) => button.part.contains('tile'));

  async function connect(attributes: { servertype?: string; connectors?: string } = {}) {
    const element = await fixture<PeliqanConnect>(
      html`<peliqan-connect
        base-url=${fake.url}
        token-url=${freshTokenUrl(fake)}
        servertype=${attributes.servertype ?? ''}
        connectors=${attributes.connectors ?? ''}
      ></peliqan-connect>`,
    );
    await waitFor(() => element.state === 'ready');
    return element;
  }

  it('goes picker → form → testing → connected → "Connect another" → picker', async () => {
    const element = await connect();
    const events = recordEvents(element, [
      'peliqan-select',
      'peliqan-connection-created',
      'peliqan-status',
      'peliqan-connected',
      'peliqan-error',
    ]);
    expect(tiles(element).length).to.equal(ALL_CONNECTORS);
    byRole(element, 'button', /^Stripe/).click();
    await waitFor(() => byRole(element, 'heading', 'Connect to Stripe'));
    await waitFor(() => element.shadowRoot!.activeElement?.tagName === 'PELIQAN-CONNECT-FORM');
    typeInto(byLabel(element, 'Restricted API key'), 'rk_live_1');
    byRole(element, 'button', 'Connect').click();
    await waitFor(() => element.getAttribute('state') === 'waiting');
    await waitFor(() => element.getAttribute('state') === 'connected');
    expect(byRole(element, 'heading').textContent).to.equal('Connected to Stripe');
    expect(allByRole(element, 'button', /Back/).length).to.equal(0, 'no way back from a connection that works');
    expect(events.map((event) => event.type)).to.deep.equal([
      'peliqan-select',
      'peliqan-connection-created',
      'peliqan-status',
      'peliqan-status',
      'peliqan-connected',
    ]);
    await expect(element).to.be.accessible();
    byRole(element, 'button', 'Connect another').click();
    await waitFor(() => tiles(element).length === ALL_CONNECTORS);
    expect(element.getAttribute('state')).to.equal('ready');
  });

  it('"Back" returns from the form to the picker', async () => {
    const element = await connect();
    byRole(element, 'button', /^Postgres/).click();
    await waitFor(() => byRole(element, 'heading', 'Connect to Postgres'));
    byRole(element, 'button', /Back/).click();
    await waitFor(() => tiles(element).length === ALL_CONNECTORS);
    await waitFor(() => element.shadowRoot!.activeElement?.tagName === 'PELIQAN-CONNECTOR-PICKER');
  });

  it('skips the picker for `servertype`, and for `connectors` with one entry', async () => {
    const bySlug = await connect({ servertype: 'mysql' });
    expect(byRole(bySlug, 'heading').textContent).to.equal('Connect to MySQL');
    expect(allByRole(bySlug, 'button', /Back/).length).to.equal(0);
    const byList = await connect({ connectors: '403' });
    expect(byRole(byList, 'heading').textContent).to.equal('Connect to Stripe');
    const several = await connect({ connectors: '403,mysql' });
    expect(tiles(several).length).to.equal(2);
  });

  it('"Connect another" with a fixed connector clears the form for a new one', async () => {
    const element = await connect({ servertype: 'stripe' });
    typeInto(byLabel(element, 'Restricted API key'), 'rk_live_1');
    byRole(element, 'button', 'Connect').click();
    await waitFor(() => element.state === 'connected');
    byRole(element, 'button', 'Connect another').click();
    await waitFor(() => element.state === 'ready');
    expect(byRole(element, 'heading').textContent).to.equal('Connect to Stripe');
  });

  it('takes its configuration from PeliqanEmbed.configure() when it has none', async () => {
    configure({ baseUrl: fake.url, tokenUrl: freshTokenUrl(fake) });
    const element = await fixture<PeliqanConnect>(html`<peliqan-connect></peliqan-connect>`);
    await waitFor(() => element.state === 'ready');
    expect(tiles(element).length).to.equal(ALL_CONNECTORS);
  });

  it('waits for configure() called after it was put on the page', async () => {
    const element = await fixture<PeliqanConnect>(html`<peliqan-connect></peliqan-connect>`);
    await element.updateComplete;
    expect(element.state).to.equal('loading');
    expect(await fake.requests()).to.deep.equal([], 'nothing asked without a token source');
    configure({ baseUrl: fake.url, tokenUrl: freshTokenUrl(fake) });
    await waitFor(() => element.state === 'ready');
  });

  it("a nested peliqan element inherits the enclosing one's configuration, a token property included", async () => {
    const token = await (await fetch(fake.tokenUrl('nested'), { method: 'POST' })).json();
    // A ready token goes only to a base URL set in script (product spec §3 "Token binding").
    const outer = await fixture<PeliqanConnect>(
      html`<peliqan-connect .baseUrl=${fake.url} .token=${token.token} servertype="nope"><peliqan-connect-form servertype="stripe"></peliqan-connect-form></peliqan-connect>`,
    );
    const inner = outer.querySelector<PeliqanConnectForm>('peliqan-connect-form')!;
    await waitFor(() => inner.state === 'ready');
    // Not shown (no slot), still configured by the element around it.
    expect(inner.shadowRoot!.querySelector('h2')!.textContent).to.equal('Connect to Stripe');
    expect(outer.hasAttribute('token')).to.equal(false);
    expect(inner.hasAttribute('token')).to.equal(false);
  });

  it('reflects a read-only state attribute', async () => {
    const element = await connect();
    element.setAttribute('state', 'connected');
    element.requestUpdate();
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('ready');
    expect(() => ((element as unknown as { state: string }).state = 'x')).to.throw();
  });

  it('shows the error with Retry when the catalogue cannot be loaded, and recovers', async () => {
    await fake.faults({ status: { 'GET /api/servertypes': [500] } });
    const element = await fixture<PeliqanConnect>(
      html`<peliqan-connect base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connect>`,
    );
    await waitFor(() => element.state === 'error');
    expect(byText(element, /Something went wrong on our side. Try again in a moment./)).to.exist;
    byRole(element, 'button', 'Retry').click();
    await waitFor(() => element.state === 'ready');
  });
});
