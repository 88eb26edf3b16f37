/**
 * Lists in the envelope the `listEnvelope` fault asks for (peliqan-api.md §1: Peliqan uses all three),
 * and in pages of `pageSize` when it is set: `{data, next}`, or Django REST framework's
 * `{count, next, previous, results}`, with `next` and `previous` as absolute URLs (`?page=N`).
 */
import { HttpProblem } from './http.js';
import type { RouteContext } from './router.js';

export function list(context: RouteContext, items: unknown[]): unknown {
  const { listEnvelope, pageSize } = context.state.faults;
  // A bare array has nowhere to say that more follows, so it never pages.
  if (listEnvelope === 'bare') return items;
  const page = pageSize > 0 ? pageOf(context, items.length, pageSize) : undefined;
  const shown = page ? items.slice((page.number - 1) * pageSize, page.number * pageSize) : items;
  const next = page?.next ?? null;
  if (listEnvelope === 'data') return { data: shown, next };
  return { count: items.length, next, previous: page?.previous ?? null, results: shown };
}

/** The page `?page=N` asks for (1 without it), with the links to its neighbours. */
function pageOf(context: RouteContext, count: number, pageSize: number) {
  const pages = Math.max(1, Math.ceil(count / pageSize));
  const asked = context.query.page;
  const number = asked === undefined ? 1 : Number(asked);
  // What Django REST framework answers for a page that does not exist.
  if (!Number.isInteger(number) || number < 1 || number > pages) {
    throw new HttpProblem(404, 'ERROR_NOT_FOUND', 'Invalid page.');
  }
  return {
    number,
    next: number < pages ? pageUrl(context, number + 1) : null,
    previous: number > 1 ? pageUrl(context, number - 1) : null,
  };
}

function pageUrl({ baseUrl, record }: RouteContext, page: number): string {
  const url = new URL(record.path, baseUrl);
  for (const [key, value] of Object.entries(record.query)) url.searchParams.set(key, value);
  // As Django REST framework does: the first page's link has no `page` at all.
  if (page === 1) url.searchParams.delete('page');
  else url.searchParams.set('page', String(page));
  return url.href;
}
