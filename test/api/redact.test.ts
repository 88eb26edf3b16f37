import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { maskValues, redaction, redactConnection } from '../../src/api/redact.js';

describe('redaction (issue 14 point 2, issue 15 point 6)', () => {
  const typed = redaction([
    { value: 'the', secret: false },
    { value: 'invalid', secret: true },
    { value: 'acme.example', secret: false },
  ]);

  test('on screen: a secret goes, other values stay', () => {
    assert.equal(
      typed.screen('Authentication failed: the credentials were rejected (invalid)'),
      'Authentication failed: the credentials were rejected (•••)',
    );
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

  test('a value shorter than 6 characters goes only as a whole word; a single character never', () => {
    const short = redaction([
      { value: 'the', secret: false },
      { value: 'abcd', secret: false },
      { value: 'x', secret: true },
    ]);
    assert.equal(
      short.event('the abcd x, but not theory, abcde or xylophone'),
      'the ••• x, but not theory, abcde or xylophone',
    );
    assert.equal(short.screen('x marks the spot'), 'x marks the spot');
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

describe('redaction of the forms a secret takes in a message (issue 23 point 5)', () => {
  const secret = 'p@ss w0rd/1';
  const typed = redaction([
    { value: 'analytics', secret: false },
    { value: secret, secret: true },
  ]);

  test('inside a word, and in any letter case', () => {
    assert.equal(typed.screen(`token_${secret}_x rejected`), 'token_•••_x rejected');
    assert.equal(typed.screen(`PASSWORD ${secret.toUpperCase()} REJECTED`), 'PASSWORD ••• REJECTED');
    assert.equal(maskValues(['invalid'])('invalidated'), '•••ated');
  });

  test('URL-encoded, in a connection string or a form body, hex digits in either case', () => {
    assert.equal(
      typed.screen('Cannot parse postgres://analytics:p%40ss%20w0rd%2F1@db.acme.example/sales'),
      'Cannot parse postgres://analytics:•••@db.acme.example/sales',
    );
    assert.equal(typed.screen('password=p%40ss+w0rd%2f1&user=analytics'), 'password=•••&user=analytics');
  });

  test('in Base64, wherever it sits in the encoded bytes (Basic user:password)', () => {
    for (const user of ['analytics', 'an', 'a', '']) {
      const header = `Authorization: Basic ${btoa(`${user}:${secret}`)}`;
      assert.equal(typed.screen(header), 'Authorization: Basic •••', header);
    }
    const urlSafe = Buffer.from(`xx${secret}??`).toString('base64url');
    assert.equal(typed.screen(`sig=${urlSafe}.`), 'sig=•••.');
  });

  test('cut short after 8 or more characters, but not before', () => {
    assert.equal(typed.screen(`Password 'p@ss w0r…' rejected`), `Password '•••…' rejected`);
    assert.equal(typed.screen(`Password 'p@ss w0…' rejected`), `Password 'p@ss w0…' rejected`);
  });

  test('in events, every typed value of 6+ characters goes in the same forms, only secrets when cut short', () => {
    assert.equal(
      typed.event(`User ANALYTICS (${btoa('analytics')}) at analyticsdb, analytic…`),
      'User ••• (•••) at •••db, analytic…',
    );
  });

  test('leaves a message that quotes nothing typed as it was', () => {
    const message = 'Could not connect to db.acme.example:5432 (timeout after 10 s). Basic auth is not supported.';
    assert.equal(typed.event(message), message);
    assert.equal(typed.screen(message), message);
  });
});
