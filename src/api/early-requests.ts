/**
 * Requests started before the code that reads their answers is there: by the script tag's loader
 * while the elements' code is on its way, by a connect button when the pointer reaches it (product
 * spec §2: "in parallel with the chunk fetch, never after it"). The client then takes that answer once
 * instead of asking again, and reads it as it reads its own (validation and token binding included).
 * Each request is built by the one function in `requests.ts`, whoever starts it, so that the client
 * finds it: only the very same request (method, URL, credentials, headers) is taken.
 */
import { catalogueRequest, tokenRequest } from './requests.js';

/** A request made early, waiting to be taken. */
export interface EarlyRequest {
  key: string;
  response: Promise<Response>;
  /** `Date.now()` when it was sent. */
  sentAt: number;
  /**
   * The request this one's answer leads to (Peliqan's catalogue once the token is in), or nothing:
   * settled once that is decided.
   */
  next?: Promise<EarlyRequest | undefined>;
}

/** An early answer older than this is not taken: the element that would have used it never came. */
const FRESH_MS = 60_000;

const waiting = new Map<string, EarlyRequest>();
/** Follow-up requests still being decided: a request with no early answer waits for them first. */
const deciding = new Set<Promise<void>>();
/** Counts `forgetEarlyRequests()` calls: a follow-up decided after one is for a customer who left. */
let generation = 0;

/** What makes two requests the same: method, absolute URL, credentials and headers. */
function keyOf(url: string, init: RequestInit): string {
  const absolute = new URL(url, globalThis.location?.href).href;
  return JSON.stringify([init.method ?? 'GET', absolute, init.credentials, init.headers]);
}

/** Lets go of an answer nobody will read (a socket is held until its body is consumed or cancelled). */
const drop = (request: EarlyRequest) =>
  void request.response.then((response) => response.body?.cancel()).catch(() => undefined);

/** Keeps `request` for the client to take, and the request that follows from it once that is decided. */
function keep(request: EarlyRequest): void {
  if (!waiting.has(request.key)) waiting.set(request.key, request);
  const { next } = request;
  if (!next) return;
  const kept = generation;
  const decided: Promise<void> = next
    .then(
      (found) => {
        if (found && kept === generation) keep(found);
        else if (found) drop(found);
      },
      () => undefined,
    )
    .finally(() => deciding.delete(decided));
  deciding.add(decided);
}

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

/**
 * Makes the request that `request`'s answer leads to, as soon as that answer is in: `next` reads the
 * answer (a clone: the client reads it too) and starts the request, or gives nothing. Once per request.
 */
export function startAfter(request: EarlyRequest, next: (answer: Response) => Promise<EarlyRequest | undefined>): void {
  if (request.next) return;
  const started = generation;
  // Nothing follows for a customer who has left (`reset()`) by the time the answer is in.
  request.next = request.response.then((answer) => (started === generation ? next(answer.clone()) : undefined));
  keep(request);
}

/** Takes over requests made by another copy of this module (the loader's, for the elements' code). */
export function adoptEarly(requests: readonly EarlyRequest[]): void {
  for (const request of requests) keep(request);
}

/** Forgets every early request (a log-out, another customer: `reset()`). */
export function forgetEarlyRequests(): void {
  for (const request of waiting.values()) drop(request);
  waiting.clear();
  deciding.clear();
  generation++;
}

/** Until the follow-ups being decided are, or `signal` aborts: one of them may be the request asked for. */
function followUps(signal: AbortSignal | null | undefined): Promise<unknown> {
  const decided = Promise.all(deciding);
  if (!signal) return decided;
  return Promise.race([
    decided,
    new Promise((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    }),
  ]);
}

/**
 * What a request of the client's sends through: an early answer to the very same request if one is
 * waiting and fresh (taken once, and the caller's abort still ends the wait), else `fetcher`.
 */
export function withEarlyAnswers(fetcher: typeof fetch): typeof fetch {
  return async (input, init = {}) => {
    const key = keyOf(String(input), init);
    if (!waiting.has(key) && deciding.size) await followUps(init.signal);
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
 * token URL (when no ready token or provider comes first), and the partner's catalogue. Returns what it
 * started, the token request first. Peliqan's own catalogue needs the token: `startFirstRequests()`
 * (`early-catalogue.ts`) adds it once the token is in.
 */
export function startEarlyRequests(settings: EarlySettings, fetcher: typeof fetch = fetch): EarlyRequest[] {
  const { token, tokenProvider, tokenUrl, tokenCredentials = 'same-origin', catalogueUrl } = settings;
  const started: EarlyRequest[] = [];
  if (tokenUrl && !token && !tokenProvider) started.push(startEarly(tokenUrl, tokenRequest(tokenCredentials), fetcher));
  if (catalogueUrl) started.push(startEarly(catalogueUrl, catalogueRequest(tokenCredentials), fetcher));
  return started;
}
