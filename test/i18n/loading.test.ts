import { test } from 'node:test';
import assert from 'node:assert/strict';
import { knownLanguage, languageFailure, languageLoading, registerMessages } from '../../src/i18n/catalogues.js';
import { translate } from '../../src/i18n/translate.js';

test('a shipped language is known at once and its messages arrive the first time it is asked for', async () => {
  assert.equal(knownLanguage('de-AT'), 'de');
  assert.equal(translate('de', 'back'), 'Back', 'English until German is loaded');
  const loading = languageLoading('de');
  assert.ok(loading, 'German is on its way');
  assert.equal(languageLoading('de'), loading, 'one load for everybody who asks');
  await loading;
  assert.equal(translate('de', 'back'), 'Zurück');
  assert.equal(languageLoading('de'), undefined, 'nothing to wait for once it is in');
  assert.equal(languageFailure('de'), undefined);
});

test('English, and a language a partner adds, are never waited for', () => {
  assert.equal(languageLoading('en'), undefined);
  registerMessages('tlh', { back: 'chegh' });
  assert.equal(languageLoading('tlh'), undefined);
  assert.equal(translate('tlh', 'back'), 'chegh');
});

test("a partner's wording registered before the language arrives stays on top of the shipped messages", async () => {
  registerMessages('fr', { back: 'Revenir' });
  assert.equal(translate('fr', 'back'), 'Revenir');
  assert.equal(translate('fr', 'done'), 'Done', 'English for the rest until French is in');
  await languageLoading('fr');
  assert.equal(translate('fr', 'back'), 'Revenir');
  assert.equal(translate('fr', 'done'), 'Terminé');
});

test('only languages are languages: names an object has anyway are not', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    assert.equal(knownLanguage(name), undefined, name);
    assert.equal(languageLoading(name), undefined, name);
  }
});
