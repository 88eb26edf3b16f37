import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PeliqanClient } from '../api/client.js';
import { DEFAULT_BASE_URL } from '../api/client.js';
import { PeliqanError } from '../api/errors.js';
import { acquireClient, type ClientLease } from '../api/shared-client.js';
import { isSecureUrl } from '../api/urls.js';
import { notifyConfigChange, onConfigure, pageDefaults, type PeliqanConfig } from '../config.js';
import { knownLanguage } from '../i18n/translate.js';

/** An element whose configuration this controller resolves: its own settings, as properties. */
export type ConfigHost = ReactiveControllerHost & HTMLElement & PeliqanConfig;

/** The configuration in force for an element, and what is wrong with it if anything. */
export interface ResolvedConfig extends PeliqanConfig {
  baseUrl: string;
  /** Where a token whose source names no API origin may go: a base URL set in script, else the default. */
  tokenBaseUrl: string;
  /** A setting the widget refuses (`invalid-config`): nothing is requested while it stands. */
  problem?: PeliqanError;
}

const controllers = new WeakMap<HTMLElement, ConfigController>();

/** The system's colour scheme, followed by `theme="auto"`: every element hears when it changes. */
const prefersDark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
prefersDark?.addEventListener('change', notifyConfigChange);

/** The nearest peliqan element's configuration that contains `node`, across shadow roots. */
function enclosing(node: Node): ConfigController | undefined {
  for (let at: Node | null = node; at;) {
    at = at instanceof ShadowRoot ? at.host : at.parentNode;
    const found = at instanceof HTMLElement ? controllers.get(at) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * The element's `baseUrl` when script set it. One that equals its `base-url` attribute may come from
 * markup, which injected HTML can write, so it binds no token (product spec §3 "Token binding"). This
 * holds while `base-url` is not reflected: a property set from script then never shows as the attribute.
 */
const scriptBaseUrl = (host: ConfigHost) =>
  host.baseUrl && host.baseUrl !== host.getAttribute('base-url') ? host.baseUrl : undefined;

/**
 * Resolves an element's configuration (product spec §3): its own settings, else the enclosing peliqan
 * element's, else `PeliqanEmbed.configure()`'s. The token settings — `baseUrl` and the token source —
 * go together, so a token is never sent to an origin it was not configured for. Holds the shared
 * client for that configuration while the element is on the page.
 */
export class ConfigController implements ReactiveController {
  #host: ConfigHost;
  #lease?: ClientLease;
  #leaseSettings: unknown[] = [];
  #stopListening?: () => void;
  #resolved?: ResolvedConfig;
  #locale?: string;

  constructor(host: ConfigHost) {
    this.#host = host;
    controllers.set(host, this);
    host.addController(this);
  }

  hostConnected(): void {
    this.invalidate();
    this.#stopListening = onConfigure(() => this.#host.requestUpdate());
  }

  /** Forgets the worked-out settings: the element's own, or some that it inherits, are changing. */
  invalidate(): void {
    this.#resolved = undefined;
    this.#locale = undefined;
  }

  hostDisconnected(): void {
    this.#stopListening?.();
    this.#lease?.release();
    this.#lease = undefined;
  }

  /**
   * The configuration in force, worked out once until the element asks for an update (which every
   * change of its settings, its enclosing element's or the page's does): a render asks many times.
   */
  resolve(): ResolvedConfig {
    this.#resolved ??= this.#resolve();
    return this.#resolved;
  }

  #resolve(): ResolvedConfig {
    const host = this.#host;
    const outer = enclosing(host)?.resolve();
    const inherited: PeliqanConfig = outer ?? pageDefaults();
    const ownToken = Boolean(host.token || host.tokenProvider || host.tokenUrl);
    const tokenSettings = ownToken || host.baseUrl ? host : inherited;
    const baseUrl = tokenSettings.baseUrl || DEFAULT_BASE_URL;
    const resolved: ResolvedConfig = {
      baseUrl,
      tokenBaseUrl: scriptBaseUrl(host) || (outer ? outer.tokenBaseUrl : pageDefaults().baseUrl) || DEFAULT_BASE_URL,
      token: tokenSettings.token,
      tokenProvider: tokenSettings.tokenProvider,
      tokenUrl: tokenSettings.tokenUrl,
      tokenCredentials: tokenSettings.tokenCredentials,
      catalogueUrl: host.catalogueUrl || inherited.catalogueUrl,
      language: host.language || inherited.language,
      theme: host.theme || inherited.theme,
    };
    if (host.baseUrl && !ownToken) {
      // A page's token must not follow an element's base-url to another origin (product spec §3).
      resolved.problem = new PeliqanError(
        'invalid-config',
        `base-url ${host.baseUrl} is set without a token source of its own: set token-url, token or tokenProvider on the same element`,
      );
    } else if (!isSecureUrl(baseUrl)) {
      resolved.problem = new PeliqanError(
        'invalid-config',
        `base-url must be https: (http: only for localhost): ${baseUrl}`,
      );
    }
    return resolved;
  }

  /** True once a token can be had (a token, a provider or a URL) and nothing is refused. */
  get ready(): boolean {
    const config = this.resolve();
    return !config.problem && Boolean(config.token || config.tokenProvider || config.tokenUrl);
  }

  /** The client shared by every element configured the same way (held while the element is on the page). */
  get client(): PeliqanClient {
    const { baseUrl, tokenBaseUrl, token, tokenProvider, tokenUrl, tokenCredentials, catalogueUrl } = this.resolve();
    const settings = [baseUrl, tokenBaseUrl, token, tokenProvider, tokenUrl, tokenCredentials, catalogueUrl];
    const lease = this.#lease;
    // Same settings (the provider by identity) and not forgotten by `reset()`: keep the client.
    if (lease?.current() && settings.every((value, index) => value === this.#leaseSettings[index])) return lease.client;
    lease?.release();
    this.#lease = acquireClient({
      baseUrl,
      tokenBaseUrl,
      token,
      tokenProvider,
      tokenUrl,
      tokenCredentials,
      catalogueUrl,
    });
    this.#leaseSettings = settings;
    return this.#lease.client;
  }

  /** The colour scheme in force: `light` or `dark` (`auto`, the default, follows the system). */
  get scheme(): 'light' | 'dark' {
    const theme = this.resolve().theme;
    if (theme === 'light' || theme === 'dark') return theme;
    return prefersDark?.matches ? 'dark' : 'light';
  }

  /**
   * The language messages are shown in: the setting, else the nearest `lang`, else English. Worked
   * out once per update, like the settings: a render asks for every message it shows.
   */
  get locale(): string {
    if (this.#locale === undefined) {
      const host = this.#host;
      const lang = (host.closest('[lang]') as HTMLElement | null)?.lang ?? enclosing(host)?.locale;
      this.#locale = knownLanguage(this.resolve().language) ?? knownLanguage(lang) ?? 'en';
    }
    return this.#locale;
  }
}
