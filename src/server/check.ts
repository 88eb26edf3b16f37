/**
 * `npx peliqan-embed check`: what this package assumes about the Peliqan API (peliqan-api.md, the
 * [assumed] marks), tried against a real account. Each read-only endpoint is called once; nothing is
 * created unless `write` is set, and then only in a sub-account of its own.
 */
import * as z from 'zod/mini';
import { PeliqanClient } from '../api/client.js';
import { formFields, isOAuthConnector } from '../api/connectors.js';
import { PeliqanError, isPeliqanError } from '../api/errors.js';
import { logLine } from '../api/logs.js';
import {
  connectionSchema,
  isServertype,
  listPage,
  tokenResponseSchema,
  type ListPage,
  type Servertype,
} from '../api/schemas.js';
import { connectionState } from '../api/status.js';
import { tokenOf } from '../api/token.js';
import { DEFAULT_TIMEOUT, PeliqanPartner, subAccountPath, type PartnerPaths } from './partner.js';
import { isDuplicateAccount, isMissingAccount } from './subaccount.js';
import type { PeliqanTenant } from './tenant.js';

/** What a check found about one assumption. */
export type Verdict = 'held' | 'not held' | 'not checked';

/** One assumption, and the function in this package that owns it (the one place to correct). */
export interface Assumption {
  says: string;
  owner: string;
}

/** Every assumption the check tries, in the order it reports them. */
export const ASSUMPTIONS = {
  missingAccount: {
    says: 'A token request for an unknown external_id answers 404 (or a 400 saying so)',
    owner: 'isMissingAccount (src/server/subaccount.ts)',
  },
  duplicateAccount: {
    says: 'Creating an existing external_id answers a 400 naming it, or a 409',
    owner: 'isDuplicateAccount (src/server/subaccount.ts)',
  },
  integrateToken: {
    says: 'The integrate answer carries the token as "token" (or "integration_token")',
    owner: 'tokenOf (src/api/token.ts)',
  },
  customerCatalogue: {
    says: "A customer's integrate token may read GET /api/servertypes",
    owner: 'PeliqanClient.servertypes (src/api/client.ts); else use createCatalogueHandler',
  },
  catalogueEntries: {
    says: 'Each connector has an id or a server_type, and a name',
    owner: 'servertypeSchema (src/api/schemas.ts)',
  },
  formFields: {
    says: 'A connect form\'s "fields" is an object keyed by field key, or a list of fields with a name',
    owner: 'formFields (src/api/connectors.ts)',
  },
  fieldTypes: {
    says: 'Field types are ones the widget knows (input, text, number, password, select, …)',
    owner: 'formFields (src/api/connectors.ts)',
  },
  secrets: {
    says: 'Secrets are the "password" slot or a field of type password/secret',
    owner: 'formFields (src/api/connectors.ts)',
  },
  oauthConnectors: {
    says: 'OAuth connectors say so (type oauth, oauth: true, auth_type oauth) or show no field',
    owner: 'isOAuthConnector (src/api/connectors.ts)',
  },
  createdConnection: {
    says: 'Creating a credential connection answers the connection, with its id',
    owner: 'connectionSchema (src/api/schemas.ts)',
  },
  connectionStatus: {
    says: 'Connection statuses are words the status rule knows (OK, ERROR, … or none yet)',
    owner: 'connectionState (src/api/status.ts)',
  },
  logs: {
    says: "A connection's logs are a list of {timestamp, level, message}",
    owner: 'logLine (src/api/logs.ts)',
  },
  listEnvelopes: {
    says: 'Lists come bare, as {data, next} or as {results, next}',
    owner: 'listPage (src/api/schemas.ts), PeliqanClient.list (src/api/client.ts)',
  },
  tablesAndScripts: {
    says: 'GET /api/applications/, /api/interfaces/ and /api/groups/ list what a tenant has',
    owner: 'PeliqanTenant.listTables / listScripts / listGroups (src/server/tenant.ts)',
  },
} satisfies Record<string, Assumption>;

/** One line of the report. */
export interface Finding extends Assumption {
  verdict: Verdict;
  /** What was seen (or why nothing could be). */
  evidence: string;
}

/** Where to check, as whom, and whether a create may be tried. */
export interface CheckOptions {
  baseUrl: string;
  partnerToken: string;
  paths?: PartnerPaths;
  /** An existing customer to read as; without it the customer's endpoints are not checked (unless `write`). */
  externalId?: string;
  /** Create the check's own sub-account and one connection in it, to check what only a create shows. */
  write?: boolean;
  fetch?: typeof fetch;
  /** Where the check says what it is about to create. */
  say?: (line: string) => void;
}

/** The sub-account `write` creates (once) and writes into: never a real customer's. */
export const CHECK_ACCOUNT = 'peliqan-embed-check';

const anything = z.unknown();
const LOOKS_SECRET = /(api|access|secret|private|client)[ _-]?key|token|secret|password|passphrase/i;

/** How a list came, named from what `listPage` read in `json`: bare, or in which envelope. */
function envelopeOf(json: unknown, page: ListPage): string {
  if (page.items === json) return 'bare';
  return page.items === (json as { data?: unknown }).data ? '{data}' : '{results}';
}

/**
 * What a failed call says about an assumption: nothing when Peliqan could not be reached (or, for a
 * call with the partner token, refused it): the check could not look. Otherwise it does not hold.
 */
function refuted(error: unknown, asPartner = false): Verdict {
  if (!isPeliqanError(error)) return 'not held';
  const couldNotLook = error.code === 'network' || (asPartner && error.code === 'unauthorized');
  return couldNotLook ? 'not checked' : 'not held';
}

/** The status of a failed call, in words. */
const failed = (error: unknown) =>
  isPeliqanError(error) ? `${error.status ?? error.code} ${error.error ?? ''} ${error.message}`.trim() : String(error);

const list = (items: string[], most = 5) =>
  items.length > most ? `${items.slice(0, most).join(', ')} and ${items.length - most} more` : items.join(', ');

/** The kind the widget gives a field of type `type` (the rule itself, asked with a one-field form). */
function kindOfType(type: string) {
  const probe = { name: 'probe', settings: { connect_form: { fields: { field: { type, options: ['a'] } } } } };
  return formFields(probe)[0]?.kind;
}

/** What a placeholder connection of `servertype` is created with: a value per shown field. */
function placeholderValues(servertype: Servertype): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of formFields(servertype)) {
    if (field.kind === 'checkbox') values[field.key] = false;
    else if (field.kind === 'number') values[field.key] = '1';
    else if (field.kind === 'select') values[field.key] = field.options[0]?.value;
    else values[field.key] = 'peliqan-embed-check';
  }
  return values;
}

type Key = keyof typeof ASSUMPTIONS;
/** Records what was found about one assumption. */
type Note = (key: Key, verdict: Verdict, evidence: string) => void;

/**
 * What the partner's read of the connector catalogue says about the assumptions on connectors: `entries`
 * as read, `valid` the ones that pass the widget's schema.
 */
function noteCatalogue(entries: unknown[], valid: Servertype[], note: Note): void {
  const invalid = entries.length - valid.length;
  note(
    'catalogueEntries',
    invalid ? 'not held' : 'held',
    invalid
      ? `${invalid} of ${entries.length} connectors do not match (the widget leaves them out)`
      : `${entries.length} connectors`,
  );

  const oddForms = valid.filter((servertype) => {
    const fields: unknown = servertype.settings?.connect_form?.fields;
    if (Array.isArray(fields)) return fields.some((field) => typeof (field as { name?: unknown })?.name !== 'string');
    return fields !== undefined && (typeof fields !== 'object' || fields === null);
  });
  note(
    'formFields',
    oddForms.length ? 'not held' : 'held',
    oddForms.length
      ? `read as no fields: ${list(oddForms.map((servertype) => servertype.name))}`
      : `${valid.length} connect forms`,
  );

  const types = new Set<string>();
  for (const servertype of valid) {
    const fields = servertype.settings?.connect_form?.fields;
    for (const field of Object.values((fields ?? {}) as Record<string, { type?: unknown } | null>)) {
      if (typeof field?.type === 'string') types.add(field.type.toLowerCase());
    }
  }
  const unknownTypes = [...types].filter((type) => kindOfType(type) === 'text' && type !== 'input' && type !== 'text');
  note(
    'fieldTypes',
    unknownTypes.length ? 'not held' : 'held',
    unknownTypes.length
      ? `shown as text inputs: ${list(unknownTypes)}`
      : `types seen: ${list([...types].sort(), 12) || 'none'}`,
  );

  const inClear = valid.flatMap((servertype) =>
    formFields(servertype)
      .filter((field) => field.kind !== 'secret' && LOOKS_SECRET.test(`${field.key} ${field.label}`))
      .map((field) => `${servertype.server_type ?? servertype.id}.${field.key}`),
  );
  note(
    'secrets',
    inClear.length ? 'not held' : 'held',
    inClear.length ? `look secret but would show in clear: ${list(inClear)}` : 'no field that looks secret shows',
  );

  const oauth = valid.filter(isOAuthConnector).length;
  note(
    'oauthConnectors',
    'not checked',
    `${oauth} of ${valid.length} connectors read as OAuth; only a create's oauth_url shows it, and the widget follows that either way`,
  );
}

/** What one customer's endpoints say, read with its integrate token (and a create, with `write`). */
async function noteCustomer(
  tenant: PeliqanTenant,
  externalId: string,
  created: Servertype | undefined,
  readList: (client: PeliqanClient, path: string) => Promise<unknown[]>,
  note: Note,
): Promise<void> {
  try {
    await readList(tenant, '/api/servertypes');
    note('customerCatalogue', 'held', 'answered with a list');
  } catch (error) {
    note('customerCatalogue', refuted(error), `${failed(error)}: serve the catalogue with createCatalogueHandler`);
  }

  if (created?.id !== undefined) {
    try {
      const answer = await tenant.request('/api/servers', {
        method: 'POST',
        body: { servertype_id: created.id, name: 'peliqan-embed check', ...placeholderValues(created) },
        schema: anything,
      });
      const shaped = connectionSchema.safeParse(answer).success;
      note('createdConnection', shaped ? 'held' : 'not held', `answered keys: ${Object.keys(answer ?? {}).join(', ')}`);
    } catch (error) {
      note('createdConnection', refuted(error), failed(error));
    }
  }

  let connections: unknown[] = [];
  try {
    connections = await readList(tenant, '/api/servers');
    const words = connections.map((each) => {
      const connection = each as { health_status?: unknown; status?: unknown } | null;
      return String(connection?.health_status ?? connection?.status ?? '').toUpperCase();
    });
    const unknown = [...new Set(words)].filter(
      (word) => word && word !== 'PENDING' && connectionState({ id: 0, health_status: word }) === 'pending',
    );
    if (!connections.length) note('connectionStatus', 'not checked', `${externalId} has no connection`);
    else if (unknown.length) note('connectionStatus', 'not held', `read as pending: ${list(unknown)}`);
    else note('connectionStatus', 'held', `seen: ${list([...new Set(words)].map((word) => word || '(none)'))}`);
  } catch (error) {
    note('connectionStatus', 'not checked', `GET /api/servers failed: ${failed(error)}`);
  }

  const first = connections[0] as { id?: unknown } | undefined;
  if (typeof first?.id === 'number') {
    try {
      const entries = await readList(tenant, `/api/server/${first.id}/logs`);
      const unread = entries.filter((entry) => {
        const line = logLine(entry);
        return !line.timestamp || line.text === JSON.stringify(entry);
      });
      note(
        'logs',
        unread.length ? 'not held' : 'held',
        unread.length
          ? `${unread.length} of ${entries.length} entries shown as raw JSON`
          : `${entries.length} log entries read`,
      );
    } catch (error) {
      note('logs', refuted(error), failed(error));
    }
  }

  try {
    const databases = await readList(tenant, tenant.paths.databases);
    const scripts = await readList(tenant, tenant.paths.scripts);
    const groups = await readList(tenant, tenant.paths.groups);
    const tableless = databases.filter((database) => !Array.isArray((database as { tables?: unknown } | null)?.tables));
    const counts = `${databases.length} databases, ${scripts.length} scripts, ${groups.length} groups`;
    if (tableless.length)
      note('tablesAndScripts', 'not held', `${counts}; ${tableless.length} databases without "tables"`);
    else note('tablesAndScripts', 'held', counts);
  } catch (error) {
    note('tablesAndScripts', refuted(error), failed(error));
  }
}

/**
 * Tries each assumption against the account and returns what it found, one finding per assumption,
 * in the order of `ASSUMPTIONS`. Calls each read-only endpoint once; with `write`, first says what it
 * will create.
 */
export async function checkAssumptions(options: CheckOptions): Promise<Finding[]> {
  const { baseUrl, partnerToken, paths, write = false, fetch: fetcher, say = () => {} } = options;
  const partner = new PeliqanPartner({ baseUrl, partnerToken, paths, fetch: fetcher, retryDelay: 200 });
  // The partner endpoints' raw answers, to see which keys Peliqan uses; paced and timed as the partner's calls.
  const asPartner = new PeliqanClient({
    baseUrl,
    token: partnerToken,
    fetch: fetcher,
    timeout: DEFAULT_TIMEOUT,
    admit: partner.queue.admit,
  });
  const findings = new Map<Key, Finding>();
  const note: Note = (key, verdict, evidence) => findings.set(key, { ...ASSUMPTIONS[key], verdict, evidence });
  const envelopes = new Set<string>();
  // The first page as the client's list reader sees it, noting its envelope; no list fails as in the client.
  const readList = async (client: PeliqanClient, path: string) => {
    const json = await client.request(path, { schema: anything });
    const page = listPage(json);
    envelopes.add(page ? envelopeOf(json, page) : `not a list at ${path}`);
    if (!page) throw new PeliqanError('invalid-response', `Not a list at ${path}`);
    return page.items;
  };

  try {
    await partner.identityToken({ externalId: `${CHECK_ACCOUNT}-nobody-${Date.now().toString(36)}` });
    note('missingAccount', 'not held', 'a token came back for an external_id nobody made');
  } catch (error) {
    note('missingAccount', isMissingAccount(error) ? 'held' : refuted(error, true), failed(error));
  }

  let catalogue: Servertype[] = [];
  try {
    const entries = await readList(asPartner, '/api/servertypes');
    catalogue = entries.filter(isServertype);
    noteCatalogue(entries, catalogue, note);
  } catch (error) {
    for (const key of ['catalogueEntries', 'formFields', 'fieldTypes', 'secrets', 'oauthConnectors'] as const) {
      note(key, 'not checked', `GET /api/servertypes with the partner token failed: ${failed(error)}`);
    }
  }

  const connector = write ? catalogue.find((servertype) => !isOAuthConnector(servertype)) : undefined;
  if (write) {
    say(
      `--write creates in ${partner.baseUrl}: the sub-account "${CHECK_ACCOUNT}" (unless it exists) and, in it, one ${connector?.name ?? 'credential'} connection named "peliqan-embed check" with placeholder values. Connections cannot be deleted through the API: remove it in Peliqan afterwards.`,
    );
    const profile = { external_id: CHECK_ACCOUNT, company_name: 'peliqan-embed check' };
    // The first create may find it there from an earlier run; the second must hear "exists".
    await partner.createSubAccount(profile).catch(() => undefined);
    try {
      await partner.createSubAccount(profile);
      note('duplicateAccount', 'not held', 'a second sub-account with the same external_id was made');
    } catch (error) {
      note('duplicateAccount', isDuplicateAccount(error) ? 'held' : refuted(error, true), failed(error));
    }
  }

  const externalId = options.externalId ?? (write ? CHECK_ACCOUNT : undefined);
  let tenant: PeliqanTenant | undefined;
  if (externalId) {
    try {
      const path = `${subAccountPath(paths, 'integrate/')}?${new URLSearchParams({ external_id: externalId })}`;
      const answer = await asPartner.request(path, { method: 'POST', schema: anything });
      const parsed = tokenResponseSchema.safeParse(answer);
      const token = parsed.success ? tokenOf(parsed.data) : undefined;
      if (token) {
        note('integrateToken', 'held', `as "${token === parsed.data?.token ? 'token' : 'integration_token'}"`);
        tenant = partner.tenant(token);
      } else note('integrateToken', 'not held', `answered keys: ${Object.keys(answer ?? {}).join(', ')}`);
    } catch (error) {
      note('integrateToken', 'not checked', `no integrate token for ${externalId}: ${failed(error)}`);
    }
  }
  if (tenant && externalId) await noteCustomer(tenant, externalId, connector, readList, note);

  const notLists = [...envelopes].filter((envelope) => envelope.startsWith('not a list'));
  if (envelopes.size) note('listEnvelopes', notLists.length ? 'not held' : 'held', `seen: ${list([...envelopes])}`);

  const noCustomer = 'needs a customer: --external-id of an existing one, or --write';
  const unchecked: Record<Key, string> = {
    missingAccount: '',
    duplicateAccount: 'only a create shows it: run with --write',
    integrateToken: noCustomer,
    customerCatalogue: noCustomer,
    catalogueEntries: '',
    formFields: '',
    fieldTypes: '',
    secrets: '',
    oauthConnectors: '',
    createdConnection: 'only a create shows it: run with --write',
    connectionStatus: noCustomer,
    logs: tenant ? 'the customer has no connection to read the logs of' : noCustomer,
    listEnvelopes: 'no list was read',
    tablesAndScripts: noCustomer,
  };
  return (Object.keys(ASSUMPTIONS) as Key[]).map(
    (key) => findings.get(key) ?? { ...ASSUMPTIONS[key], verdict: 'not checked', evidence: unchecked[key] },
  );
}
