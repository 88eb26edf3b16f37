import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ElementSettings, type SettingsOwner } from './resolve-settings.js';

/** An element whose settings this controller resolves: its own settings, as properties. */
export type SettingsHost = ReactiveControllerHost & SettingsOwner;

/**
 * A Lit element's settings (`ElementSettings`), heard while it is connected: a change renders it again.
 * The token settings — `baseUrl` and the token source — go together, so a token is never sent to an
 * origin it was not configured for. The client for those settings is another controller's
 * (`ClientHolder`): an element that never talks to Peliqan (the connect button) loads no client code.
 */
export class SettingsController extends ElementSettings implements ReactiveController {
  constructor(host: SettingsHost) {
    super(host, () => host.requestUpdate());
    host.addController(this);
  }

  hostConnected(): void {
    this.connect();
  }

  hostDisconnected(): void {
    this.disconnect();
  }
}
