import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PeliqanPartner, provisionTenant, type Customer } from '../../src/server/index.js';
import { main } from '../../src/server/cli.js';
import { useFake } from '../support/fake.js';

const fake = await useFake();
let partner: PeliqanPartner;
let plan: Parameters<typeof provisionTenant>[0];
beforeEach(() => {
  fake.reset();
  // A partner client per test: it remembers the sub-accounts it created, and the fake forgets them.
  partner = new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken });
  plan = {
    partner,
    customer: { external_id: 'bakery_9', company_name: 'Bakery' },
    tables: [
      { name: 'orders', query: 'select * from shop.orders' },
      { name: 'customers', query: 'select * from crm.contacts' },
    ],
    scripts: [{ name: 'Nightly sync', raw_code: 'print("sync")', schedule: 86_400 }],
  };
});

describe('provisionTenant', () => {
  test('creates the sub-account, the tables and the scripts', async () => {
    const result = await provisionTenant(plan);
    assert.deepEqual(
      result.created.tables.map((table) => table.name),
      ['orders', 'customers'],
    );
    assert.deepEqual(
      result.created.scripts.map((script) => script.name),
      ['Nightly sync'],
    );
    assert.equal(fake.accounts.length, 1);
    assert.deepEqual(
      fake.requests.map((request) => `${request.method} ${request.path.replace(/\d+/, ':id')}`),
      [
        'GET /api/sub-account/identity/',
        'POST /api/sub-account/',
        'GET /api/sub-account/identity/',
        'GET /api/applications/',
        'POST /api/database/tables/create-sql-query/',
        'POST /api/database/tables/create-sql-query/',
        'GET /api/interfaces/',
        'GET /api/groups/',
        'POST /api/interfaces/group/:id/',
      ],
    );
  });

  test('is safe to run twice: the second run makes nothing', async () => {
    await provisionTenant(plan);
    const again = await provisionTenant(plan);
    assert.deepEqual(again.created, { tables: [], scripts: [] });
    assert.deepEqual(again.existing, { tables: ['orders', 'customers'], scripts: ['Nightly sync'] });
    assert.equal(fake.accounts.length, 1);
    const made = (route: string) => fake.requests.filter((request) => request.route === route).length;
    assert.equal(made('POST /api/database/tables/create-sql-query/'), 2);
    assert.equal(made('POST /api/interfaces/group/:id/'), 1);
  });

  test('sends Peliqan only the profile fields of the customer it is given, never a password', async () => {
    const customer = { ...plan.customer, password: 'pbkdf2_sha256$600000$salt$hash', passwordHash: 'x', isAdmin: true };
    await provisionTenant({ ...plan, customer: customer as Customer });
    const create = fake.requests.find((request) => request.route === 'POST /api/sub-account/')!;
    assert.deepEqual(create.bodyKeys, ['external_id', 'company_name']);
  });

  test('adds only what is missing when the plan grows', async () => {
    await provisionTenant(plan);
    const grown = await provisionTenant({
      ...plan,
      tables: [...plan.tables!, { name: 'invoices', query: 'select 1' }],
    });
    assert.deepEqual(
      grown.created.tables.map((table) => table.name),
      ['invoices'],
    );
  });
});

describe('npx peliqan-embed token', () => {
  const env = () => ({ PELIQAN_BASE_URL: fake.url, PELIQAN_PARTNER_TOKEN: fake.partnerToken });
  const capture = async (args: string[], environment: Record<string, string>) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, environment, { out: (text) => out.push(text), err: (text) => err.push(text) });
    return { code, out, err };
  };

  test('prints an integrate token, creating the sub-account with --create', async () => {
    const { code, out } = await capture(['token', '--external-id', 'wood_123', '--create'], env());
    assert.equal(code, 0);
    assert.match(out[0]!, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.deepEqual(
      fake.accounts.map((account) => account.external_id),
      ['wood_123'],
    );
  });

  test('refuses a PELIQAN_BASE_URL that is not https:, before sending the partner token anywhere', async () => {
    const plain = await capture(['token', '--external-id', 'wood_123'], {
      PELIQAN_BASE_URL: 'http://peliqan.example',
      PELIQAN_PARTNER_TOKEN: 'secret-partner-token',
    });
    assert.equal(plain.code, 2);
    assert.match(plain.err.join('\n'), /https:/);
    assert.ok(!plain.err.join('\n').includes('secret-partner-token'));
  });

  test('explains what is missing, without echoing the partner token', async () => {
    assert.equal((await capture(['token'], env())).code, 2);
    const missing = await capture(['token', '--external-id', 'x'], { PELIQAN_BASE_URL: fake.url });
    assert.equal(missing.code, 2);
    assert.match(missing.err[0]!, /PELIQAN_PARTNER_TOKEN/);
    const unknown = await capture(['token', '--external-id', 'nobody'], env());
    assert.equal(unknown.code, 1);
    assert.match(unknown.err[0]!, /nobody/);
    assert.ok(!unknown.err.join().includes(fake.partnerToken));
  });
});
