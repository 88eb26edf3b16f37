import type { PeliqanError } from '../api/errors.js';
import { errorMessageKey } from '../i18n/error-message.js';
import type { MessageKey } from '../i18n/messages.js';
import { translate } from '../i18n/translate.js';

/** The words of one element, in the language its settings resolve to. */
export class Localize {
  #locale: () => string;

  constructor(locale: () => string) {
    this.#locale = locale;
  }

  get locale(): string {
    return this.#locale();
  }

  /** A message in the element's language. */
  t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.#locale(), key, params);

  /** The customer-facing words for an error (`reason`: its message as it may be shown, e.g. redacted). */
  errorText = (error: PeliqanError, reason = error.message): string =>
    this.t(errorMessageKey(error), { reason: withoutEndStop(reason) });
}

/** A reason without its closing full stop, for messages that end with one of their own. */
const withoutEndStop = (reason: string) => reason.replace(/[.。]\s*$/, '');
