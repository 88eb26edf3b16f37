import { html, nothing, type PropertyValues } from 'lit';
import type { Servertype } from '../../api/schemas.js';
import { Catalogue } from '../../flow/catalogue.js';
import { allowlist, offered, searchCatalogue, type CatalogueEntry } from '../../flow/catalogue-search.js';
import { PeliqanElement, define, type ElementState } from '../base.js';
import { ClientHolder } from '../client-holder.js';
import { connectorIcon, notReady, refusedView } from '../shared.js';
import { styles } from '../styles.js';
import { pickerStyles } from './connector-picker.styles.js';
import { TileWindow } from './tile-window.js';

const categoriesOf = new WeakMap<CatalogueEntry[], string[]>();

/** The categories of a set of connectors, sorted, worked out once per set. */
function categories(entries: CatalogueEntry[]): string[] {
  let found = categoriesOf.get(entries);
  if (!found) {
    const names = entries.map((entry) => entry.servertype.category).filter((name): name is string => !!name);
    // Plain string order: a locale-aware sort would start the browser's collation data for a short list.
    found = [...new Set(names)].sort();
    categoriesOf.set(entries, found);
  }
  return found;
}

const searchIcon = html`<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" fill="none">
  <circle cx="8.5" cy="8.5" r="5.75" stroke="currentColor" stroke-width="2" />
  <path d="m13 13 4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
</svg>`;

/**
 * The connectors the customer may add, as tiles with search, a category filter and arrow-key
 * navigation. Only the rows in view are rendered, so thousands of connectors stay instant.
 * @tagname peliqan-connector-picker
 */
export class PeliqanConnectorPicker extends PeliqanElement {
  static override styles = [styles, pickerStyles];
  static override properties = {
    connectors: {},
    _query: { state: true },
    _category: { state: true },
  };

  /** Comma-separated ids or `server_type` slugs to offer, in the order to show them; all when empty. */
  declare connectors?: string;
  declare _query: string;
  declare _category: string;
  /** The tile that Tab reaches (roving tabindex), as an index into the matching connectors. */
  #focusIndex = 0;
  /** focus() came while the catalogue was loading: the search takes focus when it appears. */
  #focusWhenReady = false;
  /** The client this element talks to Peliqan with. */
  #client = new ClientHolder(this, this.settings);
  #catalogue = new Catalogue(this, {
    client: () => this.#client.ready,
    failed: (error) => this.errors.report(error, { shared: this.#client.ready }),
  });
  #window = new TileWindow(this, () => this.renderRoot.querySelector<HTMLElement>('.tiles'));

  constructor() {
    super();
    this._query = '';
    this._category = '';
  }

  /** The connectors on offer: the catalogue, narrowed (and ordered) by the `connectors` allowlist. */
  get offered(): Servertype[] {
    return this.#offered().map((entry) => entry.servertype);
  }

  #offeredFor?: { entries: CatalogueEntry[]; connectors?: string; offered: CatalogueEntry[] };

  /** The connectors on offer, worked out again only when the catalogue or the allowlist changes. */
  #offered(): CatalogueEntry[] {
    const entries = this.#catalogue.entries;
    const cached = this.#offeredFor;
    if (cached?.entries === entries && cached.connectors === this.connectors) return cached.offered;
    const result = offered(entries, allowlist(this.connectors));
    this.#offeredFor = { entries, connectors: this.connectors, offered: result };
    return result;
  }

  protected override deriveState(): ElementState {
    return this.#catalogue.status;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Tiles are rendered by position: when the window moves, the focused button may now show another
    // connector. Keep focus on the connector it was on.
    const active = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    if (active?.part.contains('tile') && Number(active.dataset.index) !== this.#focusIndex) {
      this.renderRoot.querySelector<HTMLElement>(`[data-index="${this.#focusIndex}"]`)?.focus({ preventScroll: true });
    }
    if (this.#focusWhenReady) this.focus();
  }

  /** Moves focus to the search field (once it is there, if the catalogue is still loading). */
  override focus(): void {
    const search = this.renderRoot.querySelector<HTMLInputElement>('input');
    this.#focusWhenReady = !search;
    search?.focus();
  }

  #onKeydown(event: KeyboardEvent, count: number): void {
    const tile = (event.target as HTMLElement).closest<HTMLElement>('[part="tile"]');
    if (!tile) return;
    const current = Number(tile.dataset.index);
    const columns = getComputedStyle(event.currentTarget as Element).gridTemplateColumns.split(' ').length;
    const rtl = getComputedStyle(this).direction === 'rtl' ? -1 : 1;
    const moves: Record<string, number> = {
      ArrowRight: rtl,
      ArrowLeft: -rtl,
      ArrowDown: columns,
      ArrowUp: -columns,
      Home: -current,
      End: count - 1 - current,
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    this.#focusIndex = Math.min(count - 1, Math.max(0, current + move));
    // The tile may be outside the rendered rows: keep it rendered, then bring it into view.
    this.#window.pin(this.#focusIndex);
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const next = this.renderRoot.querySelector<HTMLElement>(`[data-index="${this.#focusIndex}"]`);
      next?.scrollIntoView({ block: 'nearest' });
      next?.focus();
    });
  }

  /** ArrowDown in the search goes to the first result, as in a combobox. */
  #fromSearch(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown') return;
    const first = this.renderRoot.querySelector<HTMLElement>('[part="tile"][data-index="0"]');
    if (!first) return;
    event.preventDefault();
    this.#focusIndex = 0;
    first.focus();
  }

  #clear(): void {
    this._query = '';
    this._category = '';
    void this.updateComplete.then(() => this.focus());
  }

  override render() {
    const { problem, baseUrl } = this.settings.value;
    if (problem) return refusedView(this.words.errorText(problem));
    const waiting = notReady(this.#catalogue, this.words);
    if (waiting) return waiting;
    const entries = this.#offered();
    const visible = searchCatalogue(entries, this._query, this._category);
    const { first, last } = this.#window.range(visible.length);
    // Tab must reach a tile that is rendered.
    if (this.#focusIndex >= visible.length || this.#focusIndex < first || this.#focusIndex >= last) {
      this.#focusIndex = first;
    }
    const kinds = categories(entries);
    return html`<div class="root picker" part="container">
      <div class="filters">
        <label class="search">
          <span class="visually-hidden">${this.words.t('search')}</span>
          ${searchIcon}
          <input
            type="search"
            part="search"
            autocomplete="off"
            spellcheck="false"
            placeholder=${this.words.t('searchPlaceholder')}
            .value=${this._query}
            @input=${(event: InputEvent) => (this._query = (event.target as HTMLInputElement).value)}
            @keydown=${this.#fromSearch}
          />
        </label>
        ${
          kinds.length > 1
            ? html`<label>
              <span class="visually-hidden">${this.words.t('category')}</span>
              <select @change=${(event: Event) => (this._category = (event.target as HTMLSelectElement).value)}>
                <option value="">${this.words.t('allCategories')}</option>
                ${kinds.map(
                  (kind) => html`<option .value=${kind} ?selected=${kind === this._category}>${kind}</option>`,
                )}
              </select>
            </label>`
            : nothing
        }
      </div>
      <p role="status" class="summary">${this.#summary(visible.length, entries.length)}</p>
      ${visible.length ? nothing : this.#emptyActions()}
      <ul class="tiles" aria-label=${this.words.t('connectors')} @keydown=${(event: KeyboardEvent) => this.#onKeydown(event, visible.length)}>
        ${visible.slice(first, last).map((entry, offset) => this.#tile(entry, first + offset, visible.length, baseUrl))}
      </ul>
    </div>`;
  }

  #tile({ servertype }: CatalogueEntry, index: number, count: number, baseUrl: string) {
    return html`<li aria-setsize=${count} aria-posinset=${index + 1}>
      <button
        part="tile"
        data-index=${index}
        tabindex=${index === this.#focusIndex ? 0 : -1}
        @click=${() => this.emit('peliqan-select', { servertype })}
      >
        ${connectorIcon(servertype, baseUrl)}
        <span class="name" title=${servertype.name}>${servertype.name}</span>
        <span class="category">${servertype.category ?? ''}</span>
      </button>
    </li>`;
  }

  /** How many connectors match, in words (announced as the search changes). */
  #summary(matching: number, all: number): string {
    if (!all) return this.words.t('noConnectors');
    if (!matching) return this.words.t('noMatch', { query: this._query || this._category });
    if (matching === all) return this.words.t('connectorCount', { count: all });
    return this.words.t('matchCount', { count: matching, total: all });
  }

  /** A search that found nothing offers the way back. */
  #emptyActions() {
    if (!this._query && !this._category) return nothing;
    return html`<div class="empty">
      <p class="muted">${this.words.t('noMatchHint')}</p>
      <button @click=${this.#clear}>${this.words.t('showAll')}</button>
    </div>`;
  }
}

define('peliqan-connector-picker', PeliqanConnectorPicker);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connector-picker': PeliqanConnectorPicker;
  }
}
