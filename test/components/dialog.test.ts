/**
 * `<peliqan-connect-button>` and `PeliqanEmbed.open()` (product spec §4): the flow in a native modal
 * dialog, as a partner's customer meets it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { PeliqanConnectDialog } from '../../src/components/connect-button/connect-dialog.js';
import { configure, open, type PeliqanConnectButton } from '../../src/index.js';
import { startFake, freshTokenUrl, type BrowserFake } from '../support/browser.js';
import { allByRole, byLabel, byRole, deepAll, recordEvents, typeInto, waitFor } from '../support/dom.js';

describe('the flow in a dialog', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(() => fake.reset({ testDelay: 300 }));
  afterEach(async () => {
    configure({ baseUrl: undefined, tokenUrl: undefined });
    await setViewport({ width: 800, height: 600 });
  });

  const dialogOf = (root: Element) =>
    deepAll(root).find((each): each is HTMLDialogElement => each instanceof HTMLDialogElement)!;
  /** The focused element, inside shadow roots too. */
  const focused = () => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active as HTMLElement;
  };

  async function button(attributes = html``) {
    const page = await fixture(html`<div>
      <p><a href="#behind">A link on the partner's page</a></p>
      <peliqan-connect-button base-url=${fake.url} token-url=${freshTokenUrl(fake)}>${attributes}</peliqan-connect-button>
    </div>`);
    return { page, element: page.querySelector<PeliqanConnectButton>('peliqan-connect-button')! };
  }

  it('opens the picker in a modal dialog with focus in the search; Escape closes it and focus returns', async () => {
    const { page, element } = await button();
    const trigger = byRole(element, 'button', 'Add connection');
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await waitFor(() => dialogOf(element));
    await waitFor(() => dialog.open && dialog.matches(':modal'));
    await waitFor(() => focused().matches('input[type="search"]'));
    expect(document.documentElement.style.overflow).to.equal('hidden', 'the page does not scroll behind');
    // The page behind is inert: nothing there takes focus.
    const behind = page.querySelector('a')!;
    behind.focus();
    expect(document.activeElement).to.not.equal(behind);
    await expect(element).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialog.open);
    expect(focused()).to.equal(trigger);
    expect(document.documentElement.style.overflow).to.equal('');
  });

  it('the close button in the header closes it; show() resolves null without a connection', async () => {
    const { element } = await button();
    const result = element.show();
    await waitFor(() => byRole(element, 'button', /^Stripe/)).then((tile) => tile.click());
    await waitFor(() => byLabel(element, 'Restricted API key'));
    // One way back and one way out, in the header: never Back, Cancel and Close side by side.
    expect(
      allByRole(element, 'button', /^(Back|Close|Cancel)$/).map((each) => each.getAttribute('aria-label')),
    ).to.deep.equal(['Back', 'Close']);
    byRole(element, 'button', 'Close').click();
    expect(await result).to.equal(null);
  });

  it('connects, closes after Done, and show() resolves with the connection; its events leave the button', async () => {
    const { element } = await button();
    const events = recordEvents(element, ['peliqan-connected', 'peliqan-done']);
    const result = element.show();
    await waitFor(() => byRole(element, 'button', /^Stripe/)).then((tile) => tile.click());
    typeInto(await waitFor(() => byLabel<HTMLInputElement>(element, 'Restricted API key')), 'rk_live_1');
    byRole(element, 'button', 'Connect').click();
    const done = await waitFor(() => byRole(element, 'button', 'Done'), 8000);
    await expect(element).to.be.accessible();
    done.click();
    const made = await result;
    expect(made?.servertype.name).to.equal('Stripe');
    expect(made?.connectionId).to.equal(events[0]!.detail.connectionId);
    expect(events.map((event) => event.type)).to.deep.equal(['peliqan-connected', 'peliqan-done']);
    expect(dialogOf(element).open).to.equal(false);
    // The next opening starts afresh, at the picker.
    void element.show();
    await waitFor(() => byRole(element, 'searchbox', 'Search connectors'));
    element.close();
  });

  it('closing it during a test keeps following that connection: peliqan-cancel, then peliqan-connected once', async () => {
    await fake.faults({ testDelay: 2500 });
    const { element } = await button();
    const events = recordEvents(element, ['peliqan-cancel', 'peliqan-connected']);
    void element.show();
    await waitFor(() => byRole(element, 'button', /^Stripe/)).then((tile) => tile.click());
    typeInto(await waitFor(() => byLabel<HTMLInputElement>(element, 'Restricted API key')), 'rk_live_1');
    byRole(element, 'button', 'Connect').click();
    await waitFor(() => element.state === 'waiting');
    element.close();
    await waitFor(() => events.length === 2, 8000);
    expect(events.map((event) => [event.type, event.detail.reason])).to.deep.equal([
      ['peliqan-cancel', 'user'],
      ['peliqan-connected', undefined],
    ]);
  });

  it('fills the screen like a sheet at 480 px or less', async () => {
    await setViewport({ width: 360, height: 640 });
    const { element } = await button();
    void element.show();
    // Its code comes first (already there, in this bundle: a task later).
    const dialog = await waitFor(() => dialogOf(element));
    await waitFor(() => dialog.open);
    await Promise.all(dialog.getAnimations().map((animation) => animation.finished));
    const box = dialog.getBoundingClientRect();
    expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 360, 640]);
    await waitFor(() => byRole(element, 'button', /^Stripe/));
    await expect(element).to.be.accessible();
    element.close();
  });

  it('focus() moves to its button, as a partner moves focus to a button', async () => {
    const { element } = await button();
    element.focus();
    // Compared as a yes or no: chai's message for two unequal elements takes minutes to write.
    expect(focused() === byRole(element, 'button', 'Add connection')).to.equal(true, 'focus on the button');
  });

  it("a dialog for one connector (a badge's Connect again, open({ servertype })) puts focus on its heading once drawn", async () => {
    configure({ baseUrl: fake.url, tokenUrl: freshTokenUrl(fake) });
    const result = open({ servertype: 'hubspot' });
    const host = await waitFor(() => document.querySelector<PeliqanConnectDialog>('body > peliqan-connect-dialog'));
    // The connector is looked up in the catalogue first: the heading comes after the dialog opened.
    try {
      const heading = await waitFor(() => byRole(host, 'heading', 'Connect to HubSpot'));
      await waitFor(() => focused() === heading, 3000);
    } finally {
      host.close();
    }
    expect(await result).to.equal(null);
  });

  it('PeliqanEmbed.open() shows the flow from script, with its own options, and resolves null when closed', async () => {
    configure({ baseUrl: fake.url, tokenUrl: freshTokenUrl(fake) });
    const result = open({ servertype: 'stripe' });
    const host = await waitFor(() => document.querySelector<PeliqanConnectDialog>('body > peliqan-connect-dialog'));
    await waitFor(() => byLabel(host, 'Restricted API key'));
    expect(allByRole(host, 'button', 'Add connection')).to.deep.equal([], 'no button of its own');
    await sendKeys({ press: 'Escape' });
    expect(await result).to.equal(null);
    // Options are those of each call: none left over from the last.
    const again = open({});
    await waitFor(() => byRole(host, 'searchbox', 'Search connectors'));
    host.close();
    expect(await again).to.equal(null);
  });

  describe("its button, which runs before the flow's code is loaded", () => {
    it('speaks its language and takes its colours from its settings, or from the element around it', async () => {
      const page = await fixture(html`<div>
        <peliqan-connect-button language="nl" theme="dark"></peliqan-connect-button>
        <peliqan-connect theme="dark"><peliqan-connect-button></peliqan-connect-button></peliqan-connect>
      </div>`);
      const [dutch, inner] = [...page.querySelectorAll<PeliqanConnectButton>('peliqan-connect-button')];
      await waitFor(() => byRole(dutch!, 'button', 'Verbinding toevoegen'));
      expect(dutch!.dataset.theme).to.equal('dark');
      expect(getComputedStyle(byRole(dutch!, 'button', 'Verbinding toevoegen')).color).to.equal('rgb(17, 24, 39)');
      // Inside another peliqan element (not shown there, without a slot): its settings still reach it.
      await waitFor(() => inner!.dataset.theme === 'dark');
      dutch!.language = 'fr';
      await waitFor(() => byRole(dutch!, 'button', 'Ajouter une connexion'));
      dutch!.removeAttribute('theme');
      await waitFor(() => dutch!.dataset.theme === 'light');
    });

    it('keeps what a page set on it before its code arrived, and hands it to its flow', async () => {
      const template = document.createElement('template');
      template.innerHTML = '<peliqan-connect-button connectors="stripe"></peliqan-connect-button>';
      // Not upgraded yet: an element in a template is only one once it is in the document.
      const early = template.content.firstElementChild as PeliqanConnectButton;
      const tokenUrl = freshTokenUrl(fake);
      Object.assign(early, {
        baseUrl: fake.url,
        tokenProvider: () =>
          fetch(tokenUrl, { method: 'POST' })
            .then((r) => r.json())
            .then((body) => body.token),
      });
      const element = document.body.appendChild(early);
      try {
        await waitFor(() => element.state === 'ready');
        expect(element.connectors).to.equal('stripe');
        void element.show();
        await waitFor(() => byLabel(element, 'Restricted API key'));
      } finally {
        element.close();
        element.remove();
      }
    });

    it('a setting it refuses: its error state and one invalid-config, before anything is loaded or asked', async () => {
      const events = recordEvents(document, ['peliqan-error']);
      const element = await fixture<PeliqanConnectButton>(
        html`<peliqan-connect-button base-url="http://peliqan.example" token-url=${freshTokenUrl(fake)}></peliqan-connect-button>`,
      );
      await waitFor(() => element.state === 'error');
      byRole(element, 'button', 'Add connection').dispatchEvent(new PointerEvent('pointerenter'));
      element.language = 'de';
      await waitFor(() => byRole(element, 'button', 'Verbindung hinzufügen'));
      expect(events.map(({ detail }) => detail.code)).to.deep.equal(['invalid-config']);
      expect(await fake.requests()).to.deep.equal([]);
    });
  });
});
