import type * as z from 'zod/mini';
import { PeliqanError, detailText, isAbortError } from './errors.js';
import { errorBodySchema, unwrapList } from './schemas.js';
import { originOf } from './urls.js';

/**
 * A signal that aborts when any of `signals` does. `AbortSignal.any` is missing before Safari 17.4
 * and Firefox 124 (product spec baseline: Safari 16.4, Firefox 115), so this falls back to a
 * controller whose listeners are removed once it fires.
 */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  const stop = () => {
    for (const signal of signals) signal.removeEventListener('abort', onAbort);
  };
  const onAbort = (event: Event) => {
    stop();
    controller.abort((event.target as AbortSignal).reason);
  };
  for (const signal of signals) {
    if (signal.aborted) {
      stop();
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', onAbort);
  }
  return controller.signal;
}

/**
 * One HTTP exchange: the response, or the network failure as a `PeliqanError` (`network`). An abort by
 * the caller is rethrown; the request's own `timeout` (ms) counts as a network failure. Only a
 * rejection of `fetch` itself is a network failure: anything thrown before it is a bug to see.
 */
export async function send(
  fetcher: typeof fetch,
  url: string,
  init: RequestInit,
  timeout: number,
  signal?: AbortSignal,
): Promise<Response | PeliqanError> {
  // The timer runs on while the body is read: an answer that stalls half-way times out too.
  const timer = AbortSignal.timeout(timeout);
  const combined = signal ? anySignal([signal, timer]) : timer;
  const answer = fetcher(url, { ...init, signal: combined });
  try {
    return await answer;
  } catch (error) {
    signal?.throwIfAborted();
    const late = timer.aborted || isAbortError(error);
    return new PeliqanError('network', `${url}: ${late ? 'no answer in time' : 'unreachable'}`);
  }
}

/** True when redirects took `response` to another origin than `from`'s (relative to the page). */
export function redirectedAway(response: Response, from: string): boolean {
  if (!response.redirected) return false;
  let asked: string | undefined;
  try {
    asked = originOf(new URL(from, globalThis.location?.href));
  } catch {
    asked = undefined;
  }
  return originOf(response.url) !== asked;
}

/**
 * Lets go of an answer that will not be read, before a retry or a refresh: Node's `fetch` keeps the
 * socket busy until its body is consumed or cancelled.
 */
export async function discard(response: Response): Promise<void> {
  if (response.bodyUsed) return;
  await response.body?.cancel().catch(() => undefined);
}

/** The error for a non-2xx answer, with Peliqan's `{error, detail}` when it sent one. */
export async function httpError(response: Response, unauthorized = response.status === 401): Promise<PeliqanError> {
  const parsed = errorBodySchema.safeParse(await response.json().catch(() => undefined));
  const { error, detail } = parsed.success ? parsed.data : {};
  const code = typeof error === 'string' ? error : undefined;
  const message = detailText(detail) ?? code ?? `HTTP ${response.status}`;
  return new PeliqanError(unauthorized ? 'unauthorized' : 'http', message, {
    status: response.status,
    error: code,
    detail,
  });
}

/** The answer's text; a body cut off on its way (a dropped connection) is a network failure. */
async function bodyText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new PeliqanError('network', `${response.url}: the answer was cut off`, { status: response.status });
  }
}

/** The JSON of an answer; `undefined` when it is not JSON. */
export async function readJson(response: Response): Promise<{ json: unknown } | undefined> {
  const text = await bodyText(response);
  try {
    return { json: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** The error for an answer the schemas reject. */
export const invalidResponse = (response: Response, message: string, issues: z.core.$ZodIssue[] = []) =>
  new PeliqanError('invalid-response', message, {
    status: response.status,
    issues: issues.map(({ path, message: text }) => ({ path, message: text })),
  });

/** The answer's JSON checked against `schema` (lists unwrapped from any envelope first). */
export async function parseJson<T>(response: Response, schema: z.ZodMiniType<T>): Promise<T> {
  const read = await readJson(response);
  if (!read) throw invalidResponse(response, 'Not JSON');
  const parsed = schema.safeParse(schema._zod.def.type === 'array' ? unwrapList(read.json) : read.json);
  if (parsed.success) return parsed.data;
  throw invalidResponse(response, 'Unexpected shape', parsed.error.issues);
}
