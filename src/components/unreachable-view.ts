import { baseLanguage } from '../i18n/languages.js';
import { FIRST_WORDS } from '../i18n/first-words.js';

/**
 * What an element shows while its own code cannot be loaded (offline, a CDN half deployed): the
 * element's error state — "cannot be reached" and Retry, `state="error"` — drawn by the script tag
 * itself, since the element's code (and Lit) are what is missing. Built from DOM calls (no markup
 * strings: Trusted Types) with a constructed stylesheet (no inline style: CSP). The element's code
 * clears it when it arrives (`PeliqanElement.createRenderRoot`).
 */

const CSS = `:host{display:block}
.failure{display:grid;gap:8px;justify-items:start;padding:8px 12px;border:1px solid var(--peliqan-color-danger,#b91c1c);border-radius:var(--peliqan-radius,8px);font-family:var(--peliqan-font-family,inherit)}
p{margin:0;color:var(--peliqan-color-danger,#b91c1c)}
button{font:inherit;padding:4px 12px;border:1px solid var(--peliqan-color-border,#d1d5db);border-radius:var(--peliqan-radius,8px);background:var(--peliqan-color-surface,#fff);color:var(--peliqan-color-text,#111827);cursor:pointer}`;

let sheet: CSSStyleSheet | undefined;

/** Shows the error state in `host` (again, after a Retry that failed), in `language` when shipped. */
export function showUnreachable(host: Element, language: string | null | undefined, retry: () => void): void {
  const words = FIRST_WORDS[baseLanguage(language) as keyof typeof FIRST_WORDS] ?? FIRST_WORDS.en;
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  root.adoptedStyleSheets = [sheet];
  const box = document.createElement('div');
  box.className = 'failure';
  box.setAttribute('part', 'error');
  box.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = words.network;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = words.retry;
  button.addEventListener('click', retry);
  box.append(text, button);
  // Focus on Retry stays on Retry when it fails again.
  const hadFocus = root.activeElement !== null;
  root.replaceChildren(box);
  if (hadFocus) button.focus();
  host.setAttribute('state', 'error');
}
