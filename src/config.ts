import type { ClientOptions } from './api/client.js';
import { resetClients } from './api/shared-client.js';

/**
 * What configures the elements (product spec §3), page-wide through `configure()` or per element
 * through its attributes and properties. The token settings (`baseUrl`, `tokenUrl`, `token`,
 * `tokenProvider`, `tokenCredentials`) go together: an element uses its own or inherited ones, never a mix.
 */
export interface PeliqanConfig extends Pick<
  ClientOptions,
  'baseUrl' | 'tokenUrl' | 'token' | 'tokenProvider' | 'tokenCredentials' | 'catalogueUrl'
> {
  /** `en` (default), `nl`, `fr` or `de`. */
  language?: string;
  /** `light`, `dark` or `auto` (default). */
  theme?: string;
}

/** The settings that decide where the token comes from and where it is sent. */
export const TOKEN_SETTINGS = ['baseUrl', 'token', 'tokenProvider', 'tokenUrl', 'tokenCredentials'] as const;

/** Every setting, in the order the elements declare them. */
export const CONFIG_KEYS = [...TOKEN_SETTINGS, 'catalogueUrl', 'language', 'theme'] as const;

let defaults: PeliqanConfig = {};
const listeners = new Set<() => void>();

/**
 * Sets page-wide defaults, so a page that shows several elements configures the token once.
 * Later calls merge into earlier ones; elements already on the page pick the change up. Another
 * token source (a log-out, another customer) forgets every token, catalogue and connection first.
 */
export function configure(options: PeliqanConfig): void {
  const next = { ...defaults, ...options };
  const tokenChanged = TOKEN_SETTINGS.some((key) => next[key] !== defaults[key]);
  defaults = next;
  if (tokenChanged) reset();
  else notifyConfigChange();
}

/**
 * Forgets every token, catalogue and connection state the page holds (product spec §3): call it when
 * the customer logs out or another one logs in. Elements on the page start again with fresh tokens.
 */
export function reset(): void {
  resetClients();
  for (const hook of resetHooks) hook();
  notifyConfigChange();
}

const resetHooks = new Set<() => void>();

/** Runs `hook` on every `reset()` (page-wide state kept elsewhere, such as the connection watcher). */
export function onReset(hook: () => void): void {
  resetHooks.add(hook);
}

/** The current page-wide defaults. */
export const pageDefaults = (): Readonly<PeliqanConfig> => defaults;

/** Tells every element that some configuration changed (page defaults or an element's own). */
export function notifyConfigChange(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` after each configuration change; returns the function that stops it. */
export function onConfigure(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
