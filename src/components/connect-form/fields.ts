/**
 * The connect form's fields, one render function per kind of field (peliqan-api.md §4). Ids go by
 * position: Peliqan's keys may hold characters that ids and selectors cannot.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FormField } from '../../api/connectors.js';
import type { FieldValue, FormModel } from '../../flow/form-model.js';

/** What a field needs from its form. */
export interface FieldContext {
  /** The field's position in the form, for its ids. */
  index: number;
  value: FieldValue | undefined;
  error?: string;
  /** Whether a secret is shown in clear. */
  revealed: boolean;
  /** True while the connection is being tested: the fields cannot change then. */
  locked: boolean;
  /** The words of the show/hide toggle of a secret. */
  revealLabel: string;
  /** The customer typed, chose or ticked. */
  change(value: FieldValue): void;
  /** The customer pressed the show/hide toggle. */
  toggleReveal(): void;
}

/** Every field of a form model; `locked` while the connection is being tested. */
export function renderFields(model: FormModel, locked: boolean, revealLabel: (label: string) => string) {
  return model.fields.map((field, index) =>
    renderField(field, {
      index,
      value: model.values[field.key],
      error: model.errors[field.key],
      revealed: model.revealed.has(field.key),
      locked,
      revealLabel: revealLabel(field.label),
      change: (value) => model.set(field.key, value),
      toggleReveal: () => model.toggleReveal(field.key),
    }),
  );
}

/** The id of a field's control; its help text and error hang off it. */
export const fieldId = (index: number) => `field-${index}`;

/** One field: label, control, help text and error, tied together for screen readers. */
export function renderField(field: FormField, context: FieldContext): TemplateResult {
  const id = fieldId(context.index);
  const { label, required, helptext } = field;
  const { error } = context;
  return html`<div part="field" class="field ${field.kind}">
    <label for=${id}>${label}${required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}</label>
    ${control(field, context)}
    ${helptext ? html`<p class="help" id=${`${id}-help`}>${helptext}</p>` : nothing}
    ${error ? html`<p class="error field-error" id=${`${id}-error`}>${error}</p>` : nothing}
  </div>`;
}

/** The attributes every control shares. */
function common(field: FormField, context: FieldContext) {
  const id = fieldId(context.index);
  const described = [field.helptext ? `${id}-help` : '', context.error ? `${id}-error` : ''].filter(Boolean);
  return { id, described: described.length ? described.join(' ') : nothing, invalid: Boolean(context.error) };
}

function control(field: FormField, context: FieldContext): TemplateResult {
  switch (field.kind) {
    case 'select':
      return selectControl(field, context);
    case 'textarea':
      return textareaControl(field, context);
    case 'checkbox':
      return checkboxControl(field, context);
    case 'secret':
      return secretControl(field, context);
    case 'number':
      return textControl(field, context, field.numeric?.integer ? 'numeric' : 'decimal');
    default:
      return textControl(field, context);
  }
}

const text = (value: FieldValue | undefined) => (typeof value === 'string' ? value : '');

function textControl(field: FormField, context: FieldContext, inputmode?: 'numeric' | 'decimal'): TemplateResult {
  const { id, described, invalid } = common(field, context);
  return html`<input
    id=${id}
    part="input"
    type="text"
    inputmode=${inputmode ?? nothing}
    ?required=${field.required}
    ?disabled=${context.locked}
    aria-invalid=${invalid ? 'true' : 'false'}
    aria-describedby=${described}
    .value=${text(context.value)}
    @input=${(event: Event) => context.change((event.target as HTMLInputElement).value)}
  />`;
}

function secretControl(field: FormField, context: FieldContext): TemplateResult {
  const { id, described, invalid } = common(field, context);
  // No spell check: Chrome's enhanced spell check can send a revealed password to a server.
  return html`<div class="reveal-group">
    <input
      id=${id}
      part="input"
      type=${context.revealed ? 'text' : 'password'}
      autocomplete="new-password"
      spellcheck="false"
      autocapitalize="off"
      ?required=${field.required}
      ?disabled=${context.locked}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${described}
      .value=${text(context.value)}
      @input=${(event: Event) => context.change((event.target as HTMLInputElement).value)}
    /><button
      type="button"
      class="reveal"
      aria-pressed=${context.revealed ? 'true' : 'false'}
      aria-label=${context.revealLabel}
      @click=${context.toggleReveal}
    >
      ${eye}
    </button>
  </div>`;
}

function textareaControl(field: FormField, context: FieldContext): TemplateResult {
  const { id, described, invalid } = common(field, context);
  return html`<textarea
    id=${id}
    part="input"
    ?required=${field.required}
    ?disabled=${context.locked}
    aria-invalid=${invalid ? 'true' : 'false'}
    aria-describedby=${described}
    .value=${text(context.value)}
    @input=${(event: Event) => context.change((event.target as HTMLTextAreaElement).value)}
  ></textarea>`;
}

function selectControl(field: FormField, context: FieldContext): TemplateResult {
  const { id, described, invalid } = common(field, context);
  const value = text(context.value);
  return html`<select
    id=${id}
    part="input"
    ?required=${field.required}
    ?disabled=${context.locked}
    aria-invalid=${invalid ? 'true' : 'false'}
    aria-describedby=${described}
    @change=${(event: Event) => context.change((event.target as HTMLSelectElement).value)}
  >
    ${field.required && value ? nothing : html`<option value=""></option>`}
    ${field.options.map(
      (option) => html`<option .value=${option.value} ?selected=${option.value === value}>${option.label}</option>`,
    )}
  </select>`;
}

function checkboxControl(field: FormField, context: FieldContext): TemplateResult {
  const { id, described, invalid } = common(field, context);
  return html`<input
    id=${id}
    part="input"
    type="checkbox"
    ?required=${field.required}
    ?disabled=${context.locked}
    aria-invalid=${invalid ? 'true' : 'false'}
    aria-describedby=${described}
    .checked=${context.value === true}
    @change=${(event: Event) => context.change((event.target as HTMLInputElement).checked)}
  />`;
}

const eye = html`<svg
  viewBox="0 0 24 24"
  width="20"
  height="20"
  aria-hidden="true"
  fill="none"
  stroke="currentColor"
  stroke-width="2"
>
  <path d="M1 12s4-7 11-7 11 7 11 7-4 7-11 7S1 12 1 12z" />
  <circle cx="12" cy="12" r="3" />
</svg>`;
