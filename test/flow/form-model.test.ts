import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formFields, type FormField, type Servertype } from '../../src/api/index.js';
import { fieldProblem, FormModel, type Translate } from '../../src/flow/form-model.js';
import { en } from '../../src/i18n/messages.js';

const t: Translate = (key, params = {}) => en[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
const host = { addController: () => undefined, requestUpdate: () => undefined } as never;

const postgres: Servertype = {
  id: 102,
  name: 'Postgres',
  settings: {
    connect_form: {
      fields: {
        host: { label: 'Host', required: true },
        port: { label: 'Port', type: 'input', defaultvalue: '5432' },
        password: { label: 'Password', required: true },
        rows: { label: 'Rows', type: 'integer', min: 1, max: '100' },
        ratio: { label: 'Ratio', type: 'number' },
      },
    },
  },
};
const field = (key: string): FormField => formFields(postgres).find((each) => each.key === key)!;

describe('number fields (issue 14 point 3)', () => {
  test('the port slot is a whole number from 1 to 65535, whatever its declared type', () => {
    assert.equal(field('port').kind, 'number');
    assert.equal(fieldProblem(field('port'), 'abc', t), 'Port must be a number.');
    assert.equal(fieldProblem(field('port'), '54.3', t), 'Port must be a whole number.');
    assert.equal(fieldProblem(field('port'), '0', t), 'Port must be at least 1.');
    assert.equal(fieldProblem(field('port'), '65536', t), 'Port must be at most 65535.');
    assert.equal(fieldProblem(field('port'), ' 5432 ', t), undefined);
    assert.equal(fieldProblem(field('port'), '', t), undefined, 'an optional port may stay empty');
  });

  test('takes no hexadecimal, exponent or Infinity for a number', () => {
    for (const typed of ['0x10', '1e3', 'Infinity', '12abc', '1,5']) {
      assert.equal(fieldProblem(field('ratio'), typed, t), 'Ratio must be a number.', typed);
    }
    assert.equal(fieldProblem(field('ratio'), '-1.5', t), undefined);
  });

  test('honours min and max from the definition, numbers written as text included', () => {
    assert.equal(fieldProblem(field('rows'), '0', t), 'Rows must be at least 1.');
    assert.equal(fieldProblem(field('rows'), '101', t), 'Rows must be at most 100.');
    assert.equal(fieldProblem(field('rows'), '100', t), undefined);
  });

  test('validate() marks every bad field and body() sends what was typed', () => {
    const model = new FormModel(host);
    model.adopt(postgres);
    model.set('port', 'abc');
    assert.equal(model.validate(t), false);
    assert.deepEqual(Object.keys(model.errors), ['host', 'port', 'password']);
    assert.equal(model.firstInvalid?.key, 'host');
    model.set('host', 'db.example.com');
    model.set('port', '6543 ');
    model.set('password', 'secret');
    assert.equal(model.validate(t), true);
    assert.deepEqual(model.body(), { host: 'db.example.com', port: '6543', password: 'secret' });
  });
});
