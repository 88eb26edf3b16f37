/**
 * Query tables and scripts on the paths Peliqan's own SDK calls (peliqan-api.md §6): each account's
 * databases with their tables, its script groups and their scripts.
 */
import { requireAccount } from './auth.js';
import { HttpProblem } from './http.js';
import { list } from './lists.js';
import type { RouteAnswer, RouteContext } from './router.js';
import { now } from './state.js';
import type { FakeAccount, FakeDatabase, FakeScript, FakeTable } from './types.js';
import { anyText, boolean, choice, fieldErrors, integer, primaryKey, text, type FieldRule } from './validate.js';

const notFound = () => new HttpProblem(404, 'ERROR_NOT_FOUND', 'Not found.');

function refuseInvalid(errors: Record<string, string[]>): void {
  if (Object.keys(errors).length) throw new HttpProblem(400, 'ERROR_VALIDATION', errors);
}

/** What the fake shows of an object: everything but the account it keeps it under. */
const withoutAccount = <T extends { account: number }>({ account: _account, ...shown }: T): Omit<T, 'account'> => shown;

export function listDatabases(context: RouteContext): RouteAnswer {
  const { state } = context;
  const databases = state.own(state.databases, requireAccount(context)).map((database) => ({
    ...withoutAccount(database),
    tables: state.tables.filter((table) => table.database_id === database.id).map(withoutAccount),
  }));
  return [200, list(context, databases)];
}

export function createTable(context: RouteContext): RouteAnswer {
  const account = requireAccount(context);
  return [201, addTable(context, account, context.state.own(context.state.databases, account))];
}

export function createTableInDatabase(context: RouteContext): RouteAnswer {
  const account = requireAccount(context);
  const id = Number(context.params.id);
  const database = context.state.databases.find((each) => each.id === id && each.account === account.id);
  if (!database) throw notFound();
  return [201, addTable(context, account, [database])];
}

/** A query table in the database that holds `schema_id`, else in the first of `databases`. */
function addTable({ body, state }: RouteContext, account: FakeAccount, databases: FakeDatabase[]) {
  const holding = (schemaId: number) => databases.find((each) => each.schemas.some((schema) => schema.id === schemaId));
  refuseInvalid(
    fieldErrors(body, {
      table_type: { required: true, check: choice('query') },
      name: { required: true, check: text },
      query: { required: true, check: text },
      schema_id: { nullable: true, check: primaryKey((id) => holding(id) !== undefined) },
    }),
  );
  const schemaId = typeof body.schema_id === 'number' ? body.schema_id : undefined;
  const database = schemaId === undefined ? databases[0] : holding(schemaId);
  if (!database) throw new HttpProblem(400, 'ERROR_DATABASE_NOT_FOUND', 'The account has no database.');
  const table: FakeTable = {
    id: state.nextId('table'),
    account: account.id,
    database_id: database.id,
    schema_id: schemaId ?? database.schemas[0]!.id,
    name: body.name as string,
    table_type: 'query',
    query: body.query as string,
    created_at: now(),
  };
  state.tables.push(table);
  return withoutAccount(table);
}

export function listGroups(context: RouteContext): RouteAnswer {
  const groups = context.state.own(context.state.groups, requireAccount(context)).map(({ id, name }) => ({ id, name }));
  return [200, list(context, groups)];
}

export function listScripts(context: RouteContext): RouteAnswer {
  const { state } = context;
  return [200, list(context, state.own(state.scripts, requireAccount(context)).map(withoutAccount))];
}

/** The fields of a script that a create sets and a PATCH may change. */
const SCRIPT_FIELDS: Record<string, FieldRule> = {
  name: { required: true, check: text },
  run_mode: { required: true, check: choice('SHELL', 'API', 'STREAMLIT') },
  raw_script: { check: anyText },
  type: { check: text },
  schedule: { check: boolean },
  run_interval: { nullable: true, check: integer },
};

export function createScript(context: RouteContext): RouteAnswer {
  const account = requireAccount(context);
  const { body, state, params } = context;
  const group = state.groups.find((each) => each.id === Number(params.id) && each.account === account.id);
  if (!group) throw notFound();
  refuseInvalid(fieldErrors(body, SCRIPT_FIELDS));
  const script: FakeScript = {
    id: state.nextId('script'),
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
  state.scripts.push(script);
  return [201, withoutAccount(script)];
}

export function updateScript(context: RouteContext): RouteAnswer {
  const account = requireAccount(context);
  const { body, state, params } = context;
  const script = state.scripts.find((each) => each.id === Number(params.id) && each.account === account.id);
  if (!script) throw notFound();
  refuseInvalid(fieldErrors(body, SCRIPT_FIELDS, true));
  for (const key of Object.keys(SCRIPT_FIELDS)) {
    if (body[key] !== undefined) Object.assign(script, { [key]: body[key] });
  }
  script.updated_at = now();
  return [200, withoutAccount(script)];
}
