import {
  LitElement,
  type CSSResultGroup,
  type PropertyDeclaration,
  type PropertyDeclarations,
  type PropertyValues,
} from 'lit';
import { FLOW_OPTION_PROPERTIES, SETTING_PROPERTIES, isSetting } from '../config.js';
import type { PeliqanEventDetails } from '../events.js';
import { languageWait } from '../i18n/catalogues.js';
import { ErrorReporter } from './error-reporter.js';
import { FlowOptionMembers, SettingMembers, emit, reflectState, type ElementState } from './members.js';
import { Localize } from './localize.js';
import { SettingsController } from './settings.js';
import { styles } from './styles.js';

export { define, type ElementState } from './members.js';

/**
 * The base of every peliqan element made with Lit: the settings of product spec §3 (resolved and handed
 * on by a controller), the reflected read-only `state`, and its events. Localisation and error reporting
 * are controllers of their own.
 * @internal
 */
export class PeliqanElement extends SettingMembers(LitElement) {
  static override styles: CSSResultGroup = styles;
  static override properties: PropertyDeclarations = SETTING_PROPERTIES;
  /**
   * The peliqan elements this one renders, by tag. Imported as values, they stay in every bundle: a
   * bundler may drop a bare `import './x.js'` from a package that declares its `sideEffects`.
   * @internal
   */
  static readonly dependencies: Readonly<Record<string, CustomElementConstructor>> = {};

  /** @internal */
  protected readonly settings = new SettingsController(this);
  /** @internal */
  protected readonly words = new Localize(() => this.settings.value.locale);
  /** @internal */
  protected readonly errors = new ErrorReporter((detail) => this.emit('peliqan-error', detail));
  #state: ElementState = 'loading';

  /** @internal */
  override get state(): ElementState {
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
    const loading = languageWait(this.words.locale, (failure) => this.errors.report(failure));
    if (!loading) return super.scheduleUpdate();
    return loading.then(() => super.scheduleUpdate());
  }

  /** Subclasses do their work first, then call this last: it derives `state` from what they did. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const problem = this.settings.value.problem;
    this.errors.reportProblem(this.localName, this.settings.value);
    this.#setState(problem ? 'error' : this.deriveState());
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    reflectState(this, this.#state, this.settings.value.scheme);
  }

  /** Where the element is now, worked out before each render from what its controllers hold. */
  protected deriveState(): ElementState {
    return 'ready';
  }

  /** Fires one of the public events: bubbling, composed, with a typed detail. */
  protected emit<K extends keyof PeliqanEventDetails>(type: K, detail: PeliqanEventDetails[K]): void {
    emit(this, type, detail);
  }

  #setState(state: ElementState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.setAttribute('state', state);
    // Lets an enclosing element follow this one's state; not part of the public event set.
    this.dispatchEvent(new Event('peliqan-state-change'));
  }
}

/**
 * The base of the elements that run a connection flow, or hold one inside: the flow options.
 * @internal
 */
export class PeliqanFlowElement extends FlowOptionMembers(PeliqanElement) {
  static override properties: PropertyDeclarations = FLOW_OPTION_PROPERTIES;
}
