import { html, nothing } from 'lit';
import type { ConnectionState } from '../api/status.js';
import type { MessageKey, Translate } from '../i18n/messages.js';

const WORDS: Record<ConnectionState, MessageKey> = {
  connected: 'statusConnected',
  pending: 'statusPending',
  failed: 'statusFailed',
  disabled: 'statusDisabled',
};

const MARKS: Record<ConnectionState, string> = { connected: '●', pending: '◌', failed: '▲', disabled: '■' };

/** What a badge says: a connection's state, or (`unknown`) that it could not be read. */
export type BadgeState = ConnectionState | 'unknown';

/**
 * A connection's state as a short badge: a word and a colour (never the colour alone); decorative
 * marks are hidden from screen readers. Peliqan's reason for a failure (or a badge that could not be
 * read) never widens the badge: it is its tooltip and its accessible description (product spec §4).
 */
export function statusBadge(state: BadgeState, t: Translate, reason?: string) {
  const words = state === 'unknown' ? t('statusUnknown') : t(WORDS[state]);
  const mark = state === 'unknown' ? '?' : MARKS[state];
  return html`<span class="badge ${state}" part="status" title=${reason ?? nothing} aria-describedby=${reason ? 'reason' : nothing}
      ><span class="mark" aria-hidden="true">${mark}</span> ${words}</span
    >${reason ? html`<span id="reason" class="visually-hidden">${reason}</span>` : nothing}`;
}

/** Whether a state comes with Peliqan's reason beside it in a list row. */
export const hasReason = (state: ConnectionState): boolean => state === 'failed' || state === 'disabled';
