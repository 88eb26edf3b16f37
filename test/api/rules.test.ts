import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  connectionState,
  connectionMessage,
  formFields,
  isOAuthConnector,
  byOrderThenName,
  logLine,
  type Servertype,
  type Connection,
} from '../../src/api/index.js';
import { connectorMatches } from '../../src/api/connectors.js';
import { safeIconUrl } from '../../src/api/urls.js';
import { detailText } from '../../src/api/errors.js';
import { backoffDelay, retryAfterDelay } from '../../src/api/retry.js';

const connection = (fields: Partial<Connection>): Connection => ({ id: 1, ...fields });
const servertype = (fields: Partial<Servertype>): Servertype => ({ id: 1, name: 'X', ...fields });

describe('connectionState (the status rule, peliqan-api.md §3)', () => {
  const cases: [Partial<Connection>, string][] = [
    [{ health_status: 'OK' }, 'connected'],
    [{ health_status: 'ok' }, 'connected'],
    [{ status: 'Active' }, 'connected'],
    [{ status: 'COMPLETED' }, 'connected'],
    [{ health_status: 'ERROR' }, 'failed'],
    [{ health_status: 'DISABLED' }, 'disabled'],
    [{ status: 'disabled' }, 'disabled'],
    [{ status: 'unauthorized' }, 'failed'],
    [{ health_status: 'PENDING' }, 'pending'],
    [{ health_status: undefined }, 'pending'],
    [{}, 'pending'],
    [{ health_status: 'SOMETHING_NEW' }, 'pending'],
    [{ health_status: undefined, status: 'FAILED' }, 'failed'],
    [{ health_status: 'OK', status: 'FAILED' }, 'connected'],
  ];
  for (const [fields, expected] of cases) {
    test(`${JSON.stringify(fields)} → ${expected}`, () => assert.equal(connectionState(connection(fields)), expected));
  }

  test('takes the failure reason from health_message, error, detail or message', () => {
    assert.equal(connectionMessage(connection({ health_message: 'Bad key' })), 'Bad key');
    assert.equal(connectionMessage(connection({ error: 'Nope' })), 'Nope');
    assert.equal(
      connectionMessage(connection({ detail: { password: ['Wrong password'] } })),
      'password: Wrong password',
    );
    assert.equal(connectionMessage(connection({ message: '  ' })), undefined);
  });
});

describe('formFields (connect forms, peliqan-api.md §4)', () => {
  const postgres = servertype({
    settings: {
      connect_form: {
        helptext: 'Default port: 5432.',
        fields: {
          host: { show: true, label: 'Host', required: true },
          port: { show: true, label: 'Port', defaultvalue: '5432' },
          password: { show: true, label: 'Password', required: true },
          param1: { show: true, type: 'input', label: 'Target database', helptext: 'Optional.' },
          param2: { show: false, required: false },
          param3: {},
          api_key: { type: 'secret' },
          amount: { type: 'integer', defaultvalue: 3 },
          notes: { type: 'multiline' },
          ssl: { type: 'boolean', defaultvalue: true },
          env: { type: 'select', options: ['prod', { value: 'dev', label: 'Development' }, { nope: 1 }, null] },
          empty_select: { type: 'select' },
          weird: { type: 'colour-picker' },
        },
      },
    },
  });
  const fields = formFields(postgres);

  test('keeps shown fields in order and drops show: false', () => {
    assert.deepEqual(
      fields.map((field) => field.key),
      [
        'host',
        'port',
        'password',
        'param1',
        'param3',
        'api_key',
        'amount',
        'notes',
        'ssl',
        'env',
        'empty_select',
        'weird',
      ],
    );
  });

  test('fills missing attributes: label from the key, not required, text input', () => {
    const param3 = fields.find((field) => field.key === 'param3');
    assert.deepEqual(param3, {
      key: 'param3',
      label: 'Param 3',
      kind: 'text',
      required: false,
      helptext: undefined,
      defaultValue: undefined,
      options: [],
    });
    assert.equal(fields.find((field) => field.key === 'api_key')?.label, 'Api key');
  });

  test('maps types to kinds, with the password slot always secret and the port slot always a number', () => {
    const kinds = Object.fromEntries(fields.map((field) => [field.key, field.kind]));
    assert.deepEqual(kinds, {
      host: 'text',
      port: 'number',
      password: 'secret',
      param1: 'text',
      param3: 'text',
      api_key: 'secret',
      amount: 'number',
      notes: 'textarea',
      ssl: 'checkbox',
      env: 'select',
      empty_select: 'text',
      weird: 'text',
    });
  });

  test('reads defaults and options', () => {
    assert.equal(fields.find((field) => field.key === 'amount')?.defaultValue, '3');
    assert.equal(fields.find((field) => field.key === 'ssl')?.defaultValue, true);
    assert.deepEqual(fields.find((field) => field.key === 'env')?.options, [
      { value: 'prod', label: 'prod' },
      { value: 'dev', label: 'Development' },
    ]);
  });

  test('leaves out fields that are not field definitions', () => {
    const odd = servertype({
      settings: { connect_form: { fields: { good: { label: 'Good' }, bad: { label: 42 }, worse: 'x', none: null } } },
    });
    assert.deepEqual(
      formFields(odd).map((field) => field.key),
      ['good'],
    );
  });

  test('accepts a list of fields with a name', () => {
    const listed = servertype({
      settings: { connect_form: { fields: [{ name: 'login', required: true }, { label: 'no name' }] } },
    });
    assert.deepEqual(
      formFields(listed).map((field) => [field.key, field.label, field.required]),
      [['login', 'Login', true]],
    );
  });
});

describe('isOAuthConnector (the OAuth rule)', () => {
  test('a connect form of type oauth', () =>
    assert.ok(isOAuthConnector(servertype({ settings: { connect_form: { type: 'OAuth', fields: { x: {} } } } }))));
  test('oauth: true', () =>
    assert.ok(isOAuthConnector(servertype({ oauth: true, settings: { connect_form: { fields: { x: {} } } } }))));
  test('auth_type oauth', () =>
    assert.ok(isOAuthConnector(servertype({ auth_type: 'oauth', settings: { connect_form: { fields: { x: {} } } } }))));
  test('no shown field', () =>
    assert.ok(isOAuthConnector(servertype({ settings: { connect_form: { fields: { x: { show: false } } } } }))));
  test('no connect form at all', () => assert.ok(isOAuthConnector(servertype({}))));
  test('a credential connector is not', () =>
    assert.ok(!isOAuthConnector(servertype({ settings: { connect_form: { fields: { password: { show: true } } } } }))));
});

describe("detailText (Peliqan's error detail in words)", () => {
  test('a 400 listing field errors says which field each is about (issue 25 §4)', () => {
    assert.equal(
      detailText({ param1: ['This field is required.'], host: ['This field is required.'] }),
      'param1: This field is required. host: This field is required.',
    );
    assert.equal(detailText({ port: ['Not a number.', 'Out of range.'] }), 'port: Not a number. Out of range.');
  });

  test("Django's errors about the whole request, lists and plain text stay as they are", () => {
    assert.equal(detailText({ non_field_errors: ['Connection refused.'] }), 'Connection refused.');
    assert.equal(detailText(['First.', 'Second.']), 'First. Second.');
    assert.equal(detailText('Authentication failed.'), 'Authentication failed.');
    assert.equal(detailText({ host: [] }), undefined);
    assert.equal(detailText(''), undefined);
  });
});

describe('small rules', () => {
  test('icon URLs only http(s) or relative', () => {
    const base = 'https://app.eu.peliqan.io';
    assert.equal(safeIconUrl('https://cdn.x/a.svg', base), 'https://cdn.x/a.svg');
    assert.equal(safeIconUrl('/img/a.svg', base), 'https://app.eu.peliqan.io/img/a.svg');
    assert.equal(safeIconUrl('javascript:alert(1)', base), undefined);
    assert.equal(safeIconUrl('data:image/svg+xml,<svg onload=alert(1)>', base), undefined);
    assert.equal(safeIconUrl(' JaVaScRiPt:alert(1)', base), undefined);
    assert.equal(safeIconUrl(null, base), undefined);
  });

  test('connectors match by id or slug, case-insensitively', () => {
    const hubspot = servertype({ id: 201, server_type: 'hubspot' });
    assert.ok(connectorMatches(hubspot, 201));
    assert.ok(connectorMatches(hubspot, ' HubSpot '));
    assert.ok(!connectorMatches(hubspot, 'hub'));
    assert.ok(!connectorMatches(hubspot, ''));
  });

  test('connectors sort by order, then name', () => {
    const sorted = [
      servertype({ name: 'b', order: 2 }),
      servertype({ name: 'z' }),
      servertype({ name: 'a', order: 2 }),
      servertype({ name: 'c', order: 1 }),
    ].sort(byOrderThenName);
    assert.deepEqual(
      sorted.map((each) => each.name),
      ['c', 'a', 'b', 'z'],
    );
  });

  test('Retry-After in seconds or as a date; absurd values ignored', () => {
    assert.equal(retryAfterDelay('2'), 2000);
    assert.equal(retryAfterDelay(new Date(10_000).toUTCString(), 5_000), 5000);
    assert.equal(retryAfterDelay('3600'), Infinity, 'longer than is worth waiting');
    assert.equal(retryAfterDelay('soon'), undefined);
    assert.equal(retryAfterDelay(null), undefined);
  });

  test('backoff doubles with 50–100 % jitter', () => {
    assert.equal(
      backoffDelay(1, 500, () => 0),
      250,
    );
    assert.equal(
      backoffDelay(2, 500, () => 1),
      1000,
    );
    assert.equal(
      backoffDelay(3, 500, () => 0.5),
      1500,
    );
  });

  test('log entries of any shape become lines', () => {
    assert.deepEqual(logLine({ timestamp: '2026-01-01T00:00:00Z', level: 'ERROR', message: 'Bad key' }), {
      timestamp: '2026-01-01T00:00:00Z',
      level: 'error',
      text: 'Bad key',
    });
    assert.deepEqual(logLine('plain text'), { text: 'plain text' });
    assert.deepEqual(logLine({ foo: 1 }), { timestamp: undefined, level: undefined, text: '{"foo":1}' });
    assert.deepEqual(logLine(42), { text: '42' });
  });
});
