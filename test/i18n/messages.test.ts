import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { de } from '../../src/i18n/de.js';
import { fr } from '../../src/i18n/fr.js';
import { en, type MessageKey } from '../../src/i18n/messages.js';
import { nl } from '../../src/i18n/nl.js';
import { knownLanguage, languageLoading, registerMessages } from '../../src/i18n/catalogues.js';
import { translate } from '../../src/i18n/translate.js';

const translations: Record<string, Record<MessageKey, string>> = { nl, fr, de };

// Shipped languages load when first shown (test/i18n/loading.test.ts): here they are all in.
before(() => Promise.all(Object.keys(translations).map((language) => languageLoading(language))));
const keys = Object.keys(en) as MessageKey[];

/** Every `{name}` a message fills in, the plural's own variable (`{count, plural, …}`) included. */
const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)[},]/g)].map(([, name]) => name));

/** Each `{count, plural, one {…} other {…}}` of a message: its variable and its forms by category. */
function pluralsOf(text: string) {
  return [...text.matchAll(/\{(\w+), plural,((?:\s*\w+ \{[^{}]*(?:\{\w+\}[^{}]*)*\})+)\s*\}/g)].map(
    ([, name, forms]) => ({
      name,
      forms: new Map<string, string>(
        [...forms!.matchAll(/(\w+) \{((?:[^{}]|\{\w+\})*)\}/g)].map(([, category, form]) => [category!, form!]),
      ),
    }),
  );
}

describe('the Dutch, French and German catalogues', () => {
  test('the checks below read placeholders and plurals as translate() does', () => {
    assert.deepEqual(placeholders(en.matchCount), new Set(['count', 'total']));
    const plural = pluralsOf(en.matchCount)[0]!;
    assert.equal(plural.name, 'count');
    assert.deepEqual([...plural.forms.keys()], ['one', 'other']);
    assert.equal(plural.forms.get('one'), '# of {total} connectors matches');
    const withPlurals = keys.filter((key) => pluralsOf(en[key]).length > 0);
    assert.deepEqual(withPlurals, ['connectorCount', 'matchCount', 'connectionCount', 'showEarlier', 'hideEarlier']);
  });

  for (const [language, messages] of Object.entries(translations)) {
    describe(language, () => {
      test('has every English key, none empty, and no key English lacks', () => {
        const missing = keys.filter((key) => typeof messages[key] !== 'string' || !messages[key].trim());
        assert.deepEqual(missing, [], `${language} lacks ${missing.join(', ')}`);
        const extra = Object.keys(messages).filter((key) => !(key in en));
        assert.deepEqual(extra, []);
      });

      test('fills in the same {placeholders} as English', () => {
        for (const key of keys) {
          assert.deepEqual(placeholders(messages[key]), placeholders(en[key]), `${language}.${key}`);
        }
      });

      test('gives each plural a form for every plural category of the language, each with the number', () => {
        const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
        for (const key of keys) {
          const english = pluralsOf(en[key]);
          const plurals = pluralsOf(messages[key]);
          assert.equal(plurals.length, english.length, `${language}.${key}: as many plurals as English`);
          for (const [index, { name, forms }] of plurals.entries()) {
            assert.equal(name, english[index]!.name, `${language}.${key}`);
            assert.ok(forms.has('other'), `${language}.${key} has an "other" form`);
            assert.deepEqual([...forms.keys()].sort(), [...categories].sort(), `${language}.${key}`);
            for (const form of forms.values())
              assert.match(form, /#/, `${language}.${key}: "${form}" shows the number`);
          }
        }
      });

      test('writes an ellipsis as … and ends a sentence where English does', () => {
        for (const key of keys) {
          const text = messages[key];
          assert.doesNotMatch(text, /\.\.\./, `${language}.${key}`);
          assert.doesNotMatch(text, /["']/, `${language}.${key}: typographic quotes and apostrophes only`);
          assert.equal(text.endsWith('…'), en[key].endsWith('…'), `${language}.${key}: … at the end as in English`);
          assert.equal(text.endsWith('.'), en[key].endsWith('.'), `${language}.${key}: full stop as in English`);
        }
      });
    });
  }

  test('French keeps a no-break space before : ; ? ! and inside « »', () => {
    for (const key of keys) {
      const text = fr[key];
      assert.doesNotMatch(text, /(^|[^\u00a0\u202f])[:;?!]/, `fr.${key}`);
      assert.doesNotMatch(text, /«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»|[“”„]/, `fr.${key}`);
    }
  });

  test('German quotes „…“ and Dutch ‘…’', () => {
    for (const key of keys) {
      assert.doesNotMatch(de[key], /[”«»‘’]|“[^„]*„/, `de.${key}`);
      assert.equal(de[key].split('„').length, de[key].split('“').length, `de.${key}: „ and “ pair up`);
      assert.doesNotMatch(nl[key], /[„«»]/, `nl.${key}`);
    }
    assert.equal(translate('de', 'noMatch', { query: 'xyz' }), 'Kein Connector passt zu „xyz“');
    assert.equal(translate('nl', 'noMatch', { query: 'xyz' }), 'Geen connector gevonden voor ‘xyz’');
    assert.equal(translate('fr', 'noMatch', { query: 'xyz' }), 'Aucun connecteur ne correspond à «\u00a0xyz\u00a0»');
  });
});

describe('plurals and numbers in each language', () => {
  test('Dutch: 1 connector, 2.000 connectors', () => {
    assert.equal(translate('nl', 'connectorCount', { count: 1 }), '1 connector');
    assert.equal(translate('nl', 'connectorCount', { count: 2000 }), '2.000 connectors');
    assert.equal(translate('nl', 'connectorCount', { count: 0 }), '0 connectors');
    assert.equal(translate('nl', 'matchCount', { count: 1, total: 1200 }), '1 van 1.200 connectors komt overeen');
    assert.equal(translate('nl', 'matchCount', { count: 3, total: 40 }), '3 van 40 connectors komen overeen');
  });

  test('French: 0 and 1 are singular, 2 000 with a narrow no-break space, a million takes "de"', () => {
    assert.equal(translate('fr', 'connectionCount', { count: 0 }), '0 connexion');
    assert.equal(translate('fr', 'connectionCount', { count: 1 }), '1 connexion');
    assert.equal(translate('fr', 'connectionCount', { count: 2 }), '2 connexions');
    assert.equal(translate('fr', 'connectorCount', { count: 2000 }), '2\u202f000 connecteurs');
    assert.equal(translate('fr', 'connectorCount', { count: 1_000_000 }), '1\u202f000\u202f000 de connecteurs');
    assert.equal(translate('fr', 'matchCount', { count: 0, total: 40 }), '0 connecteur sur 40 correspond');
    assert.equal(translate('fr', 'showEarlier', { count: 1 }), 'Afficher 1 tentative précédente');
  });

  test('German: 1 früheren Versuch, 2 frühere Versuche, 2.000 Verbindungen', () => {
    assert.equal(translate('de', 'showEarlier', { count: 1 }), '1 früheren Versuch anzeigen');
    assert.equal(translate('de', 'showEarlier', { count: 2 }), '2 frühere Versuche anzeigen');
    assert.equal(translate('de', 'connectionCount', { count: 1 }), '1 Verbindung');
    assert.equal(translate('de', 'connectionCount', { count: 2000 }), '2.000 Verbindungen');
    assert.equal(translate('de', 'matchCount', { count: 1, total: 40 }), '1 von 40 Connectors passt');
  });

  test('numbers in other placeholders follow the language too', () => {
    assert.equal(
      translate('de', 'fieldMin', { label: 'Batchgröße', min: 1000 }),
      'Batchgröße muss mindestens 1.000 sein.',
    );
    assert.equal(translate('nl', 'fieldMax', { label: 'Rijen', max: 50000 }), 'Rijen mag hoogstens 50.000 zijn.');
  });

  test('what the customer typed is shown as typed, never read as a plural or a placeholder', () => {
    for (const query of ['{q, plural, other {boom}}', '{count}', '# {total}']) {
      assert.equal(translate('en', 'noMatch', { query }), `No connector matches “${query}”`);
    }
  });
});

describe('choosing and extending a language', () => {
  test('knows nl, fr and de, and their regional variants through the base language', () => {
    assert.equal(knownLanguage('nl'), 'nl');
    assert.equal(knownLanguage('nl-BE'), 'nl');
    assert.equal(knownLanguage('fr-CA'), 'fr');
    assert.equal(knownLanguage('DE-CH'), 'de');
    assert.equal(knownLanguage('es'), undefined);
    assert.equal(translate('fr', 'back'), 'Retour');
  });

  test('registerMessages rewords one Dutch key and leaves the rest Dutch', () => {
    const original = nl.connectedNext;
    registerMessages('nl', { connectedNext: 'Je {name}-gegevens staan binnen een paar minuten klaar.' });
    try {
      assert.equal(
        translate('nl', 'connectedNext', { name: 'HubSpot' }),
        'Je HubSpot-gegevens staan binnen een paar minuten klaar.',
      );
      assert.equal(translate('nl', 'connected', { name: 'HubSpot' }), 'Verbonden met HubSpot');
      assert.equal(translate('nl', 'connectorCount', { count: 2 }), '2 connectors');
      assert.equal(nl.connectedNext, original, 'the built-in catalogue itself is left alone');
    } finally {
      registerMessages('nl', { connectedNext: original });
    }
    assert.equal(translate('nl', 'connectedNext', { name: 'HubSpot' }), original.replace('{name}', 'HubSpot'));
  });

  test('registerMessages adds a language, with English for the keys it leaves out', () => {
    registerMessages('es', { back: 'Atrás' });
    assert.equal(knownLanguage('es-MX'), 'es');
    assert.equal(translate('es', 'back'), 'Atrás');
    assert.equal(translate('es', 'done'), 'Done');
  });
});
