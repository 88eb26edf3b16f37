/**
 * What the widget reads out of a connector definition: its form fields (peliqan-api.md §4), whether it
 * uses OAuth, and a safe icon URL. Each of Peliqan's unknowns is decided in exactly one function here.
 */
import { fieldSchema, type ConnectField, type Connection, type PeliqanId, type Servertype } from './schemas.js';

/** How a field is rendered. */
export type FieldKind = 'text' | 'number' | 'secret' | 'textarea' | 'select' | 'checkbox';

/** A shown field of a connect form, ready to render. */
export interface FormField {
  /** The JSON key sent in `POST /api/servers`. */
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  helptext?: string;
  defaultValue?: string | boolean;
  options: { value: string; label: string }[];
  /** For a `number` field: whole numbers only, and the bounds when the definition (or the slot) gives them. */
  numeric?: NumberRule;
}

/** What a number field accepts. */
export interface NumberRule {
  integer: boolean;
  min?: number;
  max?: number;
}

/**
 * [assumed] Real definitions mark every field `input`, so the `port` slot is known by its name only:
 * a TCP port, a whole number from 1 to 65535.
 */
const PORT_RULE: NumberRule = { integer: true, min: 1, max: 65_535 };

/** The number rule of a field, from its slot and its declared `type` / `min` / `max`; none for other fields. */
function numberRule(key: string, type: string, field: ConnectField): NumberRule | undefined {
  if (key === 'port') return PORT_RULE;
  if (type !== 'number' && type !== 'integer') return undefined;
  return { integer: type === 'integer', min: asNumber(field.min), max: asNumber(field.max) };
}

/** A number, or a number written as text; anything else as nothing. */
function asNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

const KINDS: Record<string, FieldKind> = {
  number: 'number',
  integer: 'number',
  password: 'secret',
  secret: 'secret',
  textarea: 'textarea',
  multiline: 'textarea',
  select: 'select',
  checkbox: 'checkbox',
  boolean: 'checkbox',
};

/** `param1` → "Param 1", `api_key` → "Api key": what Peliqan shows when a field has no label. */
export const humanise = (key: string): string => {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])(\d)/gi, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function fieldKind(key: string, type: string): FieldKind {
  // [assumed] the `password` slot, or a type of password/secret, holds a secret.
  if (key === 'password') return 'secret';
  return KINDS[type] ?? 'text';
}

/** The stable identifier of a connector: its numeric id, else its `server_type` slug. */
export const connectorId = (servertype: Servertype): PeliqanId => servertype.id ?? (servertype.server_type as string);

/** True when `wanted` (an id or a slug, as typed in an attribute) names this connector. */
export const connectorMatches = (servertype: Servertype, wanted: string | number): boolean => {
  const value = String(wanted).trim().toLowerCase();
  return value !== '' && (String(servertype.id ?? '') === value || servertype.server_type?.toLowerCase() === value);
};

/** [assumed] The connector a connection was made with: its `servertype_id`, else its `server_type` slug. */
export const connectorKey = (connection: Connection): string | number | undefined =>
  connection.servertype_id ?? connection.server_type ?? undefined;

const read = new WeakMap<Servertype, FormField[]>();

/** A primitive as text; anything else as nothing. */
const asText = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/**
 * The shown fields of a connector's connect form, in the order Peliqan lists them. A field that is
 * not a valid field definition is left out.
 */
export function formFields(servertype: Servertype): FormField[] {
  let fields = read.get(servertype);
  if (fields) return fields;
  const given = servertype.settings?.connect_form?.fields;
  const entries = Array.isArray(given)
    ? given.map((field) => [(field as ConnectField | undefined)?.name, field] as const)
    : Object.entries(typeof given === 'object' ? given! : {});
  fields = [];
  for (const [key, raw] of entries) {
    const parsed = fieldSchema.safeParse(raw);
    if (!key || !parsed.success || parsed.data.show === false) continue;
    const field = parsed.data;
    const options = (field.options ?? []).flatMap((option) => {
      const value = asText(option) ?? asText((option as { value?: unknown } | null)?.value);
      return value === undefined ? [] : [{ value, label: asText((option as { label?: unknown }).label) ?? value }];
    });
    const type = (field.type ?? '').toLowerCase();
    const numeric = numberRule(key, type, field);
    const declared = numeric ? 'number' : fieldKind(key, type);
    const defaultValue = field.defaultvalue;
    fields.push({
      key,
      label: field.label?.trim() || humanise(key),
      // A select without options cannot be answered; let the customer type the value.
      kind: declared === 'select' && !options.length ? 'text' : declared,
      required: field.required === true,
      helptext: field.helptext?.trim() || undefined,
      defaultValue: typeof defaultValue === 'boolean' ? defaultValue : asText(defaultValue),
      options,
      ...(numeric && { numeric }),
    });
  }
  read.set(servertype, fields);
  return fields;
}

/**
 * [assumed] The OAuth-connector rule: a connect form of `"type": "oauth"`, `oauth: true` or
 * `auth_type: "oauth"` on the connector, or no shown field at all. The authoritative signal is still
 * the `oauth_url` in the create response (peliqan-api.md §4).
 */
export function isOAuthConnector(servertype: Servertype): boolean {
  if (servertype.oauth === true) return true;
  if (servertype.auth_type?.toLowerCase() === 'oauth') return true;
  if (servertype.settings?.connect_form?.type?.toLowerCase() === 'oauth') return true;
  return formFields(servertype).length === 0;
}

/** Lower case without accents: "Café" and "CAFE" both read "cafe". */
export const searchable = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * A connector name as it sorts: case and accents ignored, numbers by their value ("Item 2", "item 9",
 * "Item 10"). A plain string compare of these keys is the order, so thousands of connectors sort
 * without a locale-aware comparison per pair.
 */
export const nameSortKey = (name: string): string =>
  searchable(name).replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(16, '0'));

/** A connector's place in the picker: its `order` (none goes last), then its name's sort key. */
export interface SortPlace {
  order: number;
  key: string;
}

export const sortPlace = (servertype: Servertype): SortPlace => ({
  order: servertype.order ?? Infinity,
  key: nameSortKey(servertype.name),
});

/** The picker's one order (product spec §4): by `order`, then by name. */
export function bySortPlace(a: SortPlace, b: SortPlace): number {
  // Two without an order compare by name (∞ − ∞ is NaN, falsy).
  const order = a.order - b.order;
  if (order) return order;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

/** Orders connectors by `order`, then by name (product spec §4): the order the picker shows. */
export const byOrderThenName = (a: Servertype, b: Servertype): number => bySortPlace(sortPlace(a), sortPlace(b));
