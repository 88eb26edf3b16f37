import type { ReactiveControllerHost } from 'lit';
import type { PeliqanClient } from '../api/client.js';
import { connectorMatches } from '../api/connectors.js';
import type { PeliqanError } from '../api/errors.js';
import type { Servertype } from '../api/schemas.js';
import { prepareCatalogue, type CatalogueEntry } from './catalogue-search.js';
import { Load, reportSkipped } from './load.js';

/** What the catalogue needs from its element. */
export interface CatalogueHooks {
  /** The client to read with, or undefined while the element cannot ask yet (no token source). */
  client(): PeliqanClient | undefined;
  /** Reports a failure; returns it as the error to show. */
  failed(error: unknown): PeliqanError | undefined;
  /** Whether the element wants the catalogue now (a form given a definition does not). */
  needed?(): boolean;
}

/**
 * The connector catalogue of an element, in the picker's order: read once per client and shared by
 * every element (`client.servertypes()`), connectors that fail validation left out and said once.
 */
export class Catalogue extends Load<CatalogueEntry[]> {
  constructor(host: ReactiveControllerHost, hooks: CatalogueHooks) {
    super(host, {
      ...hooks,
      read: async (client, signal) => {
        const servertypes = await client.servertypes({ signal });
        reportSkipped(client, servertypes, { entries: 'connector(s)', list: 'the catalogue' }, hooks.failed);
        return prepareCatalogue(servertypes);
      },
    });
  }

  /** The catalogue's entries (none until it is read). */
  get entries(): CatalogueEntry[] {
    return this.value ?? [];
  }

  /** The connector named by an id or `server_type` slug, once the catalogue has it. */
  connectorOf(wanted: string | number | undefined): Servertype | undefined {
    if (wanted === undefined) return undefined;
    return this.entries.find((entry) => connectorMatches(entry.servertype, wanted))?.servertype;
  }
}
