/**
 * A local fake of the Peliqan API (peliqan-api.md §2–§5) for the demo, our tests and partners' tests:
 * partner and end-customer endpoints, expiring HS256 JWTs, CORS for configured origins,
 * `{error, detail}` errors, all three list envelopes, in-memory state, and a fake OAuth provider on a
 * second origin. Fault switches make it misbehave the ways the real one can.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { defaultCatalogue, fakeUsesOAuth, syntheticCatalogue, type FakeServertype } from './catalogue.js';
import { FakeJwt, type FakeClaims } from './jwt.js';
import { iconSvg } from './icons.js';
import { consentPage, donePage, invalidPage } from './oauth-page.js';
import type { SubAccountProfile } from '../api/sub-account.js';
import { anyText, boolean, choice, fieldErrors, integer, primaryKey, text, type FieldRule } from './validate.js';

/** A status to answer instead of handling a request, optionally with a body and `Retry-After`. */
export type InjectedResponse = number | { status: number; body?: unknown; retryAfter?: number };

/** The switches that make the fake misbehave. Route keys look like `GET /api/server/:id`. */
export interface FakeFaults {
  /** Per route: one response for every request, or a list used up one per request. */
  status: Record<string, InjectedResponse | InjectedResponse[]>;
  /** Per route: milliseconds to wait before answering. */
  delay: Record<string, number>;
  /** Per route: the next N requests get their connection dropped without an answer. */
  drop: Record<string, number>;
  /** Lifetime of integrate tokens in seconds (Peliqan: 30 minutes). */
  tokenLifetime: number;
  /** Send `Cross-Origin-Opener-Policy: same-origin` from the OAuth provider's pages. */
  coop: boolean;
  /** Outcome of the connection test run after a credential connection is created. */
  connectionTest: 'pass' | 'fail';
  /** Peliqan's words when a connection test fails. */
  connectionTestMessage: string;
  /** Milliseconds the connection test takes (the connection reads PENDING meanwhile). */
  testDelay: number;
  /** How lists are wrapped: a bare array, `{data, next}` or `{results}`. */
  listEnvelope: 'bare' | 'data' | 'results';
  /** Replaces the `oauth_url` of created OAuth connections (to test hostile URLs). */
  oauthUrl: string | null;
}

export interface FakePeliqanOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** API port; 0 (default) picks a free one. */
  port?: number;
  /** The fake OAuth provider's port (a second origin); 0 (default) picks a free one. */
  oauthPort?: number;
  /** Origins that CORS allows, or `'*'` to allow any (default). Peliqan allows the one set per partner. */
  allowedOrigins?: string[] | '*';
  /** The partner token the partner endpoints accept. Default `fake-partner-token`. */
  partnerToken?: string;
  /** The connector catalogue, or a number for a generated catalogue of that size. */
  catalogue?: FakeServertype[] | number;
  faults?: Partial<FakeFaults>;
}

/** A sub-account, as the fake keeps it: the profile it was created with (less any password). */
export interface FakeAccount extends Omit<SubAccountProfile, 'password'> {
  id: number;
  created_at: string;
}

/** A connection ("server"), as the fake keeps it; `values` never leave the fake. */
export interface FakeConnection {
  id: number;
  account: number;
  servertype_id: number;
  server_type: string;
  name: string;
  health_status: string | null;
  health_message: string | null;
  created_at: string;
  values: Record<string, unknown>;
  oauthState?: string;
  logs: { timestamp: string; level: string; message: string }[];
}

/** A database of an account's data warehouse (`GET /api/applications/`), with one schema. */
export interface FakeDatabase {
  id: number;
  account: number;
  name: string;
  schemas: { id: number; name: string }[];
}

/** A query table (peliqan-api.md §6), in one of the account's databases. */
export interface FakeTable {
  id: number;
  account: number;
  database_id: number;
  schema_id: number;
  name: string;
  table_type: 'query';
  query: string;
  created_at: string;
}

/** A group of scripts ("data apps"), `GET /api/groups/`. */
export interface FakeGroup {
  id: number;
  account: number;
  name: string;
}

/** A script ("interface", peliqan-api.md §6) in one of the account's groups. */
export interface FakeScript {
  id: number;
  account: number;
  group_id: number;
  name: string;
  raw_script: string;
  run_mode: 'SHELL' | 'API' | 'STREAMLIT';
  type: string;
  schedule: boolean;
  run_interval: number | null;
  created_at: string;
  updated_at: string;
}

/** One request the fake received (without tokens or bodies: safe to print). */
export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  route: string;
  auth: 'none' | 'partner' | 'customer' | 'expired' | 'invalid' | 'other-scheme';
  account?: number;
  origin?: string;
  bodyKeys?: string[];
  status?: number;
  at: number;
}

export interface FakePeliqan {
  /** The API origin, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** The fake OAuth provider's origin. */
  oauthUrl: string;
  partnerToken: string;
  faults: FakeFaults;
  accounts: FakeAccount[];
  connections: FakeConnection[];
  requests: FakeRequest[];
  /** Every account's databases (a new sub-account gets one, with one schema). */
  databases: FakeDatabase[];
  /** Every account's query tables. */
  tables: FakeTable[];
  /** Every account's script groups (a new sub-account gets one). */
  groups: FakeGroup[];
  /** Every account's scripts. */
  scripts: FakeScript[];
  /** Clears accounts, connections, the request log and the faults (then applies `faults`). */
  reset(faults?: Partial<FakeFaults>): void;
  /** Creates (once) the sub-account and returns a short-lived integrate token for it. */
  integrateToken(externalId: string): string;
  /** Makes every token issued so far read as expired. */
  expireTokens(): void;
  /** Adds a connection directly, e.g. to show a list in several states. */
  seedConnection(seed: SeedConnection): FakeConnection;
  close(): Promise<void>;
}

/** What `seedConnection` takes. */
export interface SeedConnection {
  externalId: string;
  /** The connector's id or slug. */
  servertype: number | string;
  name?: string;
  health_status?: string | null;
  health_message?: string | null;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly detail: unknown,
  ) {
    super(error);
  }
}

const defaultFaults = (): FakeFaults => ({
  status: {},
  delay: {},
  drop: {},
  tokenLifetime: 30 * 60,
  coop: false,
  connectionTest: 'pass',
  connectionTestMessage: 'Authentication failed: the credentials were rejected',
  testDelay: 1500,
  listEnvelope: 'bare',
  oauthUrl: null,
});

const ROUTES: [method: string, pattern: RegExp, key: string][] = [
  ['POST', /^\/api\/sub-account\/$/, 'POST /api/sub-account/'],
  ['GET', /^\/api\/sub-account\/identity\/$/, 'GET /api/sub-account/identity/'],
  ['POST', /^\/api\/sub-account\/integrate\/$/, 'POST /api/sub-account/integrate/'],
  ['GET', /^\/api\/partner\/sub-accounts\/$/, 'GET /api/partner/sub-accounts/'],
  ['POST', /^\/api\/partner\/sub-account\/$/, 'POST /api/partner/sub-account/'],
  ['GET', /^\/api\/partner\/sub-account\/identity\/$/, 'GET /api/partner/sub-account/identity/'],
  ['POST', /^\/api\/partner\/sub-account\/integrate\/$/, 'POST /api/partner/sub-account/integrate/'],
  ['GET', /^\/api\/servertypes\/?$/, 'GET /api/servertypes'],
  ['POST', /^\/api\/servers\/?$/, 'POST /api/servers'],
  ['GET', /^\/api\/servers\/?$/, 'GET /api/servers'],
  ['GET', /^\/api\/server\/[^/]+\/?$/, 'GET /api/server/:id'],
  ['GET', /^\/api\/server\/[^/]+\/logs\/?$/, 'GET /api/server/:id/logs'],
  // The SDK's paths (peliqan-api.md §6), trailing slash included as Django routes them. The page's short
  // forms (`POST /table`, `POST /interface`) are no routes: they answer 404 like any unknown path.
  ['POST', /^\/api\/database\/tables\/create-sql-query\/$/, 'POST /api/database/tables/create-sql-query/'],
  ['POST', /^\/api\/database\/tables\/database\/\d+\/$/, 'POST /api/database/tables/database/:id/'],
  ['GET', /^\/api\/applications\/$/, 'GET /api/applications/'],
  ['GET', /^\/api\/groups\/$/, 'GET /api/groups/'],
  ['POST', /^\/api\/interfaces\/group\/\d+\/$/, 'POST /api/interfaces/group/:id/'],
  ['GET', /^\/api\/interfaces\/$/, 'GET /api/interfaces/'],
  ['PATCH', /^\/api\/interfaces\/\d+\/$/, 'PATCH /api/interfaces/:id/'],
];

const now = () => new Date().toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const STATUS_WORDS: Record<number, string> = {
  400: 'ERROR_BAD_REQUEST',
  401: 'ERROR_UNAUTHORIZED',
  403: 'ERROR_FORBIDDEN',
  404: 'ERROR_NOT_FOUND',
  429: 'ERROR_RATE_LIMITED',
  500: 'ERROR_INTERNAL',
  502: 'ERROR_BAD_GATEWAY',
  503: 'ERROR_SERVICE_UNAVAILABLE',
  504: 'ERROR_GATEWAY_TIMEOUT',
};

/** Starts the fake Peliqan (API and OAuth provider) and resolves once both listen. */
export async function startFakePeliqan(options: FakePeliqanOptions = {}): Promise<FakePeliqan> {
  const host = options.host ?? '127.0.0.1';
  const partnerToken = options.partnerToken ?? 'fake-partner-token';
  const allowed = options.allowedOrigins ?? '*';
  const catalogue =
    typeof options.catalogue === 'number'
      ? syntheticCatalogue(options.catalogue)
      : (options.catalogue ?? defaultCatalogue());
  const jwt = new FakeJwt();
  const timers = new Set<NodeJS.Timeout>();
  const firstIds = () => ({
    account: 1001,
    connection: 5001,
    database: 301,
    schema: 401,
    table: 7001,
    group: 801,
    script: 9001,
  });
  let nextId = firstIds();

  const fake: FakePeliqan = {
    url: '',
    oauthUrl: '',
    partnerToken,
    faults: { ...defaultFaults(), ...options.faults },
    accounts: [],
    connections: [],
    requests: [],
    databases: [],
    tables: [],
    groups: [],
    scripts: [],
    reset(faults) {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      fake.faults = { ...defaultFaults(), ...faults };
      fake.accounts.length = 0;
      fake.connections.length = 0;
      fake.requests.length = 0;
      fake.databases.length = 0;
      fake.tables.length = 0;
      fake.groups.length = 0;
      fake.scripts.length = 0;
      nextId = firstIds();
    },
    integrateToken(externalId) {
      const account =
        fake.accounts.find((each) => each.external_id === externalId) ?? createAccount({ external_id: externalId });
      return jwt.sign({ sub: account.id, kind: 'integrate' }, fake.faults.tokenLifetime);
    },
    expireTokens() {
      jwt.expireAll();
    },
    seedConnection(seed) {
      const account =
        fake.accounts.find((each) => each.external_id === seed.externalId) ??
        createAccount({ external_id: seed.externalId });
      const servertype = findServertype(seed.servertype);
      if (!servertype) throw new Error(`No connector ${seed.servertype} in the fake's catalogue`);
      const connection = addConnection(account, servertype, seed.name ?? servertype.name, {});
      connection.health_status = seed.health_status === undefined ? 'OK' : seed.health_status;
      connection.health_message = seed.health_message ?? null;
      return connection;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all([stop(api), stop(oauth)]);
    },
  };

  function createAccount(profile: Record<string, unknown>): FakeAccount {
    const account: FakeAccount = {
      id: nextId.account++,
      external_id: String(profile.external_id),
      created_at: now(),
    };
    for (const key of ['first_name', 'last_name', 'email', 'language', 'company_name'] as const) {
      if (typeof profile[key] === 'string') account[key] = profile[key];
    }
    fake.accounts.push(account);
    // What Peliqan gives every new account: a data warehouse database and a group for its scripts.
    fake.databases.push({
      id: nextId.database++,
      account: account.id,
      name: `dw_${account.id}`,
      schemas: [{ id: nextId.schema++, name: 'public' }],
    });
    fake.groups.push({ id: nextId.group++, account: account.id, name: 'Default' });
    return account;
  }

  const findServertype = (wanted: unknown): FakeServertype | undefined =>
    catalogue.find((each) => each.id === Number(wanted) || each.server_type === wanted);

  function later(ms: number, job: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      job();
    }, ms);
    timers.add(timer);
  }

  function addConnection(
    account: FakeAccount,
    servertype: FakeServertype,
    name: string,
    values: Record<string, unknown>,
  ): FakeConnection {
    const connection: FakeConnection = {
      id: nextId.connection++,
      account: account.id,
      servertype_id: servertype.id,
      server_type: servertype.server_type,
      name,
      health_status: null,
      health_message: null,
      created_at: now(),
      values,
      logs: [{ timestamp: now(), level: 'info', message: 'Connection created' }],
    };
    fake.connections.push(connection);
    return connection;
  }

  function publicConnection(connection: FakeConnection) {
    return {
      id: connection.id,
      name: connection.name,
      server_type: connection.server_type,
      servertype_id: connection.servertype_id,
      health_status: connection.health_status,
      health_message: connection.health_message,
      run_interval: 3600,
      is_target: false,
      created_at: connection.created_at,
    };
  }

  const publicServertype = (servertype: FakeServertype) => ({
    ...servertype,
    icon_url: `${fake.url}/static/icons/${encodeURIComponent(servertype.server_type)}.svg`,
  });

  const list = (items: unknown[]) => {
    switch (fake.faults.listEnvelope) {
      case 'data':
        return { data: items, next: null };
      case 'results':
        return { results: items, count: items.length };
      default:
        return items;
    }
  };

  function authenticate(request: IncomingMessage, record: FakeRequest): FakeClaims | undefined {
    const header = request.headers.authorization;
    if (!header) return undefined;
    const [scheme, token = ''] = header.split(' ');
    if (scheme !== 'JWT') {
      record.auth = 'other-scheme';
      return undefined;
    }
    if (token === partnerToken) {
      record.auth = 'partner';
      return { sub: 0, kind: 'partner', iat: 0, jti: 'partner' };
    }
    const claims = jwt.verify(token);
    if (claims === 'expired') {
      record.auth = 'expired';
      return undefined;
    }
    if (!claims) {
      record.auth = 'invalid';
      return undefined;
    }
    record.auth = 'customer';
    record.account = claims.sub;
    return claims;
  }

  function requirePartner(claims: FakeClaims | undefined, record: FakeRequest): void {
    if (!claims) throw unauthorized(record);
    if (claims.kind !== 'partner')
      throw new HttpProblem(403, 'ERROR_FORBIDDEN', 'This endpoint needs the partner token.');
  }

  function requireCustomer(claims: FakeClaims | undefined, record: FakeRequest): FakeAccount {
    if (!claims) throw unauthorized(record);
    const account = fake.accounts.find((each) => each.id === claims.sub);
    if (claims.kind === 'partner' || !account) {
      throw new HttpProblem(403, 'ERROR_FORBIDDEN', 'This endpoint needs a sub-account token.');
    }
    return account;
  }

  const UNAUTHORIZED_DETAIL: Partial<Record<FakeRequest['auth'], string>> = {
    expired: 'Signature has expired.',
    'other-scheme': 'Use "Authorization: JWT <token>".',
  };
  const unauthorized = (record: FakeRequest) =>
    new HttpProblem(
      401,
      'ERROR_UNAUTHORIZED',
      UNAUTHORIZED_DETAIL[record.auth] ?? 'Authentication credentials were not provided or are invalid.',
    );

  function accountFromQuery(query: Record<string, string>): FakeAccount {
    if (!query.account_id && !query.external_id) {
      throw new HttpProblem(400, 'ERROR_BAD_REQUEST', 'Pass account_id or external_id.');
    }
    const account = query.account_id
      ? fake.accounts.find((each) => String(each.id) === query.account_id)
      : fake.accounts.find((each) => each.external_id === query.external_id);
    if (!account) throw new HttpProblem(404, 'ERROR_NOT_FOUND', 'No sub-account matches.');
    return account;
  }

  function ownConnection(account: FakeAccount, path: string): FakeConnection {
    const id = Number(path.split('/')[3]);
    const connection = fake.connections.find((each) => each.id === id && each.account === account.id);
    if (!connection) throw new HttpProblem(404, 'ERROR_NOT_FOUND', 'Connection not found.');
    return connection;
  }

  function createConnection(account: FakeAccount, body: Record<string, unknown>) {
    const servertype = findServertype(body.servertype_id);
    if (!servertype) throw new HttpProblem(400, 'ERROR_SERVERTYPE_NOT_FOUND', 'Unknown servertype_id.');
    const shown = Object.entries(servertype.settings.connect_form.fields).filter(([, field]) => field.show);
    const missing = shown.filter(
      ([key, field]) => field.required && (body[key] === undefined || body[key] === null || body[key] === ''),
    );
    if (missing.length) {
      throw new HttpProblem(
        400,
        'ERROR_VALIDATION',
        Object.fromEntries(missing.map(([key]) => [key, ['This field is required.']])),
      );
    }
    const values = Object.fromEntries(
      shown.map(([key]) => [key, body[key]]).filter(([, value]) => value !== undefined),
    );
    const name = typeof body.name === 'string' && body.name ? body.name : servertype.name;
    const connection = addConnection(account, servertype, name, values);
    if (fakeUsesOAuth(servertype)) {
      connection.oauthState = randomBytes(12).toString('hex');
      connection.logs.push({ timestamp: now(), level: 'info', message: `Waiting for consent at ${servertype.name}` });
      const oauthUrl =
        fake.faults.oauthUrl ?? `${fake.oauthUrl}/authorize?connection=${connection.id}&state=${connection.oauthState}`;
      return { id: connection.id, oauth_url: oauthUrl };
    }
    connection.logs.push({ timestamp: now(), level: 'info', message: 'Testing connection…' });
    const fails = fake.faults.connectionTest === 'fail' || Object.values(values).some((value) => value === 'invalid');
    later(fake.faults.testDelay, () => {
      connection.health_status = fails ? 'ERROR' : 'OK';
      connection.health_message = fails ? fake.faults.connectionTestMessage : null;
      connection.logs.push(
        fails
          ? { timestamp: now(), level: 'error', message: fake.faults.connectionTestMessage }
          : { timestamp: now(), level: 'info', message: 'Connection test succeeded' },
      );
    });
    return publicConnection(connection);
  }

  const notFound = () => new HttpProblem(404, 'ERROR_NOT_FOUND', 'Not found.');
  const invalid = (errors: Record<string, string[]>) => {
    if (Object.keys(errors).length) throw new HttpProblem(400, 'ERROR_VALIDATION', errors);
  };
  const withoutAccount = <T extends { account: number }>({ account: _account, ...rest }: T) => rest;

  function ownDatabase(account: FakeAccount, id: number): FakeDatabase {
    const database = fake.databases.find((each) => each.id === id && each.account === account.id);
    if (!database) throw notFound();
    return database;
  }

  const publicDatabase = (database: FakeDatabase) => ({
    ...withoutAccount(database),
    tables: fake.tables.filter((table) => table.database_id === database.id).map(withoutAccount),
  });

  /** `POST` a query table: into `database` when the path names one, else where `schema_id` points, else the first. */
  function createTable(account: FakeAccount, body: Record<string, unknown>, database?: FakeDatabase) {
    const own = fake.databases.filter((each) => each.account === account.id && (!database || each === database));
    const schemaOf = (id: number) => own.find((each) => each.schemas.some((schema) => schema.id === id));
    invalid(
      fieldErrors(body, {
        table_type: { required: true, check: choice('query') },
        name: { required: true, check: text },
        query: { required: true, check: text },
        schema_id: { nullable: true, check: primaryKey((id) => schemaOf(id) !== undefined) },
      }),
    );
    const schemaId = typeof body.schema_id === 'number' ? body.schema_id : undefined;
    const home = schemaId === undefined ? own[0] : schemaOf(schemaId);
    if (!home) throw new HttpProblem(400, 'ERROR_DATABASE_NOT_FOUND', 'The account has no database.');
    const table: FakeTable = {
      id: nextId.table++,
      account: account.id,
      database_id: home.id,
      schema_id: schemaId ?? home.schemas[0]!.id,
      name: body.name as string,
      table_type: 'query',
      query: body.query as string,
      created_at: now(),
    };
    fake.tables.push(table);
    return withoutAccount(table);
  }

  const SCRIPT_FIELDS: Record<string, FieldRule> = {
    name: { required: true, check: text },
    run_mode: { required: true, check: choice('SHELL', 'API', 'STREAMLIT') },
    raw_script: { check: anyText },
    type: { check: text },
    schedule: { check: boolean },
    run_interval: { nullable: true, check: integer },
  };

  const publicScript = withoutAccount<FakeScript>;

  function createScript(account: FakeAccount, body: Record<string, unknown>, groupId: number) {
    const group = fake.groups.find((each) => each.id === groupId && each.account === account.id);
    if (!group) throw notFound();
    invalid(fieldErrors(body, SCRIPT_FIELDS));
    const script: FakeScript = {
      id: nextId.script++,
      account: account.id,
      group_id: group.id,
      name: body.name as string,
      raw_script: (body.raw_script as string | undefined) ?? '',
      run_mode: body.run_mode as FakeScript['run_mode'],
      type: (body.type as string | undefined) ?? 'streamlit',
      schedule: (body.schedule as boolean | undefined) ?? false,
      run_interval: (body.run_interval as number | null | undefined) ?? null,
      created_at: now(),
      updated_at: now(),
    };
    fake.scripts.push(script);
    return publicScript(script);
  }

  function updateScript(account: FakeAccount, body: Record<string, unknown>, id: number) {
    const script = fake.scripts.find((each) => each.id === id && each.account === account.id);
    if (!script) throw notFound();
    invalid(fieldErrors(body, SCRIPT_FIELDS, true));
    for (const key of Object.keys(SCRIPT_FIELDS)) {
      if (body[key] !== undefined) Object.assign(script, { [key]: body[key] });
    }
    script.updated_at = now();
    return publicScript(script);
  }

  async function handleApi(
    request: IncomingMessage,
    record: FakeRequest,
    body: Record<string, unknown>,
  ): Promise<[status: number, body: unknown]> {
    const claims = authenticate(request, record);
    const { route, query, path } = record;
    switch (route) {
      case 'POST /api/sub-account/':
      case 'POST /api/partner/sub-account/': {
        requirePartner(claims, record);
        if (typeof body.external_id !== 'string' || !body.external_id) {
          throw new HttpProblem(400, 'ERROR_VALIDATION', { external_id: ['This field is required.'] });
        }
        if (fake.accounts.some((each) => each.external_id === body.external_id)) {
          throw new HttpProblem(400, 'ERROR_EXTERNAL_ID_EXISTS', 'A sub-account with this external_id exists.');
        }
        return [201, createAccount(body)];
      }
      case 'GET /api/partner/sub-accounts/':
        requirePartner(claims, record);
        return [200, list(fake.accounts)];
      case 'GET /api/sub-account/identity/':
      case 'GET /api/partner/sub-account/identity/': {
        requirePartner(claims, record);
        const account = accountFromQuery(query);
        const lifetime = query.expire === 'false' ? undefined : 24 * 3600;
        return [200, { token: jwt.sign({ sub: account.id, kind: 'identity' }, lifetime) }];
      }
      case 'POST /api/sub-account/integrate/':
      case 'POST /api/partner/sub-account/integrate/': {
        requirePartner(claims, record);
        const account = accountFromQuery(query);
        return [200, { token: jwt.sign({ sub: account.id, kind: 'integrate' }, fake.faults.tokenLifetime) }];
      }
      case 'GET /api/servertypes':
        if (!claims) throw unauthorized(record);
        return [200, list(catalogue.map(publicServertype))];
      case 'POST /api/servers':
        return [201, createConnection(requireCustomer(claims, record), body)];
      case 'GET /api/servers': {
        const account = requireCustomer(claims, record);
        return [200, list(fake.connections.filter((each) => each.account === account.id).map(publicConnection))];
      }
      case 'GET /api/server/:id':
        return [200, publicConnection(ownConnection(requireCustomer(claims, record), path))];
      case 'GET /api/server/:id/logs':
        return [200, list(ownConnection(requireCustomer(claims, record), path).logs)];
      case 'POST /api/database/tables/create-sql-query/':
        return [201, createTable(requireCustomer(claims, record), body)];
      case 'POST /api/database/tables/database/:id/': {
        const account = requireCustomer(claims, record);
        return [201, createTable(account, body, ownDatabase(account, Number(path.split('/')[5])))];
      }
      case 'GET /api/applications/': {
        const account = requireCustomer(claims, record);
        return [200, list(fake.databases.filter((each) => each.account === account.id).map(publicDatabase))];
      }
      case 'GET /api/groups/': {
        const account = requireCustomer(claims, record);
        return [
          200,
          list(fake.groups.filter((each) => each.account === account.id).map(({ id, name }) => ({ id, name }))),
        ];
      }
      case 'POST /api/interfaces/group/:id/': {
        const account = requireCustomer(claims, record);
        return [201, createScript(account, body, Number(path.split('/')[4]))];
      }
      case 'GET /api/interfaces/': {
        const account = requireCustomer(claims, record);
        return [200, list(fake.scripts.filter((each) => each.account === account.id).map(publicScript))];
      }
      case 'PATCH /api/interfaces/:id/': {
        const account = requireCustomer(claims, record);
        return [200, updateScript(account, body, Number(path.split('/')[3]))];
      }
      default:
        throw new HttpProblem(404, 'ERROR_NOT_FOUND', `No route ${request.method} ${path}`);
    }
  }

  /** Test-only controls under `/__fake/`; they stand in for the partner's back end and for test set-up. */
  function handleControl(
    path: string,
    method: string,
    query: Record<string, string>,
    body: Record<string, unknown>,
  ): [number, unknown] {
    if (path === '/__fake/reset' && method === 'POST') {
      fake.reset(body as Partial<FakeFaults>);
      return [200, { ok: true }];
    }
    if (path === '/__fake/faults' && method === 'POST') {
      Object.assign(fake.faults, body);
      return [200, fake.faults];
    }
    if (path === '/__fake/faults' && method === 'GET') return [200, fake.faults];
    if (path === '/__fake/requests' && method === 'GET') return [200, fake.requests];
    if (path === '/__fake/requests' && method === 'DELETE') {
      fake.requests.length = 0;
      return [200, { ok: true }];
    }
    if (path === '/__fake/expire-tokens' && method === 'POST') {
      fake.expireTokens();
      return [200, { ok: true }];
    }
    if (path === '/__fake/token' && method === 'POST') {
      return [200, { token: fake.integrateToken(query.external_id || 'demo_customer') }];
    }
    if (path === '/__fake/connections' && method === 'POST') {
      return [201, publicConnection(fake.seedConnection(body as unknown as SeedConnection))];
    }
    const update = /^\/__fake\/connections\/(\d+)$/.exec(path);
    if (update && method === 'POST') {
      const connection = fake.connections.find((each) => each.id === Number(update[1]));
      if (!connection) throw new HttpProblem(404, 'ERROR_NOT_FOUND', 'Connection not found.');
      if ('health_status' in body) connection.health_status = body.health_status as string | null;
      if ('health_message' in body) connection.health_message = body.health_message as string | null;
      return [200, publicConnection(connection)];
    }
    throw new HttpProblem(404, 'ERROR_NOT_FOUND', `No control ${method} ${path}`);
  }

  function corsHeaders(request: IncomingMessage): Record<string, string> {
    const origin = request.headers.origin;
    if (!origin || (allowed !== '*' && !allowed.includes(origin))) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Expose-Headers': 'Retry-After',
      Vary: 'Origin',
    };
  }

  function takeInjected(route: string): InjectedResponse | undefined {
    const entry = fake.faults.status[route];
    if (Array.isArray(entry)) {
      const next = entry.shift();
      if (!entry.length) delete fake.faults.status[route];
      return next;
    }
    return entry;
  }

  async function onApiRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams);
    const cors = corsHeaders(request);
    const send = (status: number, payload: unknown, extra: Record<string, string> = {}) => {
      record.status = status;
      response.writeHead(status, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        ...cors,
        ...extra,
      });
      response.end(JSON.stringify(payload));
    };
    const matched = ROUTES.find(([routeMethod, pattern]) => routeMethod === method && pattern.test(url.pathname));
    const record: FakeRequest = {
      method,
      path: url.pathname,
      query,
      route: matched?.[2] ?? `${method} ${url.pathname}`,
      auth: 'none',
      origin: request.headers.origin,
      at: Date.now(),
    };

    if (method === 'OPTIONS') {
      const allowedOrigin = 'Access-Control-Allow-Origin' in cors;
      response.writeHead(allowedOrigin ? 204 : 403, {
        ...cors,
        ...(allowedOrigin
          ? {
              'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
              'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
              'Access-Control-Max-Age': '600',
            }
          : {}),
      });
      response.end();
      return;
    }

    if (url.pathname.startsWith('/static/icons/') && method === 'GET') {
      const slug = decodeURIComponent(url.pathname.slice('/static/icons/'.length).replace(/\.svg$/, ''));
      const servertype = findServertype(slug);
      response.writeHead(servertype ? 200 : 404, {
        'Content-Type': 'image/svg+xml',
        'Cache-Control': 'public, max-age=3600',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
      response.end(servertype ? iconSvg(servertype.name, servertype.color) : '');
      return;
    }

    const body = await readJson(request).catch(() => undefined);
    if (!body) {
      send(400, { error: 'ERROR_PARSE', detail: 'JSON parse error.' });
      return;
    }
    if (url.pathname.startsWith('/__fake/')) {
      try {
        const [status, payload] = handleControl(url.pathname, method, query, body);
        send(status, payload);
      } catch (error) {
        const problem = error instanceof HttpProblem ? error : new HttpProblem(400, 'ERROR_BAD_REQUEST', String(error));
        send(problem.status, { error: problem.error, detail: problem.detail });
      }
      return;
    }

    record.bodyKeys = Object.keys(body);
    fake.requests.push(record);
    const delay = fake.faults.delay[record.route];
    if (delay) await sleep(delay);
    if ((fake.faults.drop[record.route] ?? 0) > 0) {
      fake.faults.drop[record.route]! -= 1;
      record.status = 0;
      request.socket.destroy();
      return;
    }
    const injected = takeInjected(record.route);
    if (injected !== undefined) {
      const { status, body: payload, retryAfter } = typeof injected === 'number' ? { status: injected } : injected;
      send(
        status,
        payload ?? { error: STATUS_WORDS[status] ?? 'ERROR', detail: `The fake answered ${status} as asked.` },
        retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
      );
      return;
    }
    try {
      const [status, payload] = await handleApi(request, record, body);
      send(status, payload);
    } catch (error) {
      if (error instanceof HttpProblem) send(error.status, { error: error.error, detail: error.detail });
      else {
        console.error(error);
        send(500, { error: 'ERROR_INTERNAL', detail: 'The fake failed: see its console.' });
      }
    }
  }

  async function onOAuthRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
    if (fake.faults.coop) headers['Cross-Origin-Opener-Policy'] = 'same-origin';
    const html = (status: number, page: string) => {
      response.writeHead(status, headers);
      response.end(page);
    };
    const params = request.method === 'POST' ? new URLSearchParams(await readText(request)) : url.searchParams;
    const connection = fake.connections.find((each) => each.id === Number(params.get('connection')));
    if (
      url.pathname !== '/authorize' ||
      !connection ||
      !connection.oauthState ||
      connection.oauthState !== params.get('state')
    ) {
      html(404, invalidPage());
      return;
    }
    const provider = findServertype(connection.servertype_id)?.name ?? 'the provider';
    if (request.method !== 'POST') {
      html(200, consentPage(provider, connection.id, connection.oauthState));
      return;
    }
    const allowed = params.get('decision') === 'allow';
    connection.oauthState = undefined;
    connection.health_status = allowed ? 'OK' : 'ERROR';
    connection.health_message = allowed ? null : `Access was denied at ${provider}`;
    connection.logs.push(
      allowed
        ? { timestamp: now(), level: 'info', message: `Access granted at ${provider}` }
        : { timestamp: now(), level: 'error', message: `Access was denied at ${provider}` },
    );
    html(200, donePage(provider, allowed));
  }

  const api = createServer((request, response) => void onApiRequest(request, response));
  const oauth = createServer((request, response) => void onOAuthRequest(request, response));
  fake.url = `http://${host}:${await listen(api, host, options.port ?? 0)}`;
  fake.oauthUrl = `http://${host}:${await listen(oauth, host, options.oauthPort ?? 0)}`;
  return fake;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function readText(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString()));
    request.on('error', reject);
  });
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readText(request);
  if (!text) return {};
  const value: unknown = JSON.parse(text);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
