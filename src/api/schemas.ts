/**
 * Every shape the client accepts from Peliqan, validated with zod (peliqan-api.md §1, §3, §4).
 * Each schema is lenient where Peliqan's data is known to vary and strict where the widget relies
 * on a value (ids, names). Types come from here, never written twice.
 */
import * as z from 'zod/mini';

// zod compiles object parsers with `new Function` unless told not to; that breaks a strict CSP
// (`script-src 'self'`) and reports a violation even though zod catches it.
z.config({ jitless: true });

const text = z.optional(z.nullable(z.string()));
const flag = z.optional(z.nullable(z.boolean()));
const anything = z.optional(z.unknown());

/** Peliqan ids are numeric in the docs; accept non-empty strings too. */
export const idSchema = z.union([z.number(), z.string().check(z.minLength(1))]);

const optionSchema = z.union([
  z.string(),
  z.number(),
  z.object({ value: z.union([z.string(), z.number()]), label: text }),
]);

/** One field of a connector's connect form. Every attribute may be missing. */
export const fieldSchema = z.object({
  name: z.optional(z.string()),
  show: flag,
  label: text,
  required: flag,
  type: text,
  helptext: text,
  placeholder: text,
  defaultvalue: z.optional(z.nullable(z.union([z.string(), z.number(), z.boolean()]))),
  options: z.optional(z.nullable(z.array(optionSchema))),
});

/** A connector's connect form: fields keyed by the JSON key sent on create (or a list with `name`). */
export const connectFormSchema = z.object({
  type: text,
  helptext: text,
  fields: z.optional(z.nullable(z.union([z.record(z.string(), fieldSchema), z.array(fieldSchema)]))),
});

/** A connector definition from `GET /api/servertypes`. */
export const servertypeSchema = z
  .object({
    id: z.optional(idSchema),
    server_type: z.optional(z.string().check(z.minLength(1))),
    name: z.string(),
    category: text,
    order: z.optional(z.nullable(z.number())),
    icon_url: text,
    color: text,
    available: text,
    description: text,
    oauth: flag,
    auth_type: text,
    settings: z.optional(z.nullable(z.object({ connect_form: z.optional(z.nullable(connectFormSchema)) }))),
  })
  .check(
    z.refine((servertype) => servertype.id !== undefined || servertype.server_type !== undefined, {
      message: 'A connector needs an id or a server_type',
    }),
  );

/** A connection ("server") from `GET /api/servers` or `GET /api/server/<id>`. */
export const connectionSchema = z.object({
  id: idSchema,
  name: text,
  server_type: text,
  servertype_id: z.optional(z.nullable(idSchema)),
  health_status: text,
  status: text,
  health_message: anything,
  error: anything,
  detail: anything,
  message: anything,
  run_interval: z.optional(z.nullable(z.number())),
  is_target: flag,
  created_at: text,
});

/** The answer to `POST /api/servers`: the new connection, with `oauth_url` for OAuth connectors. */
export const createdConnectionSchema = z.extend(connectionSchema, {
  oauth_url: text,
});

/** `{"error": "ERROR_SOMETHING", "detail": …}`, the body of Peliqan's 4xx/5xx answers. */
export const errorBodySchema = z.object({
  error: z.optional(z.unknown()),
  detail: z.optional(z.unknown()),
});

/** One log entry. The shape is not public: anything is accepted and read by `logLine()`. */
export const logEntrySchema = z.unknown();

/** The partner's token endpoint answers `{"token": "…"}` (or `{"integration_token": "…"}`). */
export const tokenResponseSchema = z.union([
  z.object({ token: z.string().check(z.minLength(1)) }),
  z.object({ integration_token: z.string().check(z.minLength(1)) }),
]);

/**
 * Peliqan answers lists as a bare array, `{"data": […], "next": …}` or `{"results": […]}`;
 * this accepts all three and yields the array.
 */
const anyList = z.array(z.unknown());
const envelope = z.pipe(
  z.union([anyList, z.object({ data: anyList }), z.object({ results: anyList })]),
  z.transform((list) => (Array.isArray(list) ? list : 'data' in list ? list.data : list.results)),
);

export function listOf<T extends z.ZodMiniType>(item: T) {
  // Unwrap first, then check the items, so that issues point at the item (`3.name`), not the envelope.
  return z.pipe(envelope, z.array(item));
}

export type Servertype = z.infer<typeof servertypeSchema>;
export type ConnectField = z.infer<typeof fieldSchema>;
export type ConnectForm = z.infer<typeof connectFormSchema>;
export type Connection = z.infer<typeof connectionSchema>;
export type CreatedConnection = z.infer<typeof createdConnectionSchema>;
export type PeliqanId = z.infer<typeof idSchema>;
