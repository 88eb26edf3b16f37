import { html, type PropertyValues } from 'lit';
import { connectorId, connectorKey } from '../../api/connectors.js';
import type { PeliqanError } from '../../api/errors.js';
import type { PeliqanId, Servertype } from '../../api/schemas.js';
import { ConnectorLookup } from '../../flow/catalogue.js';
import { OAuthFlow } from '../../flow/oauth-flow.js';
import { POPUP_NAME, popupFeatures, type SignInWindow } from '../../flow/popup.js';
import { PeliqanElement, define, type ElementState } from '../base.js';
import { ConnectionEvents } from '../connection-events.js';
import { oauthStep } from './views.js';

/**
 * The OAuth step (product spec §4): a "Powered by Peliqan" notice, then a button that opens the
 * provider's sign-in window in the click, creates the connection (or resumes one made server-side
 * with `connection-id` + `oauth-url`), and follows it until it is connected, refused or given up.
 * @tagname peliqan-oauth-button
 * @slot - The button's words (default "Connect <connector>").
 * @fires peliqan-connection-created - `POST /api/servers` succeeded.
 * @fires peliqan-popup-blocked - The browser blocked the sign-in window.
 * @fires peliqan-status - The connection's state changed.
 * @fires peliqan-connected - The connection works (once per connection and page).
 * @fires peliqan-cancel - The customer cancelled, or the window closed without success.
 * @fires peliqan-error - Anything failed.
 * @csspart notice - The "Powered by Peliqan" notice.
 * @csspart button - The button that opens the sign-in window.
 * @csspart status - The progress or success message.
 * @csspart error - The error message.
 */
export class PeliqanOAuthButton extends PeliqanElement {
  static override properties = {
    servertype: {},
    connectionId: { attribute: 'connection-id' },
    oauthUrl: { attribute: 'oauth-url' },
    privateOauth: { attribute: 'private-oauth', type: Boolean },
    statusTimeout: { attribute: 'status-timeout', type: Number },
    prepare: { attribute: false },
  };

  /** The connector: its id or `server_type` slug (attribute), or the definition itself (property). */
  declare servertype?: string | Servertype;
  /** A connection the partner's back end created: sign in to it instead of creating one. */
  declare connectionId?: string;
  /** That connection's `oauth_url`. */
  declare oauthUrl?: string;
  /** Hide the "Powered by Peliqan" notice (for partners with their own OAuth app). */
  declare privateOauth: boolean;
  /** Seconds to wait for a final status once the window is open. Default 120. */
  declare statusTimeout: number;
  /** Called in the click: the other fields to send, or undefined to stop (the enclosing form is invalid). */
  declare prepare?: () => Record<string, unknown> | undefined;

  #connector = new ConnectorLookup(this, {
    client: () => (this.config.ready ? this.client : undefined),
    failed: (error) => this.reportError(error),
    wanted: () => this.servertype ?? this.#derived,
  });
  // Without a definition (the connector unknown, or still being looked up), events name the connector as shown.
  #events = new ConnectionEvents(
    (type, detail) => this.emit(type, detail),
    () => this.#servertype ?? { name: this.#name },
  );
  /** For a connection made server-side without `servertype`: its connector, from Peliqan. */
  #derived?: string;
  #deriving?: AbortController;
  #flow = new OAuthFlow(this, {
    client: () => this.client,
    timeout: () => (this.statusTimeout > 0 ? this.statusTimeout : 120) * 1000,
    open: () => window.open('about:blank', POPUP_NAME, popupFeatures(window)) as SignInWindow | null,
    ...this.#events.flowHooks(),
    connected: (connection, announce) => announce && this.#events.connected(connection),
    failed: (error, connectionId) => (this.#error = this.reportError(error, connectionId)),
    cancelled: (reason, connectionId) => this.#events.cancelled(reason, connectionId),
  });
  #error?: PeliqanError;

  constructor() {
    super();
    this.privateOauth = false;
    this.statusTimeout = 120;
  }

  /** The connector, once known. */
  get #servertype(): Servertype | undefined {
    return this.#connector.servertype;
  }

  get #name(): string {
    return this.#servertype?.name ?? this.t('theProvider');
  }

  /** The connection being signed in to, once there is one. */
  get activeConnectionId(): PeliqanId | undefined {
    return this.#flow.connectionId;
  }

  /** Gives up on the sign-in under way, if any (`peliqan-cancel`). */
  cancel(): void {
    this.#flow.cancel();
  }

  /** Moves focus to the button that opens the sign-in window (or the step's first action). */
  override focus(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('servertype') || changed.has('connectionId') || changed.has('oauthUrl')) {
      this.#flow.reset();
      this.#deriving?.abort();
      this.#deriving = this.#derived = undefined;
    }
    if (this.connectionId && this.servertype === undefined && !this.#deriving && this.config.ready) this.#derive();
    this.setState(this.#elementState());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (!this.#derived) {
      this.#deriving?.abort();
      this.#deriving = undefined;
    }
  }

  /** Learns the connector of a connection made server-side, for its name and the events. */
  #derive(): void {
    const abort = (this.#deriving = new AbortController());
    this.client.connection(this.connectionId as PeliqanId, { signal: abort.signal }).then(
      (connection) => {
        const id = connectorKey(connection);
        if (!abort.signal.aborted && id !== undefined) this.#derived = String(id);
        this.requestUpdate();
      },
      // The button works without the name ("Connect"): nothing to show.
      () => undefined,
    );
  }

  #elementState(): ElementState {
    if (this.resolved.problem) return 'error';
    const lookup = this.#connector.status;
    if (typeof this.servertype === 'string' && lookup !== 'ready') return lookup === 'loading' ? 'loading' : 'error';
    if (this.servertype === undefined && !(this.connectionId && this.oauthUrl)) return 'loading';
    const phase = this.#flow.phase;
    if (phase === 'idle') return 'ready';
    return phase === 'opening' ? 'submitting' : phase;
  }

  /** The click: opens the window first, then everything else. */
  #start(): void {
    this.#error = undefined;
    if (this.connectionId && this.oauthUrl) return this.#flow.resume(this.connectionId as PeliqanId, this.oauthUrl);
    const servertype = this.#servertype;
    const fields = this.prepare ? this.prepare() : {};
    if (!servertype || !fields) return;
    this.#flow.start({ ...fields, servertype_id: connectorId(servertype) });
  }

  #tryAgain(): void {
    this.#error = undefined;
    if (this.#flow.phase === 'cancelled' && this.#flow.oauthUrl) return this.#flow.reopen();
    this.#start();
  }

  override render() {
    const blocked = this.configProblemView();
    if (blocked) return blocked;
    const waiting = typeof this.servertype === 'string' && this.connectorView(this.#connector, this.servertype);
    if (waiting) return waiting;
    const error = this.#error;
    return html`<div class="root oauth" part="container">
      ${oauthStep({
        flow: this.#flow,
        t: (key, params) => this.t(key, params),
        name: this.#name,
        known: Boolean(this.#servertype),
        privateOauth: this.privateOauth,
        errorText: error && this.errorText(error),
        start: () => this.#start(),
        tryAgain: () => this.#tryAgain(),
      })}
    </div>`;
  }
}

define('peliqan-oauth-button', PeliqanOAuthButton);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-oauth-button': PeliqanOAuthButton;
  }
}
