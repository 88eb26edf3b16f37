import { css, html, nothing, type PropertyValues } from 'lit';
import { connectorKey } from '../../api/connectors.js';
import type { PeliqanId, Servertype } from '../../api/schemas.js';
import { connectionMessage } from '../../api/status.js';
import { CatalogueController } from '../../flow/catalogue.js';
import { WatchedConnection } from '../../flow/connections.js';
import { PeliqanElement, define, type ElementState } from '../base.js';
import { ConnectionEvents } from '../connection-events.js';
import '../connect/connect.js';
import { spinner } from '../shared.js';
import { statusBadge } from '../status-badge.js';
import { badgeStyles } from '../status-badge.styles.js';
import { styles } from '../styles.js';

const statusStyles = css`
  :host {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .status-line {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  dialog {
    inline-size: min(40em, 100vw - 2em);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    padding: calc(var(--_space) * 2);
  }
  dialog form {
    margin-block-start: var(--_space);
  }
`;

/**
 * A small live badge for one connection, to put anywhere: "Pending", then "Connected" or "Failed"
 * with Peliqan's reason; a failed one offers "Connect again" in a dialog.
 * @tagname peliqan-connection-status
 * @fires peliqan-status - The connection changed state.
 * @fires peliqan-connected - It turned connected (once per connection and page).
 * @fires peliqan-error - It could not be read.
 * @csspart status - The badge.
 * @csspart dialog - The "Connect again" dialog.
 */
export class PeliqanConnectionStatus extends PeliqanElement {
  static override styles = [styles, badgeStyles, statusStyles];
  static override properties = {
    connectionId: { attribute: 'connection-id' },
    privateOauth: { attribute: 'private-oauth', type: Boolean },
  };

  /** The connection to show. */
  declare connectionId?: string;
  /** Hide the "Powered by Peliqan" notice of the OAuth step in "Connect again". */
  declare privateOauth: boolean;

  /** After "Connect again": the new connection this badge follows instead. */
  #replacement?: PeliqanId;
  /** The "Connect again" dialog is open: its flow exists only then. */
  #dialogOpen = false;
  #catalogue = new CatalogueController(this, {
    client: () => (this.config.ready ? this.client : undefined),
    failed: () => undefined,
  });
  #events = new ConnectionEvents(
    (type, detail) => this.emit(type, detail),
    () => this.#servertype ?? { name: this.#watched.connection?.server_type ?? '' },
  );
  #watched = new WatchedConnection(this, {
    client: () => (this.config.ready ? this.client : undefined),
    id: () => this.#replacement ?? this.connectionId,
    status: (state, connection) => this.#events.status(state, connection),
    connected: (connection) => this.#events.connected(connection),
    failed: (error) => this.reportError(error),
  });

  constructor() {
    super();
    this.privateOauth = false;
  }

  get #servertype(): Servertype | undefined {
    const connection = this.#watched.connection;
    return connection && this.#catalogue.connectorOf(connectorKey(connection));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('connectionId')) this.#replacement = undefined;
    this.setState(this.#elementState());
  }

  #elementState(): ElementState {
    if (this.resolved.problem || this.#watched.error) return 'error';
    const state = this.#watched.state;
    if (!state) return 'loading';
    return state === 'pending' ? 'waiting' : state;
  }

  #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #openDialog(): void {
    this.#dialogOpen = true;
    this.requestUpdate();
    void this.updateComplete.then(() => this.#dialog()?.showModal());
  }

  #dialogClosed(): void {
    this.#dialogOpen = false;
    this.requestUpdate();
  }

  #connected(event: CustomEvent<{ connectionId: PeliqanId }>): void {
    this.#replacement = event.detail.connectionId;
    this.#dialog()?.close();
  }

  override render() {
    const blocked = this.configProblemView();
    if (blocked) return blocked;
    const watched = this.#watched;
    if (watched.error && !watched.state) {
      return html`<span class="badge failed" part="status" role="status">${this.errorText(watched.error)}</span>
        <button class="link" @click=${() => watched.retry()}>${this.t('retry')}</button>`;
    }
    if (!watched.state || !watched.connection) {
      return html`<span class="badge" part="status" role="status">${spinner()} ${this.t('statusPending')}</span>`;
    }
    const failed = watched.state === 'failed';
    const servertype = this.#servertype;
    return html`<span class="status-line" role="status">
        ${statusBadge(watched.state, (key, params) => this.t(key, params), connectionMessage(watched.connection))}
      </span>
      ${
        failed && servertype
          ? html`<button class="link" @click=${this.#openDialog}>${this.t('connectAgain')}</button>`
          : nothing
      }
      ${failed && servertype ? this.#connectAgainDialog(servertype) : nothing}`;
  }

  #connectAgainDialog(servertype: Servertype) {
    const slug = servertype.server_type ?? String(servertype.id);
    // A native dialog: focus kept inside, Escape closes it (the browser's own "cancel").
    const flow = html`<peliqan-connect servertype=${slug} ?private-oauth=${this.privateOauth}></peliqan-connect>`;
    return html`<dialog
      part="dialog"
      aria-label=${this.t('connectAgain')}
      @close=${this.#dialogClosed}
      @peliqan-connected=${this.#connected}
      @peliqan-done=${() => this.#dialog()?.close()}
    >
      ${this.#dialogOpen ? flow : nothing}
      <form method="dialog"><button>${this.t('cancel')}</button></form>
    </dialog>`;
  }
}

define('peliqan-connection-status', PeliqanConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connection-status': PeliqanConnectionStatus;
  }
}
