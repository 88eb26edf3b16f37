import * as z from 'zod/mini';
import type { CallOptions, PeliqanClient } from '../api/client.js';
import { PeliqanError } from '../api/errors.js';
import { unwrapList } from '../api/schemas.js';

/** The most pages one list is followed for: a bound against a `next` that never ends. */
export const MAX_PAGES = 50;

const anyAnswer = z.unknown();

/** The path of an envelope's `next` page below the client's base URL, or undefined on the last page. */
function nextPath(json: unknown, baseUrl: string): string | undefined {
  const next = (json as { next?: unknown } | undefined)?.next;
  if (typeof next !== 'string' || !next) return undefined;
  const url = new URL(next, `${baseUrl}/`).href;
  // The next page gets the same token: it must be on the same Peliqan.
  if (!url.startsWith(`${baseUrl}/`)) throw new PeliqanError('invalid-response', `A next page outside ${baseUrl}`);
  return url.slice(baseUrl.length);
}

/**
 * Every entry of a list, following `next` through `{data, next}` (or `{results, next}`) envelopes,
 * at most `MAX_PAGES` pages. A partial list is an error, not an answer: callers decide what exists
 * from it.
 */
export async function readAllPages(client: PeliqanClient, path: string, options: CallOptions = {}): Promise<unknown[]> {
  const items: unknown[] = [];
  let next: string | undefined = path;
  for (let page = 0; next; page++) {
    if (page === MAX_PAGES) throw new PeliqanError('invalid-response', `${path}: more than ${MAX_PAGES} pages`);
    const json = await client.request(next, { ...options, schema: anyAnswer });
    const list = unwrapList(json);
    if (!Array.isArray(list)) throw new PeliqanError('invalid-response', `${path}: not a list`);
    items.push(...list);
    next = nextPath(json, client.baseUrl);
  }
  return items;
}
