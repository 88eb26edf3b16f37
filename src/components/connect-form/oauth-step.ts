import type { ReactiveControllerHost } from 'lit';
import { isOAuthConnector } from '../../api/connectors.js';
import type { CreatedConnection, PeliqanId, Servertype } from '../../api/schemas.js';
import type { ElementState } from '../base.js';
import type { PeliqanOAuthButton } from '../oauth-button/oauth-button.js';
import '../oauth-button/oauth-button.js';

/**
 * The connect form's OAuth step: whether it runs (the connector looks like OAuth, or Peliqan's
 * answer to a credential form carried an `oauth_url` — the answer decides), and what the inner
 * `<peliqan-oauth-button>` is doing, for the form to follow.
 */
export class OAuthStep {
  /** A connection Peliqan answered with an `oauth_url` although the form looked like a credential one. */
  handoff?: CreatedConnection;
  /** The inner step's state, once it has one. */
  state?: ElementState;
  /** The connection the inner step signs in to, once there is one. */
  connectionId?: PeliqanId;
  #host: ReactiveControllerHost;
  #button: () => PeliqanOAuthButton | null;

  constructor(host: ReactiveControllerHost, button: () => PeliqanOAuthButton | null) {
    this.#host = host;
    this.#button = button;
  }

  /** Whether the OAuth step runs this connector. */
  active(servertype: Servertype | undefined): boolean {
    return Boolean(this.handoff || (servertype && isOAuthConnector(servertype)));
  }

  /** True while the customer signs in (the form's fields stay as they are meanwhile). */
  get busy(): boolean {
    return this.handoff !== undefined || this.state === 'submitting' || this.state === 'waiting';
  }

  /** Peliqan answered the credential form with an `oauth_url`: the step takes that connection over. */
  take(created: CreatedConnection): void {
    this.handoff = created;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#button()?.focus());
  }

  /** The inner step's state changed. */
  follow(button: PeliqanOAuthButton): void {
    this.state = button.state;
    this.connectionId = button.activeConnectionId;
    this.#host.requestUpdate();
  }

  /** Gives up on the sign-in under way, if any. */
  cancel(): void {
    this.#button()?.cancel();
  }

  reset(): void {
    this.handoff = this.state = this.connectionId = undefined;
  }
}
