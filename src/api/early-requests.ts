/**
 * Requests started before the code that reads their answers is there: by the script tag's loader
 * while the elements' code is on its way, by a connect button when the pointer reaches it (product
 * spec §2: "in parallel with the chunk fetch, never after it"). The client then takes that answer once
 * instead of asking again, and reads it as it reads its own (validation and token binding included).
 * Each request is built by the one function in `requests.ts`, whoever starts it, so that the client
 * finds it: only the very same request (method, URL, credentials, headers) is taken.
 */
import { REQUEST_TIMEOUT_MS, catalogueRequest, tokenRequest } from './requests.js';

/** A request made early, waiting to be taken. */
export interface EarlyRequest {
  key: string;
  response: Promise<Response>;
  /** `Date.now()` when it was sent. */
  sentAt: number;
  /** The request its answer leads to (Peliqan's catalogue once the token is in), if one may follow. */
  next?: FollowUp;
}

/** A read that may follow from an early answer, once that answer is read. */
interface FollowUp {
  /** The read it may bring (method and URL): the only request that waits for it to be decided. */
  target: string;
  /** The read, started; nothing when the answer allows none. */
  request: Promise<EarlyRequest | undefined>;
}

/** An early answer older than this is not taken: the element that would have used it never came. */
const FRESH_MS = 60_000;

const waiting = new Map<string, EarlyRequest>();
/** Follow-ups whose answer is in and being read, by the read each may bring. */
const deciding = new Map<Promise<void>, string>();
/** Counts `forgetEarlyRequests()` calls: a follow-up decided after one is for a customer who left. */
let generation = 0;

const absolute = (url: string) => new URL(url, globalThis.location?.href).href;

/** What makes two requests the same: method, absolute URL, credentials and headers. */
const keyOf = (url: string, init: RequestInit) =>
  JSON.stringify([init.method ?? 'GET', absolute(url), init.credentials, init.headers]);

/** What a follow-up may bring: method and absolute URL (its headers hold a token not known yet). */
const targetOf = (url: string, method = 'GET') => JSON.stringify([method, absolute(url)]);

/** Lets go of an answer nobody will read (a socket is held until its body is consumed or cancelled). */
const drop = (request: EarlyRequest) =>
  void request.response.then((response) => response.body?.cancel()).catch(() => undefined);

/**
 * Keeps `request` for the client to take. Its follow-up is waited for from the moment its answer is in
 * (reading it is quick then), and only by the read it may bring: a token endpoint that hangs holds up
 * no other request.
 */
function keep(request: EarlyRequest): void {
  if (!waiting.has(request.key)) waiting.set(request.key, request);
  const { next } = request;
  if (!next) return;
  const kept = generation;
  const decide = () => {
    if (kept !== generation) return;
    const decided: Promise<void> = next.request
      .then((found) => {
        if (!found) return;
        if (kept === generation) return keep(found);
        if (waiting.get(found.key) === found) waiting.delete(found.key);
        drop(found);
      })
      .finally(() => deciding.delete(decided));
    deciding.set(decided, next.target);
  };
  request.response.then(decide, () => undefined);
}

/** Sends a request now, unless the same one is already waiting to be taken. */
export function startEarly(url: string, init: RequestInit, fetcher: typeof fetch = fetch): EarlyRequest {
  const key = keyOf(url, init);
  const found = waiting.get(key);
  if (found && Date.now() - found.sentAt < FRESH_MS) return found;
  if (found) drop(found);
  // Timed like the client's own, body included: an answer that stalls half-way fails for both readers.
  const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const request = { key, response: fetcher(url, { ...init, signal }), sentAt: Date.now() };
  // Its failure is the taker's to see (as its own would be): nobody may be waiting yet.
  request.response.catch(() => undefined);
  waiting.set(key, request);
  return request;
}

/**
 * Reads `url` (a GET) as soon as `request`'s answer allows it: `follow` reads that answer (a clone: the
 * client reads it too) and gives the read's `RequestInit`, or nothing. Once per request; nothing is
 * sent for a customer who has left (`reset()`) meanwhile.
 */
export function startAfter(
  request: EarlyRequest,
  url: string,
  follow: (answer: Response) => Promise<RequestInit | undefined>,
  fetcher: typeof fetch = fetch,
): void {
  if (request.next) return;
  const started = generation;
  const made = request.response
    .then(async (answer) => {
      if (started !== generation) return undefined;
      const init = await follow(answer.clone());
      return init && started === generation ? startEarly(url, init, fetcher) : undefined;
    })
    // No answer, or one that cannot be read: nothing follows, and the client sees the failure as its own.
    .catch(() => undefined);
  request.next = { target: targetOf(url), request: made };
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

/** `promise`, unless `signal` aborts first: then `aborted` runs and the abort's reason rejects. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | null | undefined, aborted = () => {}): Promise<T> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const abort = () => {
      aborted();
      reject(signal.reason);
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * What a request of the client's sends through: an early answer to the very same request if one is
 * waiting and fresh (taken once, and the caller's abort still ends the wait), else `fetcher`. A read
 * that an early answer being read may bring waits for that first.
 */
export function withEarlyAnswers(fetcher: typeof fetch): typeof fetch {
  return async (input, init = {}) => {
    const url = String(input);
    const key = keyOf(url, init);
    const target = targetOf(url, init.method);
    const pending = [...deciding].filter(([, brings]) => brings === target).map(([decided]) => decided);
    if (!waiting.has(key) && pending.length) await untilAborted(Promise.all(pending), init.signal);
    const request = waiting.get(key);
    waiting.delete(key);
    if (!request || Date.now() - request.sentAt >= FRESH_MS) {
      if (request) drop(request);
      return fetcher(input, init);
    }
    return untilAborted(request.response, init.signal, () => drop(request));
  };
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
