import { css, html, nothing, type PropertyValues } from 'lit';
import { connectorKey } from '../../api/connectors.js';
import type { PeliqanId, Servertype } from '../../api/schemas.js';
import { connectionMessage } from '../../api/status.js';
import { Catalogue } from '../../flow/catalogue.js';
import { WatchedConnection } from '../../flow/watched-connection.js';
import { PeliqanFlowElement, define, type ElementState } from '../base.js';
import { ClientHolder } from '../client-holder.js';
import { PeliqanConnectDialog } from '../connect-button/connect-dialog.js';
import { refusedView, spinner } from '../shared.js';
import { statusBadge } from '../status-badge.js';
import { badgeStyles } from '../status-badge.styles.js';
import { styles } from '../styles.js';

const statusStyles = css`
  :host {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
    max-inline-size: 100%;
  }
  .tertiary {
    min-block-size: 0;
    padding: 2px var(--_space);
    font-size: var(--_small);
  }
`;

/**
 * A small live badge for one connection, to put anywhere: "Pending", then "Connected", "Failed" or
 * "Disabled". It never grows wider than its short label: Peliqan's reason, or why the badge could not
 * be read, is its tooltip and accessible description (product spec §4). A failed one offers "Connect
 * again" in the flow's dialog.
 * @tagname peliqan-connection-status
 */
export class PeliqanConnectionStatus extends PeliqanFlowElement {
  static override styles = [styles, badgeStyles, statusStyles];
  static override properties = {
    connectionId: { attribute: 'connection-id' },
  };
  static override readonly dependencies = { 'peliqan-connect-dialog': PeliqanConnectDialog };

  /** The connection to show. */
  declare connectionId?: string;

  /** After "Connect again": the new connection this badge follows instead. */
  #replacement?: PeliqanId;
  /** The client this element talks to Peliqan with. */
  #client = new ClientHolder(this, this.settings);
  #catalogue = new Catalogue(this, {
    client: () => this.#client.ready,
    failed: () => undefined,
  });
  #watched = new WatchedConnection(this, {
    client: () => this.#client.ready,
    id: () => this.#replacement ?? this.connectionId,
    status: (state, connection) => this.emit('peliqan-status', { connectionId: connection.id, state, connection }),
    connected: (connection) =>
      this.emit('peliqan-connected', {
        connectionId: connection.id,
        connection,
        servertype: this.#servertype ?? { name: connection.server_type ?? '' },
      }),
    failed: (error) => this.errors.report(error, { shared: this.#client.ready }),
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
    const state = this.#watched.state;
    if (this.#watched.error && !state) return 'error';
    if (!state) return 'loading';
    return state === 'pending' ? 'waiting' : state;
  }

  #connected(event: CustomEvent<{ connectionId: PeliqanId }>): void {
    this.#replacement = event.detail.connectionId;
  }

  override render() {
    const { problem } = this.settings.value;
    if (problem) return refusedView(this.words.errorText(problem));
    const { t } = this.words;
    const watched = this.#watched;
    if (watched.error && !watched.state) {
      return html`<span role="status">${statusBadge('unknown', t, this.words.errorText(watched.error))}</span>
        <button class="tertiary" @click=${() => watched.retry()}>${t('retry')}</button>`;
    }
    if (!watched.state || !watched.connection) {
      return html`<span class="badge" part="status" role="status">${spinner()} ${t('statusPending')}</span>`;
    }
    const servertype = watched.state === 'failed' ? this.#servertype : undefined;
    return html`<span role="status">${statusBadge(watched.state, t, connectionMessage(watched.connection))}</span>
      ${servertype ? this.#connectAgain(servertype) : nothing}`;
  }

  /** "Connect again": the flow for the same connector, in the dialog of `<peliqan-connect-button>`. */
  #connectAgain(servertype: Servertype) {
    const slug = servertype.server_type ?? String(servertype.id);
    const open = () => void this.renderRoot.querySelector('peliqan-connect-dialog')?.show();
    return html`<button class="tertiary" @click=${open}>${this.words.t('connectAgain')}</button>
      <peliqan-connect-dialog
        servertype=${slug}
        exportparts="dialog"
        @peliqan-connected=${this.#connected}
      ></peliqan-connect-dialog>`;
  }
}

define('peliqan-connection-status', PeliqanConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connection-status': PeliqanConnectionStatus;
  }
}
