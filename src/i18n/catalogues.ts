import { PeliqanError, reasonOf } from '../api/errors.js';
import { FIRST_WORDS, type FirstWord } from './first-words.js';
import { baseLanguage, type ShippedLanguage } from './languages.js';
import type { MessageKey, Messages } from './messages.js';

/**
 * Which languages there are, and their messages as far as they are loaded: the shipped languages
 * (each loaded the first time an element shows it), and the partner's own words on top. English's
 * catalogue is not here: `translate()` (`translate.ts`) falls back to it, so that code that shows only
 * the first words (the connect button before its dialog is loaded) does not bring it.
 */

/**
 * The shipped languages besides English, each loaded the first time an element shows it (product
 * spec §2): a page in English never downloads Dutch.
 */
const SHIPPED: Record<Exclude<ShippedLanguage, 'en'>, () => Promise<Messages>> = {
  nl: () => import('./nl.js').then((module) => module.nl),
  fr: () => import('./fr.js').then((module) => module.fr),
  de: () => import('./de.js').then((module) => module.de),
};

/** The messages of each language in use: the shipped ones loaded so far, the partner's own on top. */
const catalogues: Record<string, Messages> = {};
/** What `registerMessages()` gave per language, kept to lay over a shipped language that arrives later. */
const registered: Record<string, Messages> = {};
/** Each shipped language asked for: its load, which settles once its messages are in or could not be had. */
const loads = new Map<string, Promise<void>>();
const loaded = new Set<string>(['en']);
/** A language whose messages could not be loaded, until an element has said so (once per page). */
const unannounced = new Map<string, PeliqanError>();

/** Adds (or overrides) messages for a language, e.g. a partner's own wording. */
export function registerMessages(language: string, messages: Messages): void {
  const key = language.toLowerCase();
  registered[key] = { ...registered[key], ...messages };
  catalogues[key] = { ...catalogues[key], ...messages };
}

/** The languages with messages: the shipped ones (loaded or not) and those a partner registered. */
export const knownLanguage = (language: string | null | undefined): string | undefined => {
  const base = baseLanguage(language);
  const known = base === 'en' || Object.hasOwn(catalogues, base ?? '') || Object.hasOwn(SHIPPED, base ?? '');
  return known ? base : undefined;
};

/**
 * While a shipped language's messages are on their way: a promise that settles when they are in (or
 * could not be had: English stands in). Undefined once they are in, and for English and the languages
 * a partner added: elements wait on it rather than flash English first.
 */
export function languageLoading(language: string): Promise<void> | undefined {
  if (!Object.hasOwn(SHIPPED, language) || loaded.has(language)) return undefined;
  const load = SHIPPED[language as keyof typeof SHIPPED];
  let pending = loads.get(language);
  if (!pending) {
    pending = load().then(
      (messages) => {
        catalogues[language] = { ...messages, ...registered[language] };
        loaded.add(language);
      },
      (error: unknown) => {
        // A missing translation is no reason to show nothing: English stands in for the page's life.
        loaded.add(language);
        const reason = reasonOf(error);
        unannounced.set(
          language,
          new PeliqanError('network', `The ${language} messages could not be loaded: ${reason}`),
        );
      },
    );
    loads.set(language, pending);
  }
  return pending;
}

/** The failure to load `language`'s messages, given once: to the first element that shows the language. */
export function languageFailure(language: string): PeliqanError | undefined {
  const failure = unannounced.get(language);
  unannounced.delete(language);
  return failure;
}

/**
 * For an element about to show `language`: while its messages load, a promise that settles once they
 * are in, a failure handed to `report` (once per page: to the first that waits). Nothing when they are in.
 */
export function languageWait(language: string, report: (failure: PeliqanError) => void): Promise<void> | undefined {
  return languageLoading(language)?.then(() => {
    const failure = languageFailure(language);
    if (failure) report(failure);
  });
}

/**
 * A message in `language` as far as it is there: the partner's words, the language's catalogue once
 * loaded, else its first words (`FIRST_WORDS`). Undefined when none has it: English's catalogue is next.
 */
export function messageIn(language: string, key: MessageKey): string | undefined {
  const first: Partial<Record<string, string>> | undefined = FIRST_WORDS[language as ShippedLanguage];
  return catalogues[language]?.[key] ?? first?.[key];
}

/** One of the first words in `language`: the partner's, else the language's, else English's. */
export const firstWord = (language: string, key: FirstWord): string => messageIn(language, key) ?? FIRST_WORDS.en[key];
