/** Everything the fake Peliqan holds in memory, and the changes every part of it makes to that. */
import { SUB_ACCOUNT_FIELDS } from '../protocol/sub-account.js';
import type { FakeServertype } from './catalogue.js';
import type { OriginPolicy } from './cors.js';
import { FakeJwt } from './jwt.js';
import {
  defaultFaults,
  type FakeAccount,
  type FakeConnection,
  type FakeDatabase,
  type FakeFaults,
  type FakeGroup,
  type FakeRequest,
  type FakeScript,
  type FakeTable,
  type SeedConnection,
} from './types.js';

/** The partner's own account: not one of its sub-accounts, and so in no list of them. */
const PARTNER_ACCOUNT_ID = 1000;

const FIRST_IDS = {
  account: PARTNER_ACCOUNT_ID + 1,
  connection: 5001,
  database: 301,
  schema: 401,
  table: 7001,
  group: 801,
  script: 9001,
};

/** The kinds of object that get ids, each counted on its own as Peliqan's tables are. */
export type IdKind = keyof typeof FIRST_IDS;

/** The profile fields a sub-account keeps: the password is used once and never stored. */
const KEPT_PROFILE_FIELDS = SUB_ACCOUNT_FIELDS.filter(
  (key): key is Exclude<(typeof SUB_ACCOUNT_FIELDS)[number], 'password' | 'external_id'> =>
    key !== 'password' && key !== 'external_id',
);

export const now = (): string => new Date().toISOString();

/** How the fake is set up: fixed for its life, unlike the faults. */
export interface FakeSettings {
  origins: OriginPolicy;
  /** Names besides this machine's that a request's `Host` may give (see `isAllowedHostHeader`). */
  hosts: string[];
  /** Request bodies over this many bytes are answered 413 and never held. */
  maxBodyBytes: number;
  /** The request log keeps this many of the latest requests. */
  requestLogLimit: number;
}

export interface FakeStateOptions {
  catalogue: FakeServertype[];
  partnerToken: string;
  settings: FakeSettings;
  faults?: Partial<FakeFaults>;
}

/**
 * The fake's accounts, connections, tables, scripts, faults and request log. Lists are never
 * replaced, only emptied, so a test that holds `fake.requests` keeps seeing the live log.
 */
export class FakeState {
  /** The API origin, known once the server listens. */
  url = '';
  /** The fake OAuth provider's origin, known once it listens. */
  oauthUrl = '';
  faults: FakeFaults;
  readonly accounts: FakeAccount[] = [];
  readonly connections: FakeConnection[] = [];
  readonly databases: FakeDatabase[] = [];
  readonly tables: FakeTable[] = [];
  readonly groups: FakeGroup[] = [];
  readonly scripts: FakeScript[] = [];
  readonly requests: FakeRequest[] = [];
  readonly jwt = new FakeJwt();
  readonly #ids = { ...FIRST_IDS };
  readonly #timers = new Set<NodeJS.Timeout>();

  readonly catalogue: FakeServertype[];
  readonly partnerToken: string;
  readonly settings: FakeSettings;
  /**
   * The account the partner token itself belongs to. A partner token used where a customer token
   * belongs acts on this account, as a JWT for an account does at Peliqan: connections made that way
   * land here, not with the customer, which a test can check.
   */
  readonly partnerAccount: FakeAccount = { id: PARTNER_ACCOUNT_ID, external_id: 'partner', created_at: now() };

  constructor({ catalogue, partnerToken, settings, faults }: FakeStateOptions) {
    this.catalogue = catalogue;
    this.partnerToken = partnerToken;
    this.settings = settings;
    this.faults = { ...defaultFaults(), ...faults };
    this.#equip(this.partnerAccount);
  }

  nextId(kind: IdKind): number {
    return this.#ids[kind]++;
  }

  /**
   * Clears accounts, connections, tables, scripts, the request log and the faults (then applies
   * `faults`); the partner's own account stays, emptied. Ids keep counting, as a database's sequences
   * do, so that a token minted before the reset can never reach an account made after it.
   */
  reset(faults: Partial<FakeFaults> = {}): void {
    this.stopTimers();
    this.faults = { ...defaultFaults(), ...faults };
    for (const list of [
      this.accounts,
      this.connections,
      this.databases,
      this.tables,
      this.groups,
      this.scripts,
      this.requests,
    ]) {
      list.length = 0;
    }
    this.#equip(this.partnerAccount);
  }

  /** A new sub-account with what Peliqan gives every account: a database (one schema) and a script group. */
  createAccount(profile: Record<string, unknown>): FakeAccount {
    const account: FakeAccount = {
      id: this.nextId('account'),
      external_id: String(profile.external_id),
      created_at: now(),
    };
    for (const key of KEPT_PROFILE_FIELDS) {
      const value = profile[key];
      if (typeof value === 'string') account[key] = value;
    }
    this.accounts.push(account);
    this.#equip(account);
    return account;
  }

  #equip(account: FakeAccount): void {
    this.databases.push({
      id: this.nextId('database'),
      account: account.id,
      name: `dw_${account.id}`,
      schemas: [{ id: this.nextId('schema'), name: 'public' }],
    });
    this.groups.push({ id: this.nextId('group'), account: account.id, name: 'Default' });
  }

  /** The sub-account with this `external_id`, made on first use (as a partner back end would). */
  accountFor(externalId: string): FakeAccount {
    return (
      this.accounts.find((each) => each.external_id === externalId) ?? this.createAccount({ external_id: externalId })
    );
  }

  /** The connector with this id or slug. */
  findServertype(wanted: unknown): FakeServertype | undefined {
    return this.catalogue.find((each) => each.id === Number(wanted) || each.server_type === wanted);
  }

  addConnection(
    account: FakeAccount,
    servertype: FakeServertype,
    name: string,
    values: Record<string, unknown>,
  ): FakeConnection {
    const connection: FakeConnection = {
      id: this.nextId('connection'),
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
    this.connections.push(connection);
    return connection;
  }

  /** Adds a connection directly, e.g. to show a list in several states. */
  seedConnection(seed: SeedConnection): FakeConnection {
    const account = this.accountFor(seed.externalId);
    const servertype = this.findServertype(seed.servertype);
    if (!servertype) throw new Error(`No connector ${seed.servertype} in the fake's catalogue`);
    const connection = this.addConnection(account, servertype, seed.name ?? servertype.name, {});
    connection.health_status = seed.health_status === undefined ? 'OK' : seed.health_status;
    connection.health_message = seed.health_message ?? null;
    return connection;
  }

  /** A short-lived integrate token for the sub-account with this `external_id` (made on first use). */
  integrateToken(externalId: string): string {
    return this.jwt.sign({ sub: this.accountFor(externalId).id, kind: 'integrate' }, this.faults.tokenLifetime);
  }

  /** Runs `job` after `ms`, unless the fake is reset or closed first. */
  later(ms: number, job: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      job();
    }, ms);
    this.#timers.add(timer);
  }

  stopTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Adds a request to the log, dropping the oldest beyond `requestLogLimit` so a long run stays small. */
  logRequest(record: FakeRequest): void {
    this.requests.push(record);
    const excess = this.requests.length - this.settings.requestLogLimit;
    if (excess > 0) this.requests.splice(0, excess);
  }

  /** Only the items that belong to `account`. */
  own<T extends { account: number }>(items: T[], account: FakeAccount): T[] {
    return items.filter((item) => item.account === account.id);
  }
}
