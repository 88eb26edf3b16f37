import { html, nothing } from 'lit';
import { connectorKey } from '../../api/connectors.js';
import type { Connection, Servertype } from '../../api/schemas.js';
import { Catalogue } from '../../flow/catalogue.js';
import { ConnectionList, type ConnectionGroup } from '../../flow/connection-list.js';
import { Logs } from '../../flow/logs.js';
import { formatTimestamp } from '../../i18n/dates.js';
import { PeliqanFlowElement, define, type ElementState } from '../base.js';
import { ClientHolder } from '../client-holder.js';
import type { PeliqanConnect } from '../connect/connect.js';
import { ElementCode } from '../element-code.js';
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

  /**
   * The one connect panel open, if any (product spec §4): "Add connection" (no key), or "Connect again"
   * in place of a group's row.
   */
  #panelOpen?: { key?: string; servertype?: string };
  #unfolded = new Set<string>();
  /** The flow's code, loaded when a panel first opens (or the pointer or focus reaches "Add connection"). */
  #connectCode = new ElementCode(
    this,
    () => import('../connect/connect.js'),
    (error) => this.errors.report(error),
  );
  /** The client this element talks to Peliqan with. */
  #client = new ClientHolder(this, this.settings);
  #logs = new Logs(
    this,
    () => this.#client.ready,
    (error) => this.errors.report(error),
  );
  #catalogue = new Catalogue(this, {
    client: () => this.#client.ready,
    failed: (error) => this.errors.report(error, { shared: this.#client.ready }),
  });
  #list = new ConnectionList(this, {
    client: () => this.#client.ready,
    status: (state, connection) => this.emit('peliqan-status', { connectionId: connection.id, state, connection }),
    connected: (connection) =>
      this.emit('peliqan-connected', {
        connectionId: connection.id,
        connection,
        servertype: this.#connector(connection) ?? { name: connection.server_type ?? '' },
      }),
    failed: (error) => this.errors.report(error, { shared: this.#client.ready }),
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
    const servertype = connector?.server_type ?? connection.server_type ?? String(connection.servertype_id ?? '');
    this.#openPanel({ key: group.key, servertype });
  }

  #openAdd(): void {
    if (this.#panelOpen && this.#panelOpen.key === undefined) return this.#closePanel();
    this.#openPanel({});
  }

  /** Opens a connect panel, closing the one open before (one at a time). */
  #openPanel(panel: { key?: string; servertype?: string }): void {
    this.#leavePanel();
    this.#panelOpen = panel;
    this.#connectCode.load();
    this.requestUpdate();
    void this.#focusPanel();
  }

  /** Focus into the panel's flow once its code is in (the panel shows a busy line until then). */
  async #focusPanel(): Promise<void> {
    await this.#connectCode.done;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.panel peliqan-connect')?.focus();
  }

  /** The customer leaves the open panel's flow: a connection under way in it goes on (product spec §4). */
  #leavePanel(): void {
    this.renderRoot.querySelector<PeliqanConnect>('.panel peliqan-connect')?.leave();
  }

  #closePanel(): void {
    const key = this.#panelOpen?.key;
    // Focus inside the panel would be lost with it: back to what opened it.
    const hadFocus = this.matches(':focus-within');
    this.#leavePanel();
    this.#panelOpen = undefined;
    this.requestUpdate();
    if (hadFocus) void this.updateComplete.then(() => this.#opener(key)?.focus());
  }

  /** The button that opens a panel: "Add connection", or the first button of the group's row. */
  #opener(key?: string): HTMLElement | null {
    if (key === undefined) return this.renderRoot.querySelector('.head .primary');
    return this.renderRoot.querySelector(`[data-group="${CSS.escape(key)}"] button`);
  }

  override render() {
    const { problem } = this.settings.value;
    if (problem) return refusedView(this.words.errorText(problem));
    const list = this.#list;
    const t = this.words.t;
    if (list.status === 'loading') return notReady(list, this.words, 'loadingConnections');
    const groups = list.groups;
    const context = this.#rowContext();
    const adding = this.#panelOpen !== undefined && this.#panelOpen.key === undefined;
    // During an outage the header, the rows and "Add connection" stay, the error and Retry above them.
    const retry = { label: t('retry'), run: () => list.load() };
    return html`<div class="root connections" part="container">
      <div class="head">
        <h2>${t('connectionsTitle')}</h2>
        <div class="head-actions">
          <button class="tertiary" @click=${() => list.load()}>${t('refresh')}</button>
          <button
            class="primary"
            aria-expanded=${adding ? 'true' : 'false'}
            @pointerenter=${() => this.#connectCode.preload()}
            @focus=${() => this.#connectCode.preload()}
            @click=${this.#openAdd}
          >
            ${t('addConnection')}
          </button>
        </div>
      </div>
      ${list.error ? failure(this.words.errorText(list.error), retry) : nothing} ${adding ? this.#panel() : nothing}
      ${
        list.status === 'ready'
          ? html`<p role="status" class=${groups.length ? 'visually-hidden' : 'muted'}>
              ${groups.length ? t('connectionCount', { count: list.connections.length }) : t('noConnections')}
            </p>
            <ul class="rows" aria-label=${t('connectionsTitle')}>
              ${groups.map((group) => this.#group(group, context))}
            </ul>`
          : nothing
      }
    </div>`;
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
    if (this.#panelOpen?.key === group.key) return html`<li data-group=${group.key}>${this.#panel()}</li>`;
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
  #connected(): void {
    this.#list.load();
    if (this.#panelOpen?.key !== undefined) this.#closePanel();
  }

  /** The open panel's `<peliqan-connect>`: for a new connection, or again for a failed one. */
  #panel() {
    const waiting = notReady(this.#connectCode, this.words);
    if (waiting) return html`<div class="panel">${waiting}</div>`;
    return connectPanel(this.#panelOpen?.servertype, {
      close: () => this.#closePanel(),
      created: () => this.#list.load(),
      connected: () => this.#connected(),
    });
  }
}

define('peliqan-connections', PeliqanConnections);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connections': PeliqanConnections;
  }
}
