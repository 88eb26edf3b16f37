import { css } from 'lit';

/**
 * The flow's dialog (`<peliqan-connect-button>`, `open()`, a badge's "Connect again"): a card over a
 * dimmed page, the flow scrolling inside it with its main action kept in view; at 480 px wide or less,
 * a sheet that fills the screen. The element itself takes no room.
 */
export const dialogStyles = css`
  :host {
    display: contents;
  }
  dialog {
    box-sizing: border-box;
    /* Centred in the viewport, as the browser has it (the shared sheet zeroes every margin). */
    margin: auto;
    inline-size: min(34rem, 100vw - 2rem);
    max-block-size: min(44rem, 100dvh - 2rem);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.5);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 24px 48px -12px #0000004d;
    overflow: auto;
    overscroll-behavior: contain;
    /* The flow's main action stays in view at the bottom while its fields scroll (connect-form reads it). */
    --_peliqan-actions-position: sticky;
    --_peliqan-actions-padding: calc(var(--_space) * 1.5);
  }
  dialog::backdrop {
    background: #0f172a8c;
  }
  dialog > peliqan-connect {
    padding: calc(var(--_space) * 3);
  }
  @media (max-width: 480px) {
    dialog {
      inline-size: 100vw;
      max-inline-size: none;
      block-size: 100dvh;
      max-block-size: none;
      margin: 0;
      border: 0;
      border-radius: 0;
    }
    dialog > peliqan-connect {
      padding: calc(var(--_space) * 2);
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    dialog[open] {
      animation: rise 160ms ease-out;
    }
    @keyframes rise {
      from {
        opacity: 0;
        translate: 0 8px;
      }
    }
  }
`;
