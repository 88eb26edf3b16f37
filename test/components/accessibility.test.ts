/**
 * axe-core in every state of every element (issue 18), each in three looks: light, dark on a dark
 * page, and a partner's brand colours. The widget has no background of its own, so each look sits on
 * the page colour a partner would give it; colour contrast is checked against that.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type {
  PeliqanConnect,
  PeliqanConnectButton,
  PeliqanConnectForm,
  PeliqanConnectionStatus,
  PeliqanConnections,
  PeliqanConnectorPicker,
  PeliqanOAuthButton,
} from '../../src/index.js';
import { startFake, freshTokenUrl, newCustomer, type BrowserFake } from '../support/browser.js';
import { byLabel, byRole, byText, deepAll, realClick, recordEvents, typeInto, waitFor } from '../support/dom.js';

type Looks = 'light' | 'dark' | 'brand';
const LOOKS: Record<Looks, { theme: 'light' | 'dark'; page: string }> = {
  light: { theme: 'light', page: 'background: #fff; color: #111827' },
  dark: { theme: 'dark', page: 'background: #111827; color: #f3f4f6; color-scheme: dark' },
  // The demo's "Acme brand colours".
  brand: {
    theme: 'light',
    page: [
      'background: #fffbeb',
      '--peliqan-color-accent: #b45309',
      '--peliqan-color-text: #292524',
      '--peliqan-color-muted: #57534e',
      '--peliqan-color-surface: #fffbeb',
      '--peliqan-color-border: #d6d3d1',
      '--peliqan-radius: 2px',
      "--peliqan-font-family: Georgia, 'Times New Roman', serif",
    ].join('; '),
  },
};

/** Every peliqan element under `root` has rendered what it has. */
async function settled(root: Element): Promise<void> {
  await new Promise(requestAnimationFrame);
  const elements = deepAll(root).filter((element) => element.localName.startsWith('peliqan-'));
  await Promise.all(elements.map((element) => (element as PeliqanConnect).updateComplete));
}

/** axe finds nothing on the page of `element` (it and its siblings) in their current state, in each look. */
async function accessibleInEveryLook(element: HTMLElement, state: string) {
  const page = element.parentElement!;
  for (const [look, { theme, page: style }] of Object.entries(LOOKS)) {
    page.setAttribute('style', style);
    for (const each of page.children) each.setAttribute('theme', theme);
    await settled(page);
    try {
      await expect(page).to.be.accessible();
    } catch (error) {
      throw new Error(`${state}, ${look}: ${(error as Error).message}`, { cause: error });
    }
  }
  page.removeAttribute('style');
}

describe('accessibility: axe in every state, light, dark and brand', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(() => fake.reset({ testDelay: 400 }));

  /** An element on a "page" (a wrapper whose colours the looks set). */
  async function onPage<T extends HTMLElement>(template: unknown): Promise<T> {
    const page = await fixture<HTMLDivElement>(html`<div class="page">${template}</div>`);
    return page.firstElementChild as T;
  }
  const connection = { baseUrl: () => fake.url, tokenUrl: () => freshTokenUrl(fake) };

  describe('<peliqan-connector-picker>', () => {
    const picker = () =>
      onPage<PeliqanConnectorPicker>(
        html`<peliqan-connector-picker
          base-url=${connection.baseUrl()}
          token-url=${connection.tokenUrl()}
        ></peliqan-connector-picker>`,
      );

    it('loading, ready, searching, no match', async () => {
      await fake.faults({ delay: { 'GET /api/servertypes': 1500 } });
      const element = await picker();
      expect(element.state).to.equal('loading');
      await accessibleInEveryLook(element, 'loading');
      await waitFor(() => element.state === 'ready', 8000);
      await accessibleInEveryLook(element, 'ready');
      typeInto(byRole(element, 'searchbox'), 'post');
      await accessibleInEveryLook(element, 'searching');
      typeInto(byRole(element, 'searchbox'), 'zzzz');
      await waitFor(() => byRole(element, 'button', 'Show all connectors'));
      await accessibleInEveryLook(element, 'no match');
    });

    it('a catalogue that cannot be read, and an empty one', async () => {
      await fake.faults({ status: { 'GET /api/servertypes': 500 } });
      const broken = await picker();
      await waitFor(() => broken.state === 'error', 10_000);
      expect(byRole(broken, 'button', 'Retry')).to.exist;
      await accessibleInEveryLook(broken, 'error');
      await fake.faults({ status: { 'GET /api/servertypes': { status: 200, body: [] } } });
      const empty = await picker();
      await waitFor(() => byText(empty, 'No connectors available'));
      await accessibleInEveryLook(empty, 'empty');
    });
  });

  describe('<peliqan-connect-form> (credentials)', () => {
    const form = async (servertype = 'postgres') => {
      const element = await onPage<PeliqanConnectForm>(
        html`<peliqan-connect-form
          base-url=${connection.baseUrl()}
          token-url=${connection.tokenUrl()}
          servertype=${servertype}
        ></peliqan-connect-form>`,
      );
      await waitFor(() => element.state === 'ready');
      return element;
    };
    const fill = (element: HTMLElement, password: string) => {
      typeInto(byLabel(element, 'Host'), 'db.acme.example');
      typeInto(byLabel(element, 'Username'), 'reporting');
      typeInto(byLabel(element, 'Password'), password);
      typeInto(byLabel(element, 'Database'), 'sales');
    };

    it('ready, invalid, testing, connected', async () => {
      const element = await form();
      await accessibleInEveryLook(element, 'ready');
      byRole(element, 'button', 'Connect').click();
      await waitFor(() => byText(element, 'Fill in Host.'));
      await accessibleInEveryLook(element, 'invalid');
      fill(element, 'correct-horse');
      byRole(element, 'button', 'Show Password').click();
      byRole(element, 'button', 'Connect').click();
      await waitFor(() => element.state === 'waiting');
      await accessibleInEveryLook(element, 'testing');
      await waitFor(() => element.state === 'connected', 8000);
      expect(byRole(element, 'button', 'Done')).to.exist;
      await accessibleInEveryLook(element, 'connected');
    });

    it('failed with the reason, and an unknown connector', async () => {
      await fake.faults({ connectionTest: 'fail', testDelay: 100 });
      const element = await form();
      fill(element, 'wrong');
      byRole(element, 'button', 'Connect').click();
      await waitFor(() => element.state === 'failed', 8000);
      expect(byRole(element, 'alert').textContent).to.contain('credentials were rejected');
      await accessibleInEveryLook(element, 'failed');
      const missing = await onPage<PeliqanConnectForm>(
        html`<peliqan-connect-form
          base-url=${connection.baseUrl()}
          token-url=${connection.tokenUrl()}
          servertype="nope"
        ></peliqan-connect-form>`,
      );
      await waitFor(() => byText(missing, /not available/));
      await accessibleInEveryLook(missing, 'unknown connector');
    });

    it('a setting the widget refuses (invalid-config)', async () => {
      const element = await onPage<PeliqanConnectForm>(
        html`<peliqan-connect-form
          base-url="http://peliqan.example"
          token-url=${connection.tokenUrl()}
          servertype="postgres"
        ></peliqan-connect-form>`,
      );
      await waitFor(() => element.state === 'error');
      await accessibleInEveryLook(element, 'invalid-config');
    });
  });

  describe('<peliqan-oauth-button> and the OAuth step', () => {
    const inWindow = (action: 'allow' | 'deny' | 'close' | 'find') =>
      executeServerCommand('sign-in-window', { origin: fake.oauthUrl, action });
    afterEach(() => executeServerCommand('close-windows', { origin: fake.oauthUrl }));
    const button = async () => {
      const element = await onPage<PeliqanOAuthButton>(
        html`<peliqan-oauth-button
          base-url=${connection.baseUrl()}
          token-url=${connection.tokenUrl()}
          servertype="hubspot"
          status-timeout="6"
        ></peliqan-oauth-button>`,
      );
      await waitFor(() => element.state === 'ready');
      return element;
    };

    it('notice, waiting, connected', async () => {
      const element = await button();
      expect(byText(element, 'Powered by Peliqan')).to.exist;
      await accessibleInEveryLook(element, 'notice');
      await realClick(byRole(element, 'button', 'Connect HubSpot'));
      await waitFor(() => element.state === 'waiting', 5000);
      await inWindow('find');
      await accessibleInEveryLook(element, 'waiting');
      await inWindow('allow');
      await waitFor(() => element.state === 'connected', 8000);
      await accessibleInEveryLook(element, 'connected');
    });

    it('blocked, window closed, denied', async () => {
      const element = await button();
      // A script's click carries no user activation: the popup blocker refuses the window.
      byRole(element, 'button', 'Connect HubSpot').click();
      await waitFor(() => byRole(element, 'button', 'Open sign-in window'));
      await accessibleInEveryLook(element, 'blocked');
      await realClick(byRole(element, 'button', 'Open sign-in window'));
      await waitFor(() => element.state === 'waiting', 5000);
      await inWindow('find');
      // Past the first 3 s a closed window is really closed (not a COOP page hiding it).
      await new Promise((resolve) => setTimeout(resolve, 3200));
      await inWindow('close');
      await waitFor(() => byText(element, /The sign-in window was closed/), 3000);
      await accessibleInEveryLook(element, 'window closed, checking');
      await waitFor(() => element.state === 'cancelled', 8000);
      await accessibleInEveryLook(element, 'window closed');
      await realClick(byRole(element, 'button', 'Try again'));
      await waitFor(() => element.state === 'waiting', 5000);
      await inWindow('deny');
      await waitFor(() => element.state === 'failed', 8000);
      await accessibleInEveryLook(element, 'denied');
    });
  });

  describe('<peliqan-connect>', () => {
    it('picker, form, and the success screen, as one flow', async () => {
      const element = await onPage<PeliqanConnect>(
        html`<peliqan-connect base-url=${connection.baseUrl()} token-url=${connection.tokenUrl()}></peliqan-connect>`,
      );
      await waitFor(() => element.state === 'ready');
      await accessibleInEveryLook(element, 'picker');
      byRole(element, 'button', /^Stripe/).click();
      const key = await waitFor(() => byLabel(element, 'Restricted API key'));
      await accessibleInEveryLook(element, 'form');
      typeInto(key, 'rk_live_1');
      byRole(element, 'button', 'Connect').click();
      await waitFor(() => element.state === 'connected', 8000);
      await accessibleInEveryLook(element, 'success');
    });
  });

  describe('<peliqan-connections> and <peliqan-connection-status>', () => {
    const customer = () => newCustomer(fake);
    const list = async (tokenUrl: string) => {
      const element = await onPage<PeliqanConnections>(
        html`<peliqan-connections base-url=${fake.url} token-url=${tokenUrl}></peliqan-connections>`,
      );
      await waitFor(() => element.state === 'ready' || element.state === 'error', 10_000);
      return element;
    };

    it('rows in every status, earlier attempts, logs, and the add panel', async () => {
      const { tokenUrl, seed } = customer();
      await seed('stripe', 'Payments', 'ERROR', 'Key revoked');
      await seed('stripe', 'Payments', 'ERROR', 'Key revoked');
      await seed('shopify', 'Webshop', null);
      await seed('pipedrive', 'Sales', 'OK');
      const element = await list(tokenUrl);
      await accessibleInEveryLook(element, 'list');
      byRole(element, 'button', 'Show 1 earlier attempt').click();
      await accessibleInEveryLook(element, 'earlier attempts');
      byRole(element, 'button', 'Logs Sales').click();
      await waitFor(() => element.shadowRoot!.querySelector('.logs .log'));
      await accessibleInEveryLook(element, 'logs');
      byRole(element, 'button', 'Add connection').click();
      await waitFor(() => byRole(element, 'button', /^Stripe/));
      await accessibleInEveryLook(element, 'add panel');
    });

    it('loading, nothing yet, and a list that cannot be read', async () => {
      await fake.faults({ delay: { 'GET /api/servers': 1500 } });
      const loading = await onPage<PeliqanConnections>(
        html`<peliqan-connections base-url=${fake.url} token-url=${customer().tokenUrl}></peliqan-connections>`,
      );
      expect(loading.state).to.equal('loading');
      await accessibleInEveryLook(loading, 'loading');
      await waitFor(() => byText(loading, 'No connections yet.'), 8000);
      await accessibleInEveryLook(loading, 'nothing yet');
      await fake.faults({ delay: {}, status: { 'GET /api/servers': 500 } });
      const broken = await list(customer().tokenUrl);
      await waitFor(() => byRole(broken, 'button', 'Retry'), 10_000);
      await accessibleInEveryLook(broken, 'error');
    });

    it('badges: connected, pending, failed, and the "Connect again" dialog', async () => {
      const { tokenUrl, seed } = customer();
      const ids = [
        (await seed('pipedrive', 'Sales', 'OK')).id,
        (await seed('shopify', 'Webshop', null)).id,
        (await seed('stripe', 'Payments', 'ERROR', 'Key revoked')).id,
      ];
      const page = await fixture<HTMLDivElement>(
        html`<div>
          ${ids.map(
            (id) =>
              html`<peliqan-connection-status
                base-url=${fake.url}
                token-url=${tokenUrl}
                connection-id=${id}
              ></peliqan-connection-status>`,
          )}
        </div>`,
      );
      const badges = [...page.querySelectorAll<PeliqanConnectionStatus>('peliqan-connection-status')];
      await waitFor(() => badges.map((badge) => badge.state).join() === 'connected,waiting,failed', 8000);
      await accessibleInEveryLook(badges[0]!, 'badges');
      byRole(badges[2]!, 'button', 'Connect again').click();
      await waitFor(() => byRole(badges[2]!, 'dialog'));
      await waitFor(() => byLabel(badges[2]!, 'Restricted API key'));
      await accessibleInEveryLook(badges[2]!, 'connect-again dialog');
    });

    it('badges: disabled, and unavailable in an outage (the reason is their description)', async () => {
      const { tokenUrl, seed } = customer();
      const disabled = (await seed('mailchimp', 'Newsletter', 'DISABLED', 'Disabled by an administrator')).id;
      const page = await fixture<HTMLDivElement>(
        html`<div>
          <peliqan-connection-status base-url=${fake.url} token-url=${tokenUrl} connection-id=${disabled}></peliqan-connection-status>
        </div>`,
      );
      const badge = page.querySelector<PeliqanConnectionStatus>('peliqan-connection-status')!;
      await waitFor(() => badge.state === 'disabled', 8000);
      await accessibleInEveryLook(badge, 'disabled badge');
      await fake.faults({ drop: { 'GET /api/server/:id': 100 } });
      const outage = await onPage<PeliqanConnectionStatus>(
        html`<peliqan-connection-status base-url=${fake.url} token-url=${tokenUrl} connection-id=${disabled}></peliqan-connection-status>`,
      );
      await waitFor(() => outage.state === 'error', 10_000);
      await accessibleInEveryLook(outage, 'unavailable badge');
    });
  });

  describe('<peliqan-connect-button>: the flow in a dialog', () => {
    it('picker, form with its way back and out, Check again, success: in the dialog and as a sheet', async () => {
      await fake.faults({ testDelay: 60_000 });
      const button = await onPage<PeliqanConnectButton>(
        html`<peliqan-connect-button base-url=${fake.url} token-url=${freshTokenUrl(fake)} status-timeout="1"></peliqan-connect-button>`,
      );
      await accessibleInEveryLook(button, 'button');
      const created = recordEvents(button, ['peliqan-connection-created']);
      void button.show();
      await waitFor(() => byRole(button, 'button', /^Stripe/));
      await accessibleInEveryLook(button, 'dialog, picker');
      byRole(button, 'button', /^Stripe/).click();
      typeInto(await waitFor(() => byLabel<HTMLInputElement>(button, 'Restricted API key')), 'rk_live_1');
      await accessibleInEveryLook(button, 'dialog, form');
      byRole(button, 'button', 'Connect').click();
      await waitFor(() => byRole(button, 'button', 'Check again'), 5000);
      await accessibleInEveryLook(button, 'dialog, check again');
      await fetch(`${fake.url}/__fake/connections/${created[0]!.detail.connectionId}`, {
        method: 'POST',
        body: JSON.stringify({ health_status: 'OK' }),
      });
      byRole(button, 'button', 'Check again').click();
      await waitFor(() => byRole(button, 'button', 'Done'), 8000);
      await accessibleInEveryLook(button, 'dialog, connected');
      button.close();
    });
  });
});
