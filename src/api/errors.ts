/** The `code` of every error the widget reports (product spec §5). */
export type PeliqanErrorCode =
  | 'invalid-config'
  | 'unauthorized'
  | 'network'
  | 'http'
  | 'invalid-response'
  | 'invalid-oauth-url'
  | 'connection-failed'
  | 'timeout';

/** One problem found while validating an API response (a trimmed zod issue). */
export interface ResponseIssue {
  path: PropertyKey[];
  message: string;
}

interface PeliqanErrorFields {
  status?: number;
  /** Peliqan's machine-readable error, e.g. `ERROR_VALIDATION`. */
  error?: string;
  /** Peliqan's `detail`: human text, or an object naming fields. */
  detail?: unknown;
  issues?: ResponseIssue[];
  connectionId?: number | string;
  /** Where it went wrong: the partner's token endpoint, or Peliqan (the default). */
  source?: 'token-endpoint';
}

/**
 * Every failure of the client and the flows. Check `code` (never `instanceof` across bundles:
 * the script tag and an ESM copy may both be on a page).
 */
export class PeliqanError extends Error implements PeliqanErrorFields {
  override readonly name = 'PeliqanError';
  readonly code: PeliqanErrorCode;
  status?: number;
  error?: string;
  detail?: unknown;
  issues?: ResponseIssue[];
  connectionId?: number | string;
  source?: 'token-endpoint';

  constructor(code: PeliqanErrorCode, message: string, fields: PeliqanErrorFields = {}) {
    super(message);
    this.code = code;
    Object.assign(this, fields);
  }
}

/** True for any error made by this package, whichever copy of it made it. */
export const isPeliqanError = (value: unknown): value is PeliqanError =>
  (value as PeliqanError | undefined)?.name === 'PeliqanError';

/** True for the error a fetch or a wait throws when its `AbortSignal` fires. */
/** What went wrong, in words: an error's message, or the thrown value as text. */
export const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const isAbortError = (value: unknown): boolean => value instanceof Error && value.name === 'AbortError';

/**
 * [seen] Keys of a Django REST framework error `detail` that are about the whole request, not one field:
 * their messages are not prefixed with the key.
 */
const FORM_LEVEL_KEYS = new Set(['non_field_errors', '__all__', 'detail']);

/**
 * The human text of Peliqan's `detail`: a string, a list of messages, or an object of field → message(s),
 * whose messages say which field they are about (`param1: This field is required.`).
 */
export function detailText(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail || undefined;
  if (Array.isArray(detail)) return detail.map(detailText).filter(Boolean).join(' ') || undefined;
  if (detail && typeof detail === 'object') {
    const said = Object.entries(detail).flatMap(([key, value]) => {
      const text = detailText(value);
      if (!text) return [];
      return [FORM_LEVEL_KEYS.has(key) ? text : `${key}: ${text}`];
    });
    return said.join(' ') || undefined;
  }
  return undefined;
}
