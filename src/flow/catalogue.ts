import type { ReactiveController } from 'lit';
import { byOrderThenName, isOAuthConnector } from '../api/connectors.js';
import { isAbortError, type PeliqanError } from '../api/errors.js';
import type { Servertype } from '../api/schemas.js';
import type { PeliqanElement } from '../components/base.js';

/**
 * Loads the connector catalogue for an element: `loading` → `ready` | `error`, with `load()` for Retry.
 * Waits while no token is configured yet; stops its request when the element leaves the page.
 */
export class CatalogueController implements ReactiveController {
  status: 'loading' | 'ready' | 'error' = 'loading';
  servertypes: Servertype[] = [];
  error?: PeliqanError;
  #host: PeliqanElement;
  #onError: (error: unknown) => PeliqanError | undefined;
  #abort?: AbortController;
  #needed: () => boolean;

  /** `needed` says whether the host wants the catalogue now (a form given a definition does not). */
  constructor(
    host: PeliqanElement,
    onError: (error: unknown) => PeliqanError | undefined,
    needed: () => boolean = () => true,
  ) {
    this.#host = host;
    this.#onError = onError;
    this.#needed = needed;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.status !== 'ready') this.load();
  }

  /** Before each render: starts the load that was waiting for a configuration. */
  hostUpdate(): void {
    if (this.status === 'loading') this.load();
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  /** (Re)loads unless a load is running; a no-op until a token source is configured. */
  load(): void {
    if (
      !this.#needed() ||
      !this.#host.configured ||
      (this.status === 'loading' && this.#abort && !this.#abort.signal.aborted)
    )
      return;
    const abort = (this.#abort = new AbortController());
    this.status = 'loading';
    this.#host.requestUpdate();
    this.#host.client.servertypes({ signal: abort.signal }).then(
      (servertypes) => {
        // Connectors that sign in through OAuth wait for the OAuth step (issue 4); until it is there,
        // offering them would create connections that can never finish.
        this.servertypes = servertypes.filter((servertype) => !isOAuthConnector(servertype)).sort(byOrderThenName);
        this.status = 'ready';
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        if (isAbortError(error)) return;
        this.error = this.#onError(error);
        this.status = 'error';
        this.#host.requestUpdate();
      },
    );
  }
}
