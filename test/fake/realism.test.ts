import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { call, until, useFake } from '../support/fake.js';

const fake = await useFake();
const partner = { token: fake.partnerToken };

beforeEach(() => fake.reset({ testDelay: 20 }));

describe('paths and methods as a web server answers them', () => {
  test('an unknown path is an HTML 404 page, not JSON, and is logged', async () => {
    const token = fake.integrateToken('lost');
    for (const path of ['/nowhere', '/api/servers/5001/extra', '/api/applications', '/table']) {
      const answer = await call(`${fake.url}${path}`, { token });
      assert.equal(answer.status, 404, path);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html/, path);
      assert.match(answer.body, /<h1>Not Found<\/h1>/);
    }
    assert.deepEqual(fake.requests[0] && [fake.requests[0].route, fake.requests[0].status], ['GET /nowhere', 404]);
  });

  test('a known path with another method is a 405 naming the allowed ones', async () => {
    const answer = await call(`${fake.url}/api/servers`, { method: 'DELETE', token: fake.integrateToken('x') });
    assert.deepEqual([answer.status, answer.body.error], [405, 'ERROR_METHOD_NOT_ALLOWED']);
    assert.equal(answer.headers.get('allow'), 'POST, GET, OPTIONS');
  });
});

describe('request bodies', () => {
  const create = (headers: Record<string, string>, body: BodyInit) =>
    fetch(`${fake.url}/api/servers`, {
      method: 'POST',
      headers: { Authorization: `JWT ${fake.integrateToken('typed')}`, ...headers },
      body,
    });
  const json = JSON.stringify({ servertype_id: 403, password: 'rk_1' });

  test('a body that is not JSON by its Content-Type is refused with 415, and nothing is made', async () => {
    const plain = await create({ 'Content-Type': 'text/plain' }, json);
    assert.equal(plain.status, 415);
    assert.deepEqual(await plain.json(), {
      error: 'ERROR_UNSUPPORTED_MEDIA_TYPE',
      detail: 'Unsupported media type "text/plain" in request.',
    });
    const form = await create({ 'Content-Type': 'application/x-www-form-urlencoded' }, 'servertype_id=403');
    assert.equal(form.status, 415);
    const untyped = await create({}, new TextEncoder().encode(json));
    assert.equal(untyped.status, 415, 'a body without any Content-Type');
    assert.equal(fake.connections.length, 0);
    const typed = await create({ 'Content-Type': 'application/json; charset=utf-8' }, json);
    assert.equal(typed.status, 201);
  });

  test('a request without a body needs no Content-Type', async () => {
    await call(`${fake.url}/api/sub-account/`, { method: 'POST', ...partner, json: { external_id: 'bodiless' } });
    const integrate = await fetch(`${fake.url}/api/sub-account/integrate/?external_id=bodiless`, {
      method: 'POST',
      headers: { Authorization: `JWT ${fake.partnerToken}` },
    });
    assert.equal(integrate.status, 200);
    const token = await fetch(`${fake.url}/__fake/token?external_id=bodiless`, { method: 'POST' });
    assert.equal(token.status, 200);
  });

  test('a PATCH is held to the same rule', async () => {
    const token = fake.integrateToken('patcher');
    const group = (await call(`${fake.url}/api/groups/`, { token })).body[0].id;
    const script = await call(`${fake.url}/api/interfaces/group/${group}/`, {
      method: 'POST',
      token,
      json: { name: 'S', run_mode: 'API' },
    });
    const patch = await fetch(`${fake.url}/api/interfaces/${script.body.id}/`, {
      method: 'PATCH',
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'text/plain' },
      body: JSON.stringify({ name: 'T' }),
    });
    assert.equal(patch.status, 415);
    assert.equal(fake.scripts[0]?.name, 'S');
  });
});

describe('paged lists', () => {
  const seedFive = () => {
    for (const servertype of ['hubspot', 'stripe', 'mysql', 'postgres', 'xero']) {
      fake.seedConnection({ externalId: 'pages', servertype });
    }
    return fake.integrateToken('pages');
  };

  test('the data envelope pages with next, an absolute URL on the fake, null on the last page', async () => {
    Object.assign(fake.faults, { listEnvelope: 'data', pageSize: 2 });
    const token = seedFive();
    const seen: string[] = [];
    const links: (string | null)[] = [];
    let url: string | null = `${fake.url}/api/servers?ordering=id`;
    while (url) {
      const page: { body: { data: { server_type: string }[]; next: string | null } } = await call(url, { token });
      seen.push(...page.body.data.map((connection) => connection.server_type));
      links.push(page.body.next);
      url = page.body.next;
    }
    assert.deepEqual(seen, ['hubspot', 'stripe', 'mysql', 'postgres', 'xero']);
    assert.deepEqual(links, [
      `${fake.url}/api/servers?ordering=id&page=2`,
      `${fake.url}/api/servers?ordering=id&page=3`,
      null,
    ]);
  });

  test('the results envelope pages as Django REST framework does', async () => {
    Object.assign(fake.faults, { listEnvelope: 'results', pageSize: 2 });
    const token = seedFive();
    const first = await call(`${fake.url}/api/servers`, { token });
    assert.deepEqual(
      [first.body.count, first.body.next, first.body.previous, first.body.results.length],
      [5, `${fake.url}/api/servers?page=2`, null, 2],
    );
    const second = await call(first.body.next, { token });
    assert.equal(second.body.previous, `${fake.url}/api/servers`, "the first page's link has no page");
    const last = await call(`${fake.url}/api/servers?page=3`, { token });
    assert.deepEqual([last.body.next, last.body.results.length], [null, 1]);
    const beyond = await call(`${fake.url}/api/servers?page=4`, { token });
    assert.deepEqual([beyond.status, beyond.body.detail], [404, 'Invalid page.']);
  });

  test('without pageSize every item is on one page, and a bare array never pages', async () => {
    const token = seedFive();
    fake.faults.listEnvelope = 'results';
    const whole = await call(`${fake.url}/api/servers`, { token });
    assert.deepEqual([whole.body.count, whole.body.next, whole.body.results.length], [5, null, 5]);
    Object.assign(fake.faults, { listEnvelope: 'bare', pageSize: 2 });
    assert.equal((await call(`${fake.url}/api/servers`, { token })).body.length, 5);
  });

  test('the catalogue pages too', async () => {
    Object.assign(fake.faults, { listEnvelope: 'data', pageSize: 25 });
    const { body } = await call(`${fake.url}/api/servertypes`, { token: fake.integrateToken('cat') });
    assert.deepEqual([body.data.length, body.next], [25, `${fake.url}/api/servertypes?page=2`]);
  });
});

describe('the partner token where a customer token belongs', () => {
  test("acts on the partner's own account, so a mix-up shows", async () => {
    const customer = fake.integrateToken('wood_123');
    const created = await call(`${fake.url}/api/servers`, {
      method: 'POST',
      ...partner,
      json: { servertype_id: 403, password: 'rk_live_partner' },
    });
    assert.equal(created.status, 201);
    assert.deepEqual(
      fake.connections.map((connection) => connection.account),
      [fake.partnerAccount.id],
    );
    assert.deepEqual((await call(`${fake.url}/api/servers`, { token: customer })).body, []);
    assert.equal((await call(`${fake.url}/api/servers`, partner)).body.length, 1);
    const post = fake.requests.find((request) => request.route === 'POST /api/servers');
    assert.deepEqual([post?.auth, post?.account], ['partner', fake.partnerAccount.id]);
    const subAccounts = await call(`${fake.url}/api/partner/sub-accounts/`, partner);
    assert.deepEqual(
      subAccounts.body.map((account: { external_id: string }) => account.external_id),
      ['wood_123'],
      'the partner account is no sub-account',
    );
  });

  test('has its own database and group, and a reset empties them', async () => {
    await call(`${fake.url}/api/database/tables/create-sql-query/`, {
      method: 'POST',
      ...partner,
      json: { table_type: 'query', name: 'mine', query: 'select 1' },
    });
    assert.equal((await call(`${fake.url}/api/applications/`, partner)).body[0].tables.length, 1);
    fake.reset();
    const databases = await call(`${fake.url}/api/applications/`, partner);
    assert.deepEqual([databases.body.length, databases.body[0].tables], [1, []]);
    assert.equal((await call(`${fake.url}/api/groups/`, partner)).body.length, 1);
  });
});

describe('a new OAuth connection can stay pending after Allow', () => {
  async function allow(token: string) {
    const { body } = await call(`${fake.url}/api/servers`, { method: 'POST', token, json: { servertype_id: 201 } });
    const url = new URL(body.oauth_url);
    const form = new URLSearchParams({
      connection: url.searchParams.get('connection')!,
      state: url.searchParams.get('state')!,
      decision: 'allow',
    });
    await call(`${url.origin}/authorize`, { method: 'POST', body: form });
    return body.id as number;
  }

  test('for oauthTestDelay ms, with no health, then OK', async () => {
    fake.faults.oauthTestDelay = 300;
    const token = fake.integrateToken('patient');
    const started = Date.now();
    const id = await allow(token);
    const status = async () => (await call(`${fake.url}/api/server/${id}`, { token })).body.health_status;
    assert.equal(await status(), null);
    await until(async () => (await status()) === 'OK');
    assert.ok(Date.now() - started >= 290);
  });

  test('by default Allow connects at once', async () => {
    const token = fake.integrateToken('eager');
    const id = await allow(token);
    assert.equal((await call(`${fake.url}/api/server/${id}`, { token })).body.health_status, 'OK');
  });
});
