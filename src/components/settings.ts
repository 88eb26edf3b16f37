import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  askInside,
  inheritSettings,
  onPageSettingsChange,
  provideSettings,
  resolveSettings,
  sameSettings,
  type Settings,
  type SettingsOwner,
} from './resolve-settings.js';

/** An element whose settings this controller resolves: its own settings, as properties. */
export type SettingsHost = ReactiveControllerHost & SettingsOwner;

/**
 * Resolves an element's settings (product spec §3) and hands them on, by the context protocol, to
 * exactly the peliqan elements inside it: no walk up the page per update, and a change reaches only the
 * elements under the element that changed. The outermost elements take `PeliqanEmbed.configure()`'s.
 * The token settings — `baseUrl` and the token source — go together, so a token is never sent to an
 * origin it was not configured for. The client for those settings is another controller's
 * (`ClientHolder`): an element that never talks to Peliqan (the connect button) loads no client code.
 */
export class SettingsController implements ReactiveController {
  #host: SettingsHost;
  /** The enclosing peliqan element's settings, while it is there. */
  #inherited?: Settings;
  #value?: Settings;
  #stale = true;
  #notify: () => void;
  #stop?: () => void;

  constructor(host: SettingsHost) {
    this.#host = host;
    this.#notify = provideSettings(host, () => this.#value);
    host.addController(this);
  }

  hostConnected(): void {
    const stopInheriting = inheritSettings(this.#host, (value) => {
      this.#inherited = value;
      this.invalidate();
    });
    askInside(this.#host);
    // Elements inside another peliqan element hear of the page's defaults through it.
    const stopListening = onPageSettingsChange(() => {
      if (!this.#inherited) this.invalidate();
    });
    this.#stop = () => {
      stopInheriting();
      stopListening();
    };
    this.invalidate();
  }

  hostDisconnected(): void {
    this.#stop?.();
    // Taken out of its enclosing element: whatever it gave is no longer in force.
    this.#inherited = undefined;
  }

  /** The element's own settings, an inherited one or the page's changed: work them out again. */
  invalidate(): void {
    if (this.#stale) return;
    this.#stale = true;
    this.#host.requestUpdate();
  }

  /** The settings in force, worked out again only after a change; nested elements hear of a real change. */
  get value(): Settings {
    if (this.#stale || !this.#value) {
      this.#stale = false;
      const next = this.#resolve();
      if (!this.#value || !sameSettings(this.#value, next)) {
        this.#value = next;
        this.#notify();
      }
    }
    return this.#value;
  }

  #resolve(): Settings {
    return resolveSettings(this.#host, this.#inherited);
  }
}
