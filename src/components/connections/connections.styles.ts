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
  .connection {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto auto;
    grid-template-areas: 'icon what state actions';
    gap: 4px calc(var(--_space) * 1.5);
    align-items: center;
  }
  .connection .icon {
    grid-area: icon;
  }
  .what {
    grid-area: what;
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
  .state {
    grid-area: state;
    display: grid;
    justify-items: end;
  }
  .row-actions {
    grid-area: actions;
    display: flex;
    flex-wrap: wrap;
    justify-content: end;
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
    .connection {
      grid-template-columns: auto minmax(0, 1fr) auto;
      grid-template-areas: 'icon what state' 'icon actions actions';
    }
    .row-actions {
      justify-content: start;
      margin-inline-start: calc(var(--_space) * -1);
    }
    .entry {
      grid-template-columns: auto minmax(0, 1fr);
    }
    .entry .text {
      grid-column: 1 / -1;
    }
  }
`;
