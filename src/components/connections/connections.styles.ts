import { css } from 'lit';

/** `<peliqan-connections>`: rows, earlier attempts, logs and the panels that open in place. */
export const connectionsStyles = css`
  .connections > .head {
    justify-content: space-between;
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
    grid-template-columns: auto minmax(0, 1fr) auto;
    grid-template-areas: 'icon what state' 'icon actions actions';
    gap: 4px var(--_space);
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
  .state {
    grid-area: state;
    display: grid;
    justify-items: end;
    gap: 2px;
    text-align: end;
  }
  .actions {
    grid-area: actions;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
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
    gap: var(--_space);
    justify-items: start;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .panel > peliqan-connect {
    justify-self: stretch;
  }
  /* Once connected, the success screen's "Done" closes the panel: one way out, not two. */
  .panel > peliqan-connect[state='connected'] + button {
    display: none;
  }
  @media (max-width: 30em) {
    .connection {
      grid-template-columns: auto minmax(0, 1fr);
      grid-template-areas: 'icon what' 'icon state' 'actions actions';
    }
    .state {
      justify-items: start;
      text-align: start;
    }
    .entry {
      grid-template-columns: auto minmax(0, 1fr);
    }
    .entry .text {
      grid-column: 1 / -1;
    }
  }
`;
