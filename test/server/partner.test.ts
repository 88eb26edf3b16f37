import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PeliqanPartner, isPeliqanError, type PeliqanError } from '../../src/server/index.js';
import * as z from 'zod/mini';
import { call, useFake } from '../support/fake.js';

const fake = await useFake();
beforeEach(() => fake.reset({ testDelay: 20 }));

const partner = (paths?: 'partner') =>
  new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken, paths, retryDelay: 5 });
const last = () => fake.requests.at(-1)!;
const calls = () => fake.requests.map((request) => [request.method, request.path, request.query, request.auth]);

async function failure(promise: Promise<unknown>): Promise<PeliqanError> {
  const error = await promise.catch((caught: unknown) => caught);
  assert.ok(isPeliqanError(error), `expected a PeliqanError, got ${String(error)}`);
  return error;
}

describe('PeliqanPartner', () => {
  test('createSubAccount posts the profile to /api/sub-account/ with the partner JWT', async () => {
    const account = await partner().createSubAccount({
      external_id: 'wood_123',
      email: 'ann@wood.example',
      company_name: 'Wood',
    });
    assert.equal(account.external_id, 'wood_123');
    assert.deepEqual(calls(), [['POST', '/api/sub-account/', {}, 'partner']]);
    assert.deepEqual(last().bodyKeys, ['external_id', 'email', 'company_name']);
  });

  test('createSubAccount sends a password only when given one explicitly', async () => {
    await partner('partner').createSubAccount({ external_id: 'wood_123', password: 'chosen-by-the-partner' });
    assert.deepEqual(last().bodyKeys, ['external_id', 'password']);
  });

  test('identityToken asks /api/sub-account/identity/ by account id or external id, expire=false when asked', async () => {
    const { id } = await partner().createSubAccount({ external_id: 'wood_123' });
    const token = await partner().identityToken({ accountId: id }, { expire: false });
    assert.deepEqual(
      [last().method, last().path, last().query, last().auth],
      ['GET', '/api/sub-account/identity/', { account_id: String(id), expire: 'false' }, 'partner'],
    );
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    assert.equal(claims.exp, undefined);
    await partner().identityToken({ externalId: 'wood_123' });
    assert.deepEqual(last().query, { external_id: 'wood_123' });
  });

  test('integrateToken posts to /api/sub-account/integrate/ and yields a working 30-minute token', async () => {
    await partner().createSubAccount({ external_id: 'wood_123' });
    const token = await partner().integrateToken({ externalId: 'wood_123' });
    assert.deepEqual(
      [last().method, last().path, last().query, last().auth],
      ['POST', '/api/sub-account/integrate/', { external_id: 'wood_123' }, 'partner'],
    );
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    assert.equal(claims.exp - claims.iat, 1800);
    assert.equal((await call(`${fake.url}/api/servertypes`, { token })).status, 200);
  });

  test('the newer /api/partner/ layout is one setting', async () => {
    await partner('partner').createSubAccount({ external_id: 'p1' });
    await partner('partner').identityToken({ externalId: 'p1' });
    await partner('partner').integrateToken({ externalId: 'p1' });
    assert.deepEqual(
      fake.requests.map((request) => request.path),
      ['/api/partner/sub-account/', '/api/partner/sub-account/identity/', '/api/partner/sub-account/integrate/'],
    );
  });

  test("errors carry status and Peliqan's {error, detail}, never the partner token", async () => {
    await partner().createSubAccount({ external_id: 'dup' });
    const duplicate = await failure(partner().createSubAccount({ external_id: 'dup' }));
    assert.deepEqual([duplicate.code, duplicate.status, duplicate.error], ['http', 400, 'ERROR_EXTERNAL_ID_EXISTS']);
    const secret = 'super-secret-partner-token';
    const refused = await failure(
      new PeliqanPartner({ baseUrl: fake.url, partnerToken: secret }).integrateToken({ externalId: 'dup' }),
    );
    assert.deepEqual([refused.code, refused.status, refused.error], ['unauthorized', 401, 'ERROR_UNAUTHORIZED']);
    for (const error of [duplicate, refused]) {
      const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack });
      assert.ok(!everything.includes(secret) && !everything.includes(fake.partnerToken));
    }
  });

  test('retries idempotent GETs only', async () => {
    await partner().createSubAccount({ external_id: 'r1' });
    fake.requests.length = 0;
    fake.faults.status['GET /api/sub-account/identity/'] = [503];
    await partner().identityToken({ externalId: 'r1' });
    assert.equal(fake.requests.length, 2);
    fake.faults.status['POST /api/sub-account/integrate/'] = [503];
    assert.equal((await failure(partner().integrateToken({ externalId: 'r1' }))).status, 503);
    assert.equal(fake.requests.filter((request) => request.method === 'POST').length, 1);
  });

  test('gives up after its timeout', async () => {
    fake.faults.delay['POST /api/sub-account/'] = 500;
    const slow = new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken, timeout: 100 });
    assert.equal((await failure(slow.createSubAccount({ external_id: 'slow' }))).code, 'network');
  });

  test('refuses a base URL that is not https: (plain http: only on this machine)', () => {
    for (const baseUrl of [
      'http://app.eu.peliqan.io',
      'http://10.0.0.7:4010',
      'ftp://app.eu.peliqan.io',
      'app.eu.peliqan.io',
    ]) {
      assert.throws(
        () => new PeliqanPartner({ baseUrl, partnerToken: 'secret-partner-token' }),
        (error: Error) => /https:/.test(error.message) && !error.message.includes('secret-partner-token'),
        baseUrl,
      );
    }
    for (const baseUrl of [
      'https://app.eu.peliqan.io',
      'http://localhost:4010',
      'http://127.0.0.1:4010',
      'http://[::1]:4010',
    ]) {
      assert.equal(new PeliqanPartner({ baseUrl, partnerToken: 't' }).baseUrl, baseUrl);
    }
  });

  test('an unreachable Peliqan is a "network" error', async () => {
    const error = await failure(
      new PeliqanPartner({ baseUrl: 'http://127.0.0.1:9', partnerToken: 't', retryDelay: 1 }).identityToken({
        externalId: 'x',
      }),
    );
    assert.equal(error.code, 'network');
  });
});

describe('the tenant client', () => {
  const tenantFor = async (externalId: string, paths?: 'partner') =>
    partner(paths).tenant(await partner().identityToken({ externalId }));

  test('calls every end-customer endpoint with the sub-account JWT', async () => {
    await partner().createSubAccount({ external_id: 't1' });
    const tenant = await tenantFor('t1');
    fake.requests.length = 0;
    assert.ok((await tenant.servertypes()).length >= 30);
    const created = await tenant.addConnection({ servertype_id: 403, password: 'rk_live_x' });
    assert.equal((await tenant.listConnections()).length, 1);
    assert.equal((await tenant.connection(created.id)).id, created.id);
    assert.ok((await tenant.logs(created.id)).length >= 1);
    assert.deepEqual(
      fake.requests.map((request) => [request.method, request.path, request.auth]),
      [
        ['GET', '/api/servertypes', 'customer'],
        ['POST', '/api/servers', 'customer'],
        ['GET', '/api/servers', 'customer'],
        ['GET', `/api/server/${created.id}`, 'customer'],
        ['GET', `/api/server/${created.id}/logs`, 'customer'],
      ],
    );
  });

  test("makes a query table through create-sql-query/, or in the database it is given, as Peliqan's SDK does", async () => {
    await partner().createSubAccount({ external_id: 't2' });
    const tenant = await tenantFor('t2');
    fake.requests.length = 0;
    const orders = await tenant.createTable({ name: 'orders', query: 'select * from orders' });
    const [database] = await tenant.request('/api/applications/', {
      schema: z.array(z.looseObject({ id: z.number() })),
    });
    const customers = await tenant.createTable({ name: 'customers', query: 'select 1', databaseId: database!.id });
    assert.deepEqual([orders.name, orders.table_type, customers.database_id], ['orders', 'query', database!.id]);
    const posts = fake.requests.filter((request) => request.method === 'POST');
    assert.deepEqual(
      posts.map((request) => [request.path, request.bodyKeys]),
      [
        ['/api/database/tables/create-sql-query/', ['name', 'query', 'table_type']],
        [`/api/database/tables/database/${database!.id}/`, ['name', 'query', 'table_type']],
      ],
    );
    assert.deepEqual(
      (await tenant.listTables()).map((table) => table.name),
      ['orders', 'customers'],
    );
  });

  test("adds a script with the page's raw_code and schedule mapped, in the first group unless told", async () => {
    await partner().createSubAccount({ external_id: 't3' });
    const tenant = await tenantFor('t3');
    fake.requests.length = 0;
    const script = await tenant.addScript({ name: 'Sync', raw_code: 'print(1)', schedule: 3600 });
    assert.deepEqual(
      [script.raw_script, script.schedule, script.run_interval, script.run_mode],
      ['print(1)', true, 3600, 'SHELL'],
    );
    const [group] = await tenant.listGroups();
    const unscheduled = await tenant.addScript({ name: 'Once', raw_code: 'print(2)', groupId: group!.id });
    assert.equal(unscheduled.schedule, false);
    assert.deepEqual(
      fake.requests.map((request) => [request.method, request.path, request.bodyKeys]),
      [
        ['GET', '/api/groups/', []],
        ['POST', `/api/interfaces/group/${group!.id}/`, ['name', 'run_mode', 'raw_script', 'schedule', 'run_interval']],
        ['GET', '/api/groups/', []],
        ['POST', `/api/interfaces/group/${group!.id}/`, ['name', 'run_mode', 'raw_script']],
      ],
    );
    assert.deepEqual(
      (await tenant.listScripts()).map((each) => each.name),
      ['Sync', 'Once'],
    );
  });

  test('reads lists across pages', async () => {
    await partner().createSubAccount({ external_id: 't4' });
    const tenant = await tenantFor('t4');
    for (const name of ['a', 'b', 'c', 'd', 'e']) await tenant.createTable({ name, query: 'select 1' });
    Object.assign(fake.faults, { listEnvelope: 'results', pageSize: 2 });
    assert.deepEqual(
      (await tenant.listScripts()).map((each) => each.name),
      [],
    );
    for (const name of ['s1', 's2', 's3']) await tenant.addScript({ name, raw_code: '' });
    fake.requests.length = 0;
    assert.deepEqual(
      (await tenant.listScripts()).map((each) => each.name),
      ['s1', 's2', 's3'],
    );
    assert.deepEqual(
      fake.requests.map((request) => request.query.page ?? '1'),
      ['1', '2'],
    );
    assert.deepEqual(
      (await tenant.listTables()).map((table) => table.name),
      ['a', 'b', 'c', 'd', 'e'],
    );
  });

  test('takes a null name or tables as "not set", as Peliqan writes them', async () => {
    await partner().createSubAccount({ external_id: 't6' });
    const tenant = await tenantFor('t6');
    // A create whose answer names nothing still made the table: it must not fail as invalid-response.
    fake.faults.status['POST /api/database/tables/create-sql-query/'] = { status: 201, body: { id: 41, name: null } };
    assert.deepEqual(await tenant.createTable({ name: 'orders', query: 'select 1' }), { id: 41, name: null });
    fake.faults.status['GET /api/applications/'] = {
      status: 200,
      body: [
        { id: 1, tables: null },
        {
          id: 2,
          tables: [
            { id: 42, name: null },
            { id: 43, name: 'orders' },
          ],
        },
      ],
    };
    assert.deepEqual(await tenant.listTables(), [
      { id: 42, name: null },
      { id: 43, name: 'orders' },
    ]);
    fake.faults.status['GET /api/interfaces/'] = { status: 200, body: [{ id: 44, name: null }] };
    assert.deepEqual(await tenant.listScripts(), [{ id: 44, name: null }]);
  });

  test('each path can be overridden', async () => {
    await partner().createSubAccount({ external_id: 't5' });
    const moved = new PeliqanPartner({
      baseUrl: fake.url,
      partnerToken: fake.partnerToken,
      tenantPaths: { createQueryTable: '/api/v2/query-tables/' },
    }).tenant(await partner().identityToken({ externalId: 't5' }));
    assert.equal(moved.paths.createQueryTable, '/api/v2/query-tables/');
    assert.equal(moved.paths.scripts, '/api/interfaces/');
    await assert.rejects(moved.createTable({ name: 'x', query: 'select 1' }), { status: 404 });
    assert.equal(fake.requests.at(-1)!.path, '/api/v2/query-tables/');
  });
});
