/**
 * Where a token may go (product spec §3 "Token binding"), without the schemas: the client, the token
 * source and the loader's early catalogue request share these rules.
 */
import { DEFAULT_BASE_URL, originOf } from './urls.js';

/** A token, and the API base URL it may be sent to (the origin counts). */
export interface BoundToken {
  token: string;
  baseUrl: string;
}

/** [assumed] The token in an answer: `token`, else `integration_token` (peliqan-api.md §2). */
export const tokenOf = <T>(answer: { token?: T | null; integration_token?: T | null }): T | undefined =>
  answer.token || answer.integration_token || undefined;

/**
 * Where a token whose source names no API origin may go: the base URL set in script (`tokenBaseUrl`, or
 * the client's own `baseUrl`), else Peliqan's EU instance. Never a base URL read from markup.
 */
export const fallbackBaseUrl = ({ tokenBaseUrl, baseUrl }: { tokenBaseUrl?: string; baseUrl?: string }): string =>
  tokenBaseUrl || baseUrl || DEFAULT_BASE_URL;

/** Whether `bound` may be sent to `baseUrl`: the same origin. */
export const isBoundTo = (bound: BoundToken, baseUrl: string): boolean =>
  originOf(bound.baseUrl) !== undefined && originOf(bound.baseUrl) === originOf(baseUrl);
