import {
  LitElement,
  type CSSResultGroup,
  type PropertyDeclaration,
  type PropertyDeclarations,
  type PropertyValues,
} from 'lit';
import { FLOW_OPTION_PROPERTIES, SETTING_PROPERTIES, type PeliqanConfig } from '../config.js';
import type { PeliqanEventDetails } from '../events.js';
import { languageFailure, languageLoading } from '../i18n/translate.js';
import { ErrorReporter } from './error-reporter.js';
import { Localize } from './localize.js';
import { SettingsController } from './settings.js';
import { styles } from './styles.js';

/** What every element reflects as its read-only `state` attribute (product spec §3). */
export type ElementState =
  'loading' | 'ready' | 'submitting' | 'waiting' | 'connected' | 'failed' | 'cancelled' | 'error' | 'disabled';

/**
 * The base of every peliqan element: the settings of product spec §3 (resolved and handed on by a
 * controller), the reflected read-only `state`, and its events. Localisation and error reporting are
 * controllers of their own.
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
  static override properties: PropertyDeclarations = SETTING_PROPERTIES;
  /**
   * The peliqan elements this one renders, by tag. Imported as values, they stay in every bundle: a
   * bundler may drop a bare `import './x.js'` from a package that declares its `sideEffects`.
   * @internal
   */
  static readonly dependencies: Readonly<Record<string, CustomElementConstructor>> = {};

  /** Peliqan API origin. Default `https://app.eu.peliqan.io`; `https:` only (`http:` for localhost). */
  declare baseUrl?: PeliqanConfig['baseUrl'];
  /** A ready integrate token. Property only: never reflected to an attribute. */
  declare token?: PeliqanConfig['token'];
  /** Gives a token when there is none, and again after a 401. */
  declare tokenProvider?: PeliqanConfig['tokenProvider'];
  /**
   * The partner's token endpoint (`POST`, answers `{"token": "…", "base_url": "…"}`); the token goes only to
   * the `base_url` it names (product spec §3, token binding).
   */
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
  protected readonly settings = new SettingsController(this);
  /** @internal */
  protected readonly words = new Localize(() => this.settings.value.locale);
  /** @internal */
  protected readonly errors = new ErrorReporter((detail) => this.emit('peliqan-error', detail));
  #state: ElementState = 'loading';
  #reportedProblem?: string;

  /**
   * Where the element is: `loading`, `ready`, `submitting`, `waiting`, `connected`, `failed`,
   * `cancelled`, `error` (the list and the badge also `disabled`). Read-only.
   */
  get state(): ElementState {
    return this.#state;
  }

  /**
   * The shadow root as Lit makes it. One that is there already holds only what the script tag's loader
   * showed while this element's code could not be loaded ("cannot be reached", Retry): it goes.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    this.shadowRoot?.replaceChildren();
    return super.createRenderRoot();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('state', this.#state);
  }

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    // A setting of its own changed: work the settings out again before anything reads them. (The
    // controller is not there yet while the base class sets the properties' defaults.)
    if (name !== undefined && isSetting(name)) this.settings?.invalidate();
    super.requestUpdate(name, oldValue, options);
  }

  /**
   * Waits for the messages of the element's language before rendering (they load the first time a
   * language is shown): the element shows nothing rather than English first, and `updateComplete`
   * includes the wait.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const locale = this.settings.value.locale;
    const loading = languageLoading(locale);
    if (!loading) return super.scheduleUpdate();
    return loading.then(() => {
      const failure = languageFailure(locale);
      if (failure) this.errors.report(failure);
      return super.scheduleUpdate();
    });
  }

  /** Subclasses do their work first, then call this last: it derives `state` from what they did. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const problem = this.settings.value.problem;
    if (problem && problem.message !== this.#reportedProblem) {
      // For the partner's developer, who reads the console rather than the customer's screen.
      console.error(`<${this.localName}>: ${problem.message}`);
      this.errors.report(problem);
    }
    this.#reportedProblem = problem?.message;
    this.#setState(problem ? 'error' : this.deriveState());
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // `state` is read-only: put it back if page code wrote the attribute.
    if (this.getAttribute('state') !== this.#state) this.setAttribute('state', this.#state);
    // The colour scheme in force, own or inherited, for the stylesheet (`:host([data-theme='dark'])`).
    const scheme = this.settings.value.scheme;
    if (this.dataset.theme !== scheme) this.dataset.theme = scheme;
  }

  /** Where the element is now, worked out before each render from what its controllers hold. */
  protected deriveState(): ElementState {
    return 'ready';
  }

  /** Fires one of the public events: bubbling, composed, with a typed detail. */
  protected emit<K extends keyof PeliqanEventDetails>(type: K, detail: PeliqanEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #setState(state: ElementState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.setAttribute('state', state);
    // Lets an enclosing element follow this one's state; not part of the public event set.
    this.dispatchEvent(new Event('peliqan-state-change'));
  }
}

const SETTING_KEYS = new Set<PropertyKey>([...Object.keys(SETTING_PROPERTIES), ...Object.keys(FLOW_OPTION_PROPERTIES)]);
const isSetting = (key: PropertyKey) => SETTING_KEYS.has(key);

/**
 * The base of the elements that run a connection flow, or hold one inside: the flow options, which
 * like every setting come from the element, else the enclosing peliqan element, else `configure()`.
 * @attr {number} status-timeout - Seconds to wait for a final status. Default 120.
 * @attr {boolean} private-oauth - Hide the "Powered by Peliqan" notice (for partners with their own OAuth app).
 * @attr {boolean} hide-trust-notice - Hide the line saying where typed credentials go.
 * @internal
 */
export class PeliqanFlowElement extends PeliqanElement {
  static override properties: PropertyDeclarations = FLOW_OPTION_PROPERTIES;

  /** Seconds to wait for a final status. Default 120 (or what an enclosing element or `configure()` says). */
  declare statusTimeout?: number;
  /** Hide the "Powered by Peliqan" notice of the OAuth step (for partners with their own OAuth app). */
  declare privateOauth?: boolean;
  /** Hide the line saying where typed credentials go (for partners who say it their own way). */
  declare hideTrustNotice?: boolean;
}

/**
 * Defines a custom element once (a second copy of the script on a page leaves the first in place),
 * and the peliqan elements it renders before it.
 */
export function define(tag: string, element: CustomElementConstructor & Partial<typeof PeliqanElement>): void {
  for (const [name, dependency] of Object.entries(element.dependencies ?? {})) define(name, dependency);
  if (!customElements.get(tag)) customElements.define(tag, element);
}
