import { css } from 'lit';

/** `<peliqan-connections>`: rows, earlier attempts, logs and the panels that open in place. */
export const connectionsStyles = css`
  .connections > .head {
    justify-content: space-between;
  }
  .head-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .rows,
  .earlier {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
    padding: 0;
    list-style: none;
  }
  .rows > li {
    display: grid;
    gap: var(--_space);
    border-block-end: 1px solid var(--_border);
    padding-block-end: var(--_space);
  }
  .earlier {
    padding-inline-start: calc(var(--_space) * 2);
  }
  /* A row lays itself out by its own width, not the screen's (the list may sit in a sidebar of a wide
     page): the badge beside the name while the name keeps room for a few words, else under it; the
     actions beside both while they fit, else under them. */
  .connection {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: calc(var(--_space) * 1.5);
    align-items: center;
  }
  .body,
  .summary {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px calc(var(--_space) * 1.5);
    min-inline-size: 0;
  }
  .summary {
    flex: 1 1 16rem;
    justify-content: space-between;
  }
  .what {
    flex: 1 1 8rem;
    display: grid;
    min-inline-size: 0;
  }
  .what .name {
    overflow-wrap: anywhere;
  }
  .what .reason {
    font-size: var(--_small);
    color: var(--_muted);
  }
  .what .reason.failed {
    color: var(--_danger);
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    /* The first action's words line up with the name above them when the actions go under it. */
    margin-inline-start: calc(var(--_space) * -1);
  }
  .row-actions .tertiary {
    padding-inline: var(--_space);
  }
  .logs {
    display: grid;
    gap: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .logs .head {
    justify-content: space-between;
  }
  .log {
    display: grid;
    gap: 4px;
    padding: 0;
    list-style: none;
    max-block-size: 20em;
    overflow: auto;
  }
  .entry {
    display: grid;
    grid-template-columns: auto auto minmax(0, 1fr);
    gap: var(--_space);
    font-size: 0.875em;
  }
  .entry time {
    color: var(--_muted);
    white-space: nowrap;
  }
  .entry .level {
    font-weight: 600;
  }
  .entry.levelError .level {
    color: var(--_danger);
  }
  .entry.levelWarning .level {
    color: #b45309;
  }
  .entry .text {
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }
  .panel {
    display: grid;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
  }
  /* "Show 2 earlier attempts", under the row's words. */
  .rows > li > .link {
    justify-self: start;
    margin-inline-start: calc(2.5rem + var(--_space) * 1.5);
  }
  @media (max-width: 40em) {
    .entry {
      grid-template-columns: auto minmax(0, 1fr);
    }
    .entry .text {
      grid-column: 1 / -1;
    }
  }
`;
