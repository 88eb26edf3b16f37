import { de } from './de.js';
import { en, type MessageKey, type Messages } from './messages.js';
import { fr } from './fr.js';
import { nl } from './nl.js';

/** The built-in languages (product spec §3); `registerMessages()` adds others and rewords single keys. */
const catalogues: Record<string, Messages> = { en, nl, fr, de };

/** Adds (or overrides) messages for a language, e.g. a partner's own wording. */
export function registerMessages(language: string, messages: Messages): void {
  const key = language.toLowerCase();
  catalogues[key] = { ...catalogues[key], ...messages };
}

/** The languages with messages. */
export const knownLanguage = (language: string | null | undefined): string | undefined => {
  const base = language?.toLowerCase().split('-')[0];
  return base && catalogues[base] ? base : undefined;
};

const pluralRules = new Map<string, Intl.PluralRules>();

/** `one`, `few`, `other`… for `count` in `language`. */
function pluralCategory(language: string, count: number): string {
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  return rules.select(count);
}

/**
 * `{count, plural, one {# connector} other {# connectors}}`: the form for the number, `#` being the
 * number written for the language. Only this one construct of ICU's message format is understood.
 */
const PLURAL = /\{(\w+), plural,((?:\s*\w+ \{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
/** One form of a plural: its category and its text, which may hold `{placeholders}`. */
const FORM = /(\w+) \{((?:[^{}]|\{\w+\})*)\}/g;

function plurals(template: string, language: string, params: Record<string, string | number>): string {
  return template.replace(PLURAL, (_, name: string, forms: string) => {
    const count = Number(params[name]);
    const wanted = pluralCategory(language, count);
    const found = new Map([...forms.matchAll(FORM)].map(([, category, text]) => [category, text ?? '']));
    const text = found.get(wanted) ?? found.get('other') ?? '';
    return text.replaceAll('#', count.toLocaleString(language));
  });
}

/** A message in `language` (falling back to English), with `{placeholders}` filled in as text. */
export function translate(language: string, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[language]?.[key] ?? en[key];
  // Plurals first, then the plain placeholders (which may stand inside a plural's forms): a value
  // the customer typed, such as a search for "{q, plural, other {x}}", is only ever shown as text.
  return plurals(template, language, params).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return typeof value === 'number' ? value.toLocaleString(language) : (value ?? '');
  });
}
