import { css } from 'lit';

/** The status badge, shared by the list and `<peliqan-connection-status>`. */
export const badgeStyles = css`
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.875em;
    font-weight: 500;
    white-space: nowrap;
  }
  .badge.connected {
    color: var(--_success);
  }
  .badge.pending {
    color: var(--_muted);
  }
  .badge.failed {
    color: var(--_danger);
  }
  .badge.disabled,
  .badge.unknown {
    color: var(--_muted);
    border-style: dashed;
  }
  .reason {
    color: var(--_danger);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
`;
