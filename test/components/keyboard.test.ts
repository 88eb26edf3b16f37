/**
 * A whole connection made with the keyboard alone (issue 18): from the connection list's "Add
 * connection", through search, the picker, the form and its error, to "Done" and the new row. Only
 * key presses once the page has focus; every step checks where focus is, as a screen reader user
 * would hear it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { PeliqanConnections } from '../../src/index.js';
import { startFake, freshTokenUrl, type BrowserFake } from '../support/browser.js';
import { allByRole, nameOf, waitFor } from '../support/dom.js';

/** The element that has focus, through shadow roots. */
function focused(): Element {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active!;
}
/** What a screen reader would announce for the focused element: its role-ish tag and its name. */
const announced = () => `${focused().localName} ${nameOf(focused())}`.trim();

const press = (key: string) => sendKeys({ press: key });
const type = (text: string) => sendKeys({ type: text });

/** Presses Tab until `name` has focus (at most `limit` times), and says how many it took. */
async function tabTo(name: string | RegExp, limit = 12): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await press('Tab');
    const now = nameOf(focused());
    if (typeof name === 'string' ? now === name : name.test(now)) return presses;
  }
  throw new Error(`${String(name)} not reached with ${limit} Tabs; focus is on ${announced()}`);
}

describe('keyboard only', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(() => fake.reset({ testDelay: 300 }));
  afterEach(() => executeServerCommand('close-windows', { origin: fake.oauthUrl }));

  async function page() {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <button>Before the widget</button>
        <peliqan-connections base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connections>
      </div>`,
    );
    const list = wrapper.querySelector<PeliqanConnections>('peliqan-connections')!;
    await waitFor(() => list.state === 'ready');
    wrapper.querySelector('button')!.focus();
    return list;
  }
  const rows = (list: PeliqanConnections) =>
    [...list.shadowRoot!.querySelectorAll('.rows > li .connection')].map((row) =>
      row.textContent!.replace(/\s+/g, ' '),
    );

  it('connects Postgres from "Add connection" to "Done", a mistake fixed on the way', async () => {
    const list = await page();
    expect(await tabTo('Refresh')).to.equal(1);
    expect(await tabTo('Add connection')).to.equal(1);
    await press('Enter');
    // The picker opens with focus in its search.
    await waitFor(() => nameOf(focused()) === 'Search connectors');
    await type('postgr');
    await waitFor(() => allByRole(list, 'button', /^Postgres/).length === 1);
    await tabTo(/^Postgres/, 3);
    await press('Enter');
    // The form's heading takes focus; the panel's Close at the end of the header, then the fields in order.
    await waitFor(() => announced() === 'h2 Connect to Postgres');
    expect(await tabTo('Close')).to.equal(1);
    expect(await tabTo('Host')).to.equal(1);
    await type('db.acme.example');
    expect(await tabTo('Port')).to.equal(1);
    expect(await tabTo('Username')).to.equal(1);
    await type('reporting');
    expect(await tabTo('Password')).to.equal(1);
    await type('correct-horse');
    expect(await tabTo('Show Password')).to.equal(1);
    await press('Space');
    expect(focused().getAttribute('aria-pressed')).to.equal('true');
    // Database left empty: Enter in a field submits, and focus lands on what needs fixing.
    await tabTo('Target database', 3);
    await press('Enter');
    await waitFor(() => nameOf(focused()) === 'Database');
    expect(focused().getAttribute('aria-invalid')).to.equal('true');
    await type('sales');
    expect(await tabTo('Connect', 4)).to.be.at.most(4);
    await press('Enter');
    // Testing, then the success screen, whose heading takes focus; "Done" is next.
    await waitFor(() => announced() === 'h2 Connected to Postgres', 8000);
    expect(await tabTo('Done')).to.equal(1);
    await press('Enter');
    await waitFor(() => allByRole(list, 'button', 'Done').length === 0);
    await waitFor(() => rows(list).length === 1 && rows(list)[0]!.includes('Connected'), 8000);
    // Focus is not lost to the page: it is back on "Add connection".
    expect(nameOf(focused())).to.equal('Add connection');
  });

  it('connects HubSpot through its sign-in window, and steps back with Escape', async () => {
    const list = await page();
    await tabTo('Add connection');
    await press('Enter');
    await waitFor(() => nameOf(focused()) === 'Search connectors');
    await type('hubspot');
    await tabTo(/^HubSpot/, 3);
    await press('Enter');
    await waitFor(() => announced() === 'h2 Connect to HubSpot');
    // Escape goes back one step: to the picker, the search kept.
    await press('Escape');
    await waitFor(() => nameOf(focused()) === 'Search connectors');
    expect((focused() as HTMLInputElement).value).to.equal('hubspot');
    await tabTo(/^HubSpot/, 3);
    await press('Enter');
    await waitFor(() => announced() === 'h2 Connect to HubSpot');
    await tabTo('Connect HubSpot');
    // A key press is a user gesture: the browser lets the sign-in window open.
    await press('Enter');
    await waitFor(() => executeServerCommand('sign-in-window', { origin: fake.oauthUrl, action: 'find' }), 5000);
    await executeServerCommand('sign-in-window', { origin: fake.oauthUrl, action: 'allow' });
    await waitFor(() => announced() === 'h2 Connected to HubSpot', 8000);
    await tabTo('Done');
    await press('Enter');
    await waitFor(() => rows(list).length === 1 && rows(list)[0]!.includes('Connected'), 8000);
  });
});
