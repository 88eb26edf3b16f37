import { messageIn } from './catalogues.js';
import { en, type MessageKey } from './messages.js';

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
  const template = messageIn(language, key) ?? en[key];
  // Plurals first, then the plain placeholders (which may stand inside a plural's forms): a value
  // the customer typed, such as a search for "{q, plural, other {x}}", is only ever shown as text.
  return plurals(template, language, params).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return typeof value === 'number' ? value.toLocaleString(language) : (value ?? '');
  });
}
