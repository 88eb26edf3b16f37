import { adoptStyles, css } from '@lit/reactive-element/css-tag.js';
import type { PropertyDeclaration } from 'lit';
import { startEarlyRequests } from '../../api/early-requests.js';
import { PeliqanError, reasonOf } from '../../api/errors.js';
import { CHOICE_PROPERTIES, DIALOG_PROPERTIES, attributeName, isSetting } from '../../config.js';
import { firstWord } from '../../i18n/catalogues.js';
import { ErrorReporter } from '../error-reporter.js';
import {
  DomElement,
  FlowOptionMembers,
  SettingMembers,
  define,
  emit,
  reflectState,
  type ElementState,
} from '../members.js';
import { ElementSettings } from '../resolve-settings.js';
import { controls, tokens } from '../control-styles.js';
import { showUnreachable } from '../unreachable-view.js';
import type { PeliqanConnectDialog } from './connect-dialog.js';
import type { DialogResult } from './options.js';

export type { DialogResult };

/** Its properties, its dialog's: from the tables Lit's elements declare theirs from. */
const PROPERTIES: Record<string, PropertyDeclaration> = DIALOG_PROPERTIES;

/** Attribute → property, for the properties that have one. */
const ATTRIBUTES = new Map(
  Object.entries(PROPERTIES).flatMap(([property, declaration]) => {
    const attribute = attributeName(property, declaration);
    return attribute ? [[attribute, property] as const] : [];
  }),
);

/** An attribute's value as its property takes it, as Lit's default converter reads it. */
function fromAttribute(value: string | null, declaration: PropertyDeclaration): unknown {
  if (declaration.type === Boolean) return value !== null;
  if (value === null) return undefined;
  if (declaration.type === Number) return Number(value);
  return value;
}

/** Its button, with `label` inside. */
function trigger(label: HTMLSlotElement): HTMLButtonElement {
  const button = document.createElement('button');
  button.className = 'open primary';
  button.type = 'button';
  button.part.add('button');
  button.append(label);
  return button;
}

const hostStyles = css`
  :host {
    display: inline-block;
  }
`;

/**
 * The whole flow in a dialog (product spec §4): a button — its words from the slot, default "Add
 * connection" — that opens `<peliqan-connect>` in a native modal `<dialog>`. The page behind is inert
 * and does not scroll; focus goes to the first step and back to the button on close; Escape and the
 * close button close it; at 480 px wide or less it fills the screen like a sheet. It closes itself after
 * "Done". Closing it while a connection is tested keeps following that connection (product spec §4,
 * "No surprise duplicates"). Takes the attributes of `<peliqan-connect>`; its events bubble out of it.
 *
 * The button itself is small and runs without Lit (product spec §2: a page that only shows it pays
 * little): the dialog's code loads when the pointer or focus reaches it, or on the first click.
 * @tagname peliqan-connect-button
 */
export class PeliqanConnectButton extends FlowOptionMembers(SettingMembers(DomElement)) {
  static observedAttributes = [...ATTRIBUTES.keys()];

  static {
    for (const [property, declaration] of Object.entries(PROPERTIES)) {
      Object.defineProperty(this.prototype, property, {
        configurable: true,
        enumerable: true,
        get(this: PeliqanConnectButton) {
          return this.#values.get(property);
        },
        set(this: PeliqanConnectButton, value: unknown) {
          this.#set(property, declaration, value);
        },
      });
    }
  }

  /** Skip the picker: this connector's id or `server_type` slug. */
  declare servertype?: string;
  /** Comma-separated ids or slugs to offer; with one entry the picker is skipped. */
  declare connectors?: string;

  #values = new Map<string, unknown>();
  /** An attribute being written from its property (`theme` reflects): not read back. */
  #reflecting = false;
  #errors = new ErrorReporter((detail) => emit(this, 'peliqan-error', detail));
  /** Its settings, as every element's; they reach its dialog as any enclosing element's reach those inside. */
  #settings = new ElementSettings(this, () => this.#requestRender());
  #state: ElementState = 'loading';
  #renderQueued = false;

  /** Its words: the slot's, else "Add connection" in its language. */
  #label = document.createElement('slot');
  #button = trigger(this.#label);
  /** The dialog's code: asked for once (again after a failure). */
  #code?: Promise<unknown>;
  /** Its dialog, made once its code is in, and kept: a connection under way goes on after a close. */
  #dialog?: PeliqanConnectDialog;
  /** The dialog's code is needed now (a click, `show()`), and not in yet. */
  #waiting = false;
  /** The dialog's code could not be loaded when it was needed. */
  #failed = false;
  #opening?: Promise<DialogResult>;

  constructor() {
    super();
    // Properties a page set before this element's code arrived are the element's own: take them in.
    for (const property of Object.keys(PROPERTIES)) {
      if (Object.hasOwn(this, property)) {
        const value = (this as Record<string, unknown>)[property];
        delete (this as Record<string, unknown>)[property];
        (this as Record<string, unknown>)[property] = value;
      }
    }
    this.#button.addEventListener('pointerenter', () => this.#preload());
    this.#button.addEventListener('focus', () => this.#preload());
    this.#button.addEventListener('click', () => void this.show());
  }

  /** @internal */
  override get state(): ElementState {
    return this.#state;
  }

  connectedCallback(): void {
    this.#drawButton();
    this.#settings.connect();
    this.#requestRender();
  }

  disconnectedCallback(): void {
    this.#settings.disconnect();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const property = ATTRIBUTES.get(attribute);
    if (!property || this.#reflecting) return;
    (this as Record<string, unknown>)[property] = fromAttribute(value, PROPERTIES[property]!);
  }

  /**
   * Opens the dialog. Resolves with `{ connectionId, servertype }` once it closes after a connection was
   * made, or null when it closes without one (or its code cannot be loaded).
   */
  show(): Promise<DialogResult> {
    this.#opening ??= this.#open().finally(() => (this.#opening = undefined));
    return this.#opening;
  }

  /** Closes the dialog (as Escape and its close button do). */
  close(): void {
    this.#dialog?.close();
  }

  /** Moves focus to its button. */
  override focus(options?: FocusOptions): void {
    this.#button.focus(options);
  }

  async #open(): Promise<DialogResult> {
    this.#startEarly();
    this.#waiting = true;
    this.#failed = false;
    this.#requestRender();
    try {
      const dialog = await this.#loadDialog();
      this.#waiting = false;
      this.#requestRender();
      return await dialog.show();
    } catch (error) {
      this.#waiting = false;
      this.#failed = true;
      this.#requestRender();
      this.#errors.report(new PeliqanError('network', reasonOf(error)));
      // Its error state, with Retry (the words the script tag's loader shows, in every language).
      showUnreachable(this, this.#settings.value.locale, () => {
        // Its button again, with the focus Retry had: where the dialog gives it back when it closes.
        this.#drawButton();
        this.#button.focus();
        void this.show();
      });
      return null;
    }
  }

  /** The dialog, once its code is in: made inside this element the first time. */
  async #loadDialog(): Promise<PeliqanConnectDialog> {
    this.#code ??= import('./connect-dialog.js').catch((error: unknown) => {
      this.#code = undefined;
      throw error;
    });
    await this.#code;
    if (!this.#dialog) {
      this.#dialog = document.createElement('peliqan-connect-dialog');
      this.#dialog.setAttribute('exportparts', 'dialog');
      this.#dialog.addEventListener('peliqan-state-change', () => this.#requestRender());
      // Which connectors to offer, handed on as they change (`#set`); its settings come by context.
      for (const property of Object.keys(CHOICE_PROPERTIES)) {
        (this.#dialog as unknown as Record<string, unknown>)[property] = this.#values.get(property);
      }
      this.shadowRoot!.append(this.#dialog);
    }
    return this.#dialog;
  }

  /**
   * The pointer or focus reached the button: its dialog is likely next. Its code and the flow's first
   * requests (its token, the partner's catalogue) start; a failure stays quiet until a click.
   */
  #preload(): void {
    if (this.#settings.value.problem) return;
    this.#startEarly();
    this.#loadDialog().then(
      (dialog) => dialog.preload(),
      () => undefined,
    );
  }

  /** The flow's first requests go out while its code is on its way; once it is in, the flow asks itself. */
  #startEarly(): void {
    const settings = this.#settings.value;
    if (!settings.problem && !this.#dialog) startEarlyRequests(settings);
  }

  /** The button (again, after the error state's Retry), with the shared sheets. */
  #drawButton(): void {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    adoptStyles(root, [tokens, controls, hostStyles]);
    root.replaceChildren(this.#button);
    if (this.#dialog) root.append(this.#dialog);
  }

  #set(property: string, declaration: PropertyDeclaration, value: unknown): void {
    if (Object.is(this.#values.get(property), value)) return;
    this.#values.set(property, value);
    if (this.#dialog && property in CHOICE_PROPERTIES) {
      (this.#dialog as unknown as Record<string, unknown>)[property] = value;
    }
    const attribute = attributeName(property, declaration);
    if (declaration.reflect && attribute) {
      this.#reflecting = true;
      if (value === undefined || value === null) this.removeAttribute(attribute);
      else this.setAttribute(attribute, String(value));
      this.#reflecting = false;
    }
    if (isSetting(property)) this.#settings.invalidate();
    this.#requestRender();
  }

  /** Renders once for any number of changes in a task. */
  #requestRender(): void {
    if (this.#renderQueued) return;
    this.#renderQueued = true;
    queueMicrotask(() => {
      this.#renderQueued = false;
      this.#render();
    });
  }

  #render(): void {
    if (!this.isConnected) return;
    const settings = this.#settings.value;
    const problem = settings.problem;
    this.#errors.reportProblem(this.localName, settings);
    // Its label is one of the first words, there in every shipped language before the language's
    // catalogue (which its dialog loads): a partner's own wording comes first, English last.
    this.#label.textContent = firstWord(settings.locale, 'addConnection');
    // While its code is on its way after a click: the button says so, and a second click waits too.
    if (this.#waiting) this.#button.setAttribute('aria-disabled', 'true');
    else this.#button.removeAttribute('aria-disabled');
    this.#state = this.#deriveState(problem);
    reflectState(this, this.#state, settings.scheme);
  }

  #deriveState(problem: PeliqanError | undefined): ElementState {
    if (problem || this.#failed) return 'error';
    if (this.#waiting) return 'loading';
    return this.#dialog?.state ?? 'ready';
  }
}

define('peliqan-connect-button', PeliqanConnectButton);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connect-button': PeliqanConnectButton;
  }
}
