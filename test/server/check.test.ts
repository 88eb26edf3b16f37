import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/server/cli.js';
import { ASSUMPTIONS, CHECK_ACCOUNT } from '../../src/server/check.js';
import { call, useFake } from '../support/fake.js';

const fake = await useFake();
beforeEach(() => fake.reset());

const env = () => ({ PELIQAN_BASE_URL: fake.url, PELIQAN_PARTNER_TOKEN: fake.partnerToken });

/** Runs the command; `out` also notes how many creates the fake had seen when each line was printed. */
async function check(...args: string[]) {
  const out: { line: string; createsSoFar: number }[] = [];
  const err: string[] = [];
  const code = await main(['check', ...args], env(), {
    out: (line) => out.push({ line, createsSoFar: creates().length }),
    err: (line) => err.push(line),
  });
  return { code, lines: out.map((entry) => entry.line), out, err };
}

const creates = () =>
  fake.requests.filter((request) => request.method === 'POST' && !request.path.endsWith('/integrate/'));
const lineFor = (lines: string[], says: string) => lines.find((line) => line.includes(says));
/** The assumption of that key (the test fails on a key that names none). */
function assumption(key: string) {
  const found = ASSUMPTIONS.find((each) => each.key === key);
  assert.ok(found, `no assumption ${key}`);
  return found;
}

describe('npx peliqan-embed check', () => {
  test('reports every assumption with its owner, calling only read-only endpoints', async () => {
    fake.seedConnection({ externalId: 'wood_123', servertype: 'stripe', health_status: 'OK' });
    const { code, lines } = await check('--external-id', 'wood_123');
    assert.equal(code, 0);
    for (const { says, owner } of ASSUMPTIONS) {
      const line = lineFor(lines, says);
      assert.ok(line, `no line for "${says}"`);
      assert.match(line, /^(held|not held|not checked) /);
      assert.ok(line.includes(owner));
    }
    assert.match(lineFor(lines, assumption('customerCatalogue').says)!, /^held /);
    assert.match(lineFor(lines, assumption('logs').says)!, /^held /);
    assert.match(lineFor(lines, assumption('duplicateAccount').says)!, /^not checked .*--write/);
    assert.match(lines.at(-1)!, /^11 held, 0 not held, 3 not checked\.$/);
    assert.deepEqual(creates(), []);
    // Each read-only endpoint once (the catalogue once per token).
    const calls = fake.requests.map((request) => `${request.route} as ${request.auth}`);
    assert.equal(calls.length, new Set(calls).size, calls.join('\n'));
    assert.ok(!lines.join('\n').includes(fake.partnerToken));
  });

  test('names each owner by its function, never by a file the package does not ship', async () => {
    assert.equal(new Set(ASSUMPTIONS.map((each) => each.key)).size, ASSUMPTIONS.length);
    for (const { key, owner } of ASSUMPTIONS) {
      assert.match(owner, /^[A-Za-z]+(\.[a-z][A-Za-z]*)?(\(\))?([;,] (else use )?[A-Za-z.]+(\(\))?)*$/, key);
    }
    assert.equal(assumption('connectionStatus').owner, 'connectionState()');
    assert.equal(
      assumption('customerCatalogue').owner,
      'PeliqanClient.servertypes(); else use createCatalogueHandler()',
    );
    const { lines } = await check();
    assert.ok(
      lines.every((line) => !/src\/|\.ts\b/.test(line)),
      lines.join('\n'),
    );
  });

  test('without a customer, says what it could not check and why', async () => {
    const { code, lines } = await check();
    assert.equal(code, 0);
    assert.match(lineFor(lines, assumption('integrateToken').says)!, /^not checked .*--external-id/);
    assert.match(lineFor(lines, assumption('missingAccount').says)!, /^held .*404/);
    assert.deepEqual(creates(), []);
  });

  test('reports an assumption that does not hold, and exits 1', async () => {
    const catalogue = (await call(`${fake.url}/api/servertypes`, { token: fake.partnerToken })).body;
    fake.requests.length = 0;
    fake.integrateToken('wood_123');
    // The partner may read the catalogue; the customer may not.
    fake.faults.status['GET /api/servertypes'] = [{ status: 200, body: catalogue }, 403];
    const { code, lines } = await check('--external-id', 'wood_123');
    assert.equal(code, 1);
    assert.match(lineFor(lines, assumption('customerCatalogue').says)!, /^not held .*403.*createCatalogueHandler/);
  });

  test("names each list's envelope as the client reads it; an answer the client would refuse is no list", async () => {
    for (const [listEnvelope, seen] of [
      ['bare', 'bare'],
      ['data', '{data}'],
      ['results', '{results}'],
    ] as const) {
      fake.reset({ listEnvelope });
      fake.integrateToken('wood_123');
      const { lines } = await check('--external-id', 'wood_123');
      assert.equal(
        lineFor(lines, assumption('listEnvelopes').says)!.split(': seen: ')[1],
        `${seen}  [${assumption('listEnvelopes').owner}]`,
      );
    }
    // `data` that is not a list: the client does not fall back to `results`, so neither does the check.
    fake.reset();
    fake.integrateToken('wood_123');
    fake.faults.status['GET /api/servers'] = { status: 200, body: { data: 'none', results: [] } };
    const { lines } = await check('--external-id', 'wood_123');
    assert.match(lineFor(lines, assumption('listEnvelopes').says)!, /^not held .*not a list at \/api\/servers/);
    assert.match(lineFor(lines, assumption('connectionStatus').says)!, /^not checked .*invalid-response .*Not a list/);
  });

  test('with --write, says first what it will create, then creates it in its own sub-account only', async () => {
    fake.integrateToken('wood_123');
    const { code, lines, out } = await check('--write');
    assert.equal(code, 0);
    const notice = out.find((entry) => entry.line.startsWith('--write creates'))!;
    assert.match(notice.line, new RegExp(`"${CHECK_ACCOUNT}".*cannot be deleted through the API`));
    assert.equal(notice.createsSoFar, 0);
    assert.match(lineFor(lines, assumption('duplicateAccount').says)!, /^held .*ERROR_EXTERNAL_ID_EXISTS/);
    assert.match(lineFor(lines, assumption('createdConnection').says)!, /^held /);
    const checkAccount = fake.accounts.find((account) => account.external_id === CHECK_ACCOUNT)!;
    assert.deepEqual(
      fake.connections.map((connection) => [connection.account, connection.name]),
      [[checkAccount.id, 'peliqan-embed check']],
    );
    assert.deepEqual(fake.accounts.map((account) => account.external_id).sort(), [CHECK_ACCOUNT, 'wood_123'].sort());
  });

  test('with --write and --external-id, reads as that customer but creates only in its own sub-account', async () => {
    fake.integrateToken('wood_123');
    const { code, lines } = await check('--write', '--external-id', 'wood_123');
    assert.equal(code, 0);
    assert.match(lineFor(lines, assumption('createdConnection').says)!, /^held /);
    const checkAccount = fake.accounts.find((account) => account.external_id === CHECK_ACCOUNT)!;
    assert.deepEqual(
      fake.connections.map((connection) => connection.account),
      [checkAccount.id],
    );
  });

  test('says "not checked", not "not held", when Peliqan cannot be reached or refuses the partner token', async () => {
    for (const environment of [
      { PELIQAN_BASE_URL: 'http://127.0.0.1:9', PELIQAN_PARTNER_TOKEN: fake.partnerToken },
      { PELIQAN_BASE_URL: fake.url, PELIQAN_PARTNER_TOKEN: 'not-the-partner-token' },
    ]) {
      const lines: string[] = [];
      const code = await main(['check', '--external-id', 'wood_123'], environment, {
        out: (line) => lines.push(line),
        err: (line) => lines.push(line),
      });
      assert.equal(code, 1);
      assert.match(lines.at(-1)!, /^0 held, 0 not held, 14 not checked\.$/, lines.join('\n'));
    }
  });

  test('refuses a PELIQAN_BASE_URL that is not https:', async () => {
    const err: string[] = [];
    const code = await main(
      ['check'],
      { PELIQAN_BASE_URL: 'http://peliqan.example', PELIQAN_PARTNER_TOKEN: 't' },
      {
        out: () => {},
        err: (line) => err.push(line),
      },
    );
    assert.equal(code, 2);
    assert.match(err.join(''), /https:/);
  });
});
