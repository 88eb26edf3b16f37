import { css } from 'lit';

/**
 * One stylesheet shared by every element (one adopted sheet per page). Colours come from the host
 * page's `--peliqan-*` properties (product spec §7), never declared here, with light/dark defaults.
 */
export const styles = css`
  :host {
    --_accent: var(--peliqan-color-accent, light-dark(#4338ca, #a5b4fc));
    --_on-accent: light-dark(#fff, #111827);
    --_text: var(--peliqan-color-text, light-dark(#111827, #f3f4f6));
    --_muted: var(--peliqan-color-muted, light-dark(#4b5563, #9ca3af));
    --_surface: var(--peliqan-color-surface, light-dark(#fff, #111827));
    --_border: var(--peliqan-color-border, light-dark(#d1d5db, #4b5563));
    --_danger: var(--peliqan-color-danger, light-dark(#b91c1c, #fca5a5));
    --_success: var(--peliqan-color-success, light-dark(#15803d, #86efac));
    --_radius: var(--peliqan-radius, 8px);
    --_space: var(--peliqan-space, 8px);
    color-scheme: light dark;
    display: block;
    color: var(--_text);
    font-family: var(--peliqan-font-family, inherit);
    line-height: 1.5;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .root {
    background: var(--_surface);
    padding: calc(var(--_space) * 2);
    border-radius: var(--_radius);
  }
  h2 {
    font-size: 1.15em;
    margin: 0 0 var(--_space);
  }
  h2:focus {
    outline: none;
  }
  p {
    margin: 0 0 var(--_space);
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    background: var(--_surface);
    min-block-size: 44px;
  }
  .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
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
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-block-size: 44px;
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
  .ok {
    color: var(--_success);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .spinner {
    display: inline-block;
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid currentColor;
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
`;
