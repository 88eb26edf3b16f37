import {
  LitElement,
  html,
  type CSSResultGroup,
  type PropertyDeclaration,
  type PropertyDeclarations,
  type PropertyValues,
} from 'lit';
import type { PeliqanClient } from '../api/client.js';
import { isAbortError, isPeliqanError, PeliqanError } from '../api/errors.js';
import { notifyConfigChange, type CONFIG_KEYS, type PeliqanConfig } from '../config.js';
import type { PeliqanEventDetails } from '../events.js';
import type { MessageKey } from '../i18n/messages.js';
import { errorMessageKey } from '../i18n/error-message.js';
import { translate } from '../i18n/translate.js';
import { ConfigController, type ResolvedConfig } from './config-controller.js';
import type { ConnectorLookup } from '../flow/catalogue.js';
import { failure, notReady, type Loadable } from './shared.js';
import { styles } from './styles.js';

/** What every element reflects as its read-only `state` attribute (product spec §3). */
export type ElementState =
  'loading' | 'ready' | 'submitting' | 'waiting' | 'connected' | 'failed' | 'cancelled' | 'error';

/** How each setting of `PeliqanConfig` appears on an element: secrets and functions are properties only. */
const configProperties: Record<(typeof CONFIG_KEYS)[number], PropertyDeclaration> = {
  baseUrl: { attribute: 'base-url' },
  token: { attribute: false },
  tokenProvider: { attribute: false },
  tokenUrl: { attribute: 'token-url' },
  tokenCredentials: { attribute: false },
  catalogueUrl: { attribute: 'catalogue-url' },
  language: {},
  theme: { reflect: true },
};

/**
 * The base of every peliqan element: configuration (see `ConfigController`), the reflected read-only
 * `state`, messages in the element's language, and events.
 * @attr {string} base-url - Peliqan API origin (`baseUrl`); `https:` only (`http:` for localhost).
 * @attr {string} token-url - The partner's token endpoint (`tokenUrl`).
 * @attr {string} catalogue-url - The partner's catalogue endpoint (`catalogueUrl`).
 * @attr {string} language - `en`, `nl`, `fr` or `de`.
 * @attr {'light' | 'dark' | 'auto'} theme - The colour scheme; `auto` follows the system.
 * @attr {string} state - Read-only: where the element is (see `state`).
 * @internal
 */
export class PeliqanElement extends LitElement {
  static override styles: CSSResultGroup = styles;
  static override properties: PropertyDeclarations = configProperties;

  /** Peliqan API origin. Default `https://app.eu.peliqan.io`; `https:` only (`http:` for localhost). */
  declare baseUrl?: PeliqanConfig['baseUrl'];
  /** A ready integrate token. Property only: never reflected to an attribute. */
  declare token?: PeliqanConfig['token'];
  /** Gives a token when there is none, and again after a 401. */
  declare tokenProvider?: PeliqanConfig['tokenProvider'];
  /** The partner's token endpoint (`POST`, answers `{"token": "…"}`). */
  declare tokenUrl?: PeliqanConfig['tokenUrl'];
  /** Cookies for the token endpoint: `same-origin` (default) or `include`. Property only. */
  declare tokenCredentials?: PeliqanConfig['tokenCredentials'];
  /** The partner's catalogue endpoint (`createCatalogueHandler`); else the catalogue is read from Peliqan. */
  declare catalogueUrl?: PeliqanConfig['catalogueUrl'];
  /** `en`, `nl`, `fr` or `de`; else the nearest `lang`, else English. */
  declare language?: PeliqanConfig['language'];
  /** `light`, `dark` or `auto` (default: follows the system). */
  declare theme?: PeliqanConfig['theme'];

  /** @internal */
  protected readonly config = new ConfigController(this);
  #state: ElementState = 'loading';
  #reportedProblem?: string;

  /**
   * Where the element is: `loading`, `ready`, `submitting`, `waiting`, `connected`, `failed`,
   * `cancelled` or `error`. Read-only.
   */
  get state(): ElementState {
    return this.#state;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.config.invalidate();
    this.setAttribute('state', this.#state);
  }

  /** Every update may come from a change of settings: they are worked out again. */
  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    // `config` is not there yet while the base class sets the properties' defaults.
    this.config?.invalidate();
    super.requestUpdate(name, oldValue, options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const problem = this.config.resolve().problem;
    if (problem && problem.message !== this.#reportedProblem) {
      // For the partner's developer, who reads the console rather than the customer's screen.
      console.error(`<${this.localName}>: ${problem.message}`);
      this.reportError(problem);
    }
    this.#reportedProblem = problem?.message;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // `state` is read-only: put it back if page code wrote the attribute.
    if (this.getAttribute('state') !== this.#state) this.setAttribute('state', this.#state);
    // The colour scheme in force, own or inherited, for the stylesheet (`:host([data-theme='dark'])`).
    const scheme = this.config.scheme;
    if (this.dataset.theme !== scheme) this.dataset.theme = scheme;
    // Nested elements inherit these settings: tell them.
    if (this.hasUpdated && Object.keys(configProperties).some((key) => changed.has(key as keyof PeliqanElement))) {
      notifyConfigChange();
    }
  }

  /** The configuration in force (own settings, else the enclosing element's, else the page's). */
  protected get resolved(): ResolvedConfig {
    return this.config.resolve();
  }

  /** The client shared by every element with the same configuration. */
  protected get client(): PeliqanClient {
    return this.config.client;
  }

  /** A message in the element's language. */
  protected t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.config.locale, key, params);
  }

  /** The customer-facing words for an error (`reason`: its message as it may be shown, e.g. redacted). */
  protected errorText(error: PeliqanError, reason = error.message): string {
    return this.t(errorMessageKey(error), { reason: withoutEndStop(reason) });
  }

  /** Loading, or the error with Retry, for a catalogue (or a list) not ready yet; undefined once it is. */
  protected notReadyView(source: Loadable, loading: MessageKey = 'loadingConnectors') {
    return notReady(source, {
      loading: this.t(loading),
      retry: this.t('retry'),
      error: (error) => this.errorText(error),
    });
  }

  /** Loading, an error with Retry, or "not available", for a connector that is not found yet. */
  protected connectorView(connector: ConnectorLookup, name: string) {
    if (connector.status !== 'missing') return this.notReadyView(connector.catalogue);
    return html`<div class="root">${failure(this.t('unknownConnector', { name }))}</div>`;
  }

  /** The view of a configuration the widget refuses (`invalid-config`), or undefined. */
  protected configProblemView() {
    const problem = this.resolved.problem;
    if (!problem) return undefined;
    this.setState('error');
    return html`<div class="root">${failure(this.errorText(problem))}</div>`;
  }

  protected setState(state: ElementState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.setAttribute('state', state);
    // Lets an enclosing element follow this one's state; not part of the public event set.
    this.dispatchEvent(new Event('peliqan-state-change'));
  }

  /** Fires one of the public events: bubbling, composed, with a typed detail. */
  protected emit<K extends keyof PeliqanEventDetails>(type: K, detail: PeliqanEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /**
   * Fires `peliqan-error` for a failure and returns it as a `PeliqanError` (undefined for an abort).
   * Anything that is not a `PeliqanError` is a bug: it goes to the console with its stack as well.
   */
  protected reportError(
    error: unknown,
    connectionId?: PeliqanError['connectionId'],
    redact: (text: string) => string = (text) => text,
  ): PeliqanError | undefined {
    if (isAbortError(error)) return undefined;
    if (!isPeliqanError(error)) console.error(error);
    const failed = isPeliqanError(error) ? error : new PeliqanError('http', String(error));
    const { code, status } = failed;
    const message = redact(failed.message);
    this.emit('peliqan-error', { code, message, status, connectionId: connectionId ?? failed.connectionId });
    return failed;
  }
}

/** A reason without its closing full stop, for messages that end with one of their own. */
const withoutEndStop = (reason: string) => reason.replace(/[.。]\s*$/, '');

/** Defines a custom element once: a second copy of the script on a page leaves the first in place. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
