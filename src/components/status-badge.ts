import { html } from 'lit';
import type { ConnectionState } from '../api/status.js';
import type { MessageKey, Translate } from '../i18n/messages.js';

const WORDS: Record<ConnectionState, MessageKey> = {
  connected: 'statusConnected',
  pending: 'statusPending',
  failed: 'statusFailed',
};

/**
 * A connection's state as a badge: a word and a colour (never the colour alone), with Peliqan's
 * reason beside a failure. Decorative marks are hidden from screen readers.
 */
export function statusBadge(state: ConnectionState, t: Translate, reason?: string) {
  const marks: Record<ConnectionState, string> = { connected: '●', pending: '◌', failed: '▲' };
  const badge = html`<span class="badge ${state}" part="status"
    ><span class="mark" aria-hidden="true">${marks[state]}</span> ${t(WORDS[state])}</span
  >`;
  if (state !== 'failed' || !reason) return badge;
  return html`${badge} <span class="reason">${reason}</span>`;
}
