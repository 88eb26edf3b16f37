/** Which web pages may call the fake from a browser (Peliqan allows the one domain set per partner). */
import type { ServerResponse } from 'node:http';
import type { HeaderMap } from './http.js';

/** The origins CORS allows: a list, or `'*'` for any. */
export type AllowedOrigins = string[] | '*';

/** The CORS headers for an answer to `origin`; none when it is not allowed. */
export function corsHeaders(origin: string | undefined, allowed: AllowedOrigins): HeaderMap {
  if (!origin || (allowed !== '*' && !allowed.includes(origin))) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Retry-After',
    Vary: 'Origin',
  };
}

/** The answer to a CORS preflight: 204 with what may be sent for an allowed origin, else 403. */
export function answerPreflight(response: ServerResponse, cors: HeaderMap): void {
  if (!('Access-Control-Allow-Origin' in cors)) {
    response.writeHead(403);
    response.end();
    return;
  }
  response.writeHead(204, {
    ...cors,
    'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
    'Access-Control-Max-Age': '600',
  });
  response.end();
}
