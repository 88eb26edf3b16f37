import { css } from 'lit';

/**
 * One stylesheet shared by every element (one adopted sheet per page, and no rule written twice).
 * Colours come from the host page's `--peliqan-*` properties (product spec §7), never declared here,
 * with light and dark defaults. The scheme in force (the `theme` setting, own or inherited; `auto`
 * follows the system) is on the host as `data-theme`. No `light-dark()`: Safari before 17.5 lacks it.
 */
export const styles = css`
  :host {
    --_accent: var(--peliqan-color-accent, #4338ca);
    --_text: var(--peliqan-color-text, #111827);
    --_muted: var(--peliqan-color-muted, #4b5563);
    --_surface: var(--peliqan-color-surface, #fff);
    --_border: var(--peliqan-color-border, #d1d5db);
    --_danger: var(--peliqan-color-danger, #b91c1c);
    --_success: var(--peliqan-color-success, #15803d);
    --_radius: var(--peliqan-radius, 8px);
    --_space: var(--peliqan-space, 8px);
    color-scheme: light;
    display: block;
    min-inline-size: 0;
    color: var(--_text);
    /* Text from the customer or from Peliqan (a 200-character search, a long name) must not widen the
       widget: a word too long for its line breaks rather than push the layout sideways. */
    overflow-wrap: anywhere;
    font-family: var(--peliqan-font-family, inherit);
    line-height: 1.5;
  }
  :host([data-theme='dark']) {
    --_accent: var(--peliqan-color-accent, #a5b4fc);
    --_text: var(--peliqan-color-text, #f3f4f6);
    --_muted: var(--peliqan-color-muted, #9ca3af);
    --_surface: var(--peliqan-color-surface, #111827);
    --_border: var(--peliqan-color-border, #4b5563);
    --_danger: var(--peliqan-color-danger, #fca5a5);
    --_success: var(--peliqan-color-success, #86efac);
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
    margin: 0;
  }
  .root,
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) * 2);
    background: var(--_surface);
    padding: calc(var(--_space) * 2);
    border-radius: var(--_radius);
  }
  h2 {
    font-size: 1.15em;
  }
  /* An empty live region stays in the accessibility tree but takes no room. */
  [role='status']:empty {
    position: absolute;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    min-block-size: 44px;
    padding: var(--_space);
  }
  button {
    cursor: pointer;
    padding-inline: calc(var(--_space) * 2);
  }
  .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_surface);
    font-weight: 600;
  }
  .stack {
    display: grid;
    gap: var(--_space);
  }
  .stack > button {
    justify-self: start;
    margin-inline: calc(var(--_space) * 2);
  }
  .link {
    border: 0;
    background: none;
    color: var(--_accent);
    padding-inline: 0;
    text-decoration: underline;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  input,
  select,
  textarea {
    inline-size: 100%;
    min-inline-size: 0;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .muted,
  .help {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .error {
    color: var(--_danger);
  }
  [part='error'] {
    display: grid;
    gap: var(--_space);
    justify-items: start;
  }
  .ok {
    color: var(--_success);
  }
  .row,
  .head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  .spinner {
    display: inline-block;
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
    vertical-align: -0.15em;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  label {
    font-weight: 600;
  }
  .filters,
  ul {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11em), 1fr));
    gap: var(--_space);
    padding: 0;
    list-style: none;
  }
  .filters {
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14em), 1fr));
  }
  .filters label {
    display: grid;
    font-size: 0.9em;
  }
  [part='tile'] {
    inline-size: 100%;
    block-size: 100%;
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-items: center;
    column-gap: var(--_space);
    text-align: start;
    padding: var(--_space);
  }
  [part='tile'] .icon {
    grid-row: span 2;
  }
  .icon {
    inline-size: 2.5em;
    block-size: 2.5em;
    border-radius: 6px;
    display: grid;
    place-items: center;
    background: var(--_border);
    font-weight: 700;
  }
  .name {
    font-weight: 600;
    overflow-wrap: break-word;
  }
  [part='field'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 4px;
  }
  [part='field'] > :not(input, button) {
    grid-column: 1 / -1;
  }
  .checkbox {
    grid-template-columns: auto minmax(0, 1fr);
    align-items: center;
  }
  .checkbox label {
    grid-area: 1 / 2;
  }
  .checkbox input {
    grid-area: 1 / 1;
    inline-size: 1.25em;
    min-block-size: 1.25em;
  }
  [aria-pressed='true'] {
    color: var(--_accent);
    border-color: var(--_accent);
  }
  textarea {
    min-block-size: 6em;
    resize: vertical;
  }
  [aria-disabled='true'] {
    cursor: progress;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  [hidden] {
    display: none !important;
  }
`;
