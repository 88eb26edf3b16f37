import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { translate } from '../../src/i18n/translate.js';

describe('translate', () => {
  test('fills placeholders as text', () => {
    assert.equal(translate('en', 'connectTo', { name: '<b>Stripe</b>' }), 'Connect to <b>Stripe</b>');
  });

  test('picks the plural form for the number, with other placeholders inside it', () => {
    assert.equal(translate('en', 'connectorCount', { count: 1 }), '1 connector');
    assert.equal(translate('en', 'connectorCount', { count: 2000 }), '2,000 connectors');
    assert.equal(translate('en', 'matchCount', { count: 1, total: 40 }), '1 of 40 connectors matches');
    assert.equal(translate('en', 'matchCount', { count: 3, total: 40 }), '3 of 40 connectors match');
    assert.equal(translate('en', 'showEarlier', { count: 1 }), 'Show 1 earlier attempt');
  });

  test('falls back to English for a language it does not know', () => {
    assert.equal(translate('xx', 'connectorCount', { count: 2 }), '2 connectors');
  });
});
