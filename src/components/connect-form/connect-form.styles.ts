import { css } from 'lit';

/** The connect form: fields, secrets, the trust line, progress in the button, success. */
export const formStyles = css`
  .field {
    display: grid;
    gap: 6px;
  }
  .required {
    color: var(--_muted);
  }
  .reveal-group {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
  }
  .reveal-group input {
    border-start-end-radius: 0;
    border-end-end-radius: 0;
  }
  .reveal {
    border-inline-start: 0;
    border-start-start-radius: 0;
    border-end-start-radius: 0;
    padding-inline: calc(var(--_space) * 1.5);
  }
  .reveal[aria-pressed='true'] {
    color: var(--_accent);
  }
  .checkbox {
    grid-template-columns: auto minmax(0, 1fr);
    align-items: center;
    column-gap: var(--_space);
  }
  .checkbox label {
    grid-area: 1 / 2;
    font-size: 1rem;
    font-weight: 400;
  }
  .checkbox input {
    grid-area: 1 / 1;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    min-block-size: 1.25rem;
    accent-color: var(--_accent);
  }
  .checkbox .help,
  .checkbox .field-error {
    grid-column: 1 / -1;
  }
  textarea {
    min-block-size: 6rem;
    resize: vertical;
  }
  .field-error {
    font-size: var(--_small);
  }
  .trust {
    display: flex;
    gap: var(--_space);
    align-items: flex-start;
    color: var(--_muted);
    font-size: var(--_small);
  }
  .trust svg {
    flex: none;
    margin-block-start: 2px;
  }
  /* The success moment: centred, the connector with a check, what happens next, Done. */
  .success {
    position: relative;
    justify-items: center;
    text-align: center;
    padding-block: calc(var(--_space) * 3);
  }
  .success .badge-icon {
    position: relative;
  }
  .success .badge-icon .icon {
    inline-size: 4rem;
    block-size: 4rem;
    border-radius: 16px;
  }
  .success .badge-icon::after {
    content: '✓';
    position: absolute;
    inset-block-end: -6px;
    inset-inline-end: -6px;
    display: grid;
    place-items: center;
    inline-size: 1.75rem;
    block-size: 1.75rem;
    border-radius: 50%;
    border: 3px solid var(--_surface);
    background: var(--_success);
    color: var(--_surface);
    font-size: 0.875rem;
    font-weight: 700;
  }
  .success h2 {
    font-size: 1.25rem;
  }
  .success .muted {
    max-inline-size: 28rem;
  }
  .success .actions {
    position: static;
    flex-direction: column;
    align-items: stretch;
    inline-size: min(100%, 20rem);
    padding: 0;
    margin-block-start: var(--_space);
  }
  @media (prefers-reduced-motion: no-preference) {
    .success .badge-icon::after {
      animation: pop 320ms cubic-bezier(0.2, 0.9, 0.3, 1.3) both 120ms;
    }
    @keyframes pop {
      from {
        scale: 0;
      }
    }
  }
`;
