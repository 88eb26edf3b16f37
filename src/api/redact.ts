/**
 * Keeping what the customer typed out of what others see (product spec §5). Peliqan's messages may
 * quote a typed value (Django's validation messages do), so every message shown or sent on is
 * redacted first. One rule, two strengths:
 * - on screen, the values of secret fields go (a host or a domain stays: it helps the customer);
 * - in event details, which reach the partner's page and logs, every typed value of 4 or more
 *   characters goes too.
 * A value is only ever redacted as a whole token, never inside a word ("the" in "Authentication"),
 * longest first (so a value that contains another goes whole), and in its JSON- and HTML-escaped forms.
 */

/** What a redacted value is replaced with. */
export const MASK = '•••';

/** Typed values shorter than this stay in event details unless they are secrets. */
export const MIN_EVENT_VALUE_LENGTH = 4;

/** One value the customer typed, and whether its field holds a secret. */
export interface TypedValue {
  value: string;
  secret: boolean;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `value` as it may appear inside a JSON string and inside HTML, besides as typed. */
function forms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const html = value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
  return [...new Set([value, json, html])];
}

/** `text` written as a regular expression that matches it literally. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A function that masks every whole-token occurrence of `values` (and their escaped forms). */
export function maskValues(values: string[]): (text: string) => string {
  const all = [...new Set(values.filter(Boolean).flatMap(forms))].sort((a, b) => b.length - a.length);
  if (!all.length) return (text) => text;
  // A letter, digit or underscore right before or after means the value sits inside a word.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${all.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  return (text) => text.replace(pattern, MASK);
}

/** The two redactions for one set of typed values. */
export interface Redaction {
  /** For what the customer sees: secrets go. */
  screen(text: string): string;
  /** For event details: secrets and every typed value of 4+ characters go. */
  event(text: string): string;
}

/** The redactions for what the customer typed into a form. */
export function redaction(typed: TypedValue[]): Redaction {
  const secrets = typed.filter((entry) => entry.secret).map((entry) => entry.value);
  const long = typed.filter((entry) => entry.value.length >= MIN_EVENT_VALUE_LENGTH).map((entry) => entry.value);
  return { screen: maskValues(secrets), event: maskValues([...secrets, ...long]) };
}

/** No typed values: nothing to redact. */
export const NO_REDACTION: Redaction = { screen: (text) => text, event: (text) => text };

/** `value` with every string in it redacted (Peliqan's `detail` may be text, or field → messages). */
export function redactDeep(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, redact)]));
  }
  return value;
}

/** The fields of a connection where Peliqan writes what went wrong, and may quote what was typed. */
const MESSAGE_FIELDS = ['health_message', 'error', 'detail', 'message'] as const;

/** A copy of `connection` whose messages are redacted, fit for an event detail. */
export function redactConnection<T extends Partial<Record<(typeof MESSAGE_FIELDS)[number], unknown>>>(
  connection: T,
  redact: (text: string) => string,
): T {
  const copy = { ...connection };
  for (const field of MESSAGE_FIELDS) {
    if (copy[field] !== undefined) copy[field] = redactDeep(copy[field], redact) as T[typeof field];
  }
  return copy;
}
