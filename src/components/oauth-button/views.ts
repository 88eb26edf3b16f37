/** What `<peliqan-oauth-button>` shows in each phase of the OAuth step. */
import { html, nothing, type TemplateResult } from 'lit';
import type { AttemptState } from '../../flow/attempt.js';
import type { Translate } from '../../i18n/messages.js';
import { failure, note, spinner } from '../shared.js';

/** What the view needs from the element besides the attempt's state. */
export interface OAuthStepView {
  state: AttemptState;
  t: Translate;
  /** The provider's name as shown ("HubSpot", or "the provider"). */
  name: string;
  /** Whether the connector is known (else the button says "Sign in"). */
  known: boolean;
  privateOauth: boolean;
  /** The failure to show when the attempt failed, already in words. */
  errorText?: string;
  /** The first click: a window, then the connection. */
  start(): void;
  /** A window for the same connection: blocked before, continue to the provider, reopen. */
  openAgain(): void;
  /** Gives up; undefined where the step's header offers the way back instead (product spec §4). */
  cancel?: () => void;
  tryAgain(): void;
}

/**
 * The notice and the start button (always rendered, with its slot, hidden while they do not apply),
 * one live status line that keeps its place, and the actions of the phase.
 */
export function oauthStep(view: OAuthStepView): TemplateResult {
  const { state, t, name } = view;
  const userCancelled = state.phase === 'cancelled' && state.reason === 'user';
  const handoff = state.phase === 'signing-in' && !state.blocked;
  const startShown =
    state.phase === 'idle' || (state.phase === 'creating' && state.window !== 'blocked') || userCancelled;
  const notice = html`<div part="notice" class="notice">
    <p class="notice-title">${t('poweredBy')}</p>
    <p>${t('oauthNotice', { name })}</p>
  </div>`;
  return html`${(startShown || handoff) && !view.privateOauth ? notice : nothing}
    <button
      class="primary"
      part="button"
      ?hidden=${!startShown}
      aria-disabled=${state.phase === 'creating' ? 'true' : 'false'}
      @click=${view.start}
    >
      <slot>${view.known ? t('connectWith', { name }) : t('signIn')}</slot>
    </button>
    <p role="status" part="status" class=${state.phase === 'connected' ? 'ok' : ''}>${statusLine(view)}</p>
    ${actions(view, userCancelled)}`;
}

/** The words of the live status line in each phase (a spinner beside the waiting ones). */
function statusLine({ state, t, name }: OAuthStepView) {
  switch (state.phase) {
    case 'connected':
      return `✓ ${t('connected', { name })}`;
    case 'creating':
      return state.window === 'blocked' ? nothing : html`${spinner()} ${t('openingWindow', { name })}`;
    case 'waiting':
      if (state.window === undefined) return html`${spinner()} ${t('testing')}`;
      if (state.window === 'unobservable') return html`${spinner()} ${t('waitingUnobservable', { name })}`;
      if (state.window === 'closed') return html`${spinner()} ${t('windowClosedChecking')}`;
      return html`${spinner()} ${t('waitingFor', { name })}`;
    case 'cancelled':
      return state.reason === 'user' ? t('cancelled') : nothing;
    default:
      return nothing;
  }
}

function actions(view: OAuthStepView, userCancelled: boolean) {
  const { state, t } = view;
  const blocked =
    (state.phase === 'creating' && state.window === 'blocked') || (state.phase === 'signing-in' && state.blocked);
  if (blocked) {
    return html`<div role="alert" part="error" class="failure">
      <p class="error">${t('popupBlocked')}</p>
      <button class="primary" part="button" @click=${view.openAgain}>${t('openWindow')}</button>
    </div>`;
  }
  if (state.phase === 'signing-in') {
    return html`<div class="row">
      <button class="primary" part="button" @click=${view.openAgain}>${t('continueTo', { name: view.name })}</button>
    </div>`;
  }
  if (state.phase === 'waiting' && state.window !== undefined) {
    return html`<div class="actions">
      <button class="secondary" @click=${view.openAgain}>${t('reopenWindow')}</button>
      ${view.cancel ? html`<button class="tertiary" @click=${view.cancel}>${t('cancel')}</button>` : nothing}
    </div>`;
  }
  const again = { label: t('tryAgain'), run: view.tryAgain };
  // The customer closed the window: not an error (product spec §4 step 4), a neutral note and the way on.
  if (state.phase === 'cancelled' && !userCancelled) return note(t('signInNotFinished', { name: view.name }), again);
  if (state.phase === 'failed') return failure(view.errorText, again);
  return nothing;
}
