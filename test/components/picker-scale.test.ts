/**
 * Issue 17: the picker with 2,000 connectors renders the rows in view only, and stays usable by
 * keyboard and by screen readers (who still learn how many connectors there are).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { PeliqanConnectorPicker } from '../../src/index.js';
import { startFake, freshTokenUrl, type BrowserFake } from '../support/browser.js';
import { byRole, recordEvents, typeInto, waitFor } from '../support/dom.js';

describe('<peliqan-connector-picker> with 2,000 connectors', () => {
  let fake: BrowserFake;
  before(async () => {
    fake = await startFake({ catalogue: 2000 });
    await setViewport({ width: 1000, height: 800 });
  });
  after(() => fake.stop());

  async function picker() {
    const element = await fixture<PeliqanConnectorPicker>(
      html`<peliqan-connector-picker base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connector-picker>`,
    );
    await waitFor(() => element.state === 'ready', 15_000);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return element;
  }
  const tiles = (element: Element) => [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part="tile"]')];
  const items = (element: Element) => [...element.shadowRoot!.querySelectorAll('.tiles > li')];

  it('renders the rows in view only, and says how many there are', async () => {
    const element = await picker();
    expect(tiles(element).length).to.be.within(12, 200);
    expect(items(element)[0]!.getAttribute('aria-setsize')).to.equal('2000');
    expect(items(element)[0]!.getAttribute('aria-posinset')).to.equal('1');
    expect(byRole(element, 'status').textContent!.trim()).to.equal('2,000 connectors');
    // The list keeps the whole catalogue's height, so the page scrolls as if every tile were there.
    const list = element.shadowRoot!.querySelector<HTMLElement>('.tiles')!;
    expect(list.getBoundingClientRect().height).to.be.greaterThan(20_000);
    await expect(element).to.be.accessible();
  });

  it('renders the rows that scrolling brings into view', async () => {
    const element = await picker();
    const list = element.shadowRoot!.querySelector<HTMLElement>('.tiles')!;
    window.scrollTo(0, list.getBoundingClientRect().top + window.scrollY + list.offsetHeight / 2);
    await waitFor(() => {
      const shown = tiles(element).map((tile) => tile.getBoundingClientRect());
      return shown.some((box) => box.top >= 0 && box.bottom <= window.innerHeight);
    });
    const middle = Number(tiles(element)[0]!.dataset.index);
    expect(middle).to.be.greaterThan(800);
    window.scrollTo(0, 0);
  });

  it('by keyboard: End reaches the last connector, Home the first, arrows move a row', async () => {
    const element = await picker();
    const events = recordEvents(element, ['peliqan-select']);
    byRole(element, 'searchbox').focus();
    await sendKeys({ press: 'Tab' }); // the category filter
    await sendKeys({ press: 'Tab' });
    const focused = () => element.shadowRoot!.activeElement as HTMLElement;
    expect(focused().dataset.index).to.equal('0');
    await sendKeys({ press: 'End' });
    await waitFor(() => focused()?.dataset.index === '1999');
    const box = focused().getBoundingClientRect();
    expect(box.top).to.be.at.least(0);
    expect(box.bottom).to.be.at.most(window.innerHeight);
    await sendKeys({ press: 'ArrowUp' });
    await waitFor(() => Number(focused()?.dataset.index) < 1999);
    await sendKeys({ press: 'Home' });
    await waitFor(() => focused()?.dataset.index === '0');
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => Number(focused()?.dataset.index) > 0);
    await sendKeys({ press: 'Enter' });
    expect(events.length).to.equal(1);
    window.scrollTo(0, 0);
  });

  it('searches all 2,000 on every keystroke', async () => {
    const element = await picker();
    typeInto(byRole(element, 'searchbox'), 'connector 01999');
    await element.updateComplete;
    expect(tiles(element).map((tile) => tile.querySelector('.name')!.textContent)).to.deep.equal(['Connector 01999']);
    expect(byRole(element, 'status').textContent!.trim()).to.equal('1 of 2,000 connectors matches');
    await expect(element).to.be.accessible();
  });
});
