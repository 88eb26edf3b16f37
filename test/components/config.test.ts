import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/index.js';
import {
  configure,
  registerMessages,
  reset,
  PeliqanConnectorPicker,
  type PeliqanConnectForm,
} from '../../src/index.js';
import { startFake, freshTokenUrl, type BrowserFake } from '../support/browser.js';
import { allByRole, byLabel, byRole, recordEvents, typeInto, waitFor } from '../support/dom.js';

describe('configuration: language, theme, refused settings, reset', () => {
  let fake: BrowserFake;
  before(async () => {
    fake = await startFake();
    registerMessages('tlh', { connectTo: 'Connect-tlh {name}', search: 'Search-tlh' });
  });
  after(() => fake.stop());
  beforeEach(() => fake.reset());
  afterEach(async () => {
    configure({
      baseUrl: undefined,
      tokenUrl: undefined,
      token: undefined,
      tokenProvider: undefined,
      language: undefined,
    });
    await emulateMedia({ colorScheme: 'light' });
  });

  const searchLabel = (element: Element) => element.shadowRoot!.querySelector('label')!.textContent!.trim();

  it('takes the language from its attribute, else the enclosing element, else configure(), else lang', async () => {
    const own = await fixture<PeliqanConnectorPicker>(
      html`<div lang="en">
        <peliqan-connector-picker language="tlh" base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connector-picker>
      </div>`,
    );
    const picker = own.querySelector('peliqan-connector-picker')!;
    await waitFor(() => picker.state === 'ready');
    expect(searchLabel(picker)).to.equal('Search-tlh');

    const nested = await fixture(
      html`<peliqan-connect language="tlh" base-url=${fake.url} token-url=${freshTokenUrl(fake)}>
        <peliqan-connect-form servertype="stripe"></peliqan-connect-form>
      </peliqan-connect>`,
    );
    const form = nested.querySelector<PeliqanConnectForm>('peliqan-connect-form')!;
    await waitFor(() => form.state === 'ready');
    // Not shown (no slot), still configured by the element around it.
    expect(form.shadowRoot!.querySelector('h2')!.textContent).to.equal('Connect-tlh Stripe');

    configure({ baseUrl: fake.url, tokenUrl: freshTokenUrl(fake), language: 'tlh' });
    const paged = await fixture<PeliqanConnectorPicker>(html`<peliqan-connector-picker></peliqan-connector-picker>`);
    await waitFor(() => paged.state === 'ready');
    expect(searchLabel(paged)).to.equal('Search-tlh');

    configure({ language: undefined });
    const byLang = await fixture(html`<div lang="tlh-KL"><peliqan-connector-picker></peliqan-connector-picker></div>`);
    const inLang = byLang.querySelector('peliqan-connector-picker')!;
    await waitFor(() => inLang.state === 'ready');
    expect(searchLabel(inLang)).to.equal('Search-tlh');

    const unknown = await fixture(html`<div lang="zz"><peliqan-connector-picker></peliqan-connector-picker></div>`);
    const english = unknown.querySelector('peliqan-connector-picker')!;
    await waitFor(() => english.state === 'ready');
    expect(searchLabel(english)).to.equal('Search connectors');
  });

  it('hands the settings on to elements inside it whose code came first, once its own code arrives', async () => {
    // With the script tag each element's code arrives on its own: here the middle element's comes last.
    const outer = await fixture(
      html`<peliqan-connect language="tlh" base-url=${fake.url} token-url=${freshTokenUrl(fake)}>
        <peliqan-late-picker language="de">
          <peliqan-connect-form servertype="stripe"></peliqan-connect-form>
        </peliqan-late-picker>
      </peliqan-connect>`,
    );
    const form = outer.querySelector<PeliqanConnectForm>('peliqan-connect-form')!;
    const heading = () => form.shadowRoot!.querySelector('h2')?.textContent;
    await waitFor(() => form.state === 'ready');
    expect(heading()).to.equal('Connect-tlh Stripe');
    customElements.define('peliqan-late-picker', class extends PeliqanConnectorPicker {});
    await waitFor(() => heading() === 'Mit Stripe verbinden');
    // And it hears of the middle element's changes from then on.
    outer.querySelector('peliqan-late-picker')!.setAttribute('language', 'tlh');
    await waitFor(() => heading() === 'Connect-tlh Stripe');
  });

  it('gives its settings to elements inside it that asked before its own code arrived', async () => {
    // The outer element's code comes last: the form inside it first asked, and nobody answered.
    const outer = await fixture(
      html`<peliqan-late-outer language="tlh" base-url=${fake.url} token-url=${freshTokenUrl(fake)}>
        <peliqan-connect-form servertype="stripe"></peliqan-connect-form>
      </peliqan-late-outer>`,
    );
    const form = outer.querySelector<PeliqanConnectForm>('peliqan-connect-form')!;
    await form.updateComplete;
    expect(form.shadowRoot!.querySelector('h2')?.textContent).to.not.equal('Connect-tlh Stripe');
    customElements.define('peliqan-late-outer', class extends PeliqanConnectorPicker {});
    await waitFor(() => form.shadowRoot!.querySelector('h2')?.textContent === 'Connect-tlh Stripe');
    expect(form.state).to.equal('ready');
  });

  it('an element that moved before the element around it upgraded, and then left it, no longer hears it', async () => {
    const wrap = await fixture(
      html`<div>
        <peliqan-late-left language="tlh" base-url=${fake.url} token-url=${freshTokenUrl(fake)}>
          <peliqan-connect-form servertype="stripe"></peliqan-connect-form>
        </peliqan-late-left>
      </div>`,
    );
    const outer = wrap.querySelector('peliqan-late-left')!;
    const form = wrap.querySelector<PeliqanConnectForm>('peliqan-connect-form')!;
    const heading = () => form.shadowRoot!.querySelector('h2')?.textContent;
    await form.updateComplete;
    outer.append(form); // moved within it: it asks again
    customElements.define('peliqan-late-left', class extends PeliqanConnectorPicker {});
    await waitFor(() => heading() === 'Connect-tlh Stripe');
    wrap.append(form); // out of it
    outer.setAttribute('language', 'de');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heading()).to.not.equal('Mit Stripe verbinden');
  });

  it('is light, dark, or follows the system with theme="auto"', async () => {
    configure({ baseUrl: fake.url, tokenUrl: freshTokenUrl(fake) });
    const colour = async (theme: string) => {
      const element = await fixture<PeliqanConnectorPicker>(
        html`<peliqan-connector-picker theme=${theme}></peliqan-connector-picker>`,
      );
      await waitFor(() => element.state === 'ready');
      return getComputedStyle(element.shadowRoot!.querySelector('label')!).color;
    };
    const light = await colour('light');
    const dark = await colour('dark');
    expect(light).not.to.equal(dark);
    expect(await colour('auto')).to.equal(light);
    await emulateMedia({ colorScheme: 'dark' });
    expect(await colour('auto')).to.equal(dark);
    expect(await colour('light')).to.equal(light);
  });

  it("refuses an element's own base-url with the page's token source: visible, invalid-config, no request", async () => {
    configure({ baseUrl: fake.url, tokenUrl: freshTokenUrl(fake) });
    const messages: string[] = [];
    document.addEventListener('peliqan-error', (event) => messages.push(event.detail.message), { once: true });
    const element = await fixture<PeliqanConnectorPicker>(
      html`<peliqan-connector-picker base-url="https://evil.example"></peliqan-connector-picker>`,
    );
    await waitFor(() => element.state === 'error');
    // The customer is told the page is not set up right; the partner's event says what is wrong.
    expect(byRole(element, 'alert').textContent).to.contain('This page is not set up correctly');
    expect(messages[0]).to.contain('token source');
    expect(await fake.requests()).to.deep.equal([]);
  });

  it('refuses a base-url that is not https (http only for localhost), with invalid-config', async () => {
    const events: string[] = [];
    document.addEventListener('peliqan-error', (event) => events.push(event.detail.code, event.detail.message), {
      once: true,
    });
    const element = await fixture<PeliqanConnectorPicker>(
      html`<peliqan-connector-picker base-url="http://peliqan.example" token-url=${freshTokenUrl(fake)}></peliqan-connector-picker>`,
    );
    await waitFor(() => element.state === 'error');
    expect(events[0]).to.equal('invalid-config');
    expect(events[1]).to.contain('https');
    expect(byRole(element, 'alert').textContent).to.contain('This page is not set up correctly');
    expect(await fake.requests()).to.deep.equal([]);
  });

  it('reset() forgets the token and the catalogue: elements on the page start again', async () => {
    const tokenUrl = freshTokenUrl(fake);
    configure({ baseUrl: fake.url, tokenUrl });
    const element = await fixture<PeliqanConnectorPicker>(html`<peliqan-connector-picker></peliqan-connector-picker>`);
    await waitFor(() => element.state === 'ready');
    const events = recordEvents(element, ['peliqan-error']);
    reset();
    const asked = async (route: string) => (await fake.requests()).filter((r) => r.route === route).length;
    await waitFor(async () => (await asked('GET /api/servertypes')) === 2);
    await waitFor(() => element.state === 'ready');
    expect(await asked('POST /__fake/token')).to.equal(2);
    expect(events).to.deep.equal([]);
  });

  it('reset() empties every mounted form: values, revealed secrets, errors and the attempt under way', async () => {
    const first = freshTokenUrl(fake);
    configure({ baseUrl: fake.url, tokenUrl: first });
    await fake.faults({ testDelay: 60_000 });
    const waiting = await fixture<PeliqanConnectForm>(
      html`<peliqan-connect-form servertype="stripe"></peliqan-connect-form>`,
    );
    const typed = await fixture<PeliqanConnectForm>(
      html`<peliqan-connect-form servertype="postgres"></peliqan-connect-form>`,
    );
    await waitFor(() => waiting.state === 'ready' && typed.state === 'ready');
    typeInto(byLabel(waiting, 'Restricted API key'), 'rk_live_previous_customer');
    byRole(waiting, 'button', 'Connect').click();
    await waitFor(() => waiting.state === 'waiting');
    typeInto(byLabel(typed, 'Password'), 'previous-customers-password');
    byRole(typed, 'button', 'Show Password').click();
    byRole(typed, 'button', 'Connect').click();
    await waitFor(() => allByRole(typed, 'alert').length === 1);
    // The previous customer logs out; the next one logs in.
    configure({ tokenUrl: freshTokenUrl(fake) });
    await waitFor(() => waiting.state === 'ready' && typed.state === 'ready');
    expect(byLabel<HTMLInputElement>(waiting, 'Restricted API key').value).to.equal('');
    expect(byLabel<HTMLInputElement>(typed, 'Password').value).to.equal('');
    expect(byLabel<HTMLInputElement>(typed, 'Password').type).to.equal('password', 'no secret left revealed');
    expect(allByRole(typed, 'alert')).to.deep.equal([]);
    expect(byLabel<HTMLInputElement>(typed, 'Port').value).to.equal('5432', 'defaults stay');
    // The next customer's Connect sends nothing of the previous one's.
    const before = (await fake.requests()).length;
    byRole(waiting, 'button', 'Connect').click();
    await waiting.updateComplete;
    expect(
      (await fake.requests()).slice(before).filter((request) => request.route === 'POST /api/servers'),
    ).to.deep.equal([]);
  });

  it('configure() with another token source starts again with the new one', async () => {
    configure({ baseUrl: fake.url, tokenUrl: fake.tokenUrl('customer_a') });
    const element = await fixture<PeliqanConnectorPicker>(html`<peliqan-connector-picker></peliqan-connector-picker>`);
    await waitFor(() => element.state === 'ready');
    configure({ tokenUrl: fake.tokenUrl('customer_b') });
    await waitFor(async () => (await fake.requests()).filter((r) => r.route === 'GET /api/servertypes').length === 2);
    const accounts = new Set((await fake.apiRequests()).map((request) => request.account));
    expect(accounts.size).to.equal(2);
  });
});
