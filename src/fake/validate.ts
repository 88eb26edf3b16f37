/**
 * Request-body checks worded as Django REST framework words them, so that a client meets the same
 * `{"field": ["message"]}` detail from the fake as from Peliqan (a Django application).
 */

/** One field's rule: its check answers a message for a bad value, nothing for a good one. */
export interface FieldRule {
  required?: boolean;
  nullable?: boolean;
  check: (value: unknown) => string | undefined;
}

/** Field name → the messages for it; empty when the body is good. */
export type FieldErrors = Record<string, string[]>;

export const text = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return 'Not a valid string.';
  return value.trim() ? undefined : 'This field may not be blank.';
};

/** Text that may be empty, e.g. a script that has no code yet. */
export const anyText = (value: unknown): string | undefined =>
  typeof value === 'string' ? undefined : 'Not a valid string.';

export const integer = (value: unknown): string | undefined =>
  Number.isInteger(value) ? undefined : 'A valid integer is required.';

export const boolean = (value: unknown): string | undefined =>
  typeof value === 'boolean' ? undefined : 'Must be a valid boolean.';

export const choice =
  (...choices: string[]) =>
  (value: unknown): string | undefined =>
    typeof value === 'string' && choices.includes(value) ? undefined : `"${String(value)}" is not a valid choice.`;

/** A reference to another object by id, which must be one of `known`. */
export const primaryKey =
  (known: (id: number) => boolean) =>
  (value: unknown): string | undefined => {
    if (!Number.isInteger(value)) return `Incorrect type. Expected pk value, received ${typeof value}.`;
    return known(value as number) ? undefined : `Invalid pk "${String(value)}" - object does not exist.`;
  };

/**
 * The messages for `body` under `rules`. With `partial` (a PATCH) a missing field is fine, as in
 * Django REST framework's partial updates.
 */
export function fieldErrors(
  body: Record<string, unknown>,
  rules: Record<string, FieldRule>,
  partial = false,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, rule] of Object.entries(rules)) {
    const value = body[key];
    let message: string | undefined;
    if (value === undefined) {
      if (rule.required && !partial) message = 'This field is required.';
    } else if (value === null) {
      if (!rule.nullable) message = 'This field may not be null.';
    } else {
      message = rule.check(value);
    }
    if (message) errors[key] = [message];
  }
  return errors;
}
