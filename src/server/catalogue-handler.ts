import { connectorMatches } from '../api/connectors.js';
import { isPeliqanError } from '../api/errors.js';
import { fieldSchema, servertypeSchema, type Servertype } from '../api/schemas.js';
import { problem, rateLimited } from './answers.js';
import { sha256Hex } from './digest.js';
import type { PeliqanPartner } from './partner.js';

/** What `createCatalogueHandler` serves, and how long. */
export interface CatalogueHandlerOptions {
  partner: PeliqanPartner;
  /**
   * The connectors the partner offers: ids or `server_type` slugs (as the widget's `connectors`
   * attribute takes them), or a predicate. Every connector Peliqan lists when absent.
   */
  filter?: readonly (string | number)[] | ((servertype: Servertype) => boolean);
  /** Seconds one read of the catalogue is served for, to every customer and browser. Default 600. */
  maxAgeSeconds?: number;
  /** Called with failures to read the catalogue from Peliqan (the error carries no token). */
  onError?: (error: unknown) => void;
}

/** How long one read of the catalogue is served, by default: 10 minutes. */
export const DEFAULT_CATALOGUE_MAX_AGE = 600;

/** One read of the catalogue, ready to serve. */
interface Copy {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** When it is to be read again (ms since the epoch). */
  expires: number;
}

const encoder = new TextEncoder();

/** A strong ETag: the body's SHA-256. */
const etagOf = async (body: Uint8Array<ArrayBuffer>): Promise<string> => `"${await sha256Hex(body, 16)}"`;

/** True when `If-None-Match` names `etag` (or is `*`); weak validators compare equal (RFC 9110 §13.1.2). */
function isNotModified(request: Request, etag: string): boolean {
  const header = request.headers.get('if-none-match');
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/** A connect-form field cut to `fieldSchema`'s keys; undefined when the widget could not read it. */
function knownField(field: unknown): unknown {
  const parsed = fieldSchema.safeParse(field);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The connector as the widget reads it, and nothing more: the partner-token view of the catalogue may
 * carry what customers must not see. zod's copy of an object keeps only the keys its schema names, so
 * `servertypeSchema` (and `fieldSchema` for the form's fields, which it leaves open) is the one list.
 */
function widgetView(servertype: Servertype): Servertype {
  const view = servertypeSchema.parse(servertype);
  const form = view.settings?.connect_form;
  if (form && Array.isArray(form.fields)) {
    form.fields = form.fields.map(knownField).filter((field) => field !== undefined);
  } else if (form?.fields && typeof form.fields === 'object') {
    const entries = Object.entries(form.fields).map(([key, field]) => [key, knownField(field)] as const);
    form.fields = Object.fromEntries(entries.filter(([, field]) => field !== undefined));
  }
  return view;
}

function offered(filter: CatalogueHandlerOptions['filter']): (servertype: Servertype) => boolean {
  if (!filter) return () => true;
  if (typeof filter === 'function') return filter;
  return (servertype) => filter.some((wanted) => connectorMatches(servertype, wanted));
}

/**
 * The connector catalogue for the widget's `catalogue-url`, as a Fetch-API `GET` handler (Node `http`
 * and Express through `toNodeHandler()`). It reads `GET /api/servertypes` with the partner token, as
 * Peliqan's page shows (peliqan-api.md §7), once per `maxAgeSeconds` for every customer — one request
 * however many browsers miss at once — and answers the JSON list filtered to the connectors the partner
 * offers, each cut to the fields the widget reads, with `Cache-Control` and an `ETag` so that browsers
 * revalidate for a 304.
 */
export function createCatalogueHandler({
  partner,
  filter,
  maxAgeSeconds = DEFAULT_CATALOGUE_MAX_AGE,
  onError,
}: CatalogueHandlerOptions): (request: Request) => Promise<Response> {
  if (!(maxAgeSeconds >= 0)) throw new RangeError('maxAgeSeconds must be 0 or more');
  const keep = offered(filter);
  let copy: Copy | undefined;
  let reading: Promise<Copy> | undefined;

  const read = (): Promise<Copy> => {
    reading ??= (async () => {
      try {
        // No caller's signal: the read is shared, and one browser leaving must not stop it for the others.
        const offer = (await partner.servertypes()).filter(keep).map(widgetView);
        const body = encoder.encode(JSON.stringify(offer));
        copy = { body, etag: await etagOf(body), expires: Date.now() + maxAgeSeconds * 1000 };
        return copy;
      } finally {
        reading = undefined;
      }
    })();
    return reading;
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return problem(405, 'ERROR_METHOD', 'Use GET.', { Allow: 'GET, HEAD' });
    }
    let served = copy;
    if (!served || served.expires <= Date.now()) {
      const began = Date.now();
      try {
        served = await read();
      } catch (error) {
        onError?.(error);
        // A catalogue a few minutes old beats none: keep serving it, and read again on the next request.
        if (!served) return failure(error, partner.queue.retryAfterSince(began));
      }
    }
    const headers = {
      'Cache-Control': `public, max-age=${Math.max(0, Math.floor((served.expires - Date.now()) / 1000))}`,
      ETag: served.etag,
    };
    if (isNotModified(request, served.etag)) return new Response(null, { status: 304, headers });
    return new Response(request.method === 'HEAD' ? null : served.body, {
      headers: {
        ...headers,
        'Content-Type': 'application/json',
        'Content-Length': String(served.body.byteLength),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}

function failure(error: unknown, retryAfter: string | undefined): Response {
  if (isPeliqanError(error) && error.status === 429) return rateLimited(retryAfter);
  return problem(502, 'ERROR_UPSTREAM', 'Could not read the connector catalogue from Peliqan.');
}
