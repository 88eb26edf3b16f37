/**
 * Which browsers' requests may mint a token: a page of another site must not be able to make a
 * logged-in customer's browser fetch a token for it (the session cookie would go along).
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

/**
 * True when `request` comes from a page of another site that `allowed` does not list:
 * - `Sec-Fetch-Site: cross-site` (every current browser sends it) is refused unless `Origin` is allowed;
 * - without `Sec-Fetch-Site` (older browsers), an `Origin` other than the request's own and not
 *   allowed is refused (`Origin: null`, from sandboxed frames and `file:` pages, too);
 * - without either header the caller is not a browser page (a server, curl): it is let through, and
 *   `identify()` decides, as for any request.
 */
export function isRefusedCrossSite(request: Request, allowed: ReadonlySet<string>): boolean {
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  if (site) return site === 'cross-site' && !(origin && allowed.has(origin));
  if (!origin) return false;
  return origin !== new URL(request.url).origin && !allowed.has(origin);
}
