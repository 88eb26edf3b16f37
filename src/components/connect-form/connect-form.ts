import { html, nothing, type PropertyValues } from 'lit';
import { isOAuthConnector } from '../../api/connectors.js';
import type { PeliqanError } from '../../api/errors.js';
import type { CreatedConnection, PeliqanId, Servertype } from '../../api/schemas.js';
import { ConnectorLookup } from '../../flow/catalogue.js';
import { ConnectFlow } from '../../flow/connect-flow.js';
import { FormModel } from '../../flow/form-model.js';
import { PeliqanElement, define, type ElementState } from '../base.js';
import { ConnectionEvents } from '../connection-events.js';
import '../oauth-button/oauth-button.js';
import { failure } from '../shared.js';
import { styles } from '../styles.js';
import { formStyles } from './connect-form.styles.js';
import { fieldId, renderField } from './fields.js';
import { credentialActions, formHeader, oauthStep, successView } from './views.js';

/**
 * A connector's connect form, rendered from its definition: labelled fields, defaults, help texts,
 * required and number checks, and masked secrets. Submits once, then follows the connection test to
 * the end; a failure keeps every typed value. For an OAuth connector (or when Peliqan's answer
 * carries an `oauth_url`) the OAuth step of an inner `<peliqan-oauth-button>` takes over.
 * @tagname peliqan-connect-form
 * @fires peliqan-connection-created - `POST /api/servers` succeeded.
 * @fires peliqan-status - The connection's state changed.
 * @fires peliqan-connected - The connection works (once per connection and page).
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
  };

  /** The connector: its id or `server_type` slug (attribute), or the definition itself (property). */
  declare servertype?: string | Servertype;
  /** Seconds to wait for a final status. Default 120. */
  declare statusTimeout: number;
  /** Hide the "Powered by Peliqan" notice (for partners with their own OAuth app). */
  declare privateOauth: boolean;

  #definition?: Servertype;
  /** Peliqan answered a credential form with an `oauth_url`: the OAuth step takes over that connection. */
  #handoff?: CreatedConnection;
  /** The inner OAuth step's state, while there is one. */
  #oauthState?: ElementState;
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
    client: () => this.client,
    timeout: () => (this.statusTimeout > 0 ? this.statusTimeout : 120) * 1000,
    created: (created) => this.#events.created(created),
    status: (state, connection) => this.#events.status(state, connection),
    connected: (connection, announce) => {
      if (announce) this.#events.connected(connection);
      void this.updateComplete.then(() => this.focus());
    },
    failed: (error, connectionId) => this.#failed(error, connectionId),
    oauth: (created) => {
      this.#handoff = created;
      this.requestUpdate();
      void this.updateComplete.then(() => this.renderRoot.querySelector('peliqan-oauth-button')?.focus());
    },
    cancelled: (connectionId) => this.#events.cancelled('user', connectionId),
  });

  constructor() {
    super();
    this.statusTimeout = 120;
    this.privateOauth = false;
  }

  /** Clears the form and any finished connection, ready for another one. */
  reset(): void {
    this.#flow.reset();
    this.#definition = this.#handoff = this.#oauthState = this.#error = undefined;
    this.requestUpdate();
  }

  /** Gives up on the connection being tested or signed in to, if any (`peliqan-cancel`); values stay. */
  cancel(): void {
    this.#flow.cancel();
    this.renderRoot.querySelector('peliqan-oauth-button')?.cancel();
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
    if (this.#oauthStep && this.#oauthState) return this.#oauthState;
    const phase = this.#flow.phase;
    return phase === 'idle' ? 'ready' : phase;
  }

  /** Whether the OAuth step runs this connector: by its definition, or because Peliqan said so. */
  get #oauthStep(): boolean {
    return Boolean(this.#handoff || (this.#definition && isOAuthConnector(this.#definition)));
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
    if (!servertype || this.#flow.busy || this.#oauthStep) return;
    const values = this.#validValues();
    if (values) this.#flow.submit(servertype, values);
  }

  #followOAuth(event: Event): void {
    this.#oauthState = (event.target as PeliqanElement).state;
    this.requestUpdate();
    if (this.#oauthState === 'connected') void this.updateComplete.then(() => this.focus());
  }

  override render() {
    const blocked = this.configProblemView();
    if (blocked) return blocked;
    const servertype = this.#definition;
    if (!servertype) return this.#missingView();
    const header = (text: string) => formHeader(servertype, this.resolved.baseUrl, text);
    if (this.state === 'connected') return successView(header(`✓ ${this.t('connected', { name: servertype.name })}`));
    const helptext = servertype.settings?.connect_form?.helptext?.trim();
    const model = this.#model;
    const locked = this.#flow.busy || this.#handoff !== undefined || ['submitting', 'waiting'].includes(this.state);
    return html`<form class="root" novalidate @submit=${this.#submit}>
      ${header(this.t('connectTo', { name: servertype.name }))}
      ${helptext ? html`<p class="help">${helptext}</p>` : nothing}
      ${model.fields.map((field, index) =>
        renderField(field, {
          index,
          value: model.values[field.key],
          error: model.errors[field.key],
          revealed: model.revealed.has(field.key),
          locked,
          revealLabel: this.t('show', { label: field.label }),
          change: (value) => model.set(field.key, value),
          toggleReveal: () => model.toggleReveal(field.key),
        }),
      )}
      ${this.#oauthStep ? this.#oauthView(servertype) : this.#credentialView()}
    </form>`;
  }

  #missingView() {
    if (this.#connector.status === 'missing') {
      return html`<div class="root">${failure(this.t('unknownConnector', { name: String(this.servertype) }))}</div>`;
    }
    return this.catalogueView(this.#connector.catalogue) ?? html`<div class="root"></div>`;
  }

  #credentialView() {
    const flow = this.#flow;
    const unreachable = flow.phase === 'failed' && this.#error?.code === 'network' && flow.connectionId !== undefined;
    return credentialActions({
      formError: this.#model.formError,
      checkAgain: unreachable ? { label: this.t('checkAgain'), run: () => this.#checkAgain() } : undefined,
      busy: flow.busy,
      progress: this.t(flow.phase === 'waiting' ? 'testing' : 'creating'),
      connectLabel: this.t('connect'),
    });
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
      handoff: this.#handoff,
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
