import { html, nothing } from 'lit';
import { connectorKey } from '../../api/connectors.js';
import type { Connection, Servertype } from '../../api/schemas.js';
import { Catalogue } from '../../flow/catalogue.js';
import { ConnectionList, type ConnectionGroup } from '../../flow/connection-list.js';
import { Logs } from '../../flow/logs.js';
import { formatTimestamp } from '../../i18n/dates.js';
import { PeliqanFlowElement, define, type ElementState } from '../base.js';
import '../connect/connect.js';
import { failure, notReady, refusedView } from '../shared.js';
import { badgeStyles } from '../status-badge.styles.js';
import { styles } from '../styles.js';
import { connectionsStyles } from './connections.styles.js';
import { connectPanel, groupView, logsPanel, type RowContext } from './rows.js';

/**
 * The customer's connections (`GET /api/servers`), newest first, each with its live status, its logs
 * and, when it failed, "Connect again"; "Add connection" opens `<peliqan-connect>` in place.
 * @tagname peliqan-connections
 */
export class PeliqanConnections extends PeliqanFlowElement {
  static override styles = [styles, badgeStyles, connectionsStyles];

  #adding = false;
  /** Groups whose "Connect again" flow is open in place of their row. */
  #again = new Map<string, string>();
  #unfolded = new Set<string>();
  #logs = new Logs(
    this,
    () => this.settings.readyClient,
    (error) => this.errors.report(error),
  );
  #catalogue = new Catalogue(this, {
    client: () => this.settings.readyClient,
    failed: (error) => this.errors.report(error, { shared: this.settings.readyClient }),
  });
  #list = new ConnectionList(this, {
    client: () => this.settings.readyClient,
    status: (state, connection) => this.emit('peliqan-status', { connectionId: connection.id, state, connection }),
    connected: (connection) =>
      this.emit('peliqan-connected', {
        connectionId: connection.id,
        connection,
        servertype: this.#connector(connection) ?? { name: connection.server_type ?? '' },
      }),
    failed: (error) => this.errors.report(error, { shared: this.settings.readyClient }),
  });

  /** Loads the list again. */
  refresh(): void {
    this.#list.load();
  }

  protected override deriveState(): ElementState {
    return this.#list.status;
  }

  #connector(connection: Connection): Servertype | undefined {
    return this.#catalogue.connectorOf(connectorKey(connection));
  }

  #toggleLogs(connection: Connection): void {
    const id = String(connection.id);
    if (this.#logs.of(id)) this.#logs.close(id);
    else this.#logs.open(id);
    // Into the logs when they open; back to their button when they close.
    const target = this.#logs.of(id) ? '.logs' : '[aria-expanded]';
    void this.updateComplete.then(() => this.#inRow(id, target)?.focus());
  }

  #inRow(id: string, selector: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"] ${selector}`);
  }

  #connectAgain(group: ConnectionGroup): void {
    const connection = group.latest;
    const connector = this.#connector(connection);
    const slug = connector?.server_type ?? connection.server_type ?? String(connection.servertype_id ?? '');
    this.#again.set(group.key, slug);
    this.requestUpdate();
    this.#focusPanel(group.key);
  }

  #closePanel(key?: string): void {
    // Focus inside the panel would be lost with it: back to what opened it.
    const hadFocus = this.matches(':focus-within');
    if (key === undefined) this.#adding = false;
    else this.#again.delete(key);
    this.requestUpdate();
    if (hadFocus) void this.updateComplete.then(() => this.#opener(key)?.focus());
  }

  /** The button that opens a panel: "Add connection", or the first button of the group's row. */
  #opener(key?: string): HTMLElement | null {
    if (key === undefined) return this.renderRoot.querySelector('.head .primary');
    return this.renderRoot.querySelector(`[data-group="${CSS.escape(key)}"] button`);
  }

  /** A panel just opened: focus goes into its flow. */
  #focusPanel(key?: string): void {
    const selector = key === undefined ? '.connections > .panel' : `[data-group="${CSS.escape(key)}"] .panel`;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`${selector} peliqan-connect`)?.focus(),
    );
  }

  override render() {
    const { problem } = this.settings.value;
    if (problem) return refusedView(this.words.errorText(problem));
    const list = this.#list;
    const waiting = notReady(list, this.words, 'loadingConnections');
    if (waiting) return waiting;
    const groups = list.groups;
    const context = this.#rowContext();
    return html`<div class="root connections" part="container">
      <div class="head">
        <h2>${this.words.t('connectionsTitle')}</h2>
        <div class="actions">
          <button @click=${() => list.load()}>${this.words.t('refresh')}</button>
          <button class="primary" aria-expanded=${this.#adding ? 'true' : 'false'} @click=${this.#openAdd}>
            ${this.words.t('addConnection')}
          </button>
        </div>
      </div>
      ${list.error ? failure(this.words.errorText(list.error), { label: this.words.t('retry'), run: () => list.load() }) : nothing}
      ${this.#adding ? this.#panel(undefined) : nothing}
      <p role="status" class=${groups.length ? 'visually-hidden' : 'muted'}>
        ${groups.length ? this.words.t('connectionCount', { count: list.connections.length }) : this.words.t('noConnections')}
      </p>
      <ul class="rows" aria-label=${this.words.t('connectionsTitle')}>
        ${groups.map((group) => this.#group(group, context))}
      </ul>
    </div>`;
  }

  #openAdd(): void {
    if (this.#adding) return this.#closePanel();
    this.#adding = true;
    this.requestUpdate();
    this.#focusPanel();
  }

  /** What every row needs from the list, made once per render. */
  #rowContext(): Omit<RowContext, 'connectAgain'> {
    return {
      t: this.words.t,
      baseUrl: this.settings.value.baseUrl,
      connector: (connection) => this.#connector(connection),
      logsOpen: (connection) => this.#logs.of(connection.id) !== undefined,
      toggleLogs: (connection) => this.#toggleLogs(connection),
    };
  }

  #group(group: ConnectionGroup, context: Omit<RowContext, 'connectAgain'>) {
    const again = this.#again.get(group.key);
    if (again !== undefined) return html`<li data-group=${group.key}>${this.#panel(group.key, again)}</li>`;
    return groupView(group, {
      ...context,
      connectAgain: () => this.#connectAgain(group),
      unfolded: this.#unfolded.has(group.key),
      toggleFold: () => this.#fold(group.key),
      logs: (connection) => this.#logsFor(connection),
    });
  }

  #fold(key: string): void {
    if (!this.#unfolded.delete(key)) this.#unfolded.add(key);
    this.requestUpdate();
  }

  #logsFor(connection: Connection) {
    const logs = this.#logs.of(connection.id);
    if (!logs) return nothing;
    const name = connection.name || this.#connector(connection)?.name || String(connection.id);
    const locale = this.words.locale;
    return logsPanel(
      name,
      logs,
      logs.error && this.words.errorText(logs.error),
      this.words.t,
      (timestamp) => formatTimestamp(timestamp, locale),
      () => this.#toggleLogs(connection),
    );
  }

  /** A flow in a panel connected: the list shows the new row; "Connect again" has done its job. */
  #connected(key: string | undefined): void {
    this.#list.load();
    if (key !== undefined) this.#closePanel(key);
  }

  /** `<peliqan-connect>` in place: for a new connection (no key), or again for a failed one. */
  #panel(key: string | undefined, servertype?: string) {
    return connectPanel(servertype, this.words.t('close'), {
      close: () => this.#closePanel(key),
      created: () => this.#list.load(),
      connected: () => this.#connected(key),
    });
  }
}

define('peliqan-connections', PeliqanConnections);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connections': PeliqanConnections;
  }
}
