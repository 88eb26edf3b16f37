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
  .success {
    display: grid;
    justify-items: start;
    gap: var(--_space);
  }
  .success .badge-icon {
    position: relative;
  }
  .success .badge-icon::after {
    content: '✓';
    position: absolute;
    inset-block-end: -6px;
    inset-inline-end: -6px;
    display: grid;
    place-items: center;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    border-radius: 50%;
    background: var(--_success);
    color: var(--_surface);
    font-size: 0.75rem;
    font-weight: 700;
  }
  .success .row {
    margin-block-start: var(--_space);
  }
`;
