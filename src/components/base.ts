import { LitElement, html, type CSSResultGroup, type PropertyDeclarations, type PropertyValues } from 'lit';
import { isAbortError, isPeliqanError, PeliqanError } from '../api/errors.js';
import type { PeliqanClient } from '../api/client.js';
import { sharedClient } from '../api/shared-client.js';
import { notifyConfigChange, onConfigure, pageDefaults, type PeliqanConfig } from '../config.js';
import type { PeliqanEventDetails } from '../events.js';
import type { MessageKey } from '../i18n/messages.js';
import { knownLanguage, translate } from '../i18n/translate.js';
import { styles } from './styles.js';
import { busy, failure } from './shared.js';
import type { CatalogueController } from '../flow/catalogue.js';

/** What every element reflects as its read-only `state` attribute (product spec §3). */
export type ElementState =
  'loading' | 'ready' | 'submitting' | 'waiting' | 'connected' | 'failed' | 'cancelled' | 'error';

const CONFIG_PROPERTIES = ['baseUrl', 'tokenUrl', 'token', 'tokenProvider', 'language'] as const;

/** The nearest peliqan element that contains `node`, across shadow roots. */
function enclosingElement(node: Node): PeliqanElement | undefined {
  for (let at: Node | null = node; at;) {
    at = at instanceof ShadowRoot ? at.host : at.parentNode;
    if (at instanceof PeliqanElement) return at;
  }
  return undefined;
}

/**
 * The base of every peliqan element: configuration (own attributes and properties, then the enclosing
 * peliqan element's, then `PeliqanEmbed.configure()`), the shared client, the reflected `state`,
 * messages in the element's language, and events.
 * @internal
 */
export class PeliqanElement extends LitElement {
  static override styles: CSSResultGroup = styles;
  static override properties: PropertyDeclarations = {
    baseUrl: { attribute: 'base-url' },
    tokenUrl: { attribute: 'token-url' },
    token: { attribute: false },
    tokenProvider: { attribute: false },
    language: {},
    theme: { reflect: true },
  };

  /** Peliqan API origin. Default `https://app.eu.peliqan.io`. */
  declare baseUrl?: string;
  /** The partner's token endpoint (`POST`, answers `{"token": "…"}`). */
  declare tokenUrl?: string;
  /** A ready integrate token. Property only: never reflected to an attribute. */
  declare token?: string;
  /** Gives a token when there is none, and again after a 401. */
  declare tokenProvider?: () => Promise<string>;
  /** `en`, `nl`, `fr` or `de`; else the nearest `lang`, else English. */
  declare language?: string;
  /** `light`, `dark` or `auto` (default: follows the system). */
  declare theme?: string;

  #state: ElementState = 'loading';
  #stopListening?: () => void;

  /**
   * Where the element is: `loading`, `ready`, `submitting`, `waiting`, `connected`, `failed`,
   * `cancelled` or `error`. Read-only.
   */
  get state(): ElementState {
    return this.#state;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('state', this.#state);
    this.#stopListening = onConfigure(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopListening?.();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // `state` is read-only: put it back if page code wrote the attribute.
    if (this.getAttribute('state') !== this.#state) this.setAttribute('state', this.#state);
    if (this.hasUpdated && CONFIG_PROPERTIES.some((key) => changed.has(key))) notifyConfigChange();
  }

  /** The configuration in force: own settings, else the enclosing element's, else the page defaults. */
  resolvedConfig(): PeliqanConfig {
    const inherited = enclosingElement(this)?.resolvedConfig() ?? pageDefaults();
    // The token settings go together: an element with any token setting of its own uses only its own.
    const ownToken = this.token || this.tokenProvider || this.tokenUrl;
    return {
      baseUrl: this.baseUrl || inherited.baseUrl,
      language: this.language || inherited.language,
      ...(ownToken
        ? { token: this.token, tokenProvider: this.tokenProvider, tokenUrl: this.tokenUrl }
        : { token: inherited.token, tokenProvider: inherited.tokenProvider, tokenUrl: inherited.tokenUrl }),
    };
  }

  /** True once a token can be had (a token, a provider or a URL). */
  get configured(): boolean {
    const config = this.resolvedConfig();
    return Boolean(config.token || config.tokenProvider || config.tokenUrl);
  }

  /** The client shared by every element with the same configuration. */
  get client(): PeliqanClient {
    const { baseUrl, tokenUrl, token, tokenProvider } = this.resolvedConfig();
    return sharedClient({ baseUrl, tokenUrl, token, tokenProvider });
  }

  /** The language messages are shown in. */
  get locale(): string {
    const lang = (this.closest('[lang]') as HTMLElement | null)?.lang ?? enclosingElement(this)?.locale;
    return knownLanguage(this.resolvedConfig().language) ?? knownLanguage(lang) ?? 'en';
  }

  /** A message in the element's language. */
  protected t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.locale, key, params);
  }

  /** The customer-facing words for an error. */
  protected errorText(error: PeliqanError): string {
    return this.t(error.code, { reason: error.message });
  }

  /** The loading or error view of a catalogue that is not ready (with Retry), else undefined. */
  protected catalogueView(catalogue: CatalogueController) {
    if (catalogue.status === 'loading') return html`<div class="root">${busy(this.t('loadingConnectors'))}</div>`;
    if (catalogue.status === 'error') {
      return html`<div class="root">${failure(catalogue.error && this.errorText(catalogue.error), () => catalogue.load(), this.t('retry'))}</div>`;
    }
    return undefined;
  }

  protected setState(state: ElementState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.setAttribute('state', state);
    // Lets an enclosing element follow this one's state; not part of the public event set.
    this.dispatchEvent(new Event('peliqan-state-change'));
  }

  /** Fires one of the public events: bubbling, composed, with a typed detail. */
  emit<K extends keyof PeliqanEventDetails>(type: K, detail: PeliqanEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** Fires `peliqan-error` for a failure and returns it as a `PeliqanError` (undefined for an abort). */
  protected reportError(error: unknown, connectionId?: PeliqanError['connectionId']): PeliqanError | undefined {
    if (isAbortError(error)) return undefined;
    const failure = isPeliqanError(error) ? error : new PeliqanError('network', String(error));
    const { code, message, status } = failure;
    this.emit('peliqan-error', { code, message, status, connectionId: connectionId ?? failure.connectionId });
    return failure;
  }
}

/** Defines a custom element once: a second copy of the script on a page leaves the first in place. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
