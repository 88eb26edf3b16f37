/**
 * Which browsers' requests may mint a token: a page of another site must not be able to make a
 * logged-in customer's browser fetch a token for it (the session cookie would go along). The
 * partner's own pages on other origins (`allowedOrigins`) may, and get the CORS headers to read it.
 */

/** The allowed origins, normalised (`https://Partner.example/` → `https://partner.example`). */
export function normaliseOrigins(origins: readonly string[] = []): Set<string> {
  return new Set(
    origins.map((origin) => {
      const parsed = URL.canParse(origin) ? new URL(origin) : undefined;
      if (!parsed || parsed.origin === 'null')
        throw new TypeError(`allowedOrigins: ${JSON.stringify(origin)} is not an origin`);
      return parsed.origin;
    }),
  );
}

/** The request's `Origin` when `allowed` lists it. */
function allowedOrigin(request: Request, allowed: ReadonlySet<string>): string | undefined {
  const origin = request.headers.get('origin');
  return origin && allowed.has(origin) ? origin : undefined;
}

/**
 * True when `request` comes from a page that is not the endpoint's own origin and that `allowed` does
 * not list:
 * - `Sec-Fetch-Site: cross-site` or `same-site` (every current browser sends it) is refused unless
 *   `Origin` is allowed or, for `same-site`, the endpoint's own: a sibling subdomain with user content
 *   is the same site, but not the partner's page;
 * - without `Sec-Fetch-Site` (older browsers), an `Origin` other than the request's own and not
 *   allowed is refused (`Origin: null`, from sandboxed frames and `file:` pages, too);
 * - without either header the caller is not a browser page (a server, curl): it is let through, and
 *   `identify()` decides, as for any request.
 */
export function isRefusedCrossSite(request: Request, allowed: ReadonlySet<string>): boolean {
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  if (allowedOrigin(request, allowed)) return false;
  if (site) return site === 'cross-site' || (site === 'same-site' && origin !== new URL(request.url).origin);
  if (!origin) return false;
  return origin !== new URL(request.url).origin;
}

/**
 * The CORS headers of an answer to `request`: for an allowed origin, that origin with credentials
 * (`Retry-After` readable, for the widget's wait after a 429 or 503); for any other, none.
 */
export function corsHeaders(request: Request, allowed: ReadonlySet<string>): Record<string, string> {
  const origin = allowedOrigin(request, allowed);
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': 'Retry-After',
    Vary: 'Origin',
  };
}

/** Seconds a browser may keep a preflight's answer. */
const PREFLIGHT_MAX_AGE = 600;

/** The answer to an allowed origin's CORS preflight for `method`; undefined for any other request. */
export function preflightAnswer(request: Request, allowed: ReadonlySet<string>, method: string): Response | undefined {
  const cors = corsHeaders(request, allowed);
  if (request.method !== 'OPTIONS' || !cors['Access-Control-Allow-Origin']) return undefined;
  const asked = request.headers.get('access-control-request-headers');
  return new Response(null, {
    status: 204,
    headers: {
      ...cors,
      'Access-Control-Allow-Methods': method,
      // The partner's own page may send what headers it likes to its own endpoint.
      ...(asked ? { 'Access-Control-Allow-Headers': asked } : {}),
      'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE),
      Vary: 'Origin, Access-Control-Request-Headers',
    },
  });
}
