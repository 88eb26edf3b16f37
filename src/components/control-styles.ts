import { css } from '@lit/reactive-element/css-tag.js';

/*
 * The first sheets every element shares, the connect button's trigger too (it runs before Lit is
 * loaded, so these are apart from the rest in `styles.ts`). Colours come from the host page's
 * `--peliqan-*` properties (product spec §7), never declared here, with light and dark defaults. The
 * scheme in force (the `theme` setting, own or inherited; `auto` follows the system) is on the host as
 * `data-theme`. No `light-dark()`: Safari before 17.5 lacks it.
 */

/** The host and its tokens: what every element starts from. */
export const tokens = css`
  :host {
    --_accent: var(--peliqan-color-accent, #4338ca);
    --_on-accent: #fff;
    --_text: var(--peliqan-color-text, #111827);
    --_muted: var(--peliqan-color-muted, #4b5563);
    --_surface: var(--peliqan-color-surface, #fff);
    --_border: var(--peliqan-color-border, #d1d5db);
    --_danger: var(--peliqan-color-danger, #b91c1c);
    --_success: var(--peliqan-color-success, #15803d);
    --_radius: var(--peliqan-radius, 8px);
    --_space: var(--peliqan-space, 8px);
    --_tint: color-mix(in srgb, var(--_accent) 8%, transparent);
    --_small: 0.875rem;
    --_large: 1.125rem;
    color-scheme: light;
    display: block;
    min-inline-size: 0;
    color: var(--_text);
    font: 400 1rem / 1.5 var(--peliqan-font-family, inherit);
    /* Text from the customer or from Peliqan (a 200-character search, a long name) must not widen the
       widget: a word too long for its line breaks rather than push the layout sideways. */
    overflow-wrap: anywhere;
  }
  :host([data-theme='dark']) {
    --_accent: var(--peliqan-color-accent, #a5b4fc);
    --_on-accent: #111827;
    --_text: var(--peliqan-color-text, #f3f4f6);
    --_muted: var(--peliqan-color-muted, #a1a1aa);
    --_surface: var(--peliqan-color-surface, #111827);
    --_border: var(--peliqan-color-border, #4b5563);
    --_danger: var(--peliqan-color-danger, #fca5a5);
    --_success: var(--peliqan-color-success, #86efac);
    color-scheme: dark;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  * {
    box-sizing: border-box;
    margin: 0;
  }
`;

/** Buttons and fields, and their hover, disabled and focus states. */
export const controls = css`
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    /* 40 px controls for a mouse; 44 px targets for a finger (WCAG 2.5.5, below). */
    min-block-size: 40px;
    padding: calc(var(--_space) * 1) calc(var(--_space) * 1.5);
  }
  @media (pointer: coarse) {
    button,
    input,
    select {
      min-block-size: 44px;
    }
  }
  /* A secondary action: outlined. The one primary action of a step is filled (.primary); quiet ones
     are text (.tertiary). */
  button {
    cursor: pointer;
    font-weight: 500;
    padding-inline: calc(var(--_space) * 2);
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_space);
  }
  button:hover {
    background: var(--_tint);
  }
  .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .primary:hover {
    background: color-mix(in srgb, var(--_accent) 88%, var(--_text));
  }
  [aria-disabled='true'] {
    cursor: progress;
  }
  :disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
`;
