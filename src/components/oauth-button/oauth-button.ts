import { html, type PropertyValues } from 'lit';
import { connectorKey } from '../../api/connectors.js';
import type { TypedValue } from '../../api/redact.js';
import type { PeliqanId, Servertype } from '../../api/schemas.js';
import type { ConnectionAttempt } from '../../flow/attempt.js';
import { ConnectorLookup } from '../../flow/connector-lookup.js';
import { Load } from '../../flow/load.js';
import { POPUP_NAME, popupFeatures, type SignInWindow } from '../../flow/popup.js';
import { SignIn } from '../../flow/sign-in.js';
import { AttemptHolder, elementStateOf } from '../attempt-holder.js';
import { PeliqanFlowElement, define, type ElementState } from '../base.js';
import { ClientHolder } from '../client-holder.js';
import { connectorView, refusedView } from '../shared.js';
import { oauthStep } from './views.js';

/** What an enclosing form gives the OAuth step in the click: the other fields to send, and what to mask. */
export interface Prepared {
  values: Record<string, unknown>;
  typed: TypedValue[];
}

/** Opens the blank sign-in window, centred on the page's window (inside the click: see `SignIn`). */
const openWindow = () => window.open('about:blank', POPUP_NAME, popupFeatures(window)) as SignInWindow | null;

/**
 * The OAuth step (product spec §4): a "Powered by Peliqan" notice, then a button that opens the
 * provider's sign-in window in the click, creates the connection (or resumes one made server-side
 * with `connection-id` + `oauth-url`), and follows it until it is connected, refused or given up.
 * @tagname peliqan-oauth-button
 */
export class PeliqanOAuthButton extends PeliqanFlowElement {
  static override properties = {
    servertype: {},
    connectionId: { attribute: 'connection-id' },
    oauthUrl: { attribute: 'oauth-url' },
  };

  /** The connector: its id or `server_type` slug (attribute), or the definition itself (property). */
  declare servertype?: string | Servertype;
  /** A connection the partner's back end created: sign in to it instead of creating one. */
  declare connectionId?: string;
  /** That connection's `oauth_url`. */
  declare oauthUrl?: string;
  /**
   * Called in the click by the enclosing connect form: the other fields to send, or undefined to stop (the
   * form is invalid).
   * @internal
   */
  prepare?: () => Prepared | undefined;
  /**
   * Inside a flow whose header offers Back, the step offers no Cancel of its own (product spec §4).
   * @internal
   */
  inFlow = false;

  /** The client this element talks to Peliqan with. */
  #client = new ClientHolder(this, this.settings);

  #holder = new AttemptHolder(this, {
    client: () => this.#client.current,
    timeout: () => this.settings.value.statusTimeout * 1000,
  });
  /** For a connection made server-side without `servertype`: its connector's id or slug, from Peliqan. */
  #derived = new Load<string>(this, {
    client: () => this.#client.ready,
    needed: () => Boolean(this.connectionId) && this.servertype === undefined,
    args: () => [this.connectionId],
    read: async (client, signal) => String(connectorKey(await client.connection(this.connectionId!, { signal })) ?? ''),
    // The button works without the name ("Sign in"): nothing to show.
    failed: () => undefined,
  });
  #connector = new ConnectorLookup(this, {
    client: () => this.#client.ready,
    failed: (error) => this.errors.report(error, { shared: this.#client.ready }),
    wanted: () => this.servertype ?? (this.#derived.value || undefined),
  });
  /** The window of the last click, to bring to the front on "Reopen window". */
  #signIn?: SignIn;

  /**
   * The attempt shown: the one this step started, or one an enclosing form gives it.
   * @internal
   */
  get attempt(): ConnectionAttempt | undefined {
    return this.#holder.attempt;
  }

  /** @internal */
  set attempt(attempt: ConnectionAttempt | undefined) {
    if (attempt && attempt !== this.#holder.attempt) this.#holder.show(attempt);
  }

  /** The connection being signed in to, once there is one. */
  get activeConnectionId(): PeliqanId | undefined {
    const state = this.#holder.state;
    return 'connectionId' in state ? state.connectionId : undefined;
  }

  /** Gives up on the sign-in under way, if any (`peliqan-cancel`). */
  cancel(): void {
    this.#holder.attempt?.cancel();
  }

  /** Moves focus to the button that opens the sign-in window (or the step's first action). */
  override focus(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button:not([hidden])')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another connector or connection: the attempt shown (set with the first values) is not its own.
    const renamed = changed.has('servertype') || changed.has('connectionId') || changed.has('oauthUrl');
    if (renamed && this.hasUpdated) this.#holder.release();
    super.willUpdate(changed);
  }

  protected override deriveState(): ElementState {
    const lookup = this.#connector.status;
    if (typeof this.servertype === 'string' && lookup !== 'ready') return lookup === 'loading' ? 'loading' : 'error';
    if (this.servertype === undefined && !(this.connectionId && this.oauthUrl) && !this.#holder.attempt)
      return 'loading';
    return elementStateOf(this.#holder.state);
  }

  /** The connector as events name it: the definition, else its name as shown. */
  get #servertype(): Servertype {
    return this.#connector.servertype ?? { name: this.words.t('theProvider') };
  }

  /** The click: the window opens first (in `SignIn`), then everything else. */
  #start(): void {
    const { connectionId, oauthUrl } = this;
    if (connectionId && oauthUrl) {
      return this.#holder.start(this.#servertype).resume(connectionId, oauthUrl, this.#openSignIn);
    }
    const servertype = this.#connector.servertype;
    const prepared = this.prepare ? this.prepare() : { values: {}, typed: [] };
    if (!servertype || !prepared) return;
    this.#holder.start(servertype).create(prepared.values, prepared.typed, this.#openSignIn);
  }

  /** Opens the sign-in window for an attempt (in the click), remembered for "Reopen window". */
  #openSignIn = (attempt: ConnectionAttempt) => (this.#signIn = new SignIn(attempt, openWindow));

  /** "Open sign-in window", "Continue to …", "Reopen window", "Try again" after a closed window: same connection. */
  #openAgain(): void {
    const attempt = this.#holder.attempt;
    if (!attempt) return;
    if (attempt.state.phase === 'waiting' && this.#signIn?.focus()) return;
    attempt.signInAgain(this.#openSignIn);
  }

  /** "Try again" after a failure: a closed window reopens the same connection, anything else starts anew. */
  #tryAgain(): void {
    const state = this.#holder.state;
    if (state.phase === 'cancelled' && state.reason === 'popup-closed') return this.#openAgain();
    this.#start();
  }

  override render() {
    const { problem, privateOauth } = this.settings.value;
    if (problem) return refusedView(this.words.errorText(problem));
    const attempt = this.#holder.attempt;
    const waiting =
      !attempt && typeof this.servertype === 'string' && connectorView(this.#connector, this.servertype, this.words);
    if (waiting) return waiting;
    const state = this.#holder.state;
    return html`<div class="root oauth" part="container">
      ${oauthStep({
        state,
        t: this.words.t,
        name: this.#servertype.name,
        known: Boolean(this.#connector.servertype),
        privateOauth,
        errorText: state.phase === 'failed' ? this.words.errorText(state.error) : undefined,
        start: () => this.#start(),
        openAgain: () => this.#openAgain(),
        cancel: this.inFlow ? undefined : () => attempt?.cancel(),
        tryAgain: () => this.#tryAgain(),
      })}
    </div>`;
  }
}

define('peliqan-oauth-button', PeliqanOAuthButton);

declare global {
  interface HTMLElementTagNameMap {
    'peliqan-oauth-button': PeliqanOAuthButton;
  }
}
