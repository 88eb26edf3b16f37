import { css, html, nothing } from 'lit';
import { styles } from '../styles.js';
import type { Servertype } from '../../api/schemas.js';
import { PeliqanFlowElement, define, type ElementState, type PeliqanElement } from '../base.js';
import { allowlist } from '../../flow/catalogue-search.js';
import type { PeliqanConnectorPicker } from '../connector-picker/connector-picker.js';
import type { PeliqanConnectForm } from '../connect-form/connect-form.js';
import '../connector-picker/connector-picker.js';
import '../connect-form/connect-form.js';

/**
 * The whole flow in one tag: pick a connector, fill in its form (or sign in, for OAuth), wait for the
 * test, and see the result — with "Back" and "Connect another".
 * @tagname peliqan-connect
 */
export class PeliqanConnect extends PeliqanFlowElement {
  static override styles = [
    styles,
    css`
      .stack {
        display: grid;
        gap: var(--_space);
      }
      .stack > button {
        justify-self: start;
      }
    `,
  ];
  static override properties = {
    servertype: {},
    connectors: {},
    _chosen: { state: true },
  };

  /** Skip the picker: this connector's id or `server_type` slug. */
  declare servertype?: string;
  /** Comma-separated ids or slugs to offer; with one entry the picker is skipped. */
  declare connectors?: string;
  declare _chosen?: Servertype;
  /** The state of the step shown (the picker, or the form). */
  #stepState: ElementState = 'loading';

  /** The connector fixed by `servertype`, or by a `connectors` list of one. */
  get #fixed(): string | undefined {
    const allowed = allowlist(this.connectors);
    return this.servertype || (allowed.length === 1 ? allowed[0] : undefined);
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
    this.renderRoot.querySelector<PeliqanConnectForm>('peliqan-connect-form')?.leave();
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

  /** Escape goes back one step: from the form to the picker (not while a select or dialog has it). */
  #escape(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented || !this._chosen || this.#fixed || this.#connected) return;
    const from = event.composedPath()[0];
    if (from instanceof HTMLSelectElement) return;
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

  override render() {
    const servertype = this._chosen ?? this.#fixed;
    // The picker stays (hidden) behind the form, so that Back finds the search and scroll as they were.
    const picker = this.#fixed
      ? nothing
      : html`<peliqan-connector-picker
          exportparts="container, search, tile, error"
          ?hidden=${servertype !== undefined}
          .connectors=${this.connectors}
          @peliqan-select=${this.#pick}
          @peliqan-state-change=${this.#follow}
        ></peliqan-connector-picker>`;
    return html`${picker}${servertype ? this.#formStep(servertype) : nothing}`;
  }

  #formStep(servertype: string | Servertype) {
    // No way back from a connection that works: "Connect another" is the way on.
    const back = this._chosen && !this.#fixed && !this.#connected;
    return html`<div class="stack" @keydown=${this.#escape}>
      ${
        back
          ? html`<button class="link" @click=${this.#back}>
            <span class="arrow" aria-hidden="true">←</span> ${this.words.t('back')}
          </button>`
          : nothing
      }
      <peliqan-connect-form
        exportparts="container, field, input, button, status, error, notice"
        .servertype=${servertype}
        @peliqan-state-change=${this.#follow}
        @peliqan-another=${this.#another}
      ></peliqan-connect-form>
    </div>`;
  }
}

define('peliqan-connect', PeliqanConnect);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connect': PeliqanConnect;
  }
}
