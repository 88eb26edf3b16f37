import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { PeliqanConnect, PeliqanConnections } from '../../src/index.js';
import { startFake, freshTokenUrl, newCustomer, type BrowserFake } from '../support/browser.js';
import { allByRole, brokenWords, byLabel, byRole, byText, typeInto, waitFor } from '../support/dom.js';

/** What a customer reads in each language on the way through the Postgres form (its labels are Peliqan's). */
const LANGUAGES = [
  {
    language: 'nl',
    search: 'Connectors zoeken',
    all: '40 connectors',
    one: '1 van 40 connectors komt overeen',
    heading: 'Verbinden met Postgres',
    back: 'Terug',
    connect: 'Verbinden',
    show: 'Password tonen',
    trust: 'Wat je hier invult, gaat versleuteld naar Peliqan',
    fixFields: 'Sommige velden hebben je aandacht nodig.',
    required: 'Vul Host in.',
    number: 'Port moet een getal zijn.',
    connected: 'Verbonden met Postgres',
    done: 'Klaar',
    another: 'Nog een verbinding maken',
  },
  {
    language: 'fr',
    search: 'Rechercher un connecteur',
    all: '40 connecteurs',
    one: '1 connecteur sur 40 correspond',
    heading: 'Connecter Postgres',
    back: 'Retour',
    connect: 'Connecter',
    show: 'Afficher Password',
    trust: 'Ce que vous saisissez ici est envoyé chiffré à Peliqan',
    fixFields: 'Certains champs nécessitent votre attention.',
    required: 'Renseignez le champ Host.',
    number: 'Le champ Port doit contenir un nombre.',
    connected: 'Connecté à Postgres',
    done: 'Terminé',
    another: 'En connecter un autre',
  },
  {
    language: 'de',
    search: 'Connectors durchsuchen',
    all: '40 Connectors',
    one: '1 von 40 Connectors passt',
    heading: 'Mit Postgres verbinden',
    back: 'Zurück',
    connect: 'Verbinden',
    show: 'Password anzeigen',
    trust: 'Was Sie hier eingeben, geht verschlüsselt an Peliqan',
    fixFields: 'Einige Felder benötigen Ihre Aufmerksamkeit.',
    required: 'Bitte füllen Sie das Feld „Host“ aus.',
    number: 'Port muss eine Zahl sein.',
    connected: 'Verbunden mit Postgres',
    done: 'Fertig',
    another: 'Weiteren Connector verbinden',
  },
];

describe('languages: Dutch, French and German, lang, dates, right to left', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(() => fake.reset({ testDelay: 50 }));

  const tiles = (element: Element) => allByRole(element, 'button').filter((button) => button.part.contains('tile'));
  /** The message a field's `aria-describedby` ends with: its error. */
  const errorOf = (input: HTMLElement) =>
    (input.getRootNode() as ShadowRoot).getElementById(input.getAttribute('aria-describedby')!.split(' ').at(-1)!)!
      .textContent;
  const posts = async () => (await fake.requests()).filter((request) => request.route === 'POST /api/servers');
  const box = (element: Element) => element.getBoundingClientRect();

  async function ready<T extends HTMLElement>(element: T & { state: string }) {
    await waitFor(() => element.state === 'ready');
    return element;
  }

  for (const words of LANGUAGES) {
    it(`<peliqan-connect language="${words.language}">: picker, form, errors and success in a 320 px column`, async () => {
      const column = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 320px">
          <peliqan-connect
            language=${words.language}
            base-url=${fake.url}
            token-url=${freshTokenUrl(fake)}
          ></peliqan-connect>
        </div>`,
      );
      const element = await ready(column.querySelector<PeliqanConnect>('peliqan-connect')!);
      const fitsTheColumn = () => expect(element.scrollWidth, 'nothing wider than 320 px').to.be.at.most(320);

      const search = byLabel(element, words.search);
      expect(byRole(element, 'status', words.all)).to.exist;
      typeInto(search, 'Postgres');
      await waitFor(() => byRole(element, 'status', words.one));
      fitsTheColumn();
      await expect(element).to.be.accessible();

      byRole(element, 'button', /^Postgres/).click();
      await waitFor(() => byRole(element, 'heading', words.heading));
      const back = byRole(element, 'button', words.back);
      expect(box(back).left, 'Back at the start: the left').to.be.closeTo(box(element).left, 1);
      expect(getComputedStyle(back.querySelector('.arrow')!).scale, 'the arrow points left').to.equal('none');
      const password = byLabel(element, 'Password');
      const show = byRole(element, 'button', words.show);
      expect(box(show).left, 'the show button at the end of its input: the right').to.be.closeTo(
        box(password).right,
        1,
      );
      expect(byText(element, new RegExp(`^${words.trust}`))).to.exist;
      expect(allByRole(element, 'button', words.connect)).to.have.length(1);

      typeInto(byLabel(element, 'Port'), 'abc');
      byRole(element, 'button', words.connect).click();
      await waitFor(() => byRole(element, 'alert'));
      expect(byRole(element, 'alert').textContent!.trim()).to.equal(words.fixFields);
      expect(errorOf(byLabel(element, 'Host'))).to.equal(words.required);
      expect(errorOf(byLabel(element, 'Port'))).to.equal(words.number);
      expect(await posts()).to.deep.equal([]);
      fitsTheColumn();
      await expect(element).to.be.accessible();

      typeInto(byLabel(element, 'Port'), '5432');
      typeInto(byLabel(element, 'Host'), 'db.example.com');
      typeInto(byLabel(element, 'Username'), 'reader');
      typeInto(password, 'secret');
      typeInto(byLabel(element, 'Database'), 'sales');
      byRole(element, 'button', words.connect).click();
      await waitFor(() => element.state === 'connected');
      expect(byRole(element, 'heading').textContent).to.equal(words.connected);
      expect(byRole(element, 'button', words.done)).to.exist;
      expect(byRole(element, 'button', words.another)).to.exist;
      fitsTheColumn();
    });
  }

  it('speaks the language of the nearest lang (fr-CA: French); its own language attribute beats lang', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div lang="fr-CA">
        <peliqan-connect base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connect>
        <peliqan-connect language="de" base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connect>
      </div>`,
    );
    const [french, german] = [...page.querySelectorAll<PeliqanConnect>('peliqan-connect')];
    await ready(french!);
    await ready(german!);
    expect(byLabel(french!, 'Rechercher un connecteur')).to.exist;
    expect(byRole(french!, 'status', '40 connecteurs')).to.exist;
    expect(byLabel(german!, 'Connectors durchsuchen')).to.exist;
    expect(byRole(german!, 'status', '40 Connectors')).to.exist;
  });

  it('<peliqan-connections language="de"> writes the times in a log as German dates', async () => {
    const tokenUrl = freshTokenUrl(fake);
    const externalId = new URL(tokenUrl).searchParams.get('external_id')!;
    await fake.seed({ externalId, servertype: 'pipedrive', name: 'Vertrieb', health_status: 'OK' });
    const element = await ready(
      await fixture<PeliqanConnections>(
        html`<peliqan-connections language="de" base-url=${fake.url} token-url=${tokenUrl}></peliqan-connections>`,
      ),
    );
    expect(byRole(element, 'heading', 'Verbindungen')).to.exist;
    expect(byRole(element, 'status', '1 Verbindung')).to.exist;
    byRole(element, 'button', 'Protokoll Vertrieb').click();
    const region = await waitFor(() => element.shadowRoot!.querySelector<HTMLElement>('.logs'));
    const time = await waitFor(() => region.querySelector('time'));
    expect(region.getAttribute('aria-label')).to.equal('Protokoll von Vertrieb');
    const at = new Date(time.dateTime);
    const two = (value: number) => String(value).padStart(2, '0');
    const date = `${two(at.getDate())}.${two(at.getMonth() + 1)}.${at.getFullYear()}`;
    const clock = `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
    expect(time.textContent).to.equal(`${date}, ${clock}`);
    expect(region.querySelector('.level')!.textContent).to.equal('Info');
  });

  for (const language of ['nl', 'de']) {
    it(`<peliqan-connections language="${language}"> on a 320 px screen: rows and an open step break no word`, async () => {
      const { tokenUrl, seed } = newCustomer(fake);
      await seed('pipedrive', 'Sales pipeline', 'OK');
      await seed('mailchimp', 'Newsletter', 'DISABLED', 'Disabled by an administrator of your Peliqan account');
      await seed('exact_online', 'Accounting', 'ERROR', 'The refresh token was revoked: sign in again');
      await seed('shopify', 'Webshop orders', null);
      // A 320 px screen less the partner's page margins.
      const column = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 280px">
          <peliqan-connections language=${language} base-url=${fake.url} token-url=${tokenUrl}></peliqan-connections>
        </div>`,
      );
      const element = await ready(column.querySelector<PeliqanConnections>('peliqan-connections')!);
      await waitFor(() => element.shadowRoot!.querySelectorAll('.rows > li').length === 4);
      expect(brokenWords(element), 'the rows').to.deep.equal([]);
      allByRole(element, 'button')
        .find((button) => button.classList.contains('primary'))!
        .click();
      (await waitFor(() => byRole(element, 'button', /^HubSpot/))).click();
      await waitFor(() => byRole(element, 'heading', /HubSpot/));
      expect(brokenWords(element), 'the rows and the open step').to.deep.equal([]);
      expect(element.scrollWidth, 'nothing wider than the column').to.be.at.most(280);
    });
  }

  it('lays out right to left under dir="rtl": search icon, tiles, arrow keys, Back, the show button', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div dir="rtl" style="inline-size: 640px">
        <peliqan-connect language="nl" base-url=${fake.url} token-url=${freshTokenUrl(fake)}></peliqan-connect>
      </div>`,
    );
    const element = await ready(page.querySelector<PeliqanConnect>('peliqan-connect')!);
    const search = byLabel(element, 'Connectors zoeken');
    const icon = search.closest('label')!.querySelector('svg')!;
    expect(box(icon).left, 'the search icon at the start: the right').to.be.greaterThan(box(search).right - 48);
    const padding = getComputedStyle(search);
    expect(parseFloat(padding.paddingRight)).to.be.greaterThan(parseFloat(padding.paddingLeft));

    const [first, second] = tiles(element);
    expect(box(first!).top).to.equal(box(second!).top);
    expect(box(first!).left, 'the first tile at the right').to.be.greaterThan(box(second!).left);
    first!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect((second!.getRootNode() as ShadowRoot).activeElement, 'ArrowLeft goes on to the next tile').to.equal(second);
    await expect(element).to.be.accessible();

    byRole(element, 'button', /^Postgres/).click();
    await waitFor(() => byRole(element, 'heading', 'Verbinden met Postgres'));
    const back = byRole(element, 'button', 'Terug');
    expect(box(back).right, 'Back at the start: the right').to.be.closeTo(box(element).right, 1);
    const arrow = back.querySelector('.arrow')!;
    expect(getComputedStyle(arrow).scale, 'the arrow points back: to the right').to.equal('-1 1');
    const password = byLabel(element, 'Password');
    const show = byRole(element, 'button', 'Password tonen');
    expect(box(show).right, 'the show button at the end of its input: the left').to.be.closeTo(box(password).left, 1);
    const corners = getComputedStyle(password);
    expect(corners.borderTopLeftRadius, 'square where it meets the show button').to.equal('0px');
    expect(corners.borderTopRightRadius).not.to.equal('0px');
    expect(box(byLabel(element, 'Host')).right).to.be.closeTo(box(element).right, 1);
    await expect(element).to.be.accessible();
  });
});
