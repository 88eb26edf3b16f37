/**
 * Every shape the client accepts from Peliqan, validated with zod (peliqan-api.md §1, §3, §4).
 * Lenient where Peliqan's data is known to vary, strict where the widget relies on a value (ids,
 * names). Peliqan writes null for "not set", so every optional attribute is `nullish`: that costs
 * far less than a `JSON.parse` reviver turning nulls into nothing (three times the parse of a large
 * catalogue). Types come from here, never written twice.
 */
import * as z from 'zod/mini';

// zod compiles object parsers with `new Function` unless told not to; that breaks a strict CSP
// (`script-src 'self'`) and reports a violation even though zod catches it.
z.config({ jitless: true });

/** An attribute that may be missing or null: Peliqan's "not set". Use it for every optional attribute. */
export const maybe = z.nullish;
/** A text attribute that may be missing or null. */
export const text = maybe(z.string());
const flag = maybe(z.boolean());
const anything = z.optional(z.unknown());

/** Peliqan's ids are numbers [doc]; a connector may have none and go by its `server_type` slug. */
export const idSchema = z.number();

/**
 * One field of a connector's connect form. Every attribute may be missing; `defaultvalue` and
 * `options` vary in type and are read by `formFields()`.
 */
export const fieldSchema = z.object({
  name: text,
  show: flag,
  label: text,
  required: flag,
  type: text,
  helptext: text,
  defaultvalue: anything,
  options: maybe(z.array(z.unknown())),
  /** [assumed] Bounds of a number field: numbers, or numbers written as text; read by `formFields()`. */
  min: anything,
  max: anything,
});

/**
 * A connector's connect form. `fields` is an object keyed by the JSON key sent on create, or a list
 * of fields with a `name`; `formFields()` checks each with `fieldSchema` and leaves out bad ones.
 */
export const connectFormSchema = z.object({
  type: text,
  helptext: text,
  fields: anything,
});

/** A connector definition from `GET /api/servertypes`. */
export const servertypeSchema = z
  .object({
    id: maybe(idSchema),
    server_type: text,
    name: z.string(),
    category: text,
    order: maybe(z.number()),
    icon_url: text,
    available: text,
    oauth: flag,
    auth_type: text,
    settings: maybe(z.object({ connect_form: maybe(connectFormSchema) })),
  })
  .check(
    z.refine(
      (servertype) => servertype.id != null || !!servertype.server_type,
      'A connector needs an id or a server_type',
    ),
  );

/**
 * Whether a catalogue entry passes `servertypeSchema`: the one check of "a connector the widget can
 * show". The entry itself is kept as sent (unknown fields included), not zod's copy of it.
 */
export const isServertype = (entry: unknown): entry is Servertype => servertypeSchema.safeParse(entry).success;

/**
 * A connection ("server") from `GET /api/servers`, `GET /api/server/<id>`, or the answer to
 * `POST /api/servers` (which carries `oauth_url` for OAuth connectors).
 */
export const connectionSchema = z.object({
  id: idSchema,
  name: text,
  server_type: text,
  servertype_id: maybe(idSchema),
  health_status: text,
  status: text,
  health_message: anything,
  error: anything,
  detail: anything,
  message: anything,
  created_at: text,
  oauth_url: text,
});

/** `{"error": "ERROR_SOMETHING", "detail": …}`, the body of Peliqan's 4xx/5xx answers. */
export const errorBodySchema = z.object({ error: anything, detail: anything });

/**
 * The partner's token endpoint answers `{"token": "…", "base_url": "…"}` (or `integration_token`);
 * `base_url`, the API origin the token is for, is optional (product spec §3 "Token binding").
 */
export const tokenResponseSchema = z.object({ token: text, integration_token: text, base_url: text });

/** One page of a list, whatever envelope Peliqan used, and the address of the next page if any. */
export interface ListPage {
  items: unknown[];
  next?: string;
}

/**
 * [seen] Peliqan answers lists as a bare array, `{"data": […], "next": …}` or `{"results": […],
 * "next": …}` (peliqan-api.md §1): the page, or undefined when `json` is none of these.
 */
export function listPage(json: unknown): ListPage | undefined {
  if (Array.isArray(json)) return { items: json };
  if (!json || typeof json !== 'object') return undefined;
  const envelope = json as { data?: unknown; results?: unknown; next?: unknown };
  const items = envelope.data ?? envelope.results;
  if (!Array.isArray(items)) return undefined;
  return typeof envelope.next === 'string' && envelope.next ? { items, next: envelope.next } : { items };
}

/** The items of a list in any envelope, or `json` itself when it is not one (for a schema to reject). */
export const unwrapList = (json: unknown): unknown => listPage(json)?.items ?? json;

export type Servertype = z.infer<typeof servertypeSchema>;
export type ConnectField = z.infer<typeof fieldSchema>;
export type ConnectForm = z.infer<typeof connectFormSchema>;
export type Connection = z.infer<typeof connectionSchema>;
/** The answer to `POST /api/servers`. */
export type CreatedConnection = Connection;
/** An identifier the widget passes around: a connection's id, or a connector's id or `server_type` slug. */
export type PeliqanId = z.infer<typeof idSchema> | string;
