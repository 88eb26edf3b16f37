/**
 * Where the customer's token, typed credentials and the partner token may travel: `https:` only, with
 * plain `http:` for a machine's own loopback names (development, the fake Peliqan). One rule for the
 * base URL (product spec §3), an `oauth_url` (§4) and the partner toolkit (§8).
 */
import { isLoopbackHost } from '../protocol/loopback.js';

/** True when `url` is an absolute `https:` URL, or `http:` on localhost / 127.0.0.1 / [::1]. */
export function isSecureUrl(url: string | URL | undefined | null): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
}

/** Peliqan's EU instance, the default API origin. */
export const DEFAULT_BASE_URL = 'https://app.eu.peliqan.io';

/** The base URL requests go to: `baseUrl` (else Peliqan's EU instance) without a trailing slash. */
export const apiBase = (baseUrl: string | undefined): string => (baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');

/** The origin of `url` (scheme, host, port), or undefined when it is not an absolute URL. */
export function originOf(url: string | URL | undefined | null): string | undefined {
  if (!url) return undefined;
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** An icon URL only if it is `http(s):` or relative; anything else (`javascript:`, `data:`) is dropped. */
export function safeIconUrl(url: string | null | undefined, base: string): string | undefined {
  if (!url) return undefined;
  try {
    const resolved = new URL(url, base);
    return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}
