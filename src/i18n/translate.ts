import { en, type MessageKey, type Messages } from './messages.js';

const catalogues: Record<string, Messages> = { en };

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

/** A message in `language` (falling back to English), with `{placeholders}` filled in as text. */
export function translate(language: string, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[language]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
