import { html, nothing, type PropertyValues } from 'lit';
import { connectorKey } from '../../api/connectors.js';
import type { Connection, Servertype } from '../../api/schemas.js';
import { CatalogueController } from '../../flow/catalogue.js';
import { ConnectionsController, LogsController, type ConnectionGroup } from '../../flow/connections.js';
import { formatTimestamp } from '../../i18n/dates.js';
import { PeliqanElement, define } from '../base.js';
import { ConnectionEvents } from '../connection-events.js';
import '../connect/connect.js';
import { failure } from '../shared.js';
import { badgeStyles } from '../status-badge.styles.js';
import { styles } from '../styles.js';
import { connectionsStyles } from './connections.styles.js';
import { connectPanel, groupView, logsPanel, type RowContext } from './rows.js';

/**
 * The customer's connections (`GET /api/servers`), newest first, each with its live status, its logs
 * and, when it failed, "Connect again"; "Add connection" opens `<peliqan-connect>` in place.
 * @tagname peliqan-connections
 * @fires peliqan-status - A watched connection changed state (not on the first load).
 * @fires peliqan-connected - A connection turned connected (once per connection and page).
 * @fires peliqan-connection-created - A connection was made from the list (bubbles from the inner flow).
 * @fires peliqan-done - The customer closed a success screen in the list with "Done".
 * @fires peliqan-error - Anything failed.
 * @csspart row - One connection.
 * @csspart status - A status badge.
 * @csspart logs - A connection's log.
 * @csspart error - The error message.
 */
export class PeliqanConnections extends PeliqanElement {
  static override styles = [styles, badgeStyles, connectionsStyles];
  static override properties = {
    statusTimeout: { attribute: 'status-timeout', type: Number },
    privateOauth: { attribute: 'private-oauth', type: Boolean },
    hideTrustNotice: { attribute: 'hide-trust-notice', type: Boolean },
  };

  /** Seconds a new connection's flow waits for a final status. Default 120. */
  declare statusTimeout: number;
  /** Hide the "Powered by Peliqan" notice of the OAuth step (for partners with their own OAuth app). */
  declare privateOauth: boolean;
  /** Hide the line saying where typed credentials go, in the forms the list opens. */
  declare hideTrustNotice: boolean;

  #adding = false;
  /** Groups whose "Connect again" flow is open in place of their row. */
  #again = new Map<string, string>();
  #unfolded = new Set<string>();
  #logs = new LogsController(
    this,
    () => this.client,
    (error) => this.reportError(error),
  );
  #catalogue = new CatalogueController(this, {
    client: () => (this.config.ready ? this.client : undefined),
    failed: (error) => this.reportError(error),
  });
  // A list has no connector of its own: each event names its connection's.
  #events = new ConnectionEvents(
    (type, detail) => this.emit(type, detail),
    () => ({ name: '' }),
  );
  #list = new ConnectionsController(this, {
    client: () => (this.config.ready ? this.client : undefined),
    status: (state, connection) => this.#events.status(state, connection),
    connected: (connection) =>
      this.#events.connected(connection, this.#connector(connection) ?? { name: connection.server_type ?? '' }),
    failed: (error) => this.reportError(error),
  });

  constructor() {
    super();
    this.statusTimeout = 120;
    this.privateOauth = false;
    this.hideTrustNotice = false;
  }

  /** Loads the list again. */
  refresh(): void {
    this.#list.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.resolved.problem) return this.setState('error');
    this.setState(this.#list.status);
  }

  #connector(connection: Connection): Servertype | undefined {
    return this.#catalogue.connectorOf(connectorKey(connection));
  }

  #toggleLogs(connection: Connection): void {
    const id = String(connection.id);
    if (this.#logs.view(id)) this.#logs.close(id);
    else this.#logs.load(id);
    // Into the logs when they open; back to their button when they close.
    const target = this.#logs.view(id) ? '.logs' : '[aria-expanded]';
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
    const blocked = this.configProblemView();
    if (blocked) return blocked;
    const list = this.#list;
    const waiting = this.notReadyView(list, 'loadingConnections');
    if (waiting) return waiting;
    const groups = list.groups;
    const context = this.#rowContext();
    return html`<div class="root connections" part="container">
      <div class="head">
        <h2>${this.t('connectionsTitle')}</h2>
        <div class="actions">
          <button @click=${() => list.load()}>${this.t('refresh')}</button>
          <button class="primary" aria-expanded=${this.#adding ? 'true' : 'false'} @click=${this.#openAdd}>
            ${this.t('addConnection')}
          </button>
        </div>
      </div>
      ${list.error ? failure(this.errorText(list.error), { label: this.t('retry'), run: () => list.load() }) : nothing}
      ${this.#adding ? this.#panel(undefined) : nothing}
      <p role="status" class=${groups.length ? 'visually-hidden' : 'muted'}>
        ${groups.length ? this.t('connectionCount', { count: list.connections.length }) : this.t('noConnections')}
      </p>
      <ul class="rows" aria-label=${this.t('connectionsTitle')}>
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
      t: (key, params) => this.t(key, params),
      baseUrl: this.resolved.baseUrl,
      connector: (connection) => this.#connector(connection),
      logsOpen: (connection) => this.#logs.view(connection.id) !== undefined,
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
    const view = this.#logs.view(connection.id);
    if (!view) return nothing;
    const name = connection.name || this.#connector(connection)?.name || String(connection.id);
    const locale = this.config.locale;
    return logsPanel(
      name,
      view,
      view.error && this.errorText(view.error),
      (key, params) => this.t(key, params),
      (timestamp) => formatTimestamp(timestamp, locale),
      () => this.#toggleLogs(connection),
      () => this.#logs.load(connection.id),
    );
  }

  /** A flow in a panel connected: the list shows the new row; "Connect again" has done its job. */
  #connected(key: string | undefined): void {
    this.#list.load();
    if (key !== undefined) this.#closePanel(key);
  }

  /** `<peliqan-connect>` in place: for a new connection (no key), or again for a failed one. */
  #panel(key: string | undefined, servertype?: string) {
    const { statusTimeout, privateOauth, hideTrustNotice } = this;
    const options = { statusTimeout, privateOauth, hideTrustNotice, closeLabel: this.t('close') };
    return connectPanel(servertype, options, {
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
