import { css } from '@lit/reactive-element/css-tag.js';
import { controls, tokens } from './control-styles.js';

/*
 * The sheets every element made with Lit shares (adopted once per page): tokens and controls
 * (`control-styles.ts`), then type, layout and messages. The widget sits flush in the partner's card: no
 * outer padding or background of its own (`::part(container)` adds them back).
 */

/** Everything else: type, layout, messages, step headers, actions, notices. */
const content = css`
  input,
  select,
  textarea {
    /* 16 px at least: iOS Safari zooms the page into a smaller field when it takes focus. Regular
       weight, whatever the label around it. */
    font-size: max(1rem, 16px);
    font-weight: 400;
    inline-size: 100%;
    min-inline-size: 0;
  }
  .root,
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) * 2);
  }
  h2 {
    font-size: var(--_large);
    font-weight: 600;
    line-height: 1.3;
  }
  h3 {
    font-size: 1rem;
    font-weight: 600;
  }
  label {
    font-weight: 500;
    font-size: var(--_small);
  }
  .muted,
  .help {
    color: var(--_muted);
    font-size: var(--_small);
  }
  .error {
    color: var(--_danger);
  }
  .ok {
    color: var(--_success);
  }
  /* An empty live region stays in the accessibility tree, and in its place, but takes no room. */
  [role='status']:empty {
    display: block;
    block-size: 0;
    overflow: hidden;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .tertiary,
  .icon-button {
    border-color: transparent;
    background: none;
    color: var(--_accent);
  }
  .tertiary {
    padding-inline: calc(var(--_space) * 1.5);
  }
  .icon-button {
    inline-size: 40px;
    padding: 0;
    color: var(--_muted);
    font-size: 1.25rem;
  }
  @media (pointer: coarse) {
    .icon-button {
      inline-size: 44px;
    }
  }
  .icon-button:hover {
    color: var(--_text);
  }
  .link {
    border: 0;
    background: none;
    color: var(--_accent);
    padding-inline: 0;
    min-block-size: 44px;
    text-decoration: underline;
    text-underline-offset: 3px;
  }
  /* An arrow that points back in the reading direction: to the right under dir="rtl" (:dir() is in
     Safari 16.4 and Firefox; Chrome before 120 keeps the left arrow, still next to the word "Back"). */
  .arrow {
    display: inline-block;
  }
  .arrow:dir(rtl) {
    scale: -1 1;
  }
  .link:hover {
    background: none;
    text-decoration-thickness: 2px;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: inset 0 0 0 1px var(--_danger);
  }
  .row,
  .head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  /* A step's header: Back at its start, the title, Close at its end (product spec §4). */
  .step-head {
    display: flex;
    gap: calc(var(--_space) * 1.5);
    align-items: center;
    min-block-size: 40px;
    container-type: inline-size;
  }
  /* A header too narrow for Back, the connector's icon, the title and Close (a panel in a list at 320 px)
     leaves the icon out, so that the title keeps whole words. */
  @container (max-width: 17rem) {
    .step-head .icon {
      display: none;
    }
  }
  .step-head h2 {
    flex: 1;
    min-inline-size: 0;
  }
  h2:focus {
    outline: none;
  }
  /* A step's actions: the primary first. In a dialog they stay in view at its bottom while the fields
     scroll (the dialog sets --_peliqan-actions-position and the room around them). */
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    position: var(--_peliqan-actions-position, static);
    inset-block-end: 0;
    z-index: 1;
    padding-block: var(--_peliqan-actions-padding, 0);
    background: var(--_surface);
  }
  /* A neutral note: the customer stopped, nothing failed. */
  .note {
    display: grid;
    gap: var(--_space);
    justify-items: start;
    padding: calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_tint);
  }
  .icon {
    flex: none;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border-radius: 8px;
    display: grid;
    place-items: center;
    overflow: hidden;
    font-weight: 600;
    color: #1f2937;
    /* A light plate behind every icon: dark logos stay visible in dark mode. */
    background: #fff;
    box-shadow: inset 0 0 0 1px #0000001a;
  }
  .icon img {
    inline-size: 80%;
    block-size: 80%;
    object-fit: contain;
  }
  .monogram {
    background: #e5e7eb;
  }
  .spinner {
    display: inline-block;
    flex: none;
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
      animation-duration: 4s;
    }
  }
  /* An error panel: an icon, what happened, why, and what to do next. */
  .failure {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: var(--_space);
    align-items: start;
    justify-items: start;
    padding: calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    border: 1px solid color-mix(in srgb, var(--_danger) 40%, transparent);
    background: color-mix(in srgb, var(--_danger) 7%, transparent);
  }
  .failure::before {
    content: '!';
    display: grid;
    place-items: center;
    inline-size: 1.5rem;
    block-size: 1.5rem;
    border-radius: 50%;
    background: var(--_danger);
    color: var(--_surface);
    font-weight: 700;
  }
  .failure > * {
    grid-column: 2;
  }
  .failure .error {
    color: var(--_text);
    font-weight: 500;
  }
  .notice {
    display: grid;
    gap: 4px;
    padding: calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_tint);
    font-size: var(--_small);
  }
  .notice-title {
    font-weight: 600;
  }
`;

/** The sheets of every element made with Lit. */
export const styles = [tokens, controls, content];
