import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { PeliqanConnectorPicker } from '../../src/index.js';
import { startFake, freshTokenUrl, type BrowserFake } from '../support/browser.js';
import { byLabel, waitFor } from '../support/dom.js';

// Dutch, French and German load the first time an element shows them (product spec §2). This file's
// page has loaded none of them yet: each test below is the first to show its language.
describe('a language that loads when it is first shown', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());

  it('shows nothing until the Dutch messages are in, then Dutch: never English first', async () => {
    const seen: string[] = [];
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const picker = document.createElement('peliqan-connector-picker') as PeliqanConnectorPicker;
    picker.setAttribute('language', 'nl');
    picker.baseUrl = fake.url;
    picker.tokenUrl = freshTokenUrl(fake);
    holder.append(picker);
    // Every text the element ever shows, from its first render on.
    const record = () => seen.push(picker.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim());
    new MutationObserver(record).observe(picker.shadowRoot!, { subtree: true, childList: true, characterData: true });
    expect(picker.state).to.equal('loading');
    await picker.updateComplete;
    await waitFor(() => picker.state === 'ready');
    expect(byLabel(picker, 'Connectors zoeken')).to.exist;
    const texts = seen.filter(Boolean);
    expect(texts.length, 'rendered at all').to.be.above(0);
    for (const text of texts) {
      expect(text, 'no English on the way').not.to.match(/Loading connectors|Search connectors|connectors available/);
    }
    expect(
      texts.some((text) => /connectors laden|\d+ connectors/i.test(text)),
      texts.join(' | '),
    ).to.equal(true);
  });

  it('updateComplete waits for the language, so a German element reads German once it resolves', async () => {
    const picker = await fixture<PeliqanConnectorPicker>(
      html`<peliqan-connector-picker language="de"></peliqan-connector-picker>`,
    );
    // No token source: the picker renders its empty waiting state, in German.
    expect(picker.shadowRoot!.textContent).to.match(/Connectors werden geladen/);
  });
});
