/**
 * Issue 16 in the browser: the catalogue from the partner's endpoint, a catalogue with one broken
 * entry, and lists that come in pages.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { PeliqanConnections, PeliqanConnectorPicker } from '../../src/index.js';
import { startFake, freshTokenUrl, type BrowserFake } from '../support/browser.js';
import { allByRole, waitFor } from '../support/dom.js';

describe('the catalogue and long lists (issue 16)', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(() => fake.reset());

  const tiles = (element: Element) =>
    allByRole(element, 'button')
      .filter((button) => button.part.contains('tile'))
      .map((tile) => tile.querySelector('.name')!.textContent);

  it("reads the catalogue from the partner's catalogue-url, with no request to /api/servertypes", async () => {
    const catalogueUrl = await executeServerCommand<string, object>('catalogue-endpoint', {
      fakeUrl: fake.url,
      filter: ['stripe', 'hubspot', 'postgres'],
    });
    await fake.reset();
    const element = await fixture<PeliqanConnectorPicker>(
      html`<peliqan-connector-picker
        base-url=${fake.url}
        token-url=${freshTokenUrl(fake)}
        catalogue-url=${catalogueUrl}
      ></peliqan-connector-picker>`,
    );
    await waitFor(() => element.state === 'ready');
    expect(tiles(element)).to.deep.equal(['HubSpot', 'Stripe', 'Postgres']);
    const requests = await fake.requests();
    expect(
      requests.filter((request) => request.auth === 'customer' && request.route === 'GET /api/servertypes'),
    ).to.deep.equal([]);
  });

  it('shows the rest of a catalogue with one broken entry, and reports it once', async () => {
    const good = (id: number, name: string) => ({ id, name, settings: { connect_form: { fields: { password: {} } } } });
    await fake.faults({
      status: {
        'GET /api/servertypes': [{ status: 200, body: [good(1, 'One'), { id: 'two', name: null }, good(3, 'Three')] }],
      },
    });
    // Listening before the element exists: the local fake answers fast.
    const events: { detail: { code: string; message: string } }[] = [];
    const listener = (event: Event) => events.push(event as CustomEvent);
    document.addEventListener('peliqan-error', listener);
    const element = await fixture<PeliqanConnectorPicker>(
      html`<peliqan-connector-picker base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connector-picker>`,
    );
    await waitFor(() => element.state === 'ready');
    expect(tiles(element)).to.deep.equal(['One', 'Three']);
    document.removeEventListener('peliqan-error', listener);
    expect(events.map((event) => [event.detail.code, event.detail.message])).to.deep.equal([
      ['invalid-response', '1 connector(s) left out of the catalogue as invalid'],
    ]);
  });

  it('follows next through every page of the catalogue and of the connection list', async () => {
    await fake.faults({ listEnvelope: 'data', pageSize: 15 });
    const tokenUrl = freshTokenUrl(fake);
    const externalId = new URL(tokenUrl).searchParams.get('external_id')!;
    for (let index = 0; index < 32; index++) {
      await fake.seed({ externalId, servertype: 'stripe', name: `Shop ${index}`, health_status: 'OK' });
    }
    const picker = await fixture<PeliqanConnectorPicker>(
      html`<peliqan-connector-picker base-url=${fake.url} token-url=${tokenUrl}></peliqan-connector-picker>`,
    );
    await waitFor(() => picker.state === 'ready');
    expect(tiles(picker).length).to.equal(40);
    const list = await fixture<PeliqanConnections>(
      html`<peliqan-connections base-url=${fake.url} token-url=${tokenUrl}></peliqan-connections>`,
    );
    await waitFor(() => list.state === 'ready');
    expect(list.shadowRoot!.querySelectorAll('.rows > li').length).to.equal(32);
    const pages = (await fake.requests()).filter((request) => request.route === 'GET /api/servers');
    expect(pages.length).to.equal(3);
  });
});
