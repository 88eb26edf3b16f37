/**
 * Peliqan's own catalogue, asked for as soon as an early token is in, rather than once the elements'
 * code has arrived and read that token itself (product spec §2: the token and catalogue requests go
 * "in parallel with the chunk fetch, never after it"). Used by the script tag's loader and by the
 * connect button's dialog; the client takes the answer as its own (`withEarlyAnswers`).
 *
 * It is the request the client makes next, built by the same functions, and it is made only when the
 * client would make it: with the token of a 2xx answer that came from the token endpoint itself, to the
 * base URL the element uses, when that is the API origin the token is bound to (product spec §3 "Token
 * binding") and `https:` (`http:` only on loopback). When anything is off nothing is sent, and the
 * client asks (and fails, with its own error) as it always does.
 */
import { fallbackBaseUrl, isBoundTo, tokenOf } from './binding.js';
import { startAfter, startEarlyRequests, type EarlyRequest, type EarlySettings } from './early-requests.js';
import { CATALOGUE_PATH, apiRequest } from './requests.js';
import { apiBase, isSecureUrl } from './urls.js';

/** The settings the early catalogue needs beside the token source: where the element's requests go. */
export interface FirstRequestSettings extends EarlySettings {
  baseUrl?: string;
  /** A base URL set in script: where a token whose endpoint names no API origin may go. */
  tokenBaseUrl?: string;
}

/**
 * The catalogue request's `RequestInit` that the token in `answer` allows at `base`, or nothing. (The
 * answer is a clone: one not read is cancelled, so that it does not keep a copy of the body.)
 */
async function catalogueInit(
  answer: Response,
  base: string,
  settings: FirstRequestSettings,
): Promise<RequestInit | undefined> {
  // A redirect, even to a JSON answer, is the client's to judge (it may mean that nobody is logged in).
  if (!answer.ok || answer.redirected) {
    void answer.body?.cancel().catch(() => undefined);
    return undefined;
  }
  const json: unknown = await answer.json();
  if (!json || typeof json !== 'object') return undefined;
  const { base_url: named } = json as { base_url?: unknown };
  const token = tokenOf(json as { token?: unknown; integration_token?: unknown });
  if (typeof token !== 'string' || (named != null && typeof named !== 'string')) return undefined;
  const bound = { token, baseUrl: named || fallbackBaseUrl(settings) };
  return isBoundTo(bound, base) ? apiRequest(token) : undefined;
}

/**
 * `startEarlyRequests()`, and Peliqan's catalogue as soon as the token is in (unless the partner serves
 * the catalogue, which `startEarlyRequests()` asks for at once).
 */
export function startFirstRequests(settings: FirstRequestSettings, fetcher: typeof fetch = fetch): EarlyRequest[] {
  const started = startEarlyRequests(settings, fetcher);
  const [tokenAnswer] = started;
  const base = apiBase(settings.baseUrl);
  if (tokenAnswer && !settings.catalogueUrl && isSecureUrl(base)) {
    startAfter(tokenAnswer, base + CATALOGUE_PATH, (answer) => catalogueInit(answer, base, settings), fetcher);
  }
  return started;
}
