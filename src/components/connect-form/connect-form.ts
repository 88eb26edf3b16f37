import { html, nothing, type PropertyValues } from 'lit';
import { connectorMatches } from '../../api/connectors.js';
import type { PeliqanError } from '../../api/errors.js';
import { redactConnection } from '../../api/redact.js';
import type { Connection, PeliqanId, Servertype } from '../../api/schemas.js';
import { CatalogueController } from '../../flow/catalogue.js';
import { ConnectFlow } from '../../flow/connect-flow.js';
import { FormModel } from '../../flow/form-model.js';
import { PeliqanElement, define, type ElementState } from '../base.js';
import { busy, connectorIcon, failure, spinner } from '../shared.js';
import { fieldId, renderField } from './fields.js';

/**
 * A connector's connect form, rendered from its definition: labelled fields, defaults, help texts,
 * required and number checks, and masked secrets. Submits once, then follows the connection test to
 * the end; a failure keeps every typed value.
 * @tagname peliqan-connect-form
 * @fires peliqan-connection-created - `POST /api/servers` succeeded.
 * @fires peliqan-status - The connection's state changed.
 * @fires peliqan-connected - The connection works (once per connection and page).
 * @fires peliqan-cancel - The customer gave up while the connection was being tested (`cancel()`).
 * @fires peliqan-error - Anything failed; the form stays usable with every value kept.
 * @csspart field - One field with its label, help and error.
 * @csspart input - An input, select or text area.
 * @csspart button - The submit button.
 * @csspart status - The progress or success message.
 * @csspart error - The error message.
 */
export class PeliqanConnectForm extends PeliqanElement {
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
  #error?: PeliqanError;
  #formError?: string;
  #revealed = new Set<string>();
  #model = new FormModel(this);
  #catalogue = new CatalogueController(this, {
    client: () => (this.config.ready ? this.client : undefined),
    failed: (error) => this.reportError(error),
    needed: () => typeof this.servertype === 'string',
  });
  #flow = new ConnectFlow(this, {
    client: () => this.client,
    timeout: () => (this.statusTimeout > 0 ? this.statusTimeout : 120) * 1000,
    created: (created) =>
      this.emit('peliqan-connection-created', {
        connectionId: created.id,
        servertype: this.#definition!,
        oauth: Boolean(created.oauth_url),
      }),
    status: (state, connection) =>
      this.emit('peliqan-status', { connectionId: connection.id, state, connection: this.#forEvent(connection) }),
    connected: (connection, announce) => {
      if (announce) {
        const detail = { connectionId: connection.id, connection: this.#forEvent(connection) };
        this.emit('peliqan-connected', { ...detail, servertype: this.#definition! });
      }
      void this.updateComplete.then(() => this.focus());
    },
    failed: (error, connectionId) => this.#failed(error, connectionId),
    cancelled: (connectionId) =>
      this.emit('peliqan-cancel', { connectionId, servertype: this.#definition!, reason: 'user' }),
  });

  constructor() {
    super();
    this.statusTimeout = 120;
    this.privateOauth = false;
  }

  /** Clears the form and any finished connection, ready for another one. */
  reset(): void {
    this.#flow.reset();
    this.#revealed.clear();
    this.#definition = undefined;
    this.#error = this.#formError = undefined;
    this.requestUpdate();
  }

  /**
   * Gives up on the connection being tested, if any (`peliqan-cancel` with its id), and leaves the
   * form as it was, values kept.
   */
  cancel(): void {
    this.#flow.cancel();
  }

  /** Moves focus to the step's heading (the connector's name), from where Tab reaches the first field. */
  override focus(): void {
    this.renderRoot.querySelector('h2')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('servertype')) {
      this.reset();
      this.#catalogue.load();
    }
    if (!this.#definition) {
      const wanted = this.servertype;
      const found =
        typeof wanted === 'object'
          ? wanted
          : this.#catalogue.servertypes.find((each) => wanted !== undefined && connectorMatches(each, wanted));
      if (found) {
        this.#definition = found;
        this.#model.adopt(found);
      }
    }
    this.setState(this.#elementState());
  }

  #elementState(): ElementState {
    if (this.resolved.problem) return 'error';
    if (!this.#definition) {
      if (this.servertype === undefined || this.#catalogue.status === 'loading') return 'loading';
      return 'error';
    }
    const phase = this.#flow.phase;
    return phase === 'idle' ? 'ready' : phase;
  }

  /** A connection as events may carry it: its messages redacted of what was typed (product spec §5). */
  #forEvent(connection: Connection): Connection {
    return redactConnection(connection, this.#model.redaction().event);
  }

  #failed(error: unknown, connectionId?: PeliqanId): PeliqanError | undefined {
    const redaction = this.#model.redaction();
    const failed = this.reportError(error, connectionId, redaction.event);
    if (!failed) return undefined;
    this.#error = failed;
    const named = this.#model.showServerErrors(failed);
    const text = redaction.screen(failed.message);
    this.#showErrors(named ? this.t('fixFields') : this.#failureText(failed, text));
    return failed;
  }

  #failureText(failed: PeliqanError, reason: string): string {
    if (failed.code === 'connection-failed') return this.t('failed', { reason });
    return this.t(failed.code, { reason });
  }

  /** Shows the form's error and moves focus to the first bad field, else to the error. */
  #showErrors(formError: string): void {
    this.#formError = formError;
    this.requestUpdate();
    const first = this.#model.firstInvalid;
    const index = first ? this.#model.fields.indexOf(first) : -1;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(index < 0 ? '[role="alert"]' : `#${fieldId(index)}`)?.focus(),
    );
  }

  #submit(event: Event): void {
    event.preventDefault();
    const servertype = this.#definition;
    if (!servertype || this.#flow.busy) return;
    this.#error = undefined;
    if (!this.#model.validate((key, params) => this.t(key, params))) return this.#showErrors(this.t('fixFields'));
    this.#formError = undefined;
    this.#flow.submit(servertype, this.#model.body());
  }

  #checkAgain(): void {
    this.#error = this.#formError = undefined;
    this.#flow.resume();
  }

  override render() {
    const blocked = this.configProblemView();
    if (blocked) return blocked;
    const servertype = this.#definition;
    if (!servertype) {
      if (this.#catalogue.status === 'error') {
        const retry = { label: this.t('retry'), run: () => this.#catalogue.load() };
        return html`<div class="root">${failure(this.#catalogue.error && this.errorText(this.#catalogue.error), retry)}</div>`;
      }
      if (this.servertype === undefined || this.#catalogue.status === 'loading') {
        return html`<div class="root">${busy(this.t('loadingConnectors'))}</div>`;
      }
      const name = String(this.servertype ?? '');
      return html`<div class="root">${failure(this.t('unknownConnector', { name }))}</div>`;
    }
    const header = (text: string) =>
      html`<div class="head">${connectorIcon(servertype, this.resolved.baseUrl)}<h2 tabindex="-1">${text}</h2></div>`;
    const flow = this.#flow;
    if (flow.phase === 'connected') {
      return html`<div class="root ok" role="status" part="status">
        ${header(`✓ ${this.t('connected', { name: servertype.name })}`)}
      </div>`;
    }
    const helptext = servertype.settings?.connect_form?.helptext?.trim();
    const unreachable = flow.phase === 'failed' && this.#error?.code === 'network' && flow.connectionId !== undefined;
    const checkAgain = unreachable ? { label: this.t('checkAgain'), run: () => this.#checkAgain() } : undefined;
    return html`<form class="root" novalidate @submit=${this.#submit}>
      ${header(this.t('connectTo', { name: servertype.name }))}
      ${helptext ? html`<p class="help">${helptext}</p>` : nothing}
      ${this.#model.fields.map((field, index) =>
        renderField(field, {
          index,
          value: this.#model.values[field.key],
          error: this.#model.errors[field.key],
          revealed: this.#revealed.has(field.key),
          locked: flow.busy,
          revealLabel: this.t('show', { label: field.label }),
          change: (value) => this.#model.set(field.key, value),
          toggleReveal: () => this.#toggleReveal(field.key),
        }),
      )}
      ${failure(this.#formError, checkAgain)}
      <div class="row">
        <button type="submit" class="primary" part="button" aria-disabled=${flow.busy ? 'true' : 'false'}>
          ${this.t('connect')}
        </button>
        <span role="status" part="status">${flow.busy ? html`${spinner()} ${this.#progressText()}` : nothing}</span>
      </div>
    </form>`;
  }

  #progressText(): string {
    return this.t(this.#flow.phase === 'waiting' ? 'testing' : 'creating');
  }

  #toggleReveal(key: string): void {
    if (!this.#revealed.delete(key)) this.#revealed.add(key);
    this.requestUpdate();
  }
}

define('peliqan-connect-form', PeliqanConnectForm);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connect-form': PeliqanConnectForm;
  }
}
