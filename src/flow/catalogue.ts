import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CheckedList, PeliqanClient } from '../api/client.js';
import { connectorMatches } from '../api/connectors.js';
import { PeliqanError, isAbortError } from '../api/errors.js';
import type { Servertype } from '../api/schemas.js';

/** Splits a `connectors` attribute (ids or slugs, comma-separated). */
export const allowlist = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

/** Lower case without accents: "Café" and "CAFE" both read "cafe". */
export const searchable = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** A connector ready to be offered: its definition, and its name, slug and category as search text. */
export interface CatalogueEntry {
  servertype: Servertype;
  search: string;
}

const prepared = new WeakMap<readonly Servertype[], CatalogueEntry[]>();

/** `byOrderThenName`, on a name already lowered and stripped of accents. */
function byOrderThenKey(a: CatalogueEntry & { key: string }, b: CatalogueEntry & { key: string }): number {
  const order = (a.servertype.order ?? Infinity) - (b.servertype.order ?? Infinity);
  if (order) return order;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

/**
 * The catalogue sorted by `order`, then name (product spec §4, the rule of `byOrderThenName`), with
 * its search text made once per catalogue: every element showing the same catalogue shares the work.
 */
export function prepareCatalogue(servertypes: readonly Servertype[]): CatalogueEntry[] {
  let entries = prepared.get(servertypes);
  if (!entries) {
    // One pass makes each connector's search text and sort key, then a sort on plain strings: a
    // locale-aware comparison per pair is ten times slower on thousands of connectors.
    entries = servertypes
      .map((servertype) => ({
        servertype,
        search: searchable(`${servertype.name} ${servertype.server_type ?? ''} ${servertype.category ?? ''}`),
        key: searchable(servertype.name),
      }))
      .sort(byOrderThenKey)
      .map(({ servertype, search }) => ({ servertype, search }));
    prepared.set(servertypes, entries);
  }
  return entries;
}

/** The entries the `connectors` allowlist names, in the allowlist's order; all of them without one. */
export function offered(entries: CatalogueEntry[], allowed: string[]): CatalogueEntry[] {
  if (!allowed.length) return entries;
  return allowed.flatMap((wanted) => entries.filter((entry) => connectorMatches(entry.servertype, wanted)));
}

/** The entries matching every word of `query` (in name, slug or category) and `category`, if given. */
export function searchCatalogue(entries: CatalogueEntry[], query: string, category: string): CatalogueEntry[] {
  const words = searchable(query).split(/\s+/).filter(Boolean);
  return entries.filter(
    (entry) =>
      (!category || entry.servertype.category === category) && words.every((word) => entry.search.includes(word)),
  );
}

/** What the catalogue controller needs from its element. */
export interface CatalogueHooks {
  /** The client to read with, or undefined while the element cannot ask yet (no token source). */
  client(): PeliqanClient | undefined;
  /** Reports a failure; returns it as the error to show. */
  failed(error: unknown): PeliqanError | undefined;
  /** Whether the element wants the catalogue now (a form given a definition does not). */
  needed?(): boolean;
}

const reported = new WeakSet<object>();

/**
 * Loads the connector catalogue for an element: `loading` → `ready` | `error`, with `load()` for Retry.
 * Waits while no token is configured yet; loads again when the configuration changes; stops its
 * request when the element leaves the page.
 */
export class CatalogueController implements ReactiveController {
  status: 'loading' | 'ready' | 'error' = 'loading';
  entries: CatalogueEntry[] = [];
  error?: PeliqanError;
  #host: ReactiveControllerHost;
  #hooks: CatalogueHooks;
  #abort?: AbortController;
  #client?: PeliqanClient;

  constructor(host: ReactiveControllerHost, hooks: CatalogueHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  /** The connector named by an id or `server_type` slug, once the catalogue has it. */
  connectorOf(wanted: string | number | undefined): Servertype | undefined {
    if (wanted === undefined) return undefined;
    return this.entries.find((entry) => connectorMatches(entry.servertype, wanted))?.servertype;
  }

  hostConnected(): void {
    if (this.status !== 'ready') this.load();
  }

  /** Before each render: starts a load that was waiting for a configuration, or follows a new one. */
  hostUpdate(): void {
    const client = this.#hooks.client();
    if (this.#client && client !== this.#client) {
      this.#abort?.abort();
      this.status = 'loading';
    }
    if (this.status === 'loading') this.load();
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  /** (Re)loads unless a load is running; a no-op until a token source is configured. */
  load(): void {
    const client = this.#hooks.client();
    if (this.#hooks.needed?.() === false || !client) return;
    if (this.status === 'loading' && this.#client === client && this.#abort && !this.#abort.signal.aborted) return;
    const abort = (this.#abort = new AbortController());
    this.#client = client;
    this.status = 'loading';
    this.#host.requestUpdate();
    client.servertypes({ signal: abort.signal }).then(
      (servertypes) => {
        if (abort.signal.aborted) return;
        this.entries = prepareCatalogue(servertypes);
        this.status = 'ready';
        this.#reportSkipped(servertypes);
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        if (isAbortError(error) || abort.signal.aborted) return;
        this.error = this.#hooks.failed(error);
        this.status = 'error';
        this.#host.requestUpdate();
      },
    );
  }

  /** Connectors left out as invalid are reported once per catalogue, however many elements show it. */
  #reportSkipped(servertypes: CheckedList<Servertype>): void {
    const count = servertypes.skipped.length;
    if (!count || reported.has(servertypes)) return;
    reported.add(servertypes);
    console.warn(`peliqan-embed: ${count} connector(s) left out of the catalogue as invalid:`, servertypes.skipped);
    this.#hooks.failed(
      new PeliqanError('invalid-response', `${count} connector(s) left out of the catalogue as invalid`, {
        issues: [...servertypes.skipped],
      }),
    );
  }
}

/** Where finding a named connector is. */
export type LookupStatus = 'loading' | 'ready' | 'missing' | 'error';

/**
 * The connector an element names with `servertype`: the definition itself (a property), or an id or
 * slug looked up in the catalogue (an attribute). The catalogue is only read for a name.
 */
export class ConnectorLookup {
  readonly catalogue: CatalogueController;
  #wanted: () => string | Servertype | undefined;

  constructor(
    host: ReactiveControllerHost,
    hooks: Omit<CatalogueHooks, 'needed'> & { wanted(): string | Servertype | undefined },
  ) {
    this.#wanted = hooks.wanted;
    this.catalogue = new CatalogueController(host, { ...hooks, needed: () => typeof hooks.wanted() === 'string' });
  }

  /** The definition, once known. */
  get servertype(): Servertype | undefined {
    const wanted = this.#wanted();
    if (typeof wanted === 'object') return wanted;
    if (this.catalogue.status !== 'ready') return undefined;
    return this.catalogue.connectorOf(wanted);
  }

  /** `loading` (nothing named yet, or the catalogue on its way), `ready`, `missing` or `error`. */
  get status(): LookupStatus {
    const wanted = this.#wanted();
    if (typeof wanted === 'object') return 'ready';
    if (wanted === undefined || this.catalogue.status === 'loading') return 'loading';
    if (this.catalogue.status === 'error') return 'error';
    return this.servertype ? 'ready' : 'missing';
  }
}
