/** The rows of `<peliqan-connections>`: a connection, its earlier attempts, and its logs. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Connection, Servertype } from '../../api/schemas.js';
import { connectionMessage, connectionState } from '../../api/status.js';
import type { LogLine } from '../../api/logs.js';
import type { ConnectionGroup } from '../../flow/connection-list.js';
import type { Load } from '../../flow/load.js';
import type { MessageKey, Translate } from '../../i18n/messages.js';
import { busy, connectorIcon, failure } from '../shared.js';
import { hasReason, statusBadge } from '../status-badge.js';

/** What a row needs from the list. */
export interface RowContext {
  t: Translate;
  baseUrl: string;
  /** The connector of a connection, if the catalogue knows it. */
  connector(connection: Connection): Servertype | undefined;
  logsOpen(connection: Connection): boolean;
  toggleLogs(connection: Connection): void;
  /** Opens the flow again for the connector and name of this row's group (its latest attempt only). */
  connectAgain?(): void;
}

/**
 * One connection: icon, its name (and the connector, when the name is not the connector's), Peliqan's
 * reason when it failed or was disabled, its status aligned at the end, and quiet row actions.
 */
export function connectionRow(connection: Connection, context: RowContext): TemplateResult {
  const { t } = context;
  const connector = context.connector(connection);
  const state = connectionState(connection);
  const connectorName = connector?.name ?? connection.server_type ?? '';
  const name = connection.name || connectorName || t('unknownConnector', { name: '' });
  const reason = hasReason(state) ? connectionMessage(connection) : undefined;
  const logsOpen = context.logsOpen(connection);
  const icon = connector
    ? connectorIcon(connector, context.baseUrl)
    : html`<span class="icon monogram" aria-hidden="true">?</span>`;
  // A disabled connection was switched off in Peliqan: new credentials would not help (product spec §4).
  const again = state === 'failed' && context.connectAgain;
  return html`<div class="connection" part="row">
    ${icon}
    <div class="body">
      <div class="summary">
        <div class="what">
          <span class="name">${name}</span>
          ${connectorName && connectorName !== name ? html`<span class="muted">${connectorName}</span>` : nothing}
          ${reason ? html`<span class="reason ${state}">${reason}</span>` : nothing}
        </div>
        <div class="state">${statusBadge(state, t)}</div>
      </div>
      <div class="row-actions">
        ${again ? html`<button class="tertiary" @click=${context.connectAgain}>${t('connectAgain')}</button>` : nothing}
        <button class="tertiary" aria-expanded=${logsOpen ? 'true' : 'false'} @click=${() => context.toggleLogs(connection)}>
          ${t('logs')}<span class="visually-hidden"> ${name}</span>
        </button>
      </div>
    </div>
  </div>`;
}

/** What a group of attempts needs besides its rows. */
export interface GroupContext extends RowContext {
  unfolded: boolean;
  toggleFold(): void;
  /** A connection's open logs, if any. */
  logs(connection: Connection): TemplateResult | typeof nothing;
}

/** A connection with its logs, and the earlier failed attempts folded behind it. */
export function groupView(group: ConnectionGroup, context: GroupContext): TemplateResult {
  const { t, unfolded } = context;
  const earlier = group.earlier;
  const toggle = html`<button class="link" aria-expanded=${unfolded ? 'true' : 'false'} @click=${context.toggleFold}>
    ${t(unfolded ? 'hideEarlier' : 'showEarlier', { count: earlier.length })}
  </button>`;
  const attempts = html`<ul class="earlier">
    ${earlier.map(
      (connection) =>
        html`<li data-id=${String(connection.id)}>
          ${connectionRow(connection, { ...context, connectAgain: undefined })} ${context.logs(connection)}
        </li>`,
    )}
  </ul>`;
  return html`<li data-id=${String(group.latest.id)} data-group=${group.key}>
    ${connectionRow(group.latest, context)} ${context.logs(group.latest)} ${earlier.length ? toggle : nothing}
    ${unfolded ? attempts : nothing}
  </li>`;
}

/**
 * `<peliqan-connect>` in a panel of the list: a new connection (no `servertype`), or one again. Its step
 * headers carry the panel's one way out (Close), at the top where it is found.
 */
export function connectPanel(
  servertype: string | undefined,
  on: { close(): void; created(): void; connected(): void },
): TemplateResult {
  // Escape closes the panel unless the flow inside used it to go back a step.
  const escape = (event: KeyboardEvent) => event.key === 'Escape' && !event.defaultPrevented && on.close();
  return html`<div
    class="panel"
    @keydown=${escape}
    @peliqan-connection-created=${on.created}
    @peliqan-connected=${on.connected}
    @peliqan-done=${on.close}
  >
    <peliqan-connect servertype=${servertype ?? nothing} .onClose=${on.close}></peliqan-connect>
  </div>`;
}

/** The badge's words in the element's language. */
const LEVELS: Record<string, MessageKey> = {
  error: 'levelError',
  critical: 'levelError',
  warning: 'levelWarning',
  warn: 'levelWarning',
  info: 'levelInfo',
  debug: 'levelDebug',
};

/** A connection's log: newest first, times in the element's language, levels in words and colour. */
export function logsPanel(
  name: string,
  logs: Load<LogLine[]>,
  errorText: string | undefined,
  t: Translate,
  formatTime: (timestamp: string) => string,
  close: () => void,
): TemplateResult {
  const heading = t('logsFor', { name });
  const lines = logs.value;
  let body: unknown = busy(t('loadingLogs'));
  if (logs.status === 'error') body = failure(errorText, { label: t('retry'), run: () => logs.load() });
  else if (lines && !lines.length) body = html`<p class="muted">${t('noLogs')}</p>`;
  else if (lines) body = html`<ol class="log">${lines.map((line) => logLine(line, t, formatTime))}</ol>`;
  return html`<section
    class="logs"
    part="logs"
    tabindex="-1"
    aria-label=${heading}
    @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && close()}
  >
    <div class="head">
      <h3>${heading}</h3>
      <button @click=${close}>${t('closeLogs')}</button>
    </div>
    ${body}
  </section>`;
}

function logLine(line: LogLine, t: Translate, formatTime: (timestamp: string) => string) {
  const level = line.level ? LEVELS[line.level] : undefined;
  return html`<li class="entry ${level ?? ''}">
    ${line.timestamp ? html`<time datetime=${line.timestamp}>${formatTime(line.timestamp)}</time>` : nothing}
    ${line.level ? html`<span class="level">${level ? t(level) : line.level}</span>` : nothing}
    <span class="text">${line.text}</span>
  </li>`;
}
