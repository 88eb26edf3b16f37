import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { maskValues, redaction, redactConnection } from '../../src/api/index.js';

describe('redaction (issue 14 point 2, issue 15 point 6)', () => {
  const typed = redaction([
    { value: 'the', secret: false },
    { value: 'invalid', secret: true },
    { value: 'acme.example', secret: false },
  ]);

  test('on screen: a secret goes as a whole word, never inside a word; other values stay', () => {
    assert.equal(
      typed.screen('Authentication failed: the credentials were rejected (invalid)'),
      'Authentication failed: the credentials were rejected (•••)',
    );
    assert.equal(typed.screen('invalidated'), 'invalidated');
    assert.equal(typed.screen('Host acme.example refused'), 'Host acme.example refused');
  });

  test('in events: every typed value of 4+ characters goes too, short ones stay', () => {
    assert.equal(
      typed.event('Authentication failed for acme.example: the key invalid'),
      'Authentication failed for •••: the key •••',
    );
  });

  test('longest first: a value that contains another goes whole', () => {
    const mask = maskValues(['abcd', 'abcd-efgh']);
    assert.equal(mask('key abcd-efgh and abcd'), 'key ••• and •••');
  });

  test('also in their JSON- and HTML-escaped forms', () => {
    const mask = maskValues(['p"a<ss>']);
    assert.equal(mask('{"password": "p\\"a<ss>"}'), '{"password": "•••"}');
    assert.equal(mask('<b>p&quot;a&lt;ss&gt;</b>'), '<b>•••</b>');
  });

  test('characters that mean something in a regular expression are taken literally', () => {
    const mask = maskValues(['a.b*c(d)']);
    assert.equal(mask('x a.b*c(d) y aXbbc(d)'), 'x ••• y aXbbc(d)');
  });

  test('connections in events have their messages redacted, the rest untouched', () => {
    const connection = redactConnection(
      { id: 5, name: 'invalid name', health_message: 'Key invalid rejected', detail: { password: ['invalid'] } },
      typed.event,
    );
    assert.deepEqual(connection, {
      id: 5,
      name: 'invalid name',
      health_message: 'Key ••• rejected',
      detail: { password: ['•••'] },
    });
  });
});
