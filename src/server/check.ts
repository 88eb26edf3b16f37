/**
 * `npx peliqan-embed check`: what this package assumes about the Peliqan API (peliqan-api.md, the
 * [assumed] marks), tried against a real account. One record per assumption: what it says, the
 * function that owns it (the one place to correct), and how to try it. Each read-only endpoint is
 * called once; nothing is created unless `write` is set, and then only in a sub-account of its own.
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
import { tokenOf } from '../api/binding.js';
import { createCatalogueHandler } from './catalogue-handler.js';
import { DEFAULT_TIMEOUT, PeliqanPartner, subAccountPath, type PartnerPaths } from './partner.js';
import { isDuplicateAccount, isMissingAccount } from './subaccount.js';
import { PeliqanTenant } from './tenant.js';

/** What a check found about one assumption. */
export type Verdict = 'held' | 'not held' | 'not checked';

/** What trying one assumption found: the verdict, and what was seen (or why nothing could be). */
export interface Outcome {
  verdict: Verdict;
  evidence: string;
}

/** One assumption the check tries. */
export interface Assumption {
  /** A stable name for it, for scripts and tests. */
  key: string;
  says: string;
  /** The function in this package that decides it, the one place to correct: a name, never a file. */
  owner: string;
  /** Tries it on the account; reads that other assumptions need too are made once, by `probe`. */
  run: (probe: Probe) => Promise<Outcome>;
}

/** One line of the report. */
export type Finding = Omit<Assumption, 'run'> & Outcome;

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
const NO_CUSTOMER = 'needs a customer: --external-id of an existing one, or --write';
const ONLY_A_CREATE = 'only a create shows it: run with --write';

/** How the report names a function that owns an assumption: from the function, so a rename cannot leave it behind. */
const fn = (owner: { name: string }): string => `${owner.name}()`;
/** The same for a method. */
const method = <T>(type: abstract new (...args: never[]) => T, name: keyof T & string): string =>
  `${type.name}.${name}()`;

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

const outcome = (verdict: Verdict, evidence: string): Outcome => ({ verdict, evidence });

/** What a partner call's failure says, as `rule` (the function that owns the assumption) reads it. */
const partnerFailure = (rule: (error: unknown) => boolean, error: unknown): Outcome =>
  outcome(rule(error) ? 'held' : refuted(error, true), failed(error));

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

/** The catalogue as the partner reads it: every entry, and those that pass the widget's schema. */
interface Catalogue {
  entries: unknown[];
  valid: Servertype[];
}

/** A customer read with their integrate token: the tenant, or none, and what minting it showed. */
interface Customer {
  tenant?: PeliqanTenant;
  outcome: Outcome;
}

/**
 * What the assumptions are tried on: the account, and the reads several of them look at, each made
 * once however many ask (so every read-only endpoint is called once).
 */
export class Probe {
  readonly partner: PeliqanPartner;
  /** The partner endpoints' raw answers, to see which keys Peliqan uses; paced and timed as the partner's calls. */
  readonly asPartner: PeliqanClient;
  /** How each list read so far came (`bare`, `{data}`, `{results}`), or where an answer was no list. */
  readonly envelopes = new Set<string>();
  readonly #options: CheckOptions;
  readonly #once = new Map<string, Promise<unknown>>();
  readonly #checkProfile = { external_id: CHECK_ACCOUNT, company_name: 'peliqan-embed check' };

  constructor(options: CheckOptions) {
    const { baseUrl, partnerToken, paths, fetch: fetcher } = options;
    this.#options = options;
    this.partner = new PeliqanPartner({ baseUrl, partnerToken, paths, fetch: fetcher, retryDelay: 200 });
    this.asPartner = new PeliqanClient({
      baseUrl,
      token: partnerToken,
      fetch: fetcher,
      timeout: DEFAULT_TIMEOUT,
      admit: this.partner.queue.admit,
    });
  }

  /** Whether creates may be tried. */
  get write(): boolean {
    return this.#options.write === true;
  }

  /** The customer to read as: the one named, else with `write` the check's own. */
  get externalId(): string | undefined {
    return this.#options.externalId ?? (this.write ? CHECK_ACCOUNT : undefined);
  }

  /** `make()`'s promise, made the first time `key` is asked for. */
  #memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    let made = this.#once.get(key) as Promise<T> | undefined;
    if (!made) {
      made = make();
      this.#once.set(key, made);
    }
    return made;
  }

  /** The first page of a list as the client's list reader sees it, noting its envelope; no list fails as there. */
  async readList(client: PeliqanClient, path: string): Promise<unknown[]> {
    const json = await client.request(path, { schema: anything });
    const page = listPage(json);
    this.envelopes.add(page ? envelopeOf(json, page) : `not a list at ${path}`);
    if (!page) throw new PeliqanError('invalid-response', `Not a list at ${path}`);
    return page.items;
  }

  /** The connector catalogue, read with the partner token. */
  catalogue(): Promise<Catalogue> {
    return this.#memo('catalogue', async () => {
      const entries = await this.readList(this.asPartner, '/api/servertypes');
      return { entries, valid: entries.filter(isServertype) };
    });
  }

  /**
   * With `write`: says what it will create, then makes the check's sub-account (it may be there from an
   * earlier run). Resolves to the credential connector the check will connect, if the catalogue has one.
   */
  prepareWrite(): Promise<Servertype | undefined> {
    return this.#memo('write', async () => {
      const catalogue = await this.catalogue().catch(() => undefined);
      const connector = catalogue?.valid.find((servertype) => !isOAuthConnector(servertype));
      this.#options.say?.(
        `--write creates in ${this.partner.baseUrl}: the sub-account "${CHECK_ACCOUNT}" (unless it exists) and, in it, one ${connector?.name ?? 'credential'} connection named "peliqan-embed check" with placeholder values. Connections cannot be deleted through the API: remove it in Peliqan afterwards.`,
      );
      await this.partner.createSubAccount(this.#checkProfile).catch(() => undefined);
      return connector;
    });
  }

  /** Creates the check's sub-account again: the answer says how Peliqan answers "exists". */
  createCheckAccountAgain(): Promise<unknown> {
    return this.partner.createSubAccount(this.#checkProfile);
  }

  /** `externalId`'s tenant, on an integrate token read raw from the partner endpoint (to see its keys). */
  customer(externalId: string): Promise<Customer> {
    return this.#memo(`customer ${externalId}`, async () => {
      if (externalId === CHECK_ACCOUNT) await this.prepareWrite();
      const path = `${subAccountPath(this.#options.paths, 'integrate/')}?${new URLSearchParams({ external_id: externalId })}`;
      try {
        const answer = await this.asPartner.request(path, { method: 'POST', schema: anything });
        const parsed = tokenResponseSchema.safeParse(answer);
        const token = parsed.success ? tokenOf(parsed.data) : undefined;
        if (!token) return { outcome: outcome('not held', `answered keys: ${Object.keys(answer ?? {}).join(', ')}`) };
        const key = token === parsed.data?.token ? 'token' : 'integration_token';
        return { tenant: this.partner.tenant(token), outcome: outcome('held', `as "${key}"`) };
      } catch (error) {
        return { outcome: outcome('not checked', `no integrate token for ${externalId}: ${failed(error)}`) };
      }
    });
  }

  /** The customer's connections (`GET /api/servers`, first page). */
  connections(tenant: PeliqanTenant): Promise<unknown[]> {
    return this.#memo('connections', () => this.readList(tenant, '/api/servers'));
  }
}

/** An outcome judged on the partner's read of the catalogue, or "not checked" when that read failed. */
async function onCatalogue(probe: Probe, judge: (catalogue: Catalogue) => Outcome): Promise<Outcome> {
  try {
    return judge(await probe.catalogue());
  } catch (error) {
    return outcome('not checked', `GET /api/servertypes with the partner token failed: ${failed(error)}`);
  }
}

/** An outcome judged on the customer's tenant, or "not checked" when there is no customer to read as. */
async function onCustomer(probe: Probe, judge: (tenant: PeliqanTenant) => Promise<Outcome>): Promise<Outcome> {
  const externalId = probe.externalId;
  const tenant = externalId ? (await probe.customer(externalId)).tenant : undefined;
  return tenant ? judge(tenant) : outcome('not checked', NO_CUSTOMER);
}

/**
 * Every assumption the check tries, in the order it tries and reports them: what the partner token
 * shows, then what a create shows (with `write`), then what a customer's token shows.
 */
export const ASSUMPTIONS: readonly Assumption[] = [
  {
    key: 'missingAccount',
    says: 'A token request for an unknown external_id answers 404 (or a 400 saying so)',
    owner: fn(isMissingAccount),
    async run({ partner }) {
      try {
        await partner.identityToken({ externalId: `${CHECK_ACCOUNT}-nobody-${Date.now().toString(36)}` });
        return outcome('not held', 'a token came back for an external_id nobody made');
      } catch (error) {
        return partnerFailure(isMissingAccount, error);
      }
    },
  },
  {
    key: 'catalogueEntries',
    says: 'Each connector has an id or a server_type, and a name',
    owner: fn(isServertype),
    run: (probe) =>
      onCatalogue(probe, ({ entries, valid }) => {
        const invalid = entries.length - valid.length;
        if (!invalid) return outcome('held', `${entries.length} connectors`);
        return outcome(
          'not held',
          `${invalid} of ${entries.length} connectors do not match (the widget leaves them out)`,
        );
      }),
  },
  {
    key: 'formFields',
    says: 'A connect form\'s "fields" is an object keyed by field key, or a list of fields with a name',
    owner: fn(formFields),
    run: (probe) =>
      onCatalogue(probe, ({ valid }) => {
        const oddForms = valid.filter((servertype) => {
          const fields: unknown = servertype.settings?.connect_form?.fields;
          if (Array.isArray(fields)) {
            return fields.some((field) => typeof (field as { name?: unknown })?.name !== 'string');
          }
          return fields !== undefined && (typeof fields !== 'object' || fields === null);
        });
        if (!oddForms.length) return outcome('held', `${valid.length} connect forms`);
        return outcome('not held', `read as no fields: ${list(oddForms.map((servertype) => servertype.name))}`);
      }),
  },
  {
    key: 'fieldTypes',
    says: 'Field types are ones the widget knows (input, text, number, password, select, …)',
    owner: fn(formFields),
    run: (probe) =>
      onCatalogue(probe, ({ valid }) => {
        const types = new Set<string>();
        for (const servertype of valid) {
          const fields = servertype.settings?.connect_form?.fields;
          for (const field of Object.values((fields ?? {}) as Record<string, { type?: unknown } | null>)) {
            if (typeof field?.type === 'string') types.add(field.type.toLowerCase());
          }
        }
        const unknownTypes = [...types].filter(
          (type) => kindOfType(type) === 'text' && type !== 'input' && type !== 'text',
        );
        if (unknownTypes.length) return outcome('not held', `shown as text inputs: ${list(unknownTypes)}`);
        return outcome('held', `types seen: ${list([...types].sort(), 12) || 'none'}`);
      }),
  },
  {
    key: 'secrets',
    says: 'Secrets are the "password" slot or a field of type password/secret',
    owner: fn(formFields),
    run: (probe) =>
      onCatalogue(probe, ({ valid }) => {
        const inClear = valid.flatMap((servertype) =>
          formFields(servertype)
            .filter((field) => field.kind !== 'secret' && LOOKS_SECRET.test(`${field.key} ${field.label}`))
            .map((field) => `${servertype.server_type ?? servertype.id}.${field.key}`),
        );
        if (inClear.length) return outcome('not held', `look secret but would show in clear: ${list(inClear)}`);
        return outcome('held', 'no field that looks secret shows');
      }),
  },
  {
    key: 'oauthConnectors',
    says: 'OAuth connectors say so (type oauth, oauth: true, auth_type oauth) or show no field',
    owner: fn(isOAuthConnector),
    run: (probe) =>
      onCatalogue(probe, ({ valid }) =>
        outcome(
          'not checked',
          `${valid.filter(isOAuthConnector).length} of ${valid.length} connectors read as OAuth; only a create's oauth_url shows it, and the widget follows that either way`,
        ),
      ),
  },
  {
    key: 'duplicateAccount',
    says: 'Creating an existing external_id answers a 400 naming it, or a 409',
    owner: fn(isDuplicateAccount),
    async run(probe) {
      if (!probe.write) return outcome('not checked', ONLY_A_CREATE);
      // The first create (prepareWrite) may find it there from an earlier run; this one must hear "exists".
      await probe.prepareWrite();
      try {
        await probe.createCheckAccountAgain();
        return outcome('not held', 'a second sub-account with the same external_id was made');
      } catch (error) {
        return partnerFailure(isDuplicateAccount, error);
      }
    },
  },
  {
    key: 'integrateToken',
    says: 'The integrate answer carries the token as "token" (or "integration_token")',
    owner: fn(tokenOf),
    async run(probe) {
      return probe.externalId ? (await probe.customer(probe.externalId)).outcome : outcome('not checked', NO_CUSTOMER);
    },
  },
  {
    key: 'customerCatalogue',
    says: "A customer's integrate token may read GET /api/servertypes",
    owner: `${method(PeliqanClient, 'servertypes')}; else use ${fn(createCatalogueHandler)}`,
    run: (probe) =>
      onCustomer(probe, async (tenant) => {
        try {
          await probe.readList(tenant, '/api/servertypes');
          return outcome('held', 'answered with a list');
        } catch (error) {
          return outcome(refuted(error), `${failed(error)}: serve the catalogue with createCatalogueHandler`);
        }
      }),
  },
  {
    key: 'createdConnection',
    says: 'Creating a credential connection answers the connection, with its id',
    owner: 'connectionSchema',
    async run(probe) {
      if (!probe.write) return outcome('not checked', ONLY_A_CREATE);
      const connector = await probe.prepareWrite();
      if (connector?.id === undefined)
        return outcome('not checked', 'the catalogue has no credential connector to try');
      // Always in the check's own sub-account, whoever --external-id names.
      const { tenant } = await probe.customer(CHECK_ACCOUNT);
      if (!tenant) return outcome('not checked', `no integrate token for ${CHECK_ACCOUNT}`);
      try {
        const answer = await tenant.request('/api/servers', {
          method: 'POST',
          body: { servertype_id: connector.id, name: 'peliqan-embed check', ...placeholderValues(connector) },
          schema: anything,
        });
        const shaped = connectionSchema.safeParse(answer).success;
        return outcome(shaped ? 'held' : 'not held', `answered keys: ${Object.keys(answer ?? {}).join(', ')}`);
      } catch (error) {
        return outcome(refuted(error), failed(error));
      }
    },
  },
  {
    key: 'connectionStatus',
    says: 'Connection statuses are words the status rule knows (OK, ERROR, … or none yet)',
    owner: fn(connectionState),
    run: (probe) =>
      onCustomer(probe, async (tenant) => {
        let connections: unknown[];
        try {
          connections = await probe.connections(tenant);
        } catch (error) {
          return outcome('not checked', `GET /api/servers failed: ${failed(error)}`);
        }
        if (!connections.length) return outcome('not checked', `${probe.externalId} has no connection`);
        const words = connections.map((each) => {
          const connection = each as { health_status?: unknown; status?: unknown } | null;
          return String(connection?.health_status ?? connection?.status ?? '').toUpperCase();
        });
        const unknown = [...new Set(words)].filter(
          (word) => word && word !== 'PENDING' && connectionState({ id: 0, health_status: word }) === 'pending',
        );
        if (unknown.length) return outcome('not held', `read as pending: ${list(unknown)}`);
        return outcome('held', `seen: ${list([...new Set(words)].map((word) => word || '(none)'))}`);
      }),
  },
  {
    key: 'logs',
    says: "A connection's logs are a list of {timestamp, level, message}",
    owner: fn(logLine),
    run: (probe) =>
      onCustomer(probe, async (tenant) => {
        const connections = await probe.connections(tenant).catch(() => []);
        const first = connections[0] as { id?: unknown } | undefined;
        if (typeof first?.id !== 'number') {
          return outcome('not checked', 'the customer has no connection to read the logs of');
        }
        try {
          const entries = await probe.readList(tenant, `/api/server/${first.id}/logs`);
          const unread = entries.filter((entry) => {
            const line = logLine(entry);
            return !line.timestamp || line.text === JSON.stringify(entry);
          });
          if (!unread.length) return outcome('held', `${entries.length} log entries read`);
          return outcome('not held', `${unread.length} of ${entries.length} entries shown as raw JSON`);
        } catch (error) {
          return outcome(refuted(error), failed(error));
        }
      }),
  },
  {
    key: 'tablesAndScripts',
    says: 'GET /api/applications/, /api/interfaces/ and /api/groups/ list what a tenant has',
    owner: [
      method(PeliqanTenant, 'listTables'),
      method(PeliqanTenant, 'listScripts'),
      method(PeliqanTenant, 'listGroups'),
    ].join(', '),
    run: (probe) =>
      onCustomer(probe, async (tenant) => {
        try {
          const databases = await probe.readList(tenant, tenant.paths.databases);
          const scripts = await probe.readList(tenant, tenant.paths.scripts);
          const groups = await probe.readList(tenant, tenant.paths.groups);
          const tableless = databases.filter(
            (database) => !Array.isArray((database as { tables?: unknown } | null)?.tables),
          );
          const counts = `${databases.length} databases, ${scripts.length} scripts, ${groups.length} groups`;
          if (tableless.length) return outcome('not held', `${counts}; ${tableless.length} databases without "tables"`);
          return outcome('held', counts);
        } catch (error) {
          return outcome(refuted(error), failed(error));
        }
      }),
  },
  {
    key: 'listEnvelopes',
    says: 'Lists come bare, as {data, next} or as {results, next}',
    owner: `${fn(listPage)}, ${method(PeliqanClient, 'list')}`,
    // Last: it judges the lists every assumption before it read.
    async run({ envelopes }) {
      if (!envelopes.size) return outcome('not checked', 'no list was read');
      const notLists = [...envelopes].filter((envelope) => envelope.startsWith('not a list'));
      return outcome(notLists.length ? 'not held' : 'held', `seen: ${list([...envelopes])}`);
    },
  },
];

/**
 * Tries each assumption against the account, in the order of `ASSUMPTIONS`, and returns one finding
 * per assumption. Calls each read-only endpoint once; with `write`, first says what it will create.
 */
export async function checkAssumptions(options: CheckOptions): Promise<Finding[]> {
  const probe = new Probe(options);
  const findings: Finding[] = [];
  for (const { run, ...assumption } of ASSUMPTIONS) findings.push({ ...assumption, ...(await run(probe)) });
  return findings;
}
