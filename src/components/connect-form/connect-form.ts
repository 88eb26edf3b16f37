import { html, nothing, type PropertyValues } from 'lit';
import { isOAuthConnector } from '../../api/connectors.js';
import type { Servertype } from '../../api/schemas.js';
import { isBusy, isUnanswered, unfinishedAttempt, type AttemptState } from '../../flow/attempt.js';
import { ConnectorLookup } from '../../flow/connector-lookup.js';
import { FormModel } from '../../flow/form-model.js';
import { AttemptHolder, elementStateOf } from '../attempt-holder.js';
import { PeliqanFlowElement, define, type ElementState } from '../base.js';
import { ClientHolder } from '../client-holder.js';
import { ElementCode } from '../element-code.js';
import type { PeliqanOAuthButton } from '../oauth-button/oauth-button.js';
import { connectorIcon, connectorView, notReady, refusedView, stepHeader, type Action } from '../shared.js';
import { styles } from '../styles.js';
import { formStyles } from './connect-form.styles.js';
import { fieldId, renderFields } from './fields.js';
import { credentialActions, oauthStep, successView, trustLine } from './views.js';

/** The way back and the way out that an enclosing flow gives the form's header (product spec §4). */
export interface StepNavigation {
  back?: Action;
  close?: Action;
}

/**
 * A connector's connect form, rendered from its definition: labelled fields, defaults, help texts,
 * required and number checks, and masked secrets. Submits once, then follows the connection test to
 * the end; a failure keeps every typed value. For an OAuth connector (or when Peliqan's answer
 * carries an `oauth_url`) the OAuth step of an inner `<peliqan-oauth-button>` takes over.
 * @tagname peliqan-connect-form
 */
export class PeliqanConnectForm extends PeliqanFlowElement {
  static override styles = [styles, formStyles];
  static override properties = { servertype: {} };

  /** The connector: its id or `server_type` slug (attribute), or the definition itself (property). */
  declare servertype?: string | Servertype;
  #navigation?: StepNavigation;
  /** The client this element talks to Peliqan with. */
  #client = new ClientHolder(this, this.settings);

  #model = new FormModel(this);
  #connector = new ConnectorLookup(this, {
    client: () => this.#client.ready,
    failed: (error) => this.errors.report(error, { shared: this.#client.ready }),
    wanted: () => this.servertype,
  });
  #attempt = new AttemptHolder(this, {
    client: () => this.#client.current,
    timeout: () => this.settings.value.statusTimeout * 1000,
  });
  /** The OAuth step's code: a credential connection never loads it. */
  #oauthCode = new ElementCode(
    this,
    () => import('../oauth-button/oauth-button.js'),
    (error) => this.errors.report(error),
  );
  /** The connector shown, once known. */
  #definition?: Servertype;
  /** The attempt state this form last reacted to. */
  #seen: AttemptState = { phase: 'idle' };
  /** Where focus goes after the next render. */
  #focusNext?: 'heading' | 'problem';
  /** The attempt shown is one the customer came back to (the same connector chosen again). */
  #returned = false;

  /** Clears the form and any finished connection, ready for another one. */
  reset(): void {
    this.#attempt.release();
    this.#definition = undefined;
    this.#returned = false;
    this.requestUpdate();
  }

  /** Gives up on the connection being tested or signed in to, if any (`peliqan-cancel`); values stay. */
  cancel(): void {
    this.#attempt.attempt?.cancel();
  }

  /**
   * The customer leaves this step while the connection is under way (Back): `peliqan-cancel`, and the
   * connection is still followed; choosing this connector again comes back to it.
   * @internal
   */
  leave(): void {
    this.#attempt.attempt?.leave();
  }

  /**
   * Back and Close in the header, from the flow that shows the form.
   * @internal
   */
  get navigation(): StepNavigation | undefined {
    return this.#navigation;
  }

  /** @internal */
  set navigation(navigation: StepNavigation | undefined) {
    this.#navigation = navigation;
    this.requestUpdate();
  }

  /** Moves focus to the step's heading (the connector's name), from where Tab reaches the first field. */
  override focus(): void {
    const heading = this.renderRoot.querySelector('h2');
    if (heading) heading.focus();
    // Not drawn yet (its connector is still being looked up): the heading takes focus once it is.
    else this.#focusNext = 'heading';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('servertype')) this.reset();
    const found = this.#definition ? undefined : this.#connector.servertype;
    if (found) this.#adopt(found);
    if (this.#definition && this.#oauth(this.#definition)) this.#oauthCode.load();
    this.#follow(this.#attempt.state);
    super.willUpdate(changed);
  }

  protected override deriveState(): ElementState {
    if (!this.#definition) return this.#connector.status === 'loading' ? 'loading' : 'error';
    if (this.#oauth(this.#definition) && this.#oauthCode.status !== 'ready') return this.#oauthCode.status;
    return elementStateOf(this.#attempt.state);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const focus = this.#focusNext;
    this.#focusNext = undefined;
    if (focus === 'heading') this.focus();
    if (focus === 'problem') this.#focusProblem();
  }

  /** A connector to show: its empty form, or the attempt the page has under way for it (values kept). */
  #adopt(servertype: Servertype): void {
    this.#definition = servertype;
    this.#model.adopt(servertype);
    const client = this.#client.ready;
    const unfinished = client && unfinishedAttempt(client, servertype);
    if (!unfinished) return;
    this.#attempt.show(unfinished);
    this.#model.restore(unfinished.values ?? {});
    this.#returned = true;
  }

  /** "Start over": a new connection instead of the one the customer came back to, whose wait stops. */
  #startOver(): void {
    this.#attempt.attempt?.stop();
    this.#attempt.release();
    this.#returned = false;
    this.#focusNext = 'heading';
  }

  /**
   * Reacts once to each new state of the attempt: its failure on the form, a new try taking the old
   * failure away ("Check again"), its success emptying it.
   */
  #follow(state: AttemptState): void {
    if (state === this.#seen) return;
    const before = this.#seen;
    this.#seen = state;
    if (before.phase === 'failed' && isBusy(state)) this.#model.clearErrors();
    if (state.phase === 'failed') {
      this.#model.showFailure(state.error, this.words.t('fixFields'), (error) => this.words.errorText(error));
      this.#focusNext = 'problem';
    } else if (state.phase === 'connected') {
      // Typed values belong to this one connection (product spec §3).
      this.#model.empty();
      this.#focusNext = 'heading';
    }
  }

  /** Moves focus to the first bad field, else to the form's message. */
  #focusProblem(): void {
    const first = this.#model.firstInvalid;
    const index = first ? this.#model.fields.indexOf(first) : -1;
    this.renderRoot.querySelector<HTMLElement>(index < 0 ? '[role="alert"]' : `#${fieldId(index)}`)?.focus();
  }

  /** The form's values when they pass the checks (else the problems are shown and focused). */
  #validValues(): Record<string, unknown> | undefined {
    this.#model.clearErrors();
    if (this.#model.validate(this.words.t)) return this.#model.body();
    this.#focusNext = 'problem';
    this.requestUpdate();
    return undefined;
  }

  #submit(event: Event): void {
    event.preventDefault();
    const servertype = this.#definition;
    const state = this.#attempt.state;
    if (!servertype || isBusy(state) || this.#oauth(servertype)) return;
    const values = this.#validValues();
    if (!values) return;
    // Enter in a field that is now locked would leave focus nowhere: it goes to the button that says
    // what happens.
    this.renderRoot.querySelector<HTMLElement>('button[type="submit"]')?.focus();
    // Unchanged values after a wait without an answer: the same connection, not a second one (§4).
    const attempt = this.#attempt.attempt;
    if (attempt && isUnanswered(state) && attempt.sent(values)) return void attempt.checkAgain();
    this.#returned = false;
    this.#attempt.start(servertype).create(values, this.#model.typed());
  }

  /** The inner OAuth step started (or showed) an attempt: this form follows the same one. */
  #followOAuth(event: Event): void {
    const attempt = (event.target as PeliqanOAuthButton).attempt;
    if (attempt && attempt !== this.#attempt.attempt) this.#attempt.show(attempt);
  }

  /** Whether the OAuth step runs this connector: it looks like OAuth, or Peliqan's answer said so. */
  #oauth(servertype: Servertype): boolean {
    return isOAuthConnector(servertype) || this.#attempt.attempt?.oauthUrl !== undefined;
  }

  override render() {
    const { problem, baseUrl, hideTrustNotice } = this.settings.value;
    if (problem) return refusedView(this.words.errorText(problem));
    const servertype = this.#definition;
    if (!servertype) return this.#missingView();
    const state = this.#attempt.state;
    if (state.phase === 'connected') {
      return successView({
        servertype,
        baseUrl,
        t: this.words.t,
        done: () => this.emit('peliqan-done', { connectionId: state.connectionId, servertype }),
        another: () => this.#another(),
      });
    }
    const helptext = servertype.settings?.connect_form?.helptext?.trim();
    const oauth = this.#oauth(servertype);
    const trust =
      hideTrustNotice || oauth ? nothing : trustLine(this.words.t('trustNotice', { name: servertype.name }));
    const { back, close } = this.navigation ?? {};
    const title = this.words.t('connectTo', { name: servertype.name });
    return html`<form class="root" part="container" novalidate @submit=${this.#submit}>
      ${stepHeader({ title, icon: connectorIcon(servertype, baseUrl), back, close })}
      ${helptext ? html`<p class="help">${helptext}</p>` : nothing}
      ${renderFields(this.#model, isBusy(state), (label) => this.words.t('show', { label }))} ${trust}
      ${oauth ? this.#oauthView(servertype) : this.#credentialView(state)}
    </form>`;
  }

  /**
   * "Connect another": an enclosing `<peliqan-connect>` goes back to its picker (it cancels the
   * private event); on its own the form starts again, empty, for the same connector.
   */
  #another(): void {
    const goOn = this.dispatchEvent(new Event('peliqan-another', { bubbles: true, cancelable: true }));
    if (!goOn) return;
    this.#attempt.release();
    this.#focusNext = 'heading';
  }

  #missingView() {
    return connectorView(this.#connector, String(this.servertype), this.words) ?? html`<div class="root"></div>`;
  }

  #credentialView(state: AttemptState) {
    const t = this.words.t;
    const unanswered = isUnanswered(state);
    const startOver = this.#returned && (isBusy(state) || unanswered);
    return credentialActions({
      formError: this.#model.formError,
      checkAgain: unanswered ? { label: t('checkAgain'), run: () => this.#attempt.attempt?.checkAgain() } : undefined,
      startOver: startOver ? { label: t('startOver'), run: () => this.#startOver() } : undefined,
      busy: isBusy(state),
      progress: t(state.phase === 'waiting' ? 'testing' : 'creating'),
      connectLabel: t('connect'),
    });
  }

  #oauthView(servertype: Servertype) {
    const waiting = notReady(this.#oauthCode, this.words, 'loading');
    if (waiting) return waiting;
    return oauthStep({
      servertype,
      formError: this.#model.formError,
      attempt: this.#attempt.attempt,
      prepare: () => {
        const values = this.#validValues();
        return values && { values, typed: this.#model.typed() };
      },
      inFlow: this.navigation !== undefined,
      stateChanged: (event) => this.#followOAuth(event),
    });
  }
}

define('peliqan-connect-form', PeliqanConnectForm);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-connect-form': PeliqanConnectForm;
  }
}
