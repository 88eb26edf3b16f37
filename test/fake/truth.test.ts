/**
 * The fake knows how each of its connectors connects and which fields its form asks for; the widget
 * only guesses both from the served definition (`isOAuthConnector`, `formFields`). Held against each
 * other for every connector of the fake's catalogue, a wrong guess shows here, not at a partner's.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formFields, isOAuthConnector } from '../../src/api/connectors.js';
import { isServertype, type Servertype } from '../../src/api/schemas.js';
import { defaultCatalogue, formSlots, type FakeServertype } from '../../src/fake/catalogue.js';
import { call, useFake } from '../support/fake.js';

const fake = await useFake();
const truth = defaultCatalogue();
const served = (await call(`${fake.url}/api/servertypes`, { token: fake.partnerToken })).body as unknown[];

/** Each connector of the fake's catalogue with its definition as the widget receives it. */
const pairs = truth.map((connector): [FakeServertype, Servertype] => {
  const definition = served.find((entry) => (entry as { id?: unknown }).id === connector.id);
  assert.ok(isServertype(definition), `the widget reads ${connector.name} as a connector`);
  return [connector, definition];
});

describe("the widget's guesses about connectors agree with the fake's truth", () => {
  test('the catalogue is served whole, without the truth the widget has to guess', () => {
    assert.equal(served.length, truth.length);
    assert.ok(served.every((entry) => !('connectsBy' in (entry as object))));
    // Both kinds are there, so each guess is held against a connector of either kind.
    assert.deepEqual(new Set(truth.map((connector) => connector.connectsBy)), new Set(['oauth', 'credentials']));
  });

  test('isOAuthConnector: OAuth exactly where the fake signs in', () => {
    for (const [connector, definition] of pairs) {
      assert.equal(isOAuthConnector(definition), connector.connectsBy === 'oauth', connector.name);
    }
  });

  test('formFields: the fields the fake shows, in its order, required where it requires them', () => {
    for (const [connector, definition] of pairs) {
      const guessed = formFields(definition).map(({ key, required }) => ({ key, required }));
      assert.deepEqual(guessed, formSlots(connector), connector.name);
    }
  });

  test("a create answers an oauth_url exactly where the fake's truth says OAuth", async () => {
    const token = fake.integrateToken('truth');
    for (const connector of truth) {
      const values = Object.fromEntries(formSlots(connector).map((slot) => [slot.key, 'value']));
      const created = await call(`${fake.url}/api/servers`, {
        method: 'POST',
        token,
        json: { servertype_id: connector.id, ...values },
      });
      assert.equal(created.status, 201, connector.name);
      assert.equal(typeof created.body.oauth_url === 'string', connector.connectsBy === 'oauth', connector.name);
    }
  });
});
