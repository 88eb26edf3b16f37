import { html, nothing } from 'lit';
import { safeIconUrl } from '../api/connectors.js';
import type { PeliqanError } from '../api/errors.js';
import type { Servertype } from '../api/schemas.js';
import type { ConnectorLookup } from '../flow/connector-lookup.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Localize } from './localize.js';

/**
 * A connector's icon: only an `http(s):` or relative URL, else its initial. Decorative either way.
 * Fixed dimensions and lazy, asynchronous decoding keep images from blocking or shifting layout.
 */
export function connectorIcon(servertype: Servertype, baseUrl: string) {
  const src = safeIconUrl(servertype.icon_url, baseUrl);
  if (!src) return html`<span class="icon monogram" aria-hidden="true">${servertype.name.charAt(0)}</span>`;
  return html`<span class="icon" aria-hidden="true"
    ><img src=${src} alt="" width="32" height="32" loading="lazy" decoding="async"
  /></span>`;
}

/** A spinner (decorative: the words beside it are what is announced). */
export const spinner = () => html`<span class="spinner" aria-hidden="true"></span>`;

/** A live message with a spinner, for a view that is all about waiting. */
export const busy = (text: string) => html`<p role="status" class="busy">${spinner()} ${text}</p>`;

/** A button's action: its words and what it does. */
export interface Action {
  label: string;
  run: () => void;
}

/** An error message, with an action (Retry, Check again…) when there is one. */
export function failure(text: string | undefined, action?: Action) {
  if (text === undefined) return nothing;
  return html`<div role="alert" part="error" class="failure" tabindex="-1">
    <p class="error">${text}</p>
    ${action ? html`<button type="button" @click=${action.run}>${action.label}</button>` : nothing}
  </div>`;
}

/** Something an element loads before it can show it: the catalogue, the list of connections. */
export interface Loadable {
  readonly status: 'loading' | 'ready' | 'error';
  readonly error?: PeliqanError;
  load(): void;
}

/** What a load that is not ready shows: loading, or the error with Retry; undefined once ready. */
export function notReady(source: Loadable, words: Localize, loading: MessageKey = 'loadingConnectors') {
  if (source.status === 'loading') return html`<div class="root">${busy(words.t(loading))}</div>`;
  if (source.status === 'error') {
    const retry = { label: words.t('retry'), run: () => source.load() };
    return html`<div class="root">${failure(source.error && words.errorText(source.error), retry)}</div>`;
  }
  return undefined;
}

/** Loading, an error with Retry, or "not available", for a connector that is not found yet. */
export function connectorView(connector: ConnectorLookup, name: string, words: Localize) {
  if (connector.status !== 'missing') return notReady(connector.catalogue, words);
  return html`<div class="root">${failure(words.t('unknownConnector', { name }))}</div>`;
}

/** The view of a setting the widget refuses (`invalid-config`), in the customer's words. */
export const refusedView = (text: string) => html`<div class="root">${failure(text)}</div>`;
