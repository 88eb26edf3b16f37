/** The connect form's steps around its fields: the heading, the credential actions, the OAuth step, success. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Servertype } from '../../api/schemas.js';
import type { ConnectionAttempt } from '../../flow/attempt.js';
import type { Prepared } from '../oauth-button/oauth-button.js';
import type { Translate } from '../../i18n/messages.js';
import { connectorIcon, failure, spinner, type Action } from '../shared.js';

/** What the success screen needs. */
export interface SuccessView {
  servertype: Servertype;
  baseUrl: string;
  t: Translate;
  done(): void;
  another(): void;
}

/**
 * The connection works, worth the wait: centred, the connector's icon with a check, "Connected to …",
 * what happens next, Done — and "Connect another" as the quiet way on. The heading takes focus, so
 * that screen readers say it.
 */
export function successView({ servertype, baseUrl, t, done, another }: SuccessView): TemplateResult {
  const name = servertype.name;
  // "What happens next" is a line partners may reword through `registerMessages` (connectedNext). Done is
  // the one way out, in a dialog or panel too: it closes them.
  return html`<div class="root success" part="container">
    <span class="badge-icon">${connectorIcon(servertype, baseUrl)}</span>
    <h2 tabindex="-1" part="status">${t('connected', { name })}</h2>
    <p class="muted">${t('connectedNext', { name })}</p>
    <div class="actions">
      <button class="primary" part="button" @click=${done}>${t('done')}</button>
      <button class="tertiary" @click=${another}>${t('connectAnother')}</button>
    </div>
  </div>`;
}

const lock = html`<svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" fill="none">
  <rect x="4" y="9" width="12" height="8" rx="2" stroke="currentColor" stroke-width="1.75" />
  <path d="M7 9V6.5a3 3 0 0 1 6 0V9" stroke="currentColor" stroke-width="1.75" />
</svg>`;

/** The trust line of a credential form: where what is typed goes. */
export const trustLine = (text: string) => html`<p class="trust" part="notice">${lock}<span>${text}</span></p>`;

/** What the credential actions show. */
export interface CredentialView {
  formError?: string;
  /**
   * "Check again", the step's primary action once a wait ended without an answer (product spec §4):
   * Connect is then the secondary one, for changed values.
   */
  checkAgain?: Action;
  /** "Start over": a new connection instead of the one under way the customer came back to. */
  startOver?: Action;
  busy: boolean;
  /** The progress words while busy. */
  progress: string;
  connectLabel: string;
}

/**
 * The form's message and its actions, kept in view at the bottom of a dialog: Connect, which shows the
 * progress itself while busy (a live region that is always there says it to screen readers), or Check
 * again first after a wait without an answer.
 */
export function credentialActions(view: CredentialView) {
  const { checkAgain, startOver } = view;
  return html`${failure(view.formError)}
    <div class="actions">
      ${
        checkAgain
          ? html`<button type="button" class="primary" part="button" @click=${checkAgain.run}>${checkAgain.label}</button>`
          : nothing
      }
      <button
        type="submit"
        class=${checkAgain ? 'secondary' : 'primary'}
        part=${checkAgain ? nothing : 'button'}
        aria-disabled=${view.busy ? 'true' : 'false'}
      >
        ${view.busy ? html`${spinner()} ${view.progress}` : view.connectLabel}
      </button>
      ${startOver ? html`<button type="button" class="tertiary" @click=${startOver.run}>${startOver.label}</button>` : nothing}
    </div>
    <p role="status" class="visually-hidden">${view.busy ? view.progress : nothing}</p>`;
}

/** What the OAuth step needs from the form. */
export interface OAuthView {
  servertype: Servertype;
  formError?: string;
  /** The attempt the form shows: the inner step shows it too (a sign-in Peliqan asked for, one under way). */
  attempt?: ConnectionAttempt;
  /** Called in the click: the form's values (and what to mask of them), or undefined when it is invalid. */
  prepare: () => Prepared | undefined;
  /** The form is a step of a flow, whose header has the way back. */
  inFlow: boolean;
  stateChanged: (event: Event) => void;
}

/**
 * The inner `<peliqan-oauth-button>`, its parts reachable from outside the form. The flow options
 * reach it like every setting, from the enclosing elements.
 */
export function oauthStep(view: OAuthView) {
  return html`${failure(view.formError)}
    <peliqan-oauth-button
      exportparts="notice, button, status, error"
      .servertype=${view.servertype}
      .prepare=${view.prepare}
      .attempt=${view.attempt}
      .inFlow=${view.inFlow}
      @peliqan-state-change=${view.stateChanged}
    ></peliqan-oauth-button>`;
}
