/**
 * The JSON answers of the toolkit's handlers. Errors use Peliqan's own shape, `{"error": "ERROR_…",
 * "detail": "…"}`, which the widget already reads (its `PeliqanError` carries both).
 */

const encoder = new TextEncoder();

/** A JSON answer that no cache keeps unless `headers` say otherwise. */
export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const json = encoder.encode(JSON.stringify(body));
  return new Response(json, {
    status,
    headers: {
      'Content-Type': 'application/json',
      // Known up front, so that the Node adapter sends the answer in one write.
      'Content-Length': String(json.byteLength),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
  });
}

/** An error answer: a machine-readable `error` and a sentence for the partner's developers. */
export const problem = (status: number, error: string, detail: string, headers: Record<string, string> = {}) =>
  jsonAnswer(status, { error, detail }, headers);

/** Peliqan's 429 passed on, with the `Retry-After` Peliqan sent (when it sent one). */
export const rateLimited = (retryAfter: string | undefined) =>
  problem(
    429,
    'ERROR_RATE_LIMITED',
    'Peliqan asked the partner to slow down: try again later.',
    retryAfter ? { 'Retry-After': retryAfter } : {},
  );
