import { html, nothing } from 'lit';
import { safeIconUrl } from '../api/connectors.js';
import type { Servertype } from '../api/schemas.js';

/** A connector's icon: only an `http(s):` or relative URL, else its initials. Decorative either way. */
export function connectorIcon(servertype: Servertype, baseUrl: string) {
  const src = safeIconUrl(servertype.icon_url, baseUrl);
  return src
    ? html`<img class="icon" src=${src} alt="" loading="lazy" />`
    : html`<span class="icon monogram" aria-hidden="true">${servertype.name.charAt(0)}</span>`;
}

/** A spinner and its words (put it in a live region that is always there, so it is announced). */
export const spinner = (text: string) => html`<span class="spinner" aria-hidden="true"></span> ${text}`;

/** A live message with a spinner, for a view that is all about waiting. */
export const busy = (text: string) => html`<p role="status">${spinner(text)}</p>`;

/** An error message with a Retry button (or nothing). */
export const failure = (text: string | undefined, retry: (() => void) | undefined, label: string) =>
  text === undefined
    ? nothing
    : html`<div role="alert" part="error" tabindex="-1"><p class="error">${text}</p>${retry ? html`<button @click=${retry}>${label}</button>` : nothing}</div>`;
