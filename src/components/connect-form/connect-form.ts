import { html, nothing, type PropertyValues } from 'lit';
import { connectorMatches, formFields, type FormField } from '../../api/connectors.js';
import { DEFAULT_BASE_URL } from '../../api/client.js';
import { isPeliqanError, type PeliqanError } from '../../api/errors.js';
import type { PeliqanId, Servertype } from '../../api/schemas.js';
import { CatalogueController } from '../../flow/catalogue.js';
import { ConnectFlow } from '../../flow/connect-flow.js';
import { PeliqanElement, define, type ElementState } from '../base.js';
import { connectorIcon, failure, spinner } from '../shared.js';

type Value = string | boolean;

const eye = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2">
  <path d="M1 12s4-7 11-7 11 7 11 7-4 7-11 7S1 12 1 12z" /><circle cx="12" cy="12" r="3" />
</svg>`;

/**
 * A connector's connect form, rendered from its definition: labelled fields, defaults, help texts,
 * required checks and masked secrets. Submits once, then follows the connection test to the end.
 * @tagname peliqan-connect-form
 * @fires peliqan-connection-created - `POST /api/servers` succeeded.
 * @fires peliqan-status - The connection's state changed.
 * @fires peliqan-connected - The connection works (once per connection).
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
    _values: { state: true },
    _errors: { state: true },
  };

  /** The connector: its id or `server_type` slug (attribute), or the definition itself (property). */
  declare servertype?: string | Servertype;
  /** Seconds to wait for a final status. Default 120. */
  declare statusTimeout: number;
  /** Hide the "Powered by Peliqan" notice (for partners with their own OAuth app). */
  declare privateOauth: boolean;
  declare _values: Record<string, Value>;
  declare _errors: Record<string, string>;
  #formError?: string;
  #revealed = new Set<string>();
  #definition?: Servertype;
  #catalogue = new CatalogueController(
    this,
    (error) => this.reportError(error),
    () => typeof this.servertype === 'string',
  );
  #flow = new ConnectFlow(this, {
    client: () => this.client,
    timeout: () => (this.statusTimeout > 0 ? this.statusTimeout : 120) * 1000,
    created: (created) =>
      this.emit('peliqan-connection-created', {
        connectionId: created.id,
        servertype: this.#definition!,
        oauth: !!created.oauth_url,
      }),
    status: (state, connection) => this.emit('peliqan-status', { connectionId: connection.id, state, connection }),
    connected: (connection) => {
      this.emit('peliqan-connected', { connectionId: connection.id, connection, servertype: this.#definition! });
      void this.updateComplete.then(() => this.focus());
    },
    failed: (error, connectionId) => this.#failed(error, connectionId),
  });

  constructor() {
    super();
    this.statusTimeout = 120;
    this.privateOauth = false;
    this._values = {};
    this._errors = {};
  }

  /** Clears the form and any finished connection, ready for another one. */
  reset(): void {
    this.#flow.reset();
    this.#revealed.clear();
    this.#definition = undefined;
    this._errors = {};
    this.#formError = undefined;
    this.requestUpdate();
  }

  /** Moves focus to the step's heading (the connector's name), from where Tab reaches the first field. */
  override focus(): void {
    this.renderRoot.querySelector('h2')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('servertype')) {
      this.reset();
      this.#catalogue.load();
    }
    if (!this.#definition) {
      const wanted = this.servertype;
      const found =
        typeof wanted === 'object'
          ? wanted
          : this.#catalogue.servertypes.find(
              (servertype) => wanted !== undefined && connectorMatches(servertype, wanted),
            );
      if (found) this.#adopt(found);
    }
    this.setState(this.#elementState());
  }

  #adopt(servertype: Servertype): void {
    this.#definition = servertype;
    this._values = Object.fromEntries(
      formFields(servertype).map((field) => [
        field.key,
        field.defaultValue ?? (field.kind === 'checkbox' ? false : ''),
      ]),
    );
  }

  #elementState(): ElementState {
    if (!this.#definition) {
      if (this.servertype === undefined || this.#catalogue.status === 'loading') return 'loading';
      return 'error';
    }
    const phase = this.#flow.phase;
    return phase === 'idle' ? 'ready' : phase;
  }

  #failed(error: unknown, connectionId?: PeliqanId): PeliqanError | undefined {
    // Peliqan's messages may quote what was typed (Django does): never pass a typed value on.
    const redact = (text: string) =>
      Object.values(this._values).reduce<string>(
        (out, value) => (typeof value === 'string' && value.length > 2 ? out.split(value).join('•••') : out),
        text,
      );
    if (isPeliqanError(error)) error.message = redact(error.message);
    const failure = this.reportError(error, connectionId);
    if (!failure) return undefined;
    const detail =
      failure.code === 'http' && failure.detail && typeof failure.detail === 'object' ? failure.detail : {};
    const errors: Record<string, string> = {};
    for (const { key } of formFields(this.#definition!)) {
      if (Object.hasOwn(detail, key)) errors[key] = redact([(detail as Record<string, unknown>)[key]].flat().join(' '));
    }
    this.#showErrors(
      errors,
      failure.code === 'connection-failed' ? this.t('failed', { reason: failure.message }) : this.errorText(failure),
    );
    return failure;
  }

  /** Shows field errors (focusing the first) or else the form's error (focusing it). */
  #showErrors(errors: Record<string, string>, formError: string): void {
    this._errors = errors;
    const fields = formFields(this.#definition!);
    const first = fields.findIndex((field) => errors[field.key]);
    this.#formError = first < 0 ? formError : this.t('fixFields');
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(first < 0 ? '[role="alert"]' : `#f${first}`)?.focus(),
    );
  }

  #submit(event: Event): void {
    event.preventDefault();
    const servertype = this.#definition;
    if (!servertype || this.#flow.busy) return;
    const errors: Record<string, string> = {};
    const body: Record<string, Value> = {};
    for (const field of formFields(servertype)) {
      const value = this._values[field.key];
      if (value !== '' && value !== undefined) body[field.key] = value;
      if (
        field.required &&
        (value === '' || value === undefined || (field.kind !== 'checkbox' && !String(value).trim()))
      ) {
        errors[field.key] = this.t('fieldRequired', { label: field.label });
      }
    }
    if (Object.keys(errors).length) return this.#showErrors(errors, '');
    this._errors = {};
    this.#formError = undefined;
    this.#flow.submit(servertype, body);
  }

  #set(key: string, value: Value): void {
    this._values = { ...this._values, [key]: value };
    if (this._errors[key]) this._errors = { ...this._errors, [key]: '' };
  }

  #field(field: FormField, index: number) {
    const { key, kind, label, required, helptext } = field;
    // Ids by position: Peliqan's keys may hold characters that ids and selectors cannot.
    const id = `f${index}`;
    const value = this._values[key];
    const error = this._errors[key];
    const described = [helptext ? `${id}-h` : '', error ? `${id}-e` : ''].join(' ').trim() || nothing;
    const shown = this.#revealed.has(key);
    const onInput = (event: Event) => {
      const target = event.target as HTMLInputElement;
      this.#set(key, kind === 'checkbox' ? target.checked : target.value);
    };
    const control =
      kind === 'select'
        ? html`<select id=${id} part="input" ?required=${required} aria-invalid=${!!error} aria-describedby=${described} @change=${onInput}>
            ${required && value ? nothing : html`<option value=""></option>`}
            ${field.options.map((option) => html`<option .value=${option.value} ?selected=${option.value === value}>${option.label}</option>`)}
          </select>`
        : kind === 'textarea'
          ? html`<textarea id=${id} part="input" ?required=${required} aria-invalid=${!!error} aria-describedby=${described} .value=${String(value)} @input=${onInput}></textarea>`
          : html`<input
              id=${id}
              part="input"
              type=${kind === 'checkbox' ? 'checkbox' : kind === 'secret' && !shown ? 'password' : 'text'}
              inputmode=${kind === 'number' ? 'numeric' : nothing}
              autocomplete=${kind === 'secret' ? 'off' : nothing}
              ?required=${required}
              aria-invalid=${!!error}
              aria-describedby=${described}
              .value=${kind === 'checkbox' ? 'on' : String(value)}
              .checked=${value === true}
              @input=${onInput}
            />${
              kind === 'secret'
                ? html`<button
                  type="button"
                  aria-pressed=${shown}
                  aria-label=${this.t('show', { label })}
                  @click=${() => {
                    if (!this.#revealed.delete(key)) this.#revealed.add(key);
                    this.requestUpdate();
                  }}
                >
                  ${eye}
                </button>`
                : nothing
            }`;
    return html`<div part="field" class=${kind}>
      <label for=${id}>${label}${required ? html`<span aria-hidden="true"> *</span>` : nothing}</label>${control}
      ${helptext ? html`<p class="help" id=${`${id}-h`}>${helptext}</p>` : nothing}${error ? html`<p class="error" id=${`${id}-e`}>${error}</p>` : nothing}
    </div>`;
  }

  override render() {
    const servertype = this.#definition;
    if (!servertype) {
      return (
        this.catalogueView(this.#catalogue) ??
        html`<div class="root">${failure(this.t('unknownConnector', { name: String(this.servertype ?? '') }), undefined, '')}</div>`
      );
    }
    const baseUrl = this.resolvedConfig().baseUrl || DEFAULT_BASE_URL;
    const header = (text: string) =>
      html`<div class="head">${connectorIcon(servertype, baseUrl)}<h2 tabindex="-1">${text}</h2></div>`;
    const flow = this.#flow;
    if (flow.phase === 'connected') {
      return html`<div class="root ok" role="status" part="status">${header(`✓ ${this.t('connected', { name: servertype.name })}`)}</div>`;
    }
    const helptext = servertype.settings?.connect_form?.helptext?.trim();
    return html`<form class="root" novalidate @submit=${this.#submit}>
      ${header(this.t('connectTo', { name: servertype.name }))} ${helptext ? html`<p class="help">${helptext}</p>` : nothing}
      ${formFields(servertype).map((field, index) => this.#field(field, index))}
      ${failure(this.#formError, undefined, '')}
      <div class="row">
        <button type="submit" class="primary" part="button" aria-disabled=${flow.busy ? 'true' : 'false'}>${this.t('connect')}</button>
        <span role="status" part="status">${flow.busy ? spinner(this.t(flow.phase === 'waiting' ? 'testing' : 'creating')) : nothing}</span>
      </div>
    </form>`;
  }
}

define('peliqan-connect-form', PeliqanConnectForm);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connect-form': PeliqanConnectForm;
  }
}
