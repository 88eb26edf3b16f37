/**
 * Which web pages may call the fake from a browser. Peliqan allows the one domain set per partner; the
 * fake allows pages on this machine (any port) and the origins it is given, so that a website open in
 * the same browser can neither read its answers nor drive its controls.
 */
import type { ServerResponse } from 'node:http';
import { TOKEN_REFUSED_HEADER } from '../protocol/token.js';
import { isLoopbackHost } from '../protocol/loopback.js';
import type { HeaderMap } from './http.js';

/** The origins the fake answers besides loopback pages, or `'*'` for any origin at all. */
export type AllowedOrigins = string[] | '*';

export interface OriginPolicy {
  allowed: AllowedOrigins;
  /** Whether pages on `localhost`, `127.0.0.1` or `[::1]` (any port) are allowed too. */
  loopback: boolean;
}

/** `http(s)://localhost`, `127.0.0.1` or `[::1]`, on any port. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    // An Origin header is exactly scheme://host[:port]; anything else is not a browser's.
    return /^https?:$/.test(url.protocol) && isLoopbackHost(url.hostname) && url.origin === origin;
  } catch {
    return false;
  }
}

function originAllowed(origin: string, policy: OriginPolicy): boolean {
  if (policy.allowed === '*') return true;
  return (policy.loopback && isLoopbackOrigin(origin)) || policy.allowed.includes(origin);
}

/** The CORS headers for an answer to `origin`; none when it is not allowed. */
export function corsHeaders(origin: string | undefined, policy: OriginPolicy): HeaderMap {
  if (!origin || !originAllowed(origin, policy)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Retry-After, X-Peliqan-Fake',
    Vary: 'Origin',
  };
}

/** Whether `cors` (from `corsHeaders`) lets the request's origin in: the one decision, made there. */
export const corsAllows = (cors: HeaderMap): boolean => 'Access-Control-Allow-Origin' in cors;

/** The answer to a CORS preflight: 204 with what may be sent for an allowed origin, else 403. */
export function answerPreflight(response: ServerResponse, cors: HeaderMap): void {
  if (!corsAllows(cors)) {
    response.writeHead(403);
    response.end();
    return;
  }
  response.writeHead(204, {
    ...cors,
    'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
    // The last one is for the fake's stand-in of the partner's token endpoint (`/__fake/token`), which a
    // widget asks again, with it, after Peliqan refused a token.
    'Access-Control-Allow-Headers': `Authorization, Content-Type, Accept, ${TOKEN_REFUSED_HEADER}`,
    'Access-Control-Max-Age': '600',
  });
  response.end();
}
