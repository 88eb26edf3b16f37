/**
 * The look issue 18 asks for, measured in the browser rather than read from the stylesheet: type that
 * iOS does not zoom, labels that are not bold, no chrome of the widget's own, names that wrap between
 * words, rows of equal height, a plate behind icons in dark mode, a calm spinner for reduced motion.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { PeliqanConnectForm, PeliqanConnectorPicker } from '../../src/index.js';
import { startFake, freshTokenUrl, type BrowserFake } from '../support/browser.js';
import { brokenWords, byLabel, byRole, waitFor } from '../support/dom.js';

const style = (element: Element) => getComputedStyle(element);

describe('design', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(() => fake.reset({ testDelay: 2000 }));
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  async function form(servertype = 'postgres') {
    const element = await fixture<PeliqanConnectForm>(
      html`<peliqan-connect-form
        base-url=${fake.url}
        token-url=${freshTokenUrl(fake)}
        servertype=${servertype}
      ></peliqan-connect-form>`,
    );
    await waitFor(() => element.state === 'ready');
    return element;
  }
  async function picker(width = 800) {
    await setViewport({ width, height: 800 });
    const element = await fixture<PeliqanConnectorPicker>(
      html`<peliqan-connector-picker base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connector-picker>`,
    );
    await waitFor(() => element.state === 'ready');
    await new Promise(requestAnimationFrame);
    return element;
  }

  it('inputs at 16 px regular, labels regular or medium, search and category regular', async () => {
    const element = await form();
    for (const label of element.shadowRoot!.querySelectorAll('label')) {
      expect(Number(style(label).fontWeight), label.textContent!).to.be.at.most(500);
    }
    for (const input of element.shadowRoot!.querySelectorAll('input:not([type=checkbox]), select, textarea')) {
      expect(style(input).fontSize).to.equal('16px');
      expect(style(input).fontWeight).to.equal('400');
    }
    const list = await picker();
    for (const control of [byRole(list, 'searchbox'), byLabel(list, 'Category')]) {
      expect(style(control).fontSize).to.equal('16px');
      expect(style(control).fontWeight).to.equal('400');
    }
    expect(byRole(list, 'searchbox').getAttribute('placeholder')).to.equal('Search by name or category');
  });

  it('sits flush in the partner card: no padding, border or background of its own; ::part(container) adds them', async () => {
    const element = await form();
    const container = element.shadowRoot!.querySelector('[part~="container"]')!;
    for (const box of [element, container]) {
      expect(style(box).paddingTop).to.equal('0px');
      expect(style(box).borderTopWidth).to.equal('0px');
      expect(style(box).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    }
    const styled = await fixture<HTMLDivElement>(
      html`<div>
        <style>
          .framed::part(container) {
            padding: 24px;
            background: rgb(250, 250, 250);
          }
        </style>
        <peliqan-connect-form
          class="framed"
          base-url=${fake.url}
          token-url=${freshTokenUrl(fake)}
          servertype="stripe"
        ></peliqan-connect-form>
      </div>`,
    );
    const framed = styled.querySelector<PeliqanConnectForm>('peliqan-connect-form')!;
    await waitFor(() => framed.state === 'ready');
    const part = framed.shadowRoot!.querySelector('[part~="container"]')!;
    expect(style(part).paddingTop).to.equal('24px');
    expect(style(part).backgroundColor).to.equal('rgb(250, 250, 250)');
  });

  for (const width of [320, 640, 660, 1024]) {
    it(`at ${width} px, connector names wrap between words, none is cut off, every tile is as tall as the others`, async () => {
      const element = await picker(width);
      const tiles = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part="tile"]')];
      expect(tiles.length).to.be.greaterThan(5);
      const heights = new Set(tiles.map((tile) => Math.round(tile.getBoundingClientRect().height)));
      expect([...heights]).to.have.length(1);
      expect(brokenWords(element), 'no word broken over two lines').to.deep.equal([]);
      for (const name of element.shadowRoot!.querySelectorAll('.name')) {
        const text = [...name.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent)!;
        const room = name.getBoundingClientRect();
        let at = 0;
        for (const word of text.textContent!.split(' ')) {
          const range = document.createRange();
          range.setStart(text, at);
          range.setEnd(text, at + word.length);
          // A word too long for its tile would be cut off at the tile's edge ("ActiveCampaig").
          const box = range.getBoundingClientRect();
          expect(box.right, `${word} fits in its tile`).to.be.at.most(room.right + 0.5);
          expect(box.left, `${word} fits in its tile`).to.be.at.least(room.left - 0.5);
          at += word.length + 1;
        }
      }
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
    });
  }

  it('on a narrow screen the picker is a compact list, not a column of big tiles', async () => {
    const wide = await picker(800);
    const wideHeight = wide.shadowRoot!.querySelector('[part="tile"]')!.getBoundingClientRect().height;
    const narrow = await picker(360);
    const tile = narrow.shadowRoot!.querySelector('[part="tile"]')!;
    expect(tile.getBoundingClientRect().height).to.be.below(wideHeight);
    // Icon and name side by side in a row.
    const icon = tile.querySelector('.icon')!.getBoundingClientRect();
    const name = tile.querySelector('.name')!.getBoundingClientRect();
    expect(name.left).to.be.at.least(icon.right);
    expect(tile.getBoundingClientRect().height).to.be.at.most(64);
  });

  it('in dark mode a light plate sits behind connector icons', async () => {
    const element = await picker();
    element.setAttribute('theme', 'dark');
    await element.updateComplete;
    const plate = element.shadowRoot!.querySelector('.icon')!;
    const [red, green, blue] = style(plate).backgroundColor.match(/\d+/g)!.map(Number);
    expect((red! + green! + blue!) / 3).to.be.greaterThan(200);
  });

  it('testing: fields disabled, the progress inside the Connect button, a slow spinner for reduced motion', async () => {
    const element = await form('stripe');
    const key = byLabel<HTMLInputElement>(element, 'Restricted API key');
    key.value = 'rk_live_1';
    key.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    byRole(element, 'button', 'Connect').click();
    await waitFor(() => element.state === 'waiting');
    expect(key.disabled).to.equal(true);
    const button = element.shadowRoot!.querySelector('button[type="submit"]')!;
    expect(button.textContent).to.contain('Testing connection…');
    const spinner = button.querySelector('.spinner')!;
    const normal = parseFloat(style(spinner).animationDuration);
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(parseFloat(style(spinner).animationDuration)).to.be.greaterThan(normal * 3);
  });
});
