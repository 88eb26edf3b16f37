import { html, nothing, type PropertyValues } from 'lit';
import type { PeliqanError } from '../../api/errors.js';
import type { PeliqanId, Servertype } from '../../api/schemas.js';
import { ConnectorLookup } from '../../flow/catalogue.js';
import { ConnectFlow } from '../../flow/connect-flow.js';
import { FormModel } from '../../flow/form-model.js';
import type { MessageKey } from '../../i18n/messages.js';
import { PeliqanElement, define, type ElementState } from '../base.js';
import { ConnectionEvents } from '../connection-events.js';
import type { PeliqanOAuthButton } from '../oauth-button/oauth-button.js';
import { styles } from '../styles.js';
import { formStyles } from './connect-form.styles.js';
import { fieldId, renderFields } from './fields.js';
import { OAuthStep } from './oauth-step.js';
import { credentialActions, formHeader, oauthStep, successView, trustLine } from './views.js';

/**
 * A connector's connect form, rendered from its definition: labelled fields, defaults, help texts,
 * required and number checks, and masked secrets. Submits once, then follows the connection test to
 * the end; a failure keeps every typed value. For an OAuth connector (or when Peliqan's answer
 * carries an `oauth_url`) the OAuth step of an inner `<peliqan-oauth-button>` takes over.
 * @tagname peliqan-connect-form
 * @fires peliqan-connection-created - `POST /api/servers` succeeded.
 * @fires peliqan-status - The connection's state changed.
 * @fires peliqan-connected - The connection works (once per connection and page).
 * @fires peliqan-done - The customer closed the success screen with "Done".
 * @fires peliqan-cancel - The customer gave up while the connection was being tested (`cancel()`).
 * @fires peliqan-popup-blocked - The browser blocked the OAuth sign-in window.
 * @fires peliqan-error - Anything failed; the form stays usable with every value kept.
 * @csspart field - One field with its label, help and error.
 * @csspart input - An input, select or text area.
 * @csspart button - The submit button.
 * @csspart status - The progress or success message.
 * @csspart error - The error message.
 * @csspart notice - The "Powered by Peliqan" notice of the OAuth step.
 */
export class PeliqanConnectForm extends PeliqanElement {
  static override styles = [styles, formStyles];
  static override properties = {
    servertype: {},
    statusTimeout: { attribute: 'status-timeout', type: Number },
    privateOauth: { attribute: 'private-oauth', type: Boolean },
    hideTrustNotice: { attribute: 'hide-trust-notice', type: Boolean },
  };

  /** The connector: its id or `server_type` slug (attribute), or the definition itself (property). */
  declare servertype?: string | Servertype;
  /** Seconds to wait for a final status. Default 120. */
  declare statusTimeout: number;
  /** Hide the "Powered by Peliqan" notice (for partners with their own OAuth app). */
  declare privateOauth: boolean;
  /** Hide the line saying where typed credentials go (for partners who must say it their own way). */
  declare hideTrustNotice: boolean;

  #definition?: Servertype;
  #oauth = new OAuthStep(this, () => this.renderRoot.querySelector('peliqan-oauth-button'));
  #error?: PeliqanError;
  #model = new FormModel(this);
  #connector = new ConnectorLookup(this, {
    client: () => (this.config.ready ? this.client : undefined),
    failed: (error) => this.reportError(error),
    wanted: () => this.servertype,
  });
  #events = new ConnectionEvents(
    (type, detail) => this.emit(type, detail),
    () => this.#definition!,
    () => this.#model.redaction().event,
  );
  #flow = new ConnectFlow(this, {
    ...this.#events.flowHooks(),
    client: () => this.client,
    timeout: () => (this.statusTimeout > 0 ? this.statusTimeout : 120) * 1000,
    connected: (connection, announce) => {
      if (announce) this.#events.connected(connection);
      void this.updateComplete.then(() => this.focus());
    },
    failed: (error, connectionId) => this.#failed(error, connectionId),
    oauth: (created) => this.#oauth.take(created),
    cancelled: (connectionId) => this.#events.cancelled('user', connectionId),
  });

  constructor() {
    super();
    this.statusTimeout = 120;
    this.privateOauth = false;
    this.hideTrustNotice = false;
  }

  /** Clears the form and any finished connection, ready for another one. */
  reset(): void {
    this.#flow.reset();
    this.#oauth.reset();
    this.#definition = this.#error = undefined;
    this.requestUpdate();
  }

  /** Gives up on the connection being tested or signed in to, if any (`peliqan-cancel`); values stay. */
  cancel(): void {
    this.#flow.cancel();
    this.#oauth.cancel();
  }

  /** Moves focus to the step's heading (the connector's name), from where Tab reaches the first field. */
  override focus(): void {
    this.renderRoot.querySelector('h2')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('servertype')) {
      this.reset();
      this.#connector.catalogue.load();
    }
    const found = this.#definition ? undefined : this.#connector.servertype;
    if (found) {
      this.#definition = found;
      this.#model.adopt(found);
    }
    this.setState(this.#elementState());
  }

  #elementState(): ElementState {
    if (this.resolved.problem) return 'error';
    if (!this.#definition) return this.#connector.status === 'loading' ? 'loading' : 'error';
    if (this.#oauth.active(this.#definition) && this.#oauth.state) return this.#oauth.state;
    const phase = this.#flow.phase;
    return phase === 'idle' ? 'ready' : phase;
  }

  #failed(error: unknown, connectionId?: PeliqanId): PeliqanError | undefined {
    const failed = this.reportError(error, connectionId, this.#model.redaction().event);
    if (!failed) return undefined;
    this.#error = failed;
    this.#model.showFailure(failed, this.t('fixFields'), (reason) => this.errorText(failed, reason));
    this.#focusProblem();
    return failed;
  }

  /** Moves focus to the first bad field, else to the form's message. */
  #focusProblem(): void {
    const first = this.#model.firstInvalid;
    const index = first ? this.#model.fields.indexOf(first) : -1;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(index < 0 ? '[role="alert"]' : `#${fieldId(index)}`)?.focus(),
    );
  }

  /** The form's values when they pass the checks (else the problems are shown and focused). */
  #validValues(): Record<string, unknown> | undefined {
    this.#error = undefined;
    if (this.#model.validate((key, params) => this.t(key, params))) return this.#model.body();
    this.#focusProblem();
    return undefined;
  }

  #submit(event: Event): void {
    event.preventDefault();
    const servertype = this.#definition;
    if (!servertype || this.#flow.busy || this.#oauth.active(servertype)) return;
    const values = this.#validValues();
    if (values) this.#flow.submit(servertype, values);
  }

  #followOAuth(event: Event): void {
    this.#oauth.follow(event.target as PeliqanOAuthButton);
    if (this.#oauth.state === 'connected') void this.updateComplete.then(() => this.focus());
  }

  override render() {
    const blocked = this.configProblemView();
    if (blocked) return blocked;
    const servertype = this.#definition;
    if (!servertype) return this.#missingView();
    const baseUrl = this.resolved.baseUrl;
    if (this.state === 'connected') {
      const t = (key: MessageKey, params?: Record<string, string | number>) => this.t(key, params);
      return successView({ servertype, baseUrl, t, done: () => this.#done(), another: () => this.#another() });
    }
    const helptext = servertype.settings?.connect_form?.helptext?.trim();
    const locked = this.#flow.busy || this.#oauth.busy;
    return html`<form class="root" part="container" novalidate @submit=${this.#submit}>
      ${formHeader(servertype, baseUrl, this.t('connectTo', { name: servertype.name }))}
      ${helptext ? html`<p class="help">${helptext}</p>` : nothing}
      ${renderFields(this.#model, locked, (label) => this.t('show', { label }))}
      ${this.#oauth.active(servertype) ? this.#oauthView(servertype) : this.#credentialView(servertype)}
    </form>`;
  }

  /** "Done": the partner's page decides what comes next (close a dialog, go back). */
  #done(): void {
    const connectionId = this.#flow.connectionId ?? this.#oauth.connectionId;
    if (connectionId !== undefined) this.emit('peliqan-done', { connectionId, servertype: this.#definition! });
  }

  /**
   * "Connect another": an enclosing `<peliqan-connect>` goes back to its picker (it cancels the
   * private event); on its own the form starts again, empty, for the same connector.
   */
  #another(): void {
    const goOn = this.dispatchEvent(new Event('peliqan-another', { bubbles: true, cancelable: true }));
    if (!goOn) return;
    const servertype = this.servertype;
    this.reset();
    this.servertype = typeof servertype === 'object' ? { ...servertype } : servertype;
  }

  #missingView() {
    return this.connectorView(this.#connector, String(this.servertype)) ?? html`<div class="root"></div>`;
  }

  #credentialView(servertype: Servertype) {
    const flow = this.#flow;
    const trust = this.hideTrustNotice ? nothing : trustLine(this.t('trustNotice', { name: servertype.name }));
    const unreachable = flow.phase === 'failed' && this.#error?.code === 'network' && flow.connectionId !== undefined;
    return html`${trust}${credentialActions({
      formError: this.#model.formError,
      checkAgain: unreachable ? { label: this.t('checkAgain'), run: () => this.#checkAgain() } : undefined,
      busy: flow.busy,
      progress: this.t(flow.phase === 'waiting' ? 'testing' : 'creating'),
      connectLabel: this.t('connect'),
    })}`;
  }

  #checkAgain(): void {
    this.#error = undefined;
    this.#model.clearErrors();
    this.#flow.resume();
  }

  #oauthView(servertype: Servertype) {
    return oauthStep({
      servertype,
      formError: this.#model.formError,
      handoff: this.#oauth.handoff,
      continueLabel: this.t('continueTo', { name: servertype.name }),
      prepare: () => this.#validValues(),
      statusTimeout: this.statusTimeout,
      privateOauth: this.privateOauth,
      stateChanged: (event) => this.#followOAuth(event),
    });
  }
}

define('peliqan-connect-form', PeliqanConnectForm);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connect-form': PeliqanConnectForm;
  }
}
