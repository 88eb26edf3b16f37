/**
 * Issue 23, from the outside: what injected markup, a hostile redirect or a clobbered global can and
 * cannot make the widget do, and what of a typed secret Peliqan's messages can pass on.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import { PeliqanClient, isPeliqanError } from '../../src/api/index.js';
import {
  configure,
  type PeliqanConnectForm,
  type PeliqanConnectButton,
  type PeliqanConnections,
  type PeliqanConnectorPicker,
} from '../../src/index.js';
import { isPeliqanEmbed } from '../../src/embed-global.js';
import {
  startFake,
  startHostileOrigin,
  startRedirector,
  type BrowserFake,
  type HostileOrigin,
} from '../support/browser.js';
import { byLabel, byRole, recordEvents, typeInto, waitFor } from '../support/dom.js';

let customers = 0;
const customer = () => `security_${Date.now()}_${++customers}`;
/** Long enough for anything still under way to have reached its destination. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('security (issue 23)', () => {
  let fake: BrowserFake;
  let hostile: HostileOrigin;
  before(async () => {
    fake = await startFake();
    hostile = await startHostileOrigin();
  });
  after(() => Promise.all([fake.stop(), hostile.stop()]));
  beforeEach(() => fake.reset({ testDelay: 200 }));
  afterEach(() => hostile.clear());
  afterEach(() => configure({ baseUrl: undefined, tokenUrl: undefined, token: undefined, tokenProvider: undefined }));

  describe('token binding: markup alone never decides where a token goes', () => {
    const variants = [
      { answer: "names the page's API origin as base_url", named: undefined },
      { answer: 'names no base_url', named: { baseUrl: null } },
    ];
    for (const { answer, named } of variants) {
      it(`injected markup naming the page's token-url beside another base-url gets nothing sent there (the token endpoint ${answer})`, async () => {
        const tokenUrl = fake.tokenUrl(customer(), named);
        configure({ baseUrl: fake.url, tokenUrl });
        const page = await fixture<HTMLElement>(html`<div></div>`);
        const errors = recordEvents(page, ['peliqan-error']);
        // What an HTML injection can write: markup, no script.
        page.innerHTML = `<peliqan-connections base-url="${hostile.url}" token-url="${tokenUrl}"></peliqan-connections>`;
        const injected = page.querySelector<PeliqanConnections>('peliqan-connections')!;
        await waitFor(() => injected.state === 'error');
        expect(byRole(injected, 'alert').textContent).to.contain('This page is not set up correctly');
        expect(errors.map((event) => event.detail.code)).to.include('invalid-config');
        await settle();
        expect(await hostile.requests()).to.deep.equal([]);

        // The page's own element, configured in script, works on the same token endpoint.
        const own = await fixture<PeliqanConnections>(html`<peliqan-connections></peliqan-connections>`);
        await waitFor(() => own.state === 'ready');
      });
    }

    it('markup alone works with a token endpoint that names the same base_url (as createTokenHandler does)', async () => {
      const element = await fixture<PeliqanConnectorPicker>(
        html`<peliqan-connector-picker base-url=${fake.url} token-url=${fake.tokenUrl(customer())}></peliqan-connector-picker>`,
      );
      await waitFor(() => element.state === 'ready');
    });

    it('markup alone with a token endpoint that names no base_url is bound to the default origin: nothing is sent', async () => {
      const errors: string[] = [];
      document.addEventListener('peliqan-error', (event) => errors.push(event.detail.code), { once: true });
      const tokenUrl = fake.tokenUrl(customer(), { baseUrl: null });
      const element = await fixture<PeliqanConnectorPicker>(
        html`<peliqan-connector-picker base-url=${fake.url} token-url=${tokenUrl}></peliqan-connector-picker>`,
      );
      await waitFor(() => element.state === 'error');
      expect(errors).to.deep.equal(['invalid-config']);
      expect(await fake.apiRequests()).to.deep.equal([]);
    });

    it("a connect button's markup binds nothing either: its dialog gets no token for the base-url it names", async () => {
      const errors = recordEvents(document, ['peliqan-error']);
      const tokenUrl = fake.tokenUrl(customer(), { baseUrl: null });
      const page = await fixture<HTMLElement>(html`<div></div>`);
      page.innerHTML = `<peliqan-connect-button base-url="${hostile.url}" token-url="${tokenUrl}"></peliqan-connect-button>`;
      const injected = page.querySelector<PeliqanConnectButton>('peliqan-connect-button')!;
      void injected.show();
      try {
        await waitFor(() => byRole(injected, 'alert'));
        expect(byRole(injected, 'alert').textContent).to.contain('This page is not set up correctly');
        await settle();
        expect(await hostile.requests()).to.deep.equal([]);
        // One misconfiguration, one event: the dialog and its flow take the button's refusal without repeating it.
        expect(errors.map((event) => event.detail.code)).to.deep.equal(['invalid-config']);
      } finally {
        injected.close();
      }
    });

    it('a base URL set in script binds a token whose endpoint names none, on the element or through configure()', async () => {
      const tokenUrl = fake.tokenUrl(customer(), { baseUrl: null });
      const own = await fixture<PeliqanConnectorPicker>(
        html`<peliqan-connector-picker .baseUrl=${fake.url} token-url=${tokenUrl}></peliqan-connector-picker>`,
      );
      await waitFor(() => own.state === 'ready');
      configure({ baseUrl: fake.url });
      const repeated = await fixture<PeliqanConnectorPicker>(
        html`<peliqan-connector-picker base-url=${fake.url} token-url=${tokenUrl}></peliqan-connector-picker>`,
      );
      await waitFor(() => repeated.state === 'ready');
    });

    it('a tokenProvider may name the API origin its token is for', async () => {
      const { token } = await (await fetch(fake.tokenUrl(customer(), { baseUrl: null }), { method: 'POST' })).json();
      const named = await fixture<PeliqanConnectorPicker>(
        html`<peliqan-connector-picker
          base-url=${fake.url}
          .tokenProvider=${async () => ({ token, baseUrl: fake.url })}
        ></peliqan-connector-picker>`,
      );
      await waitFor(() => named.state === 'ready');
      const elsewhere = await fixture<PeliqanConnectorPicker>(
        html`<peliqan-connector-picker
          base-url=${hostile.url}
          .tokenProvider=${async () => ({ token, baseUrl: fake.url })}
        ></peliqan-connector-picker>`,
      );
      await waitFor(() => elsewhere.state === 'error');
      await settle();
      expect(await hostile.requests()).to.deep.equal([]);
    });
  });

  describe('redirects', () => {
    const password = 'redirected-password-1';
    let redirector: { url: string; stop(): Promise<void> };
    before(async () => (redirector = await startRedirector(hostile.url)));
    after(() => redirector.stop());

    it('a 307 from the API to another origin carries no body there (the API client)', async () => {
      const client = new PeliqanClient({ baseUrl: redirector.url, token: 'a-token' });
      const error = await client.addConnection({ servertype_id: 102, password }).catch((caught: unknown) => caught);
      expect(isPeliqanError(error) && error.code).to.equal('network');
      await settle();
      expect(await hostile.requests()).to.deep.equal([]);
    });

    it("a 307 from the API to another origin does not carry the customer's typed password there (the form)", async () => {
      const postgres = {
        id: 102,
        name: 'Postgres',
        server_type: 'postgres',
        settings: { connect_form: { fields: { password: { show: true, label: 'Password', required: true } } } },
      };
      const element = await fixture<PeliqanConnectForm>(
        html`<peliqan-connect-form .baseUrl=${redirector.url} .token=${'a-token'} .servertype=${postgres}></peliqan-connect-form>`,
      );
      await waitFor(() => element.state === 'ready');
      const errors = recordEvents(element, ['peliqan-error']);
      typeInto(byLabel(element, 'Password'), password);
      byRole(element, 'button', 'Connect').click();
      await waitFor(() => errors.length > 0);
      await settle();
      // The form then looks for the connection it may have made: the browser follows that GET without the
      // token (and the client refuses what comes back). Nothing else gets there: no create, no password.
      const reached = await hostile.requests();
      expect(reached.filter((request) => request.method !== 'GET' || request.headers.authorization)).to.deep.equal([]);
      expect(JSON.stringify(reached)).not.to.contain(password);
    });
  });

  describe('redaction', () => {
    it('shows and sends on no form of a secret Peliqan quotes: URL-encoded, upper-cased, Base64, cut short', async () => {
      const secret = 'p@ss w0rd/1x';
      const forms = [
        secret,
        encodeURIComponent(secret),
        secret.toUpperCase(),
        btoa(`analytics:${secret}`),
        btoa(`analytics:${secret}`).slice(4),
        secret.slice(0, 9),
      ];
      const quoted =
        `Could not connect to postgres://analytics:${encodeURIComponent(secret)}@db.acme.example/sales ` +
        `(PASSWORD ${secret.toUpperCase()}; Authorization: Basic ${btoa(`analytics:${secret}`)}; '${secret.slice(0, 9)}…')`;
      await fake.faults({
        status: { 'POST /api/servers': [{ status: 400, body: { error: 'ERROR_CONNECTION', detail: quoted } }] },
      });
      const element = await fixture<PeliqanConnectForm>(
        html`<peliqan-connect-form base-url=${fake.url} token-url=${fake.tokenUrl(customer())} servertype="postgres"></peliqan-connect-form>`,
      );
      await waitFor(() => element.state === 'ready');
      const events = recordEvents(element, ['peliqan-error', 'peliqan-connection-created', 'peliqan-status']);
      typeInto(byLabel(element, 'Host'), 'db.acme.example');
      typeInto(byLabel(element, 'Username'), 'analytics');
      typeInto(byLabel(element, 'Password'), secret);
      typeInto(byLabel(element, 'Database'), 'sales');
      byRole(element, 'button', 'Connect').click();
      await waitFor(() => element.state === 'failed');
      const shown = byRole(element, 'alert').textContent!;
      const [error] = events.filter((event) => event.type === 'peliqan-error');
      // Peliqan's message still reaches the customer and the partner, with the secret masked.
      expect(shown).to.contain('Basic •••');
      expect(error!.detail.message).to.contain('Basic •••');
      for (const form of forms) {
        expect(element.shadowRoot!.textContent, form).not.to.contain(form);
        expect(JSON.stringify(events), form).not.to.contain(form);
      }
    });
  });

  describe('DOM clobbering', () => {
    it('installs window.PeliqanEmbed over an element named PeliqanEmbed, and its reset() works', async () => {
      const clobber = document.createElement('div');
      clobber.id = 'PeliqanEmbed';
      document.body.append(clobber);
      try {
        // Named access: the element now answers to the global's name.
        expect(window.PeliqanEmbed as unknown).to.equal(clobber);
        await import('../../src/embed.js');
        const embed = window.PeliqanEmbed!;
        expect(typeof embed.reset).to.equal('function');
        embed.configure({ baseUrl: fake.url, tokenUrl: fake.tokenUrl(customer()) });
        const picker = await fixture<PeliqanConnectorPicker>(
          html`<peliqan-connector-picker></peliqan-connector-picker>`,
        );
        await waitFor(() => picker.state === 'ready');
        embed.reset();
        const catalogueReads = async () =>
          (await fake.requests()).filter((request) => request.route === 'GET /api/servertypes').length;
        await waitFor(async () => (await catalogueReads()) === 2);
      } finally {
        clobber.remove();
      }
    });

    it('knows its own global by a mark markup cannot make (a form named so even has a reset())', () => {
      const form = document.createElement('form');
      expect(typeof form.reset).to.equal('function');
      expect(isPeliqanEmbed(form)).to.equal(false);
      expect(isPeliqanEmbed({ reset() {}, configure() {}, version: '0.1.0' })).to.equal(false);
    });
  });
});
