import { describe, test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PeliqanPartner,
  createCatalogueHandler,
  toNodeHandler,
  type CatalogueHandlerOptions,
} from '../../src/server/index.js';
import { servertypeSchema } from '../../src/api/schemas.js';
import { call, useFake } from '../support/fake.js';

const fake = await useFake();
beforeEach(() => fake.reset());

const partner = () => new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken, retryDelay: 5 });
const catalogueReads = () => fake.requests.filter((request) => request.route === 'GET /api/servertypes');
const get = (headers: Record<string, string> = {}) =>
  new Request('https://partner.example/peliqan/catalogue', { headers });

function handler(options: Partial<CatalogueHandlerOptions> = {}) {
  const errors: unknown[] = [];
  const handle = createCatalogueHandler({ partner: partner(), onError: (error) => errors.push(error), ...options });
  return { handle, errors };
}

type Entry = { id?: number; server_type?: string; name: string; category?: string };
const entriesOf = async (response: Response) => (await response.json()) as Entry[];

describe('partner.servertypes()', () => {
  test('reads GET /api/servertypes with the partner token, as Peliqan documents', async () => {
    const servertypes = await partner().servertypes();
    assert.ok(servertypes.length >= 30);
    assert.deepEqual(
      fake.requests.map((request) => [request.method, request.path, request.auth]),
      [['GET', '/api/servertypes', 'partner']],
    );
  });

  test('follows every page of a {data, next} list', async () => {
    const all = await partner().servertypes();
    Object.assign(fake.faults, { listEnvelope: 'data', pageSize: 7 });
    fake.requests.length = 0;
    assert.deepEqual(
      (await partner().servertypes()).map((servertype) => servertype.server_type),
      all.map((servertype) => servertype.server_type),
    );
    assert.equal(catalogueReads().length, Math.ceil(all.length / 7));
  });

  test('leaves out an entry the widget could not read, keeping the others as Peliqan sent them', async () => {
    fake.faults.status['GET /api/servertypes'] = {
      status: 200,
      body: [
        { id: 1, server_type: 'good', name: 'Good', color: '#123456' },
        { id: 'two', server_type: 'bad', name: null },
        'not a connector',
      ],
    };
    assert.deepEqual(await partner().servertypes(), [{ id: 1, server_type: 'good', name: 'Good', color: '#123456' }]);
  });
});

describe('createCatalogueHandler', () => {
  test('serves the catalogue as the widget reads it, with Cache-Control and an ETag', async () => {
    const { handle } = handler();
    const response = await handle(get());
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.match(response.headers.get('cache-control')!, /^public, max-age=(59\d|600)$/);
    assert.match(response.headers.get('etag')!, /^"[0-9a-f]{32}"$/);
    const entries = await entriesOf(response);
    assert.ok(entries.length >= 30);
    assert.ok(entries.every((entry) => servertypeSchema.safeParse(entry).success));
    // The fake sends a colour and a description, which the widget does not read.
    assert.ok(entries.every((entry) => !('color' in entry) && !('description' in entry)));
  });

  test('serves only the fields the widget reads, not whatever the partner-token view carries', async () => {
    const secret = 'sk_live_partner_only_4242';
    // What the widget reads, and around it what the partner-token view may also carry.
    const connector = {
      id: 7,
      server_type: 'acme',
      name: 'Acme CRM',
      category: 'CRM',
      order: 1,
      icon_url: 'https://icons.example/acme.svg',
      oauth: true,
    };
    const form = { type: 'oauth', helptext: 'Sign in to Acme.' };
    const field = { show: true, label: 'API key', required: true };
    const listed = { id: 8, name: 'Listed fields' };
    const listedField = { name: 'host', label: 'Host' };
    fake.faults.status['GET /api/servertypes'] = {
      status: 200,
      body: [
        {
          ...connector,
          client_secret: secret,
          partner_notes: { webhook_secret: secret },
          settings: {
            oauth_app: { client_secret: secret },
            connect_form: {
              ...form,
              signing_key: secret,
              fields: { password: { ...field, internal_default: secret } },
            },
          },
        },
        { ...listed, settings: { connect_form: { fields: [{ ...listedField, admin_password: secret }] } } },
      ],
    };
    const response = await handler().handle(get());
    const text = await response.text();
    assert.ok(!text.includes(secret), text);
    assert.deepEqual(JSON.parse(text), [
      { ...connector, settings: { connect_form: { ...form, fields: { password: field } } } },
      { ...listed, settings: { connect_form: { fields: [listedField] } } },
    ]);
  });

  test('makes one upstream request for 50 concurrent misses, and none while its copy is fresh', async () => {
    fake.faults.delay['GET /api/servertypes'] = 100;
    const { handle } = handler();
    const answers = await Promise.all(Array.from({ length: 50 }, () => handle(get())));
    assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([200]));
    assert.equal(new Set(answers.map((answer) => answer.headers.get('etag'))).size, 1);
    assert.equal(catalogueReads().length, 1);
    await handle(get());
    assert.equal(catalogueReads().length, 1);
  });

  test('reads again once maxAgeSeconds have passed', async () => {
    const { handle } = handler({ maxAgeSeconds: 0 });
    await handle(get());
    await handle(get());
    assert.equal(catalogueReads().length, 2);
  });

  test('answers 304 to an If-None-Match that names its ETag', async () => {
    const { handle } = handler();
    const etag = (await handle(get())).headers.get('etag')!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const revalidated = await handle(get({ 'If-None-Match': ifNoneMatch }));
      assert.equal(revalidated.status, 304, ifNoneMatch);
      assert.equal(await revalidated.text(), '');
      assert.equal(revalidated.headers.get('etag'), etag);
      assert.match(revalidated.headers.get('cache-control')!, /^public, max-age=\d+$/);
    }
    assert.equal((await handle(get({ 'If-None-Match': '"other"' }))).status, 200);
  });

  test('offers only the connectors in filter (ids or slugs), or those a predicate keeps', async () => {
    const byIdOrSlug = await entriesOf(await handler({ filter: ['stripe', 102, ' HubSpot '] }).handle(get()));
    assert.deepEqual(byIdOrSlug.map((entry) => entry.server_type).sort(), ['hubspot', 'postgres', 'stripe']);
    const databases = await entriesOf(
      await handler({ filter: (servertype) => servertype.category === 'Database' }).handle(get()),
    );
    assert.ok(databases.length >= 2);
    assert.ok(databases.every((entry) => entry.category === 'Database'));
  });

  test('keeps serving its last copy when Peliqan fails, and answers 502 when it has none', async () => {
    const { handle, errors } = handler({ maxAgeSeconds: 0 });
    const first = await handle(get());
    fake.faults.status['GET /api/servertypes'] = 500;
    const stale = await handle(get());
    assert.equal(stale.status, 200);
    assert.equal(stale.headers.get('etag'), first.headers.get('etag'));
    assert.equal(errors.length, 1);
    const none = await handler().handle(get());
    assert.deepEqual([none.status, ((await none.json()) as { error: string }).error], [502, 'ERROR_UPSTREAM']);
  });

  test("passes Peliqan's 429 on with its Retry-After", async () => {
    fake.faults.status['GET /api/servertypes'] = { status: 429, retryAfter: 120 };
    const response = await handler().handle(get());
    assert.deepEqual([response.status, response.headers.get('retry-after')], [429, '120']);
  });

  test('answers 405 to anything but GET and HEAD', async () => {
    const { handle } = handler();
    const post = await handle(new Request('https://partner.example/peliqan/catalogue', { method: 'POST' }));
    assert.deepEqual([post.status, post.headers.get('allow')], [405, 'GET, HEAD']);
  });

  describe('through the Node adapter', () => {
    const server = createServer(toNodeHandler(handler().handle));
    after(() => server.close());

    test('serves GET and revalidates with a 304', async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/peliqan/catalogue`;
      const first = await call(url);
      assert.equal(first.status, 200);
      assert.ok(Array.isArray(first.body));
      const again = await call(url, { headers: { 'If-None-Match': first.headers.get('etag')! } });
      assert.deepEqual([again.status, again.body], [304, '']);
      assert.equal(catalogueReads().length, 1);
    });
  });
});
