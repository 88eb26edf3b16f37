/**
 * Requests to the partner's own endpoints that need no token — the token endpoint and the catalogue
 * endpoint — started before the code that reads their answers is there: by the script tag's loader
 * while the elements' code is on its way, by a connect button when the pointer reaches it (product
 * spec §2: "in parallel with the chunk fetch, never after it"). The client then takes that answer once
 * instead of asking again, and reads it as it reads its own (validation and token binding included):
 * each request is made by the one function below, whoever starts it.
 */
import { TOKEN_REFUSED_HEADER } from '../protocol/token.js';

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

/** A request made early, waiting to be taken. */
export interface EarlyRequest {
  key: string;
  response: Promise<Response>;
  /** `Date.now()` when it was sent. */
  sentAt: number;
}

/** An early answer older than this is not taken: the element that would have used it never came. */
const FRESH_MS = 60_000;

const waiting = new Map<string, EarlyRequest>();

/** What makes two requests the same: method, absolute URL, credentials and headers. */
function keyOf(url: string, init: RequestInit): string {
  const absolute = new URL(url, globalThis.location?.href).href;
  return JSON.stringify([init.method ?? 'GET', absolute, init.credentials, init.headers]);
}

/** Lets go of an answer nobody will read (a socket is held until its body is consumed or cancelled). */
const drop = (request: EarlyRequest) =>
  void request.response.then((response) => response.body?.cancel()).catch(() => undefined);

/** Sends a request now, unless the same one is already waiting to be taken. */
export function startEarly(url: string, init: RequestInit, fetcher: typeof fetch = fetch): EarlyRequest {
  const key = keyOf(url, init);
  const found = waiting.get(key);
  if (found && Date.now() - found.sentAt < FRESH_MS) return found;
  if (found) drop(found);
  const request = { key, response: fetcher(url, init), sentAt: Date.now() };
  // Its failure is the taker's to see (as its own would be): nobody may be waiting yet.
  request.response.catch(() => undefined);
  waiting.set(key, request);
  return request;
}

/** Takes over requests made by another copy of this module (the loader's, for the elements' code). */
export function adoptEarly(requests: readonly EarlyRequest[]): void {
  for (const request of requests) if (!waiting.has(request.key)) waiting.set(request.key, request);
}

/** Forgets every early request (a log-out, another customer: `reset()`). */
export function forgetEarlyRequests(): void {
  for (const request of waiting.values()) drop(request);
  waiting.clear();
}

/**
 * What a request of the client's sends through: an early answer to the very same request if one is
 * waiting and fresh (taken once, and the caller's abort still ends the wait), else `fetcher`.
 */
export function withEarlyAnswers(fetcher: typeof fetch): typeof fetch {
  return (input, init = {}) => {
    const key = keyOf(String(input), init);
    const request = waiting.get(key);
    waiting.delete(key);
    if (!request || Date.now() - request.sentAt >= FRESH_MS) {
      if (request) drop(request);
      return fetcher(input, init);
    }
    return untilAborted(request, init.signal);
  };
}

function untilAborted(request: EarlyRequest, signal: AbortSignal | null | undefined): Promise<Response> {
  if (!signal) return request.response;
  return new Promise((resolve, reject) => {
    const abort = () => {
      drop(request);
      reject(signal.reason);
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    request.response.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** What the first requests of a configuration need: where its token and its catalogue come from. */
export interface EarlySettings {
  token?: string;
  tokenProvider?: unknown;
  tokenUrl?: string;
  tokenCredentials?: RequestCredentials;
  catalogueUrl?: string;
}

/**
 * Starts what an element with these settings will ask first, before its code can: a token from the
 * token URL (when no ready token or provider comes first) and the partner's catalogue. Returns what it
 * started. Peliqan's own catalogue needs the token, so it waits for the client.
 */
export function startEarlyRequests(settings: EarlySettings, fetcher: typeof fetch = fetch): EarlyRequest[] {
  const { token, tokenProvider, tokenUrl, tokenCredentials = 'same-origin', catalogueUrl } = settings;
  const started: EarlyRequest[] = [];
  if (tokenUrl && !token && !tokenProvider) started.push(startEarly(tokenUrl, tokenRequest(tokenCredentials), fetcher));
  if (catalogueUrl) started.push(startEarly(catalogueUrl, catalogueRequest(tokenCredentials), fetcher));
  return started;
}
