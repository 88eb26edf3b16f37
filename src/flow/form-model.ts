import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formFields, type FormField } from '../api/connectors.js';
import type { PeliqanError } from '../api/errors.js';
import type { TypedValue } from '../api/redact.js';
import type { Servertype } from '../api/schemas.js';
import { onReset } from '../config.js';
import type { Translate } from '../i18n/messages.js';

/** A field's value: text, or a checkbox's state. */
export type FieldValue = string | boolean;

/** The model words its field errors with the element's `t()`. */
export type { Translate };

const isEmpty = (value: FieldValue | undefined) => value === undefined || value === '';

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/**
 * The model of a connect form, apart from rendering: the shown fields, the customer's values, the
 * field errors (from the form's own checks or from Peliqan's answer), and what to send. What one
 * customer typed never outlives `PeliqanEmbed.reset()` (product spec §3).
 */
export class FormModel implements ReactiveController {
  fields: FormField[] = [];
  values: Record<string, FieldValue> = {};
  errors: Record<string, string> = {};
  /** The message about the form as a whole, if any. */
  formError?: string;
  /** Secret fields shown in clear. */
  revealed = new Set<string>();
  #host: ReactiveControllerHost;
  #stopReset?: () => void;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#stopReset = onReset(() => this.empty());
  }

  hostDisconnected(): void {
    this.#stopReset?.();
  }

  /** Starts over with a connector's fields and their default values. */
  adopt(servertype: Servertype): void {
    this.fields = formFields(servertype);
    this.empty();
  }

  /** Every field back to its default, nothing revealed, no error: the values typed are gone. */
  empty(): void {
    this.values = Object.fromEntries(
      this.fields.map((field) => [field.key, field.defaultValue ?? (field.kind === 'checkbox' ? false : '')]),
    );
    this.errors = {};
    this.formError = undefined;
    this.revealed.clear();
    this.#host.requestUpdate();
  }

  /** Shows the values an attempt under way sent (the customer came back to it). */
  restore(values: Readonly<Record<string, unknown>>): void {
    for (const field of this.fields) {
      const value = values[field.key];
      if (typeof value === 'string' || typeof value === 'boolean') this.values[field.key] = value;
    }
    this.#host.requestUpdate();
  }

  /** Shows or hides a secret. */
  toggleReveal(key: string): void {
    if (!this.revealed.delete(key)) this.revealed.add(key);
    this.#host.requestUpdate();
  }

  /** The customer changed a value: keep it, and let go of that field's error. */
  set(key: string, value: FieldValue): void {
    this.values = { ...this.values, [key]: value };
    if (this.errors[key]) this.errors = { ...this.errors, [key]: '' };
    this.#host.requestUpdate();
  }

  /**
   * Checks every field (required, numbers); returns true when all is well, else marks the bad ones
   * and says so in the form's message.
   */
  validate(t: Translate): boolean {
    const errors: Record<string, string> = {};
    for (const field of this.fields) {
      const problem = fieldProblem(field, this.values[field.key], t);
      if (problem) errors[field.key] = problem;
    }
    this.errors = errors;
    const valid = Object.keys(errors).length === 0;
    this.formError = valid ? undefined : t('fixFields');
    this.#host.requestUpdate();
    return valid;
  }

  /** The values to send: every shown field the customer filled in. */
  body(): Record<string, FieldValue> {
    const body: Record<string, FieldValue> = {};
    for (const field of this.fields) {
      const value = this.values[field.key];
      if (value === undefined || value === '') continue;
      body[field.key] = typeof value === 'string' && field.kind === 'number' ? value.trim() : value;
    }
    return body;
  }

  /**
   * Field errors from Peliqan's answer (`detail` naming fields, as Django does; already masked for the
   * screen by the attempt). Returns true when at least one field was named.
   */
  showServerErrors(error: PeliqanError): boolean {
    const detail = error.code === 'http' && error.detail && typeof error.detail === 'object' ? error.detail : {};
    const errors: Record<string, string> = {};
    for (const { key } of this.fields) {
      if (!Object.hasOwn(detail, key)) continue;
      const said = (detail as Record<string, unknown>)[key];
      errors[key] = Array.isArray(said) ? said.map(String).join(' ') : String(said);
    }
    this.errors = errors;
    this.#host.requestUpdate();
    return Object.keys(errors).length > 0;
  }

  /** The first field with an error, if any. */
  get firstInvalid(): FormField | undefined {
    return this.fields.find((field) => this.errors[field.key]);
  }

  /** Clears every error. */
  clearErrors(): void {
    this.errors = {};
    this.formError = undefined;
    this.#host.requestUpdate();
  }

  /**
   * Shows a failure: at the fields Peliqan named (with `fixFields` as the form's message), else as
   * the form's message, worded by `describe`.
   */
  showFailure(failed: PeliqanError, fixFields: string, describe: (failed: PeliqanError) => string): void {
    const named = this.showServerErrors(failed);
    this.formError = named ? fixFields : describe(failed);
    this.#host.requestUpdate();
  }

  /** What is typed now, for the attempt to mask out of what others see (product spec §5). */
  typed(): TypedValue[] {
    return this.fields.flatMap((field) => {
      const value = this.values[field.key];
      return typeof value === 'string' && value ? [{ value, secret: field.kind === 'secret' }] : [];
    });
  }
}

/** What is wrong with one field's value, in words, or undefined. */
export function fieldProblem(field: FormField, value: FieldValue | undefined, t: Translate): string | undefined {
  const { label, required, numeric } = field;
  const blank = isEmpty(value) || (typeof value === 'string' && !value.trim());
  if (required && blank) return t('fieldRequired', { label });
  if (blank || !numeric || typeof value !== 'string') return undefined;
  // Plain decimal notation only: `Number()` would also take "0x10", "1e3" and "Infinity".
  if (!DECIMAL.test(value.trim())) return t('fieldNumber', { label });
  const number = Number(value.trim());
  if (numeric.integer && !Number.isInteger(number)) return t('fieldInteger', { label });
  // Bounds as written ("65535", not "65,535": a port is not a quantity).
  if (numeric.min !== undefined && number < numeric.min) return t('fieldMin', { label, min: String(numeric.min) });
  if (numeric.max !== undefined && number > numeric.max) return t('fieldMax', { label, max: String(numeric.max) });
  return undefined;
}
