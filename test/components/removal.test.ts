/**
 * Product spec §6: removing an element aborts its requests and stops its timers. The units are tested on
 * a fake clock (an attempt's `stop()`, the watcher's last watcher leaving); this checks, in one wait for
 * all of them, that removing the elements from a page reaches those units.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { PeliqanConnectForm, PeliqanConnections, PeliqanConnectorPicker } from '../../src/index.js';
import { startFake, freshTokenUrl, newCustomer, type BrowserFake } from '../support/browser.js';
import { byLabel, byRole, typeInto, waitFor } from '../support/dom.js';

describe('removing elements from the page', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());

  it('leaves no request behind: a catalogue being retried, a form mid-test, a list watching a pending row', async () => {
    await fake.reset({ testDelay: 60_000 });
    const { tokenUrl, seed } = newCustomer(fake);
    await seed('shopify', 'Shop', null);
    const list = await fixture<PeliqanConnections>(
      html`<peliqan-connections base-url=${fake.url} token-url=${tokenUrl}></peliqan-connections>`,
    );
    const form = await fixture<PeliqanConnectForm>(
      html`<peliqan-connect-form base-url=${fake.url} token-url=${tokenUrl} servertype="stripe"></peliqan-connect-form>`,
    );
    await waitFor(() => list.state === 'ready' && form.state === 'ready');
    typeInto(byLabel(form, 'Restricted API key'), 'rk_live_1');
    byRole(form, 'button', 'Connect').click();
    await waitFor(async () => (await fake.requests()).some((request) => request.route === 'GET /api/server/:id'));
    // A catalogue that answers slowly and then 503: the picker would retry it.
    await fake.faults({ delay: { 'GET /api/servertypes': 300 }, status: { 'GET /api/servertypes': [503, 503] } });
    const picker = await fixture<PeliqanConnectorPicker>(
      html`<peliqan-connector-picker base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connector-picker>`,
    );
    await waitFor(async () => (await fake.requests()).some((request) => request.route === 'GET /api/servertypes'));
    list.remove();
    form.remove();
    picker.remove();
    const count = (await fake.requests()).length;
    // Longer than the first retry of the catalogue (0.5 s), a status check of the form (1–2 s) and of the
    // list (2 s).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await fake.requests()).slice(count)).to.deep.equal([]);
  });
});
