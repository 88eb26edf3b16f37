import { ContextConsumer, ContextProvider, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PeliqanError } from '../api/errors.js';
import { DEFAULT_BASE_URL, isSecureUrl } from '../api/urls.js';
import { FLOW_DEFAULTS, onConfigure, pageDefaults, type FlowOptionKey, type PeliqanConfig } from '../config.js';
import { knownLanguage } from '../i18n/translate.js';

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
}

/** What each peliqan element gives the peliqan elements inside it (across shadow roots). */
export const settingsContext = createContext<Settings | undefined>(Symbol('peliqan-settings'));

/** An element whose settings this controller resolves: its own settings, as properties. */
export type SettingsHost = ReactiveControllerHost & HTMLElement & PeliqanConfig;

/** The system's colour scheme, followed by `theme="auto"`: the elements that take the page's defaults hear it. */
const prefersDark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;

/** Equal settings, a refused setting compared by what is wrong with it (each resolve makes a new error). */
/**
 * The element's `baseUrl` when script set it. One that equals its `base-url` attribute may come from
 * markup, which injected HTML can write, so it binds no token (product spec §3 "Token binding"). This
 * holds while `base-url` is not reflected: a property set from script then never shows as the attribute.
 */
const scriptBaseUrl = (host: SettingsHost) =>
  host.baseUrl && host.baseUrl !== host.getAttribute('base-url') ? host.baseUrl : undefined;

const sameSettings = (a: Settings, b: Settings) =>
  (Object.keys(a) as (keyof Settings)[]).every((key) =>
    key === 'problem' ? a.problem?.message === b.problem?.message : a[key] === b[key],
  );

/**
 * Resolves an element's settings (product spec §3) and hands them on, through Lit's context, to exactly
 * the peliqan elements inside it: no walk up the page per update, and a change reaches only the
 * elements under the element that changed. The outermost elements take `PeliqanEmbed.configure()`'s.
 * The token settings — `baseUrl` and the token source — go together, so a token is never sent to an
 * origin it was not configured for. The client for those settings is another controller's
 * (`ClientHolder`): an element that never talks to Peliqan (the connect button) loads no client code.
 */
export class SettingsController implements ReactiveController {
  #host: SettingsHost;
  #inherited: ContextConsumer<typeof settingsContext, SettingsHost>;
  #provider: ContextProvider<typeof settingsContext, SettingsHost>;
  #value?: Settings;
  #stale = true;
  #stopListening?: () => void;

  constructor(host: SettingsHost) {
    this.#host = host;
    this.#inherited = new ContextConsumer(host, {
      context: settingsContext,
      subscribe: true,
      callback: () => this.invalidate(),
    });
    this.#provider = new ContextProvider(host, { context: settingsContext });
    host.addController(this);
  }

  hostConnected(): void {
    const changed = () => {
      // Elements inside another peliqan element hear of the page's defaults through it.
      if (!this.#inherited.value) this.invalidate();
    };
    this.#stopListening = onConfigure(changed);
    prefersDark?.addEventListener('change', changed);
    const stop = this.#stopListening;
    this.#stopListening = () => {
      stop();
      prefersDark?.removeEventListener('change', changed);
    };
    this.invalidate();
  }

  hostDisconnected(): void {
    this.#stopListening?.();
    // Taken out of its enclosing element: whatever it gave is no longer in force.
    this.#inherited.value = undefined;
  }

  /** The element's own settings, an inherited one or the page's changed: work them out again. */
  invalidate(): void {
    if (this.#stale) return;
    this.#stale = true;
    this.#host.requestUpdate();
  }

  /** The settings in force, worked out again only after a change; nested elements hear of a real change. */
  get value(): Settings {
    if (this.#stale || !this.#value) {
      this.#stale = false;
      const next = this.#resolve();
      if (!this.#value || !sameSettings(this.#value, next)) {
        this.#value = next;
        this.#provider.setValue(next);
      }
    }
    return this.#value;
  }

  #resolve(): Settings {
    const host = this.#host;
    const inherited = this.#inherited.value;
    const from: PeliqanConfig = inherited ?? pageDefaults();
    const ownToken = Boolean(host.token || host.tokenProvider || host.tokenUrl);
    const tokenSettings = ownToken || host.baseUrl ? host : from;
    const baseUrl = tokenSettings.baseUrl || DEFAULT_BASE_URL;
    const language = host.language || from.language;
    const theme = host.theme || from.theme;
    const lang = host.closest<HTMLElement>('[lang]')?.lang;
    let problem: PeliqanError | undefined;
    if (host.baseUrl && !ownToken) {
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
    };
  }
}

/** A positive number of seconds, else nothing (an attribute of "0" or "abc" falls back to the default). */
const positive = (value: number | undefined) => (value !== undefined && value > 0 ? value : undefined);

const systemScheme = (): 'light' | 'dark' => (prefersDark?.matches ? 'dark' : 'light');
