import { ContextConsumer, ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  onPageSettingsChange,
  resolveSettings,
  sameSettings,
  settingsContext,
  type Settings,
  type SettingsOwner,
} from './resolve-settings.js';

/** An element whose settings this controller resolves: its own settings, as properties. */
export type SettingsHost = ReactiveControllerHost & SettingsOwner;

/**
 * Resolves an element's settings (product spec §3) and hands them on, through Lit's context, to exactly
 * the peliqan elements inside it: no walk up the page per update, and a change reaches only the
 * elements under the element that changed. The outermost elements take `PeliqanEmbed.configure()`'s.
 * The token settings — `baseUrl` and the token source — go together, so a token is never sent to an
 * origin it was not configured for. The client for those settings is another controller's
 * (`ClientHolder`): an element that never talks to Peliqan (the connect button) loads no client code.
 */
export class SettingsController implements ReactiveController {
  #host: SettingsHost;
  #inherited: ContextConsumer<typeof settingsContext, SettingsHost>;
  #provider: ContextProvider<typeof settingsContext, SettingsHost>;
  #value?: Settings;
  #stale = true;
  #stopListening?: () => void;

  constructor(host: SettingsHost) {
    this.#host = host;
    this.#inherited = new ContextConsumer(host, {
      context: settingsContext,
      subscribe: true,
      callback: () => this.invalidate(),
    });
    this.#provider = new ContextProvider(host, { context: settingsContext });
    host.addController(this);
  }

  hostConnected(): void {
    const changed = () => {
      // Elements inside another peliqan element hear of the page's defaults through it.
      if (!this.#inherited.value) this.invalidate();
    };
    this.#stopListening = onPageSettingsChange(changed);
    this.invalidate();
  }

  hostDisconnected(): void {
    this.#stopListening?.();
    // Taken out of its enclosing element: whatever it gave is no longer in force.
    this.#inherited.value = undefined;
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
        this.#provider.setValue(next);
      }
    }
    return this.#value;
  }

  #resolve(): Settings {
    return resolveSettings(this.#host, this.#inherited.value);
  }
}
