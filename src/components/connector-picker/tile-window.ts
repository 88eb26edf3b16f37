import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The part of a long list worth rendering, and the room the rows before and after it take. */
export interface TileRange {
  /** The first item to render. */
  first: number;
  /** One past the last item to render. */
  last: number;
}

/** Below this many items everything is rendered: windowing would only add work. */
export const WINDOW_FROM = 120;
/** Rendered before the grid has been measured: a first screenful on most screens, and no more. */
const FIRST_SCREEN = 48;
/** Rows rendered above and below the ones in view, so that scrolling meets rows that are there. */
const BUFFER_ROWS = 2;

/**
 * Renders only the rows of a grid of equal-height items that the viewport shows (issue 17): a
 * catalogue of 10 000 connectors costs what a screenful costs. The page itself scrolls (the widget
 * has no scroll box of its own); the rows not rendered keep their room as the list's padding, so the
 * scrollbar and the layout are those of the whole list. Any scroll on the page (captured), a resize,
 * or a change of the list's width brings the window along.
 */
export class TileWindow implements ReactiveController {
  #host: ReactiveControllerHost;
  #list: () => HTMLElement | null | undefined;
  #columns = 1;
  #stride = 0;
  #range: TileRange = { first: 0, last: FIRST_SCREEN };
  #count = 0;
  #pinned?: number;
  #frame = 0;
  #resize?: ResizeObserver;
  #observed?: HTMLElement;
  /** The grid's columns and row height need measuring again (first render, a new width). */
  #stale = true;
  #width = 0;
  /** Only a new width changes columns or rows (the list's height changes with every window). */
  #onResize = (entries: ResizeObserverEntry[]) => {
    const width = entries.at(-1)?.contentRect.width ?? 0;
    if (width === this.#width) return;
    this.#width = width;
    this.#stale = true;
    this.#onScroll();
  };
  /** The list's top, from the top of the document: read in a frame, never while rendering. */
  #top = 0;
  #onScroll = () => {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const list = this.#list();
      // Read at the start of a frame, when the browser lays the page out anyway.
      if (list) this.#top = list.getBoundingClientRect().top + window.scrollY;
      const next = this.#compute(this.#count);
      if (next.first !== this.#range.first || next.last !== this.#range.last) this.#host.requestUpdate();
    });
  };

  constructor(host: ReactiveControllerHost, list: () => HTMLElement | null | undefined) {
    this.#host = host;
    this.#list = list;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('scroll', this.#onScroll, { capture: true, passive: true });
    window.addEventListener('resize', this.#onScroll, { passive: true });
    this.#resize = new ResizeObserver(this.#onResize);
  }

  hostDisconnected(): void {
    document.removeEventListener('scroll', this.#onScroll, { capture: true });
    window.removeEventListener('resize', this.#onScroll);
    this.#resize?.disconnect();
    this.#observed = undefined;
    this.#stale = true;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** The items to render out of `count` (all of them below `WINDOW_FROM`). */
  range(count: number): TileRange {
    this.#count = count;
    this.#range = this.#compute(count);
    return this.#range;
  }

  /** Keeps item `index` rendered (the keyboard moved there) until it has been scrolled into view. */
  pin(index: number): void {
    this.#pinned = index;
  }

  /**
   * After each render: the room of the rows not rendered (a write only). The grid's columns and row
   * height are read only when they may have changed (the first render, a new width): reading them on
   * every keystroke would force a layout each time.
   */
  hostUpdated(): void {
    const list = this.#list();
    if (!list || this.#count <= WINDOW_FROM) {
      if (list?.style.paddingBlockStart) list.style.paddingBlock = '';
      return;
    }
    if (list !== this.#observed) {
      this.#resize?.observe(list);
      this.#observed = list;
      this.#stale = true;
    }
    if (this.#stale) this.#measure(list);
    const { first, last } = this.#range;
    const rows = (items: number) => Math.ceil(items / this.#columns);
    list.style.paddingBlockStart = `${rows(first) * this.#stride}px`;
    list.style.paddingBlockEnd = `${Math.max(0, rows(this.#count) - rows(last)) * this.#stride}px`;
    // The list may have moved (a message above it came or went): check in the next frame.
    this.#onScroll();
  }

  #measure(list: HTMLElement): void {
    const style = getComputedStyle(list);
    const item = list.firstElementChild as HTMLElement | null;
    if (!item) return;
    const columns = Math.max(1, style.gridTemplateColumns.split(' ').filter(Boolean).length);
    const stride = item.offsetHeight + (parseFloat(style.rowGap) || 0);
    const changed = columns !== this.#columns || stride !== this.#stride;
    this.#columns = columns;
    this.#stride = stride;
    this.#stale = false;
    // What is in view depends on them: render again with the new geometry.
    if (changed) this.#onScroll();
  }

  #compute(count: number): TileRange {
    if (count <= WINDOW_FROM) return { first: 0, last: count };
    if (!this.#stride) return { first: 0, last: FIRST_SCREEN };
    // No layout read here: this runs while rendering, where a read would force a layout per keystroke.
    const top = this.#top - window.scrollY;
    const rows = Math.ceil(count / this.#columns);
    let start = Math.floor(Math.max(0, -top) / this.#stride) - BUFFER_ROWS;
    let end = Math.ceil((window.innerHeight - top) / this.#stride) + BUFFER_ROWS;
    const pinned = this.#pinned;
    if (pinned !== undefined) {
      const row = Math.floor(pinned / this.#columns);
      if (row >= start && row <= end) this.#pinned = undefined;
      else {
        start = row - BUFFER_ROWS;
        end = row + BUFFER_ROWS;
      }
    }
    start = Math.min(Math.max(0, start), rows - 1);
    end = Math.max(start + 1, Math.min(rows, end, start + 1 + Math.ceil(2000 / this.#stride)));
    return { first: start * this.#columns, last: Math.min(count, end * this.#columns) };
  }
}
