/**
 * How each request of the widget is made: one function per kind, used by whoever sends it (the client,
 * the token source, the early requests of the script tag's loader and of a hovered button). A request
 * started early is taken by the client only when it is the very same request, so it must be built here.
 * Nothing here imports the schemas: the loader bundles this file.
 */
import { TOKEN_REFUSED_HEADER } from '../protocol/token.js';

/** How long a request may take, its answer's body included, unless the client is told otherwise. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Where the customer's catalogue is read from Peliqan (peliqan-api.md §3). */
export const CATALOGUE_PATH = '/api/servertypes';

/** How the widget asks the partner's endpoint for a token; `refused`: Peliqan refused the last one. */
export function tokenRequest(credentials: RequestCredentials, refused = false): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (refused) headers[TOKEN_REFUSED_HEADER] = '1';
  // Followed, unlike other requests with a method but GET: this one has no body to carry along, and a
  // redirect to a login page is how many partner back ends say that nobody is logged in.
  return { method: 'POST', credentials, headers, redirect: 'follow' };
}

/** How the widget reads the partner's catalogue endpoint (with the partner's cookies, as its token endpoint). */
export const catalogueRequest = (credentials: RequestCredentials): RequestInit => ({
  headers: { Accept: 'application/json' },
  credentials,
});

/**
 * How a request follows redirects: one with a body never does, since a 307 or 308 resends the body —
 * typed credentials included — to wherever it points, another origin too (browsers drop only the
 * `Authorization` header). A GET follows, and its caller checks where the answer came from.
 */
export const redirectFor = (method: string): RequestRedirect => (method === 'GET' ? 'follow' : 'error');

/** How the widget calls the Peliqan API with a customer's (or the partner's) token. */
export function apiRequest(token: string, method = 'GET', body?: object): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `JWT ${token}` };
  if (body) headers['Content-Type'] = 'application/json';
  return { method, headers, body: body && JSON.stringify(body), redirect: redirectFor(method) };
}
