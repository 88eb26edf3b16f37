import { bySortPlace, connectorMatches, searchable, sortPlace } from '../api/connectors.js';
import type { Servertype } from '../api/schemas.js';

/** Splits a `connectors` attribute (ids or slugs, comma-separated). */
export const allowlist = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

/** A connector ready to be offered: its definition, and its name, slug and category as search text. */
export interface CatalogueEntry {
  servertype: Servertype;
  search: string;
}

const prepared = new WeakMap<readonly Servertype[], CatalogueEntry[]>();

/**
 * The catalogue in the picker's order (`byOrderThenName`'s rule, product spec §4), with its search text
 * made once per catalogue: every element showing the same catalogue shares the work.
 */
export function prepareCatalogue(servertypes: readonly Servertype[]): CatalogueEntry[] {
  let entries = prepared.get(servertypes);
  if (!entries) {
    // Each connector's sort place is worked out once, not once per comparison.
    entries = servertypes
      .map((servertype) => ({
        servertype,
        search: searchable(`${servertype.name} ${servertype.server_type ?? ''} ${servertype.category ?? ''}`),
        place: sortPlace(servertype),
      }))
      .sort((a, b) => bySortPlace(a.place, b.place))
      .map(({ servertype, search }) => ({ servertype, search }));
    prepared.set(servertypes, entries);
  }
  return entries;
}

/** The entries the `connectors` allowlist names, in the allowlist's order; all of them without one. */
export function offered(entries: CatalogueEntry[], allowed: string[]): CatalogueEntry[] {
  if (!allowed.length) return entries;
  return allowed.flatMap((wanted) => entries.filter((entry) => connectorMatches(entry.servertype, wanted)));
}

/** The entries matching every word of `query` (in name, slug or category) and `category`, if given. */
export function searchCatalogue(entries: CatalogueEntry[], query: string, category: string): CatalogueEntry[] {
  const words = searchable(query).split(/\s+/).filter(Boolean);
  return entries.filter(
    (entry) =>
      (!category || entry.servertype.category === category) && words.every((word) => entry.search.includes(word)),
  );
}
