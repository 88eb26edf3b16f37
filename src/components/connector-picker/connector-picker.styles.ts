import { css } from 'lit';

/**
 * The picker: search and category, then tiles of one fixed height per layout (so that only the rows
 * in view need to exist), and on narrow screens a compact list instead of full-width tiles.
 */
export const pickerStyles = css`
  .picker {
    container-type: inline-size;
  }
  .filters {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 14rem);
    gap: var(--_space);
  }
  .search {
    position: relative;
  }
  .search svg {
    position: absolute;
    inset-inline-start: calc(var(--_space) * 1.5);
    inset-block-start: 50%;
    translate: 0 -50%;
    color: var(--_muted);
    pointer-events: none;
  }
  .search input {
    padding-inline-start: calc(var(--_space) * 1.5 + 1.5rem);
  }
  .search input::-webkit-search-cancel-button {
    cursor: pointer;
  }
  .summary {
    color: var(--_muted);
    font-size: var(--_small);
  }
  .empty {
    display: grid;
    justify-items: start;
    gap: var(--_space);
  }
  .tiles {
    /* The rows change under a scroll: the browser must not "anchor" the scroll to one of them. */
    overflow-anchor: none;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
    gap: var(--_space);
    padding: 0;
    list-style: none;
  }
  [part='tile'] {
    /* A tile's layout and paint stay inside it: a keystroke that changes some tiles redoes only those. */
    contain: layout paint style;
    inline-size: 100%;
    block-size: 4.75rem;
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    grid-template-rows: auto auto;
    align-content: center;
    align-items: center;
    column-gap: calc(var(--_space) * 1.5);
    padding: var(--_space) calc(var(--_space) * 1.5);
    text-align: start;
    font-weight: 400;
    justify-content: stretch;
  }
  [part='tile']:hover {
    border-color: var(--_accent);
  }
  [part='tile'] .icon {
    grid-row: span 2;
  }
  .name {
    font-weight: 500;
    line-height: 1.25;
    /* Names wrap between words, never inside one ("ActiveCampaign"): tiles are wide enough for the
       catalogue's long words. Only a word longer than a whole line breaks, rather than being cut off.
       Two lines at most. */
    overflow-wrap: break-word;
    word-break: normal;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    line-clamp: 2;
    overflow: hidden;
  }
  .category {
    color: var(--_muted);
    font-size: var(--_small);
    line-height: 1.25;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  @container (max-width: 30rem) {
    .filters {
      grid-template-columns: minmax(0, 1fr);
    }
    .tiles {
      grid-template-columns: minmax(0, 1fr);
      gap: 0;
    }
    [part='tile'] {
      block-size: 3.5rem;
      border-radius: 0;
      border-inline: 0;
      border-block-start: 0;
      padding-inline: 4px;
    }
    [part='tile'] .icon {
      inline-size: 2rem;
      block-size: 2rem;
    }
    .name {
      -webkit-line-clamp: 1;
      line-clamp: 1;
    }
  }
`;
