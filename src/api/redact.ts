/**
 * Keeping what the customer typed out of what others see (product spec §5). Peliqan's messages may
 * quote a typed value (Django's validation messages do), so every message shown or sent on is
 * redacted first. One rule, two strengths:
 * - on screen, the values of secret fields go (a host or a domain stays: it helps the customer);
 * - in event details, which reach the partner's page and logs, every typed value of 4 or more
 *   characters goes too.
 * How a value is found depends on its length. One of 6 or more characters goes wherever it appears —
 * inside a word (`token_<value>`), in any letter case, URL-encoded, in its JSON and HTML escapes and in
 * Base64 (a `Basic …` header) — and a secret also where a message cut it short after 8 or more
 * characters. A shorter value goes only as a whole word ("the" stays in "Authentication"); a single
 * character never goes (it would take every such word with it).
 */

/** What a redacted value is replaced with. */
export const MASK = '•••';

/** Typed values shorter than this stay in event details unless they are secrets. */
export const MIN_EVENT_VALUE_LENGTH = 4;

/** Values at least this long are found anywhere, in any letter case, and encoded. */
export const MIN_ANYWHERE_LENGTH = 6;

/** The shortest start of a secret that goes on its own (a message that cut the value short). */
export const MIN_PREFIX_LENGTH = 8;

/** One value the customer typed, and whether its field holds a secret. */
export interface TypedValue {
  value: string;
  secret: boolean;
}

/** Where a value was found in a text: `[start, end)`. */
type Span = [number, number];

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `value` as it may appear inside a JSON string and inside HTML, besides as typed. */
function escapedForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const html = value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
  return [value, json, html];
}

/** `value` as written into a URL (a connection string) or a form body, besides its escaped forms. */
function textForms(value: string): string[] {
  const encoded = encodeURIComponent(value);
  return [...new Set([...escapedForms(value), encoded, encoded.replace(/%20/g, '+')])];
}

/**
 * What Base64 makes of `value` wherever it sits in the encoded bytes (`user:<value>` in a `Basic`
 * header): Base64 writes 3 bytes as 4 characters, so the value's characters depend on its offset
 * modulo 3. For each offset, the characters that only the value's own bytes decide, in the standard
 * and the URL-safe alphabet.
 */
function base64Forms(value: string): string[] {
  const bytes = new TextEncoder().encode(value);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const forms: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = btoa('\0'.repeat(offset) + binary);
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(forms)];
}

/** `text` written as a regular expression that matches it literally. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const sameLetter = (a: string | undefined, b: string | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase());

/** How to find one form of a value: its first characters in any letter case, then as much more as follows. */
interface Start {
  head: RegExp;
  form: string;
}

/**
 * A `Start` for `form`: found whole, or by its first `min` characters and as much of the rest as
 * follows them (a message that cut the value short).
 */
const startOf = (form: string, min: number): Start => ({
  head: new RegExp(escapeRegExp(form.slice(0, min)), 'giu'),
  form,
});

/** Where `start`'s form appears in `text`, in any letter case. */
function spansOf(text: string, { head, form }: Start): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(head)) {
    let end = match.index + match[0].length;
    for (let at = match[0].length; at < form.length && sameLetter(text[end], form[at]); at++) end++;
    spans.push([match.index, end]);
  }
  return spans;
}

/** Base64 runs of `text` that hold one of `fragments` (as they are: Base64 has letter case). */
function base64RunsWith(text: string, fragments: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const fragment of fragments) {
    for (let at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) {
      let start = at;
      let end = at + fragment.length;
      while (start > 0 && BASE64_CHAR.test(text[start - 1]!)) start--;
      while (end < text.length && BASE64_CHAR.test(text[end]!)) end++;
      while (text[end] === '=') end++;
      spans.push([start, end]);
    }
  }
  return spans;
}

const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

/** `text` with every span replaced by one mask (overlapping or touching spans as one). */
function maskSpans(text: string, spans: Span[]): string {
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let done = 0;
  for (let index = 0; index < spans.length;) {
    const [start] = spans[index]!;
    let end = spans[index]![1];
    for (index++; index < spans.length && spans[index]![0] <= end; index++) end = Math.max(end, spans[index]![1]);
    out += text.slice(done, start) + MASK;
    done = end;
  }
  return out + text.slice(done);
}

/** A function that masks every occurrence of `values` in a text (see above); a plain string is a secret. */
export function maskValues(values: readonly (string | TypedValue)[]): (text: string) => string {
  const typed = values.map((entry) => (typeof entry === 'string' ? { value: entry, secret: true } : entry));
  const short = typed.filter(({ value }) => value.length > 1 && value.length < MIN_ANYWHERE_LENGTH);
  const long = typed.filter(({ value }) => value.length >= MIN_ANYWHERE_LENGTH);
  const words = [...new Set(short.flatMap(({ value }) => escapedForms(value)))].sort((a, b) => b.length - a.length);
  // A letter, digit or underscore right before or after means the value sits inside a word.
  const wholeWord =
    words.length > 0 &&
    new RegExp(`(?<![\\p{L}\\p{N}_])(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  const anywhere = long.flatMap(({ value, secret }) =>
    textForms(value).map((form) => startOf(form, secret ? MIN_PREFIX_LENGTH : form.length)),
  );
  const base64 = [...new Set(long.flatMap(({ value }) => base64Forms(value)))];
  if (!wholeWord && !anywhere.length) return (text) => text;
  return (text) => {
    const spans: Span[] = wholeWord
      ? [...text.matchAll(wholeWord)].map((match): Span => [match.index, match.index + match[0].length])
      : [];
    for (const start of anywhere) spans.push(...spansOf(text, start));
    spans.push(...base64RunsWith(text, base64));
    return maskSpans(text, spans);
  };
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
  const secrets = typed.filter((entry) => entry.secret);
  const shown = typed.filter((entry) => entry.secret || entry.value.length >= MIN_EVENT_VALUE_LENGTH);
  return { screen: maskValues(secrets), event: maskValues(shown) };
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
