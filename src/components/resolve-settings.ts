import { PeliqanError } from '../api/errors.js';
import { DEFAULT_BASE_URL, isSecureUrl } from '../api/urls.js';
import { FLOW_DEFAULTS, onConfigure, pageDefaults, type FlowOptionKey, type PeliqanConfig } from '../config.js';
import { knownLanguage } from '../i18n/catalogues.js';

/**
 * How an element's settings are worked out (product spec §3), without Lit: the elements' controller
 * (`SettingsController`) and the connect button's trigger, which runs before Lit is loaded, share it.
 */

/** The settings in force for an element: its own, else the enclosing peliqan element's, else the page's. */
export interface Settings extends Readonly<Omit<PeliqanConfig, FlowOptionKey>> {
  readonly baseUrl: string;
  /** Where a token whose source names no API origin may go: a base URL set in script, else the default. */
  readonly tokenBaseUrl: string;
  readonly statusTimeout: number;
  readonly privateOauth: boolean;
  readonly hideTrustNotice: boolean;
  /** The language messages are shown in: the setting, else the nearest `lang`, else English. */
  readonly locale: string;
  /** The colour scheme in force (`auto`, the default, follows the system). */
  readonly scheme: 'light' | 'dark';
  /** A setting the widget refuses (`invalid-config`): nothing is requested while it stands. */
  readonly problem?: PeliqanError;
  /** The problem is the enclosing element's, whose token settings this one takes: that one reports it. */
  readonly problemFromAbove?: boolean;
}

/**
 * How peliqan elements hand their settings to the peliqan elements inside them (across shadow roots):
 * the community context protocol
 * (https://github.com/webcomponents-cg/community-protocols/blob/main/proposals/context.md), as Lit's
 * `@lit/context` speaks it, written once here for every element, with Lit or without (the connect
 * button). Only this one context is ever asked for.
 */
const settingsContext = Symbol('peliqan-settings');

/** Called with the settings of the element that answered, and (when subscribed) how to stop hearing. */
type SettingsCallback = (value: Settings | undefined, unsubscribe?: () => void) => void;

/** The protocol's `context-request` event. */
interface ContextRequest extends Event {
  context: unknown;
  contextTarget?: Element;
  callback: SettingsCallback;
  subscribe?: boolean;
}

/** Each consumer's current callback, while it listens. */
const listening = new WeakMap<Element, SettingsCallback>();

/** Asks the nearest provider above `consumer` for the settings, now and at each change. */
function requestSettings(consumer: Element, callback: SettingsCallback): void {
  const request = Object.assign(new Event('context-request', { bubbles: true, composed: true }), {
    context: settingsContext,
    contextTarget: consumer,
    callback,
    subscribe: true,
  });
  consumer.dispatchEvent(request);
}

/**
 * Asks the enclosing peliqan element (if any) for its settings, now and at each change, as Lit's
 * `ContextConsumer` does: `heard` gets them (undefined: none, or not yet worked out). Another element
 * answering later (a nearer one that upgraded) replaces the first. Returns how to stop, for when `host`
 * leaves the page.
 */
export function inheritSettings(host: HTMLElement, heard: (value: Settings | undefined) => void): () => void {
  let stop: (() => void) | undefined;
  const callback: SettingsCallback = (value, unsubscribe) => {
    if (stop && stop !== unsubscribe) stop();
    stop = unsubscribe;
    heard(value);
  };
  listening.set(host, callback);
  requestSettings(host, callback);
  return () => {
    stop?.();
    stop = undefined;
    listening.delete(host);
  };
}

/**
 * Answers the settings requests of the peliqan elements inside `host` with `current()`, as Lit's
 * `ContextProvider` does. Returns a function that tells the subscribers of a change.
 */
export function provideSettings(host: HTMLElement, current: () => Settings | undefined): () => void {
  // One unsubscribe function per subscriber, kept: a consumer takes a new one for another provider.
  const subscribers = new Map<SettingsCallback, () => void>();
  host.addEventListener('context-request', (event) => {
    const request = event as ContextRequest;
    if (request.context !== settingsContext || request.contextTarget === host) return;
    event.stopPropagation();
    if (!request.subscribe) return request.callback(current());
    if (!subscribers.has(request.callback)) {
      subscribers.set(request.callback, () => subscribers.delete(request.callback));
    }
    request.callback(current(), subscribers.get(request.callback));
  });
  return () => {
    for (const [callback, unsubscribe] of [...subscribers]) callback(current(), unsubscribe);
  };
}

/**
 * The peliqan elements inside `host`, where a page nests them (its light DOM), ask for their settings
 * again: call it when `host` starts answering. With the script tag an element's code may arrive after
 * the code of the elements inside it, which asked before it could answer; the nearest element answers
 * now. (Lit's `ContextRoot` and `context-provider` event do this for any context; this one is ours.)
 */
export function askInside(host: Element): void {
  for (const element of host.querySelectorAll('*')) {
    const callback = listening.get(element);
    if (callback) requestSettings(element, callback);
  }
}

/**
 * An element's settings over its life (product spec §3): worked out from its own, the enclosing peliqan
 * element's and the page's (`configure()`), again only after one of those changed, and handed on by
 * context to exactly the peliqan elements inside it, which hear of a real change only. No walk up the
 * page per render. The elements' controller (`SettingsController`, Lit) and the connect button (no Lit)
 * both are one.
 */
export class ElementSettings {
  #host: SettingsOwner;
  #changed: () => void;
  /** The enclosing peliqan element's settings, while it is there. */
  #inherited?: Settings;
  #value?: Settings;
  #stale = true;
  #notify: () => void;
  #stop?: () => void;

  /** `changed`: the settings may have changed, and are worked out again when `value` is next read. */
  constructor(host: SettingsOwner, changed: () => void) {
    this.#host = host;
    this.#changed = changed;
    this.#notify = provideSettings(host, () => this.#value);
  }

  /** The element is on the page: it hears the element around it and the page's settings. */
  connect(): void {
    const stopInheriting = inheritSettings(this.#host, (value) => {
      this.#inherited = value;
      this.invalidate();
    });
    askInside(this.#host);
    // Elements inside another peliqan element hear of the page's defaults through it.
    const stopListening = onPageSettingsChange(() => {
      if (!this.#inherited) this.invalidate();
    });
    this.#stop = () => {
      stopInheriting();
      stopListening();
    };
    this.invalidate();
  }

  /** The element left the page: whatever the element around it gave is no longer in force. */
  disconnect(): void {
    this.#stop?.();
    this.#inherited = undefined;
  }

  /** The element's own settings, an inherited one or the page's changed: work them out again. */
  invalidate(): void {
    if (this.#stale) return;
    this.#stale = true;
    this.#changed();
  }

  /** The settings in force, worked out again only after a change; nested elements hear of a real change. */
  get value(): Settings {
    if (this.#stale || !this.#value) {
      this.#stale = false;
      const next = resolveSettings(this.#host, this.#inherited);
      if (!this.#value || !sameSettings(this.#value, next)) {
        this.#value = next;
        this.#notify();
      }
    }
    return this.#value;
  }
}

/** An element with settings of its own, as properties. */
export type SettingsOwner = HTMLElement & PeliqanConfig;

/** The system's colour scheme, followed by `theme="auto"`: the elements that take the page's defaults hear it. */
const prefersDark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;

/**
 * Calls `changed` when the page's settings (`configure()`) or the system's colour scheme change; returns
 * how to stop.
 */
export function onPageSettingsChange(changed: () => void): () => void {
  const stopConfigure = onConfigure(changed);
  prefersDark?.addEventListener('change', changed);
  return () => {
    stopConfigure();
    prefersDark?.removeEventListener('change', changed);
  };
}

/** Equal settings, a refused setting compared by what is wrong with it (each resolve makes a new error). */
export const sameSettings = (a: Settings, b: Settings) =>
  (Object.keys(a) as (keyof Settings)[]).every((key) =>
    key === 'problem' ? a.problem?.message === b.problem?.message : a[key] === b[key],
  );

/**
 * The element's `baseUrl` when script set it. One that equals its `base-url` attribute may come from
 * markup, which injected HTML can write, so it binds no token (product spec §3 "Token binding"). This
 * holds while `base-url` is not reflected: a property set from script then never shows as the attribute.
 */
const scriptBaseUrl = (host: SettingsOwner) =>
  host.baseUrl && host.baseUrl !== host.getAttribute('base-url') ? host.baseUrl : undefined;

/**
 * The settings in force for `host`: its own, else `inherited` (the enclosing peliqan element's), else
 * the page's (`configure()`). The token settings — `baseUrl` and the token source — go together, so a
 * token is never sent to an origin it was not configured for.
 */
export function resolveSettings(host: SettingsOwner, inherited: Settings | undefined): Settings {
  const from: PeliqanConfig = inherited ?? pageDefaults();
  const ownToken = Boolean(host.token || host.tokenProvider || host.tokenUrl);
  const tokenSettings = ownToken || host.baseUrl ? host : from;
  const baseUrl = tokenSettings.baseUrl || DEFAULT_BASE_URL;
  const language = host.language || from.language;
  const theme = host.theme || from.theme;
  const lang = host.closest<HTMLElement>('[lang]')?.lang;
  let problem: PeliqanError | undefined;
  // Token settings taken from the element around it come with that element's refusal of them.
  const problemFromAbove = tokenSettings === inherited && inherited.problem !== undefined;
  if (problemFromAbove) {
    problem = inherited.problem;
  } else if (host.baseUrl && !ownToken) {
    // A page's token must not follow an element's base-url to another origin (product spec §3).
    problem = new PeliqanError(
      'invalid-config',
      `base-url ${host.baseUrl} is set without a token source of its own: set token-url, token or tokenProvider on the same element`,
    );
  } else if (!isSecureUrl(baseUrl)) {
    problem = new PeliqanError('invalid-config', `base-url must be https: (http: only for localhost): ${baseUrl}`);
  }
  return {
    baseUrl,
    tokenBaseUrl:
      scriptBaseUrl(host) || (inherited ? inherited.tokenBaseUrl : pageDefaults().baseUrl) || DEFAULT_BASE_URL,
    token: tokenSettings.token,
    tokenProvider: tokenSettings.tokenProvider,
    tokenUrl: tokenSettings.tokenUrl,
    tokenCredentials: tokenSettings.tokenCredentials,
    catalogueUrl: host.catalogueUrl || from.catalogueUrl,
    language,
    theme,
    statusTimeout: positive(host.statusTimeout) ?? positive(from.statusTimeout) ?? FLOW_DEFAULTS.statusTimeout,
    privateOauth: Boolean(host.privateOauth || from.privateOauth),
    hideTrustNotice: Boolean(host.hideTrustNotice || from.hideTrustNotice),
    locale: knownLanguage(language) ?? knownLanguage(lang) ?? inherited?.locale ?? 'en',
    scheme: theme === 'light' || theme === 'dark' ? theme : systemScheme(),
    problem,
    problemFromAbove,
  };
}

/** A positive number of seconds, else nothing (an attribute of "0" or "abc" falls back to the default). */
const positive = (value: number | undefined) => (value !== undefined && value > 0 ? value : undefined);

const systemScheme = (): 'light' | 'dark' => (prefersDark?.matches ? 'dark' : 'light');
