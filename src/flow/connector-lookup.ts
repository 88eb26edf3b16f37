import type { ReactiveControllerHost } from 'lit';
import type { Servertype } from '../api/schemas.js';
import { Catalogue, type CatalogueHooks } from './catalogue.js';

/** Where finding a named connector is. */
export type LookupStatus = 'loading' | 'ready' | 'missing' | 'error';

/**
 * The connector an element names with `servertype`: the definition itself (a property), or an id or
 * slug looked up in the catalogue (an attribute). The catalogue is only read for a name.
 */
export class ConnectorLookup {
  readonly catalogue: Catalogue;
  #wanted: () => string | Servertype | undefined;

  constructor(
    host: ReactiveControllerHost,
    hooks: Omit<CatalogueHooks, 'needed'> & { wanted(): string | Servertype | undefined },
  ) {
    this.#wanted = hooks.wanted;
    this.catalogue = new Catalogue(host, { ...hooks, needed: () => typeof hooks.wanted() === 'string' });
  }

  /** The definition, once known. */
  get servertype(): Servertype | undefined {
    const wanted = this.#wanted();
    if (typeof wanted === 'object') return wanted;
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
