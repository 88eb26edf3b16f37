/**
 * One customer's tenant on a sub-account token: the widget's client, plus query tables and scripts on
 * the endpoints Peliqan's own Python SDK calls (peliqan-api.md §6). Peliqan's page names these calls
 * `POST /table` and `POST /interface` with other field names; the mapping lives here, once.
 */
import * as z from 'zod/mini';
import { PeliqanClient, pathId, type CallOptions, type ClientOptions } from '../api/client.js';
import { PeliqanError } from '../api/errors.js';
import { idSchema, maybe, text } from '../api/schemas.js';

/**
 * Where the tenant client finds tables and scripts. `{id}` stands for a database's or a group's id.
 * Each can be overridden (`PeliqanPartnerOptions.tenantPaths`) should Peliqan move one.
 */
export interface TenantPaths {
  /** `POST`: a query table in the account's default database. */
  createQueryTable: string;
  /** `POST`: a query table in database `{id}`. */
  createTableInDatabase: string;
  /** `GET`: the databases ("applications"), each with its `tables`. */
  databases: string;
  /** `GET`: the script groups, `[{id, name}]`. */
  groups: string;
  /** `POST`: a script in group `{id}`. */
  createScript: string;
  /** `GET`: the scripts. */
  scripts: string;
}

/** The paths of Peliqan's SDK (`peliqan` 2.16, `client/backend_service.py`). */
export const DEFAULT_TENANT_PATHS: TenantPaths = {
  createQueryTable: '/api/database/tables/create-sql-query/',
  createTableInDatabase: '/api/database/tables/database/{id}/',
  databases: '/api/applications/',
  groups: '/api/groups/',
  createScript: '/api/interfaces/group/{id}/',
  scripts: '/api/interfaces/',
};

// Peliqan writes null for "not set" (see src/api/schemas.ts): a null name or tables is no bad answer.
const createdSchema = z.looseObject({ id: idSchema, name: text });
/** Something Peliqan made (a table, a script): at least its `id`, and whatever else it answered. */
export type Created = z.infer<typeof createdSchema>;

const databaseSchema = z.looseObject({ id: idSchema, tables: maybe(z.array(z.unknown())) });

/** A query table for `createTable`: its name and SQL, in the default database unless `databaseId` says. */
export interface QueryTableDefinition {
  name: string;
  query: string;
  /** The schema to put it in; Peliqan picks the database's first one without it. */
  schema_id?: number;
  /** The database to put it in (an id from `GET /api/applications/`); the default database without it. */
  databaseId?: number;
  [key: string]: unknown;
}

/** A Python script for `addScript`, in the page's words (`raw_code`, `schedule` in seconds). */
export interface ScriptDefinition {
  name: string;
  raw_code: string;
  /** Seconds between runs; without it the script is not scheduled. */
  schedule?: number;
  /** The group to put it in (an id from `GET /api/groups/`); the first group without it. */
  groupId?: number;
  /** `SHELL` (default: a script that runs in the background), `API` or `STREAMLIT`. */
  run_mode?: 'SHELL' | 'API' | 'STREAMLIT';
  [key: string]: unknown;
}

/** Options of a tenant client: the widget client's, and where tables and scripts live. */
export interface TenantOptions extends ClientOptions {
  paths?: Partial<TenantPaths>;
}

/** `template` with its `{id}` filled in, by the client's rule for ids in paths. */
const pathWith = (template: string, id: number) => template.replace('{id}', pathId(id));

/**
 * One customer's tenant, on a sub-account token: everything the widget's client does, plus query
 * tables and scripts.
 */
export class PeliqanTenant extends PeliqanClient {
  /** The paths this client calls for tables and scripts. */
  readonly paths: TenantPaths;
  #firstGroup?: Promise<number>;

  constructor({ paths, ...options }: TenantOptions = {}) {
    super(options);
    this.paths = { ...DEFAULT_TENANT_PATHS, ...paths };
  }

  /**
   * A query table: `POST /api/database/tables/create-sql-query/`, or
   * `POST /api/database/tables/database/<databaseId>/` when a `databaseId` is given.
   */
  createTable({ databaseId, ...table }: QueryTableDefinition, options: CallOptions = {}): Promise<Created> {
    const path =
      databaseId === undefined ? this.paths.createQueryTable : pathWith(this.paths.createTableInDatabase, databaseId);
    const body = { ...table, table_type: 'query' };
    return this.request(path, { ...options, method: 'POST', body, schema: createdSchema });
  }

  /**
   * A Python script: `POST /api/interfaces/group/<groupId>/` (the first group when none is given),
   * with the page's `raw_code` sent as `raw_script` and `schedule` seconds as
   * `{"schedule": true, "run_interval": seconds}`.
   */
  async addScript(
    { groupId, raw_code, schedule, run_mode = 'SHELL', ...script }: ScriptDefinition,
    options: CallOptions = {},
  ): Promise<Created> {
    const group = groupId ?? (await this.#defaultGroup(options));
    const body = {
      ...script,
      run_mode,
      raw_script: raw_code,
      ...(schedule === undefined ? {} : { schedule: true, run_interval: schedule }),
    };
    const path = pathWith(this.paths.createScript, group);
    return this.request(path, { ...options, method: 'POST', body, schema: createdSchema });
  }

  /** Every query table of every database (`GET /api/applications/`, every page), to tell which exist by name. */
  async listTables(options: CallOptions = {}): Promise<Created[]> {
    const databases = await this.list(this.paths.databases, databaseSchema, options);
    // Each table is read on its own: one odd table must not hide its database's others.
    return databases.flatMap((database) =>
      (database.tables ?? []).flatMap((table) => {
        const parsed = createdSchema.safeParse(table);
        return parsed.success ? [parsed.data] : [];
      }),
    );
  }

  /** Every script (`GET /api/interfaces/`, every page), to tell which exist by name. */
  listScripts(options: CallOptions = {}): Promise<Created[]> {
    return this.list(this.paths.scripts, createdSchema, options);
  }

  /** The script groups (`GET /api/groups/`). */
  listGroups(options: CallOptions = {}): Promise<Created[]> {
    return this.list(this.paths.groups, createdSchema, options);
  }

  /** The first group `GET /api/groups/` lists, asked once per tenant client. */
  #defaultGroup(options: CallOptions): Promise<number> {
    if (this.#firstGroup) return this.#firstGroup;
    const lookup = this.listGroups(options).then((groups) => {
      const first = groups[0];
      if (!first) throw new PeliqanError('invalid-response', `${this.paths.groups} lists no group to add a script to`);
      return first.id;
    });
    this.#firstGroup = lookup;
    // A failed lookup is not kept: the next script asks again.
    lookup.catch(() => {
      if (this.#firstGroup === lookup) this.#firstGroup = undefined;
    });
    return lookup;
  }
}
