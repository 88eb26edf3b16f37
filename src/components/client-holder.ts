import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PeliqanClient } from '../api/client.js';
import { acquireClient, resetClients, type ClientLease } from '../api/shared-client.js';
import { onReset } from '../config.js';
import type { SettingsController } from './settings.js';

// Lives here rather than in `config.ts`: a page whose elements never talk to Peliqan (a connect button
// before its first click) loads no client code, so `reset()` must not import it.
onReset(resetClients);

/**
 * The shared client an element talks to Peliqan with (product spec §3: one token request and one
 * catalogue per configuration), for the settings in force, held while the element is on the page.
 */
export class ClientHolder implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #settings: SettingsController;
  #lease?: ClientLease;
  #leaseSettings: unknown[] = [];

  constructor(host: ReactiveControllerHost & HTMLElement, settings: SettingsController) {
    this.#host = host;
    this.#settings = settings;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#lease?.release();
    this.#lease = undefined;
  }

  /** The client shared by every element configured the same way (held while the element is on the page). */
  get current(): PeliqanClient {
    const { baseUrl, tokenBaseUrl, token, tokenProvider, tokenUrl, tokenCredentials, catalogueUrl } =
      this.#settings.value;
    const options = { baseUrl, tokenBaseUrl, token, tokenProvider, tokenUrl, tokenCredentials, catalogueUrl };
    const settings = Object.values(options);
    const lease = this.#lease;
    // Same settings (the provider by identity) and not forgotten by `reset()`: keep the client.
    if (lease?.current() && settings.every((value, index) => value === this.#leaseSettings[index])) return lease.client;
    lease?.release();
    this.#lease = acquireClient(options);
    this.#leaseSettings = settings;
    return this.#lease.client;
  }

  /**
   * The client once a token can be had (a token, a provider or a URL), nothing is refused and the
   * element is on the page; else undefined (a removed element asks nothing).
   */
  get ready(): PeliqanClient | undefined {
    const { problem, token, tokenProvider, tokenUrl } = this.#settings.value;
    return this.#host.isConnected && !problem && (token || tokenProvider || tokenUrl) ? this.current : undefined;
  }
}
