import { css, html, nothing, type PropertyValues } from 'lit';
import { connectorKey } from '../../api/connectors.js';
import type { PeliqanId, Servertype } from '../../api/schemas.js';
import { connectionMessage } from '../../api/status.js';
import { Catalogue } from '../../flow/catalogue.js';
import { WatchedConnection } from '../../flow/watched-connection.js';
import { PeliqanFlowElement, define, type ElementState } from '../base.js';
import '../connect/connect.js';
import { refusedView, spinner } from '../shared.js';
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
 */
export class PeliqanConnectionStatus extends PeliqanFlowElement {
  static override styles = [styles, badgeStyles, statusStyles];
  static override properties = {
    connectionId: { attribute: 'connection-id' },
  };

  /** The connection to show. */
  declare connectionId?: string;

  /** After "Connect again": the new connection this badge follows instead. */
  #replacement?: PeliqanId;
  /** The "Connect again" dialog is open: its flow exists only then. */
  #dialogOpen = false;
  #catalogue = new Catalogue(this, {
    client: () => this.settings.readyClient,
    failed: () => undefined,
  });
  #watched = new WatchedConnection(this, {
    client: () => this.settings.readyClient,
    id: () => this.#replacement ?? this.connectionId,
    status: (state, connection) => this.emit('peliqan-status', { connectionId: connection.id, state, connection }),
    connected: (connection) =>
      this.emit('peliqan-connected', {
        connectionId: connection.id,
        connection,
        servertype: this.#servertype ?? { name: connection.server_type ?? '' },
      }),
    failed: (error) => this.errors.report(error, { shared: this.settings.readyClient }),
  });

  get #servertype(): Servertype | undefined {
    const connection = this.#watched.connection;
    return connection && this.#catalogue.connectorOf(connectorKey(connection));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('connectionId')) this.#replacement = undefined;
    super.willUpdate(changed);
  }

  protected override deriveState(): ElementState {
    if (this.#watched.error) return 'error';
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
    const { problem } = this.settings.value;
    if (problem) return refusedView(this.words.errorText(problem));
    const watched = this.#watched;
    if (watched.error && !watched.state) {
      return html`<span class="badge failed" part="status" role="status">${this.words.errorText(watched.error)}</span>
        <button class="link" @click=${() => watched.retry()}>${this.words.t('retry')}</button>`;
    }
    if (!watched.state || !watched.connection) {
      return html`<span class="badge" part="status" role="status">${spinner()} ${this.words.t('statusPending')}</span>`;
    }
    const failed = watched.state === 'failed';
    const servertype = this.#servertype;
    return html`<span class="status-line" role="status">
        ${statusBadge(watched.state, this.words.t, connectionMessage(watched.connection))}
      </span>
      ${
        failed && servertype
          ? html`<button class="link" @click=${this.#openDialog}>${this.words.t('connectAgain')}</button>`
          : nothing
      }
      ${failed && servertype ? this.#connectAgainDialog(servertype) : nothing}`;
  }

  #connectAgainDialog(servertype: Servertype) {
    const slug = servertype.server_type ?? String(servertype.id);
    // A native dialog: focus kept inside, Escape closes it (the browser's own "cancel").
    const flow = html`<peliqan-connect servertype=${slug}></peliqan-connect>`;
    return html`<dialog
      part="dialog"
      aria-label=${this.words.t('connectAgain')}
      @close=${this.#dialogClosed}
      @peliqan-connected=${this.#connected}
      @peliqan-done=${() => this.#dialog()?.close()}
    >
      ${this.#dialogOpen ? flow : nothing}
      <form method="dialog"><button>${this.words.t('cancel')}</button></form>
    </dialog>`;
  }
}

define('peliqan-connection-status', PeliqanConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connection-status': PeliqanConnectionStatus;
  }
}
