import { html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { startFirstRequests } from '../../api/early-catalogue.js';
import { CHOICE_PROPERTIES } from '../../config.js';
import type { PeliqanConnectedDetail } from '../../events.js';
import { PeliqanFlowElement, define, type ElementState } from '../base.js';
import type { PeliqanConnect } from '../connect/connect.js';
import { ElementCode } from '../element-code.js';
import { notReady, stepHeader } from '../shared.js';
import { styles } from '../styles.js';
import { dialogStyles } from './connect-dialog.styles.js';
import type { DialogResult } from './options.js';

/** The page's own scrolling, held while a dialog is open (one dialog at a time, so one value). */
let pageOverflow: string | undefined;

/**
 * The flow in a native modal `<dialog>` (product spec §4): the dialog of `<peliqan-connect-button>`
 * (which makes one inside itself once its code is loaded), of `PeliqanEmbed.open()` and of a badge's
 * "Connect again". The page behind is inert and does not scroll; focus goes to the first step and back
 * to where it was on close; Escape and the close button close it; at 480 px wide or less it fills the
 * screen like a sheet. It closes itself after "Done". Closing it while a connection is tested keeps
 * following that connection (product spec §4, "No surprise duplicates"). Takes the attributes of
 * `<peliqan-connect>`; its events bubble out of it.
 * @internal
 */
export class PeliqanConnectDialog extends PeliqanFlowElement {
  static override styles = [styles, dialogStyles];
  static override properties = CHOICE_PROPERTIES;

  /** Handed to its flow: see `<peliqan-connect>`. */
  declare servertype?: PeliqanConnect['servertype'];
  declare connectors?: PeliqanConnect['connectors'];

  /** The flow exists from the first opening on, and stays: a connection under way goes on. */
  #opened = false;
  /** The next opening starts the flow afresh (after a connection was made, or other connectors). */
  #fresh = false;
  /** Which flow is shown: a new number makes a new `<peliqan-connect>`. */
  #round = 0;
  /** The connection the flow made since the dialog opened. */
  #made: DialogResult = null;
  #settle?: (result: DialogResult) => void;
  #pending?: Promise<DialogResult>;
  /** Where focus was before the dialog opened, to go back to. */
  #returnFocus?: HTMLElement | null;
  /** The flow's code: loaded on the first opening, and ahead of it when the pointer or focus reaches the button. */
  #flowCode = new ElementCode(
    this,
    () => import('../connect/connect.js'),
    (error) => this.errors.report(error),
  );

  /**
   * Opens the dialog. Resolves with `{ connectionId, servertype }` once it closes after a connection was
   * made, or null when it closes without one.
   */
  show(): Promise<DialogResult> {
    if (this.#pending) return this.#pending;
    this.#startEarly();
    this.#flowCode.load();
    this.#opened = true;
    if (this.#fresh) this.#round++;
    this.#fresh = false;
    this.#made = null;
    this.#returnFocus = deepActiveElement();
    this.#pending = new Promise((resolve) => (this.#settle = resolve));
    this.requestUpdate();
    void this.updateComplete.then(() => this.#showModal());
    return this.#pending;
  }

  /** Moves focus into the open dialog's flow. */
  override focus(): void {
    this.#flow()?.focus();
  }

  /**
   * The customer is likely to open it soon (the pointer or focus reached its button): the flow's code
   * and first requests start.
   */
  preload(): void {
    this.#startEarly();
    this.#flowCode.preload();
  }

  /** Closes the dialog (as Escape and its close button do). */
  close(): void {
    this.#dialog()?.close();
  }

  #close = () => this.close();

  protected override deriveState(): ElementState {
    if (this.#opened && this.#flowCode.status !== 'ready') return this.#flowCode.status;
    return this.#flow()?.state ?? 'ready';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another connector or list: the next opening starts at its first step.
    if (this.hasUpdated && (changed.has('servertype') || changed.has('connectors')) && !this.#pending) {
      this.#fresh = true;
    }
    super.willUpdate(changed);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#pending) this.#closed();
  }

  #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #flow(): PeliqanConnect | null {
    return this.renderRoot.querySelector('peliqan-connect');
  }

  #showModal(): void {
    const dialog = this.#dialog();
    if (!dialog || dialog.open) return;
    dialog.showModal();
    pageOverflow ??= document.documentElement.style.overflow;
    document.documentElement.style.overflow = 'hidden';
    void this.#focusFlow();
  }

  /** Focus to the flow's first step, once its code is in (the dialog shows a busy line until then). */
  async #focusFlow(): Promise<void> {
    await this.#flowCode.done;
    await this.updateComplete;
    this.#flow()?.focus();
  }

  /**
   * The flow's first requests go out while its code is on its way: its token, and the catalogue (the
   * partner's at once, Peliqan's as soon as the token is in). Once the code is in, the flow asks itself
   * (through the page's shared client), and takes those answers.
   */
  #startEarly(): void {
    const settings = this.settings.value;
    if (!settings.problem && this.#flowCode.status !== 'ready') startFirstRequests(settings);
  }

  /** The dialog closed (Escape, the close button, Done, `close()`): the flow's customer left. */
  #closed(): void {
    const flow = this.#flow();
    // Done, or closed on the success screen: the next opening starts afresh. Else the customer left a
    // flow that may have a connection under way.
    if (this.#made) this.#fresh = true;
    else flow?.leave();
    if (pageOverflow !== undefined) document.documentElement.style.overflow = pageOverflow;
    pageOverflow = undefined;
    const settle = this.#settle;
    this.#pending = this.#settle = undefined;
    settle?.(this.#made);
    this.#returnFocus?.focus();
    this.requestUpdate();
  }

  #connected(event: CustomEvent<PeliqanConnectedDetail>): void {
    const { connectionId, servertype } = event.detail;
    this.#made = { connectionId, servertype };
  }

  /** The flow: "Close" in its step headers closes the dialog. */
  #flowTemplate() {
    return html`<peliqan-connect
      .servertype=${this.servertype}
      .connectors=${this.connectors}
      .onClose=${this.#close}
      @peliqan-state-change=${() => this.requestUpdate()}
    ></peliqan-connect>`;
  }

  override render() {
    // The flow answers to the dialog: "Done" closes it, and its close button too (product spec §4).
    return html`<dialog
      part="dialog"
      aria-label=${this.words.t('addConnection')}
      @close=${this.#closed}
      @peliqan-connected=${this.#connected}
      @peliqan-done=${() => this.close()}
    >
      ${this.#opened ? this.#content() : nothing}
    </dialog>`;
  }

  /** The flow once its code is in; until then its header with Close, and the wait or the failure with Retry. */
  #content() {
    const t = this.words.t;
    const waiting = notReady(this.#flowCode, this.words);
    if (waiting) {
      return html`<div class="root">
        ${stepHeader({ title: t('addConnection'), close: { label: t('close'), run: this.#close } })} ${waiting}
      </div>`;
    }
    return keyed(this.#round, this.#flowTemplate());
  }
}

/** The focused element, looked for inside shadow roots too. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
}

define('peliqan-connect-dialog', PeliqanConnectDialog);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connect-dialog': PeliqanConnectDialog;
  }
}
