import type * as z from 'zod/mini';
import { PeliqanError, detailText, isAbortError } from './errors.js';
import { errorBodySchema, unwrapList } from './schemas.js';

/**
 * One HTTP exchange: the response, or the network failure as a `PeliqanError` (`network`). An abort by
 * the caller is rethrown; the request's own `timeout` (ms) counts as a network failure.
 */
export async function send(
  fetcher: typeof fetch,
  url: string,
  init: RequestInit,
  timeout: number,
  signal?: AbortSignal,
): Promise<Response | PeliqanError> {
  const timer = AbortSignal.timeout(timeout);
  try {
    return await fetcher(url, { ...init, signal: signal ? AbortSignal.any([signal, timer]) : timer });
  } catch (error) {
    signal?.throwIfAborted();
    return new PeliqanError(
      'network',
      `${url}: ${timer.aborted || isAbortError(error) ? 'no answer in time' : 'unreachable'}`,
    );
  }
}

/** The error for a non-2xx answer, with Peliqan's `{error, detail}` when it sent one. */
export async function httpError(response: Response, unauthorized = response.status === 401): Promise<PeliqanError> {
  const parsed = errorBodySchema.safeParse(await response.json().catch(() => undefined));
  const { error, detail } = parsed.success ? parsed.data : {};
  const code = typeof error === 'string' ? error : undefined;
  return new PeliqanError(
    unauthorized ? 'unauthorized' : 'http',
    detailText(detail) ?? code ?? `HTTP ${response.status}`,
    {
      status: response.status,
      error: code,
      detail,
    },
  );
}

/** The answer's JSON checked against `schema` (lists unwrapped from any envelope first). */
export async function parseJson<T>(response: Response, schema: z.ZodMiniType<T>): Promise<T> {
  let json: unknown = response;
  try {
    // Peliqan sends null for "not set": read it as absent, so the schemas need no nullable kind.
    json = JSON.parse(await response.text(), (_key, value: unknown) => value ?? undefined);
  } catch {
    // Not JSON: reported below.
  }
  const parsed = schema.safeParse(schema._zod.def.type === 'array' ? unwrapList(json) : json);
  if (parsed.success) return parsed.data;
  throw new PeliqanError('invalid-response', json === response ? 'Not JSON' : 'Unexpected shape', {
    status: response.status,
    issues: parsed.error.issues.map(({ path, message }) => ({ path, message })),
  });
}
