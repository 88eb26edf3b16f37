import type { ClientOptions } from './api/client.js';

/** Page-wide defaults for every peliqan element (product spec §3). */
export interface PeliqanConfig extends Pick<ClientOptions, 'baseUrl' | 'tokenUrl' | 'token' | 'tokenProvider'> {
  /** `en` (default), `nl`, `fr` or `de`. */
  language?: string;
}

let defaults: PeliqanConfig = {};
const listeners = new Set<() => void>();

/**
 * Sets page-wide defaults, so a page that shows several elements configures the token once.
 * Later calls merge into earlier ones; elements already on the page pick the change up.
 */
export function configure(options: PeliqanConfig): void {
  defaults = { ...defaults, ...options };
  notifyConfigChange();
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
