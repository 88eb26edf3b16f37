import { html } from 'lit';
import type { ConnectionState } from '../api/status.js';

/** The words of a connection's state, and the reason when it failed. */
export interface BadgeWords {
  connected: string;
  pending: string;
  failed: string;
}

/**
 * A connection's state as a badge: a word and a colour (never the colour alone), with Peliqan's
 * reason beside a failure. Decorative marks are hidden from screen readers.
 */
export function statusBadge(state: ConnectionState, words: BadgeWords, reason?: string) {
  const marks: Record<ConnectionState, string> = { connected: '●', pending: '◌', failed: '▲' };
  const badge = html`<span class="badge ${state}" part="status"
    ><span class="mark" aria-hidden="true">${marks[state]}</span> ${words[state]}</span
  >`;
  if (state !== 'failed' || !reason) return badge;
  return html`${badge} <span class="reason">${reason}</span>`;
}
