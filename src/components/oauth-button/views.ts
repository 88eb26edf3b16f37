/** What `<peliqan-oauth-button>` shows in each phase of the OAuth step. */
import { html, nothing, type TemplateResult } from 'lit';
import type { OAuthFlow } from '../../flow/oauth-flow.js';
import type { Translate } from '../../i18n/messages.js';
import { failure, spinner } from '../shared.js';

/** What the view needs from the element besides the flow. */
export interface OAuthStepView {
  flow: OAuthFlow;
  t: Translate;
  /** The provider's name as shown ("HubSpot", or "the provider"). */
  name: string;
  /** Whether the connector is known (else the button says "Sign in"). */
  known: boolean;
  privateOauth: boolean;
  /** The failure to show when the flow failed, already in words. */
  errorText?: string;
  start(): void;
  tryAgain(): void;
}

/**
 * The notice and the start button (always rendered, with its slot, hidden while they do not apply),
 * one live status line that keeps its place, and the actions of the phase.
 */
export function oauthStep(view: OAuthStepView): TemplateResult {
  const { flow, t, name } = view;
  const userCancelled = flow.phase === 'cancelled' && flow.cancelReason === 'user';
  const startShown = flow.phase === 'idle' || (flow.phase === 'opening' && !flow.blocked) || userCancelled;
  const notice = html`<div part="notice" class="notice">
    <p class="notice-title">${t('poweredBy')}</p>
    <p>${t('oauthNotice', { name })}</p>
  </div>`;
  return html`${startShown && !view.privateOauth ? notice : nothing}
    <button
      class="primary"
      part="button"
      ?hidden=${!startShown}
      aria-disabled=${flow.phase === 'opening' ? 'true' : 'false'}
      @click=${view.start}
    >
      <slot>${view.known ? t('connectWith', { name }) : t('signIn')}</slot>
    </button>
    <p role="status" part="status" class=${flow.phase === 'connected' ? 'ok' : ''}>${statusLine(view)}</p>
    ${actions(view, userCancelled)}`;
}

/** The words of the live status line in each phase (a spinner beside the waiting ones). */
function statusLine({ flow, t, name }: OAuthStepView) {
  switch (flow.phase) {
    case 'connected':
      return `✓ ${t('connected', { name })}`;
    case 'opening':
      return flow.blocked ? nothing : html`${spinner()} ${t('openingWindow', { name })}`;
    case 'waiting':
      if (flow.credential) return html`${spinner()} ${t('testing')}`;
      if (flow.unobservable) return html`${spinner()} ${t('waitingUnobservable', { name })}`;
      if (flow.windowClosed) return html`${spinner()} ${t('windowClosedChecking')}`;
      return html`${spinner()} ${t('waitingFor', { name })}`;
    case 'cancelled':
      return flow.cancelReason === 'user' ? t('cancelled') : nothing;
    default:
      return nothing;
  }
}

function actions(view: OAuthStepView, userCancelled: boolean) {
  const { flow, t } = view;
  if (flow.phase === 'opening' && flow.blocked) {
    return html`<div role="alert" part="error" class="failure">
      <p class="error">${t('popupBlocked')}</p>
      <button class="primary" part="button" @click=${() => flow.reopen()}>${t('openWindow')}</button>
    </div>`;
  }
  if (flow.phase === 'waiting' && !flow.credential) {
    return html`<div class="row">
      <button @click=${() => flow.reopen()}>${t('reopenWindow')}</button>
      <button @click=${() => flow.cancel()}>${t('cancel')}</button>
    </div>`;
  }
  const again = { label: t('tryAgain'), run: view.tryAgain };
  if (flow.phase === 'cancelled' && !userCancelled) return failure(t('windowClosed', { name: view.name }), again);
  if (flow.phase === 'failed') return failure(view.errorText, again);
  return nothing;
}
