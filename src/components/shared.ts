import { html, nothing } from 'lit';
import { safeIconUrl } from '../api/urls.js';
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

/** What a step's header holds: its title (with the connector's icon), and its one way back or out. */
export interface StepHeader {
  title: string;
  icon?: unknown;
  /** Back to the step before (there is one). */
  back?: Action;
  /** Out of the dialog or panel that opened the flow (there is one). */
  close?: Action;
}

/** The mark of a Close button (its words are its accessible name). */
const closeMark = html`<svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" fill="none">
  <path d="m5 5 10 10M15 5 5 15" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
</svg>`;

/**
 * A step's header (product spec §4 "One way out per step"): Back at its start, the title (which takes
 * focus at each new step, so that screen readers say it), Close at its end in a dialog or panel. Its
 * buttons are `type="button"`: inside a form, Enter must submit the form, not go back.
 */
export function stepHeader({ title, icon, back, close }: StepHeader) {
  return html`<div class="step-head">
    ${
      back
        ? html`<button type="button" class="icon-button" aria-label=${back.label} @click=${back.run}>
          <span class="arrow" aria-hidden="true">←</span>
        </button>`
        : nothing
    }
    ${icon ?? nothing}
    <h2 tabindex="-1">${title}</h2>
    ${
      close
        ? html`<button type="button" class="icon-button close" aria-label=${close.label} @click=${close.run}>
          ${closeMark}
        </button>`
        : nothing
    }
  </div>`;
}

/** An error message, with an action (Retry, Check again…) when there is one. */
export function failure(text: string | undefined, action?: Action) {
  if (text === undefined) return nothing;
  return html`<div role="alert" part="error" class="failure" tabindex="-1">
    <p class="error">${text}</p>
    ${action ? html`<button type="button" @click=${action.run}>${action.label}</button>` : nothing}
  </div>`;
}

/** A neutral note (nothing failed: the customer stopped), with the way on. */
export function note(text: string, action: Action) {
  return html`<div class="note" part="status">
    <p role="status">${text}</p>
    <button type="button" class="primary" @click=${action.run}>${action.label}</button>
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
