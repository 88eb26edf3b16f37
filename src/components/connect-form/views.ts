/** The connect form's steps around its fields: the heading, the credential actions, the OAuth step, success. */
import { html, nothing, type TemplateResult } from 'lit';
import type { CreatedConnection, Servertype } from '../../api/schemas.js';
import { connectorIcon, failure, spinner, type Action } from '../shared.js';

/** The connector's icon and a heading that takes focus at each new step. */
export const formHeader = (servertype: Servertype, baseUrl: string, text: string) =>
  html`<div class="head">${connectorIcon(servertype, baseUrl)}<h2 tabindex="-1">${text}</h2></div>`;

/** The connection works. */
export const successView = (header: TemplateResult) =>
  html`<div class="root ok" role="status" part="status">${header}</div>`;

/** What the credential actions show. */
export interface CredentialView {
  formError?: string;
  /** "Check again" when the wait ended because Peliqan could not be reached. */
  checkAgain?: Action;
  busy: boolean;
  /** The progress words while busy. */
  progress: string;
  connectLabel: string;
}

/** The form's message, the Connect button, and the progress beside it (in a live region that is always there). */
export function credentialActions(view: CredentialView) {
  return html`${failure(view.formError, view.checkAgain)}
    <div class="row">
      <button type="submit" class="primary" part="button" aria-disabled=${view.busy ? 'true' : 'false'}>
        ${view.connectLabel}
      </button>
      <span role="status" part="status">${view.busy ? html`${spinner()} ${view.progress}` : nothing}</span>
    </div>`;
}

/** What the OAuth step needs from the form. */
export interface OAuthView {
  servertype: Servertype;
  formError?: string;
  /** A connection Peliqan answered with an `oauth_url` although the form looked like a credential one. */
  handoff?: CreatedConnection;
  /** The button's words for a handoff ("Continue to …"). */
  continueLabel: string;
  prepare: () => Record<string, unknown> | undefined;
  statusTimeout: number;
  privateOauth: boolean;
  stateChanged: (event: Event) => void;
}

/**
 * The inner `<peliqan-oauth-button>`, its parts reachable from outside the form. Nothing but the label
 * goes between its tags: any text there, whitespace included, replaces the default label.
 */
export function oauthStep(view: OAuthView) {
  const { handoff } = view;
  return html`${failure(view.formError)}
    <peliqan-oauth-button
      exportparts="notice, button, status, error"
      .servertype=${view.servertype}
      .prepare=${handoff ? undefined : view.prepare}
      connection-id=${handoff ? String(handoff.id) : nothing}
      oauth-url=${handoff?.oauth_url ?? nothing}
      status-timeout=${view.statusTimeout}
      ?private-oauth=${view.privateOauth}
      @peliqan-state-change=${view.stateChanged}
    >${handoff ? view.continueLabel : nothing}</peliqan-oauth-button>`;
}
