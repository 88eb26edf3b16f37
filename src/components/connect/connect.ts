import { css, html, nothing } from 'lit';
import { styles } from '../styles.js';
import type { Servertype } from '../../api/schemas.js';
import { PeliqanFlowElement, define, type ElementState, type PeliqanElement } from '../base.js';
import { CHOICE_PROPERTIES } from '../../config.js';
import { allowlist } from '../../flow/catalogue-search.js';
import { PeliqanConnectorPicker } from '../connector-picker/connector-picker.js';
import { PeliqanConnectForm, type StepNavigation } from '../connect-form/connect-form.js';
import { stepHeader } from '../shared.js';

/**
 * The whole flow in one tag: pick a connector, fill in its form (or sign in, for OAuth), wait for the
 * test, and see the result. Each step has one way back (Back while there is a step before it) and, in
 * a dialog or panel that opened it, one way out (Close) — product spec §4.
 * @tagname peliqan-connect
 */
export class PeliqanConnect extends PeliqanFlowElement {
  static override styles = [
    styles,
    css`
      .stack {
        display: grid;
        gap: calc(var(--_space) * 2);
      }
    `,
  ];
  static override properties = {
    ...CHOICE_PROPERTIES,
    _chosen: { state: true },
  };
  static override readonly dependencies = {
    'peliqan-connector-picker': PeliqanConnectorPicker,
    'peliqan-connect-form': PeliqanConnectForm,
  };

  /** Skip the picker: this connector's id or `server_type` slug. */
  declare servertype?: string;
  /** Comma-separated ids or slugs to offer; with one entry the picker is skipped. */
  declare connectors?: string;
  declare _chosen?: Servertype;
  /**
   * Set by the dialog or panel that shows this flow: the steps offer "Close", which calls it.
   * @internal
   */
  onClose?: () => void;
  /** The state of the step shown (the picker, or the form). */
  #stepState: ElementState = 'loading';

  /** The connector fixed by `servertype`, or by a `connectors` list of one. */
  get #fixed(): string | undefined {
    const allowed = allowlist(this.connectors);
    return this.servertype || (allowed.length === 1 ? allowed[0] : undefined);
  }

  /**
   * The customer left the flow (its dialog or panel closed): a connection under way goes on, and the
   * partner hears `peliqan-cancel` (product spec §4 "No surprise duplicates").
   * @internal
   */
  leave(): void {
    this.#form()?.leave();
  }

  #form(): PeliqanConnectForm | null {
    return this.renderRoot.querySelector('peliqan-connect-form');
  }

  #follow(event: Event): void {
    // The picker waiting behind a form does not speak for the flow.
    if ((event.target as HTMLElement).hidden) return;
    this.#stepState = (event.target as PeliqanElement).state;
    this.requestUpdate();
  }

  protected override deriveState(): ElementState {
    return this.#stepState;
  }

  get #connected(): boolean {
    return this.#stepState === 'connected';
  }

  #pick(event: CustomEvent<{ servertype: Servertype }>): void {
    this._chosen = event.detail.servertype;
    this.#focusStep();
  }

  #back(): void {
    // A connection being tested goes on (the partner hears peliqan-cancel): product spec §4.
    this.#form()?.leave();
    this._chosen = undefined;
    this.#stepState =
      this.renderRoot.querySelector<PeliqanConnectorPicker>('peliqan-connector-picker')?.state ?? 'loading';
    this.#focusStep();
  }

  /** The form's "Connect another": back to the picker, or (a fixed connector) an empty form again. */
  #another(event: Event): void {
    if (this.#fixed) return;
    event.preventDefault();
    this.#back();
  }

  /**
   * Escape goes back one step: from the form to the picker (not while a select has it, nor in a modal
   * dialog, where Escape closes the dialog as the browser has it).
   */
  #escape(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented || !this._chosen || this.#fixed || this.#connected) return;
    if (event.composedPath()[0] instanceof HTMLSelectElement || this.closest('dialog[open]')) return;
    event.preventDefault();
    this.#back();
  }

  /** Moves focus into the current step: the picker's search, or the form's heading. */
  override focus(): void {
    this.#focusStep();
  }

  #focusStep(): void {
    void this.updateComplete.then(async () => {
      const step = this.renderRoot.querySelector<PeliqanConnectForm | PeliqanConnectorPicker>(
        'peliqan-connect-form, peliqan-connector-picker:not([hidden])',
      );
      await step?.updateComplete;
      step?.focus();
    });
  }

  /** The close action of a dialog or panel that opened this flow, if any. */
  get #close() {
    const onClose = this.onClose;
    return onClose ? { label: this.words.t('close'), run: onClose } : undefined;
  }

  override render() {
    const servertype = this._chosen ?? this.#fixed;
    const close = this.#close;
    // The picker stays (hidden) behind the form, so that Back finds the search and scroll as they were.
    const picker = this.#fixed
      ? nothing
      : html`<div class="stack" ?hidden=${servertype !== undefined}>
          ${close ? stepHeader({ title: this.words.t('addConnection'), close }) : nothing}
          <peliqan-connector-picker
            exportparts="container, search, tile, error"
            ?hidden=${servertype !== undefined}
            .connectors=${this.connectors}
            @peliqan-select=${this.#pick}
            @peliqan-state-change=${this.#follow}
          ></peliqan-connector-picker>
        </div>`;
    return html`${picker}${servertype ? this.#formStep(servertype) : nothing}`;
  }

  #formStep(servertype: string | Servertype) {
    // No way back from a connection that works: "Connect another" is the way on.
    const back = this._chosen && !this.#fixed && !this.#connected;
    const navigation: StepNavigation = {
      back: back ? { label: this.words.t('back'), run: () => this.#back() } : undefined,
      close: this.#close,
    };
    return html`<peliqan-connect-form
      exportparts="container, field, input, button, status, error, notice"
      .servertype=${servertype}
      .navigation=${navigation}
      @keydown=${this.#escape}
      @peliqan-state-change=${this.#follow}
      @peliqan-another=${this.#another}
    ></peliqan-connect-form>`;
  }
}

define('peliqan-connect', PeliqanConnect);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connect': PeliqanConnect;
  }
}
