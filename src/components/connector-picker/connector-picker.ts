import { html, nothing, type PropertyValues } from 'lit';
import type { Servertype } from '../../api/schemas.js';
import { CatalogueController, allowlist, offered, searchCatalogue, type CatalogueEntry } from '../../flow/catalogue.js';
import { PeliqanElement, define } from '../base.js';
import { connectorIcon } from '../shared.js';

/**
 * The connectors the customer may add, as tiles with search, a category filter and arrow-key navigation.
 * @tagname peliqan-connector-picker
 * @fires peliqan-select - A connector was chosen; `detail.servertype`.
 * @fires peliqan-error - The catalogue could not be loaded.
 * @csspart search - The search field.
 * @csspart tile - A connector tile.
 * @csspart error - The error message.
 */
export class PeliqanConnectorPicker extends PeliqanElement {
  static override properties = {
    connectors: {},
    _query: { state: true },
    _category: { state: true },
  };

  /** Comma-separated ids or `server_type` slugs to offer, in the order to show them; all when empty. */
  declare connectors?: string;
  declare _query: string;
  declare _category: string;
  #focusIndex = 0;
  #catalogue = new CatalogueController(this, {
    client: () => (this.config.ready ? this.client : undefined),
    failed: (error) => this.reportError(error),
  });

  constructor() {
    super();
    this._query = '';
    this._category = '';
  }

  /** The connectors on offer: the catalogue, narrowed (and ordered) by the `connectors` allowlist. */
  get offered(): Servertype[] {
    return this.#offered().map((entry) => entry.servertype);
  }

  #offered(): CatalogueEntry[] {
    return offered(this.#catalogue.entries, allowlist(this.connectors));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.resolved.problem) this.setState('error');
    else this.setState(this.#catalogue.status);
  }

  #choose(servertype: Servertype): void {
    this.emit('peliqan-select', { servertype });
  }

  #onKeydown(event: KeyboardEvent): void {
    const tiles = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[part="tile"]')];
    const current = tiles.indexOf(event.target as HTMLButtonElement);
    if (current < 0) return;
    const columns = getComputedStyle(event.currentTarget as Element).gridTemplateColumns.split(' ').length;
    const rtl = getComputedStyle(this).direction === 'rtl' ? -1 : 1;
    const moves: Record<string, number> = {
      ArrowRight: rtl,
      ArrowLeft: -rtl,
      ArrowDown: columns,
      ArrowUp: -columns,
      Home: -current,
      End: tiles.length - 1 - current,
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const next = Math.min(tiles.length - 1, Math.max(0, current + move));
    this.#focusIndex = next;
    tiles.forEach((tile, index) => (tile.tabIndex = index === next ? 0 : -1));
    tiles[next]?.focus();
  }

  /** Moves focus to the search field. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
  }

  #emptyText(): string | undefined {
    if (this._query) return this.t('noMatch', { query: this._query });
    return this.t('noConnectors');
  }

  override render() {
    const blocked = this.configProblemView();
    if (blocked) return blocked;
    const waiting = this.catalogueView(this.#catalogue);
    if (waiting) return waiting;
    const entries = this.#offered();
    const categories = [...new Set(entries.map((entry) => entry.servertype.category).filter(Boolean))].sort();
    const visible = searchCatalogue(entries, this._query, this._category);
    if (this.#focusIndex >= visible.length) this.#focusIndex = 0;
    const baseUrl = this.resolved.baseUrl;
    return html`<div class="root">
      <div class="filters">
        <label>
          ${this.t('search')}
          <input
            type="search"
            part="search"
            autocomplete="off"
            .value=${this._query}
            @input=${(event: InputEvent) => (this._query = (event.target as HTMLInputElement).value)}
          />
        </label>
        ${
          categories.length > 1
            ? html`<label>
              ${this.t('category')}
              <select @change=${(event: Event) => (this._category = (event.target as HTMLSelectElement).value)}>
                <option value="">${this.t('allCategories')}</option>
                ${categories.map(
                  (category) =>
                    html`<option .value=${category!} ?selected=${category === this._category}>${category}</option>`,
                )}
              </select>
            </label>`
            : nothing
        }
      </div>
      <p role="status">${visible.length ? nothing : this.#emptyText()}</p>
      <ul aria-label=${this.t('connectors')} @keydown=${this.#onKeydown}>
        ${visible.map(
          ({ servertype }, index) =>
            html`<li>
              <button
                part="tile"
                tabindex=${index === this.#focusIndex ? 0 : -1}
                @click=${() => this.#choose(servertype)}
              >
                ${connectorIcon(servertype, baseUrl)}<span class="name">${servertype.name}</span>
                <span class="muted">${servertype.category ?? ''}</span>
              </button>
            </li>`,
        )}
      </ul>
    </div>`;
  }
}

define('peliqan-connector-picker', PeliqanConnectorPicker);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connector-picker': PeliqanConnectorPicker;
  }
}
