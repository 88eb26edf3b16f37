import assert from 'node:assert/strict';
import { after } from 'node:test';
import { isPeliqanError, type PeliqanError } from '../../src/api/index.js';
import { startFakePeliqan, type FakePeliqan, type FakePeliqanOptions } from '../../src/fake/index.js';

/** A fake Peliqan for one test file, closed when the file's tests end. */
export async function useFake(options: FakePeliqanOptions = {}): Promise<FakePeliqan> {
  const fake = await startFakePeliqan(options);
  after(() => fake.close());
  return fake;
}

/** Calls the fake over HTTP and returns status, headers and parsed JSON (or text). */
export async function call(
  url: string,
  init: RequestInit & { token?: string; json?: unknown } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `JWT ${init.token}`);
  if (init.json !== undefined) headers.set('Content-Type', 'application/json');
  const response = await fetch(url, {
    ...init,
    headers,
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
  });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text (HTML pages, empty bodies).
  }
  return { status: response.status, headers: response.headers, body };
}

/** Counts the requests a `fetch` makes, by URL substring. */
export function countingFetch(): { fetch: typeof fetch; count: (part: string) => number } {
  const urls: string[] = [];
  return {
    fetch: (input, init) => {
      urls.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    },
    count: (part) => urls.filter((url) => url.includes(part)).length,
  };
}

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition` holds, checking every 10 ms; fails after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Still not so after ${timeoutMs} ms`);
    await wait(10);
  }
}

/** The `PeliqanError` a call fails with (the test fails if it succeeds or throws anything else). */
export async function rejection(promise: Promise<unknown>): Promise<PeliqanError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isPeliqanError(error), `expected a PeliqanError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}
