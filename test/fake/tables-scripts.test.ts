import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { call, useFake } from '../support/fake.js';

const fake = await useFake();

beforeEach(() => fake.reset({ testDelay: 50 }));

/** A customer token, and the ids of the database, schema and group its new account was given. */
async function tenant(externalId = 'wood_123') {
  const token = fake.integrateToken(externalId);
  const databases = await call(`${fake.url}/api/applications/`, { token });
  const groups = await call(`${fake.url}/api/groups/`, { token });
  const database = databases.body[0];
  return { token, database: database.id, schema: database.schemas[0].id, group: groups.body[0].id };
}

const post = (path: string, token: string, json: unknown) =>
  call(`${fake.url}${path}`, { method: 'POST', token, json });

describe('query tables (the SDK paths)', () => {
  test('a new sub-account has one database with no tables, and one group', async () => {
    const token = fake.integrateToken('fresh');
    const databases = await call(`${fake.url}/api/applications/`, { token });
    assert.equal(databases.status, 200);
    assert.equal(databases.body.length, 1);
    assert.deepEqual(databases.body[0].tables, []);
    assert.equal(databases.body[0].schemas.length, 1);
    const groups = await call(`${fake.url}/api/groups/`, { token });
    assert.deepEqual(Object.keys(groups.body[0]).sort(), ['id', 'name']);
    assert.equal(groups.body.length, 1);
  });

  test("create-sql-query makes a table that the account's database then lists", async () => {
    const { token, database, schema } = await tenant();
    const created = await post('/api/database/tables/create-sql-query/', token, {
      table_type: 'query',
      name: 'orders',
      query: 'select * from orders',
      schema_id: null,
    });
    assert.equal(created.status, 201);
    assert.equal(typeof created.body.id, 'number');
    assert.deepEqual(
      [created.body.name, created.body.database_id, created.body.schema_id],
      ['orders', database, schema],
    );
    const databases = await call(`${fake.url}/api/applications/`, { token });
    assert.deepEqual(
      databases.body[0].tables.map((table: { id: number; name: string }) => [table.id, table.name]),
      [[created.body.id, 'orders']],
    );
    assert.equal(fake.requests.at(-2)?.route, 'POST /api/database/tables/create-sql-query/');
  });

  test("the database path puts the table in that database, and only in one of the account's own", async () => {
    const { token, database, schema } = await tenant();
    const created = await post(`/api/database/tables/database/${database}/`, token, {
      table_type: 'query',
      name: 'customers',
      query: 'select 1',
      schema_id: schema,
    });
    assert.deepEqual([created.status, created.body.database_id], [201, database]);
    assert.equal(fake.requests.at(-1)?.route, 'POST /api/database/tables/database/:id/');

    const other = await tenant('someone_else');
    const foreign = await post(`/api/database/tables/database/${database}/`, other.token, {
      table_type: 'query',
      name: 'x',
      query: 'select 1',
    });
    assert.deepEqual([foreign.status, foreign.body.error], [404, 'ERROR_NOT_FOUND']);
    const elsewhere = await call(`${fake.url}/api/applications/`, { token: other.token });
    assert.deepEqual(elsewhere.body[0].tables, [], "one account's tables never show in another's");
  });

  test('validates the body as Django would, field by field', async () => {
    const { token } = await tenant();
    const empty = await post('/api/database/tables/create-sql-query/', token, {});
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.body, {
      error: 'ERROR_VALIDATION',
      detail: {
        table_type: ['This field is required.'],
        name: ['This field is required.'],
        query: ['This field is required.'],
      },
    });
    const wrong = await post('/api/database/tables/create-sql-query/', token, {
      table_type: 'view',
      name: '',
      query: 42,
      schema_id: 999_999,
    });
    assert.deepEqual(wrong.body.detail, {
      table_type: ['"view" is not a valid choice.'],
      name: ['This field may not be blank.'],
      query: ['Not a valid string.'],
      schema_id: ['Invalid pk "999999" - object does not exist.'],
    });
    assert.equal(fake.tables.length, 0);
  });
});

describe('scripts (the SDK paths)', () => {
  test('a script made in a group is listed, and PATCH changes it', async () => {
    const { token, group } = await tenant();
    const created = await post(`/api/interfaces/group/${group}/`, token, {
      name: 'Nightly sync',
      raw_script: 'print(1)',
      run_mode: 'SHELL',
      type: 'streamlit',
    });
    assert.equal(created.status, 201);
    assert.deepEqual(
      [typeof created.body.id, created.body.group_id, created.body.raw_script],
      ['number', group, 'print(1)'],
    );
    assert.equal(fake.requests.at(-1)?.route, 'POST /api/interfaces/group/:id/');

    const patched = await call(`${fake.url}/api/interfaces/${created.body.id}/`, {
      method: 'PATCH',
      token,
      json: { raw_script: 'print(2)', schedule: true, run_interval: 3600 },
    });
    assert.equal(patched.status, 200);
    assert.deepEqual(
      [patched.body.name, patched.body.raw_script, patched.body.schedule, patched.body.run_interval],
      ['Nightly sync', 'print(2)', true, 3600],
    );
    const listed = await call(`${fake.url}/api/interfaces/`, { token });
    assert.deepEqual(
      listed.body.map((script: { id: number; raw_script: string }) => [script.id, script.raw_script]),
      [[created.body.id, 'print(2)']],
    );
  });

  test("refuses a bad body, an unknown group and another account's script", async () => {
    const { token, group } = await tenant();
    const bad = await post(`/api/interfaces/group/${group}/`, token, { run_mode: 'CRON', schedule: 'yes' });
    assert.deepEqual(
      [bad.status, bad.body.detail],
      [
        400,
        {
          name: ['This field is required.'],
          run_mode: ['"CRON" is not a valid choice.'],
          schedule: ['Must be a valid boolean.'],
        },
      ],
    );
    assert.equal((await post('/api/interfaces/group/999999/', token, { name: 'x', run_mode: 'API' })).status, 404);

    const created = await post(`/api/interfaces/group/${group}/`, token, { name: 'Mine', run_mode: 'API' });
    const other = await tenant('someone_else');
    const foreign = await call(`${fake.url}/api/interfaces/${created.body.id}/`, {
      method: 'PATCH',
      token: other.token,
      json: { name: 'Theirs' },
    });
    assert.equal(foreign.status, 404);
    const badPatch = await call(`${fake.url}/api/interfaces/${created.body.id}/`, {
      method: 'PATCH',
      token,
      json: { name: null, run_interval: 'hourly' },
    });
    assert.deepEqual(badPatch.body.detail, {
      name: ['This field may not be null.'],
      run_interval: ['A valid integer is required.'],
    });
    assert.equal(fake.scripts[0]?.name, 'Mine');
  });
});

describe("the page's short forms", () => {
  for (const [method, path] of [
    ['POST', '/table'],
    ['GET', '/table'],
    ['POST', '/interface'],
    ['GET', '/interface'],
  ] as const) {
    test(`${method} ${path} answers 404 like any unknown path`, async () => {
      const { token } = await tenant();
      const answer = await call(`${fake.url}${path}`, {
        method,
        token,
        json: method === 'POST' ? { name: 'x', query: 'select 1', raw_code: 'print(1)' } : undefined,
      });
      assert.equal(answer.status, 404);
      assert.equal(fake.tables.length + fake.scripts.length, 0);
    });
  }
});
