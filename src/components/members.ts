import type { PeliqanConfig } from '../config.js';
import type { PeliqanEventDetails } from '../events.js';

/**
 * What every peliqan element has, without Lit: its settings as members (product spec §3), the type of
 * its read-only `state`, and `define()`. Lit's elements (`PeliqanElement`) and the connect button,
 * whose trigger runs before Lit is loaded (product spec §2), are both made from it.
 */

/** What every element reflects as its read-only `state` attribute (product spec §3). */
export type ElementState =
  'loading' | 'ready' | 'submitting' | 'waiting' | 'connected' | 'failed' | 'cancelled' | 'error' | 'disabled';

/**
 * The DOM's `HTMLElement`, to extend. On a server, where a page's code may import the elements (React
 * with server rendering), there is none: a stand-in, as Lit's own server build has.
 */
export const DomElement = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/** A class of HTML elements: the DOM's own, or Lit's. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base class takes any arguments
export type ElementClass = abstract new (...args: any[]) => HTMLElement;

/**
 * The settings every element takes, as members, and its `state`. Declared only: Lit makes them
 * properties from `SETTING_PROPERTIES`, the connect button from the same table, and the manifest
 * (`custom-elements-manifest.config.mjs`) their attributes.
 */
export function SettingMembers<Base extends ElementClass>(base: Base) {
  abstract class WithSettings extends base {
    /** Peliqan API origin. Default `https://app.eu.peliqan.io`; `https:` only (`http:` for localhost). */
    declare baseUrl?: PeliqanConfig['baseUrl'];
    /** A ready integrate token. Property only: never reflected to an attribute. */
    declare token?: PeliqanConfig['token'];
    /** Gives a token when there is none, and again after a 401. */
    declare tokenProvider?: PeliqanConfig['tokenProvider'];
    /**
     * The partner's token endpoint (`POST`, answers `{"token": "…", "base_url": "…"}`); the token goes only to
     * the `base_url` it names (product spec §3, token binding).
     */
    declare tokenUrl?: PeliqanConfig['tokenUrl'];
    /** Cookies for the token endpoint: `same-origin` (default) or `include`. Property only. */
    declare tokenCredentials?: PeliqanConfig['tokenCredentials'];
    /** The partner's catalogue endpoint (`createCatalogueHandler`); else the catalogue is read from Peliqan. */
    declare catalogueUrl?: PeliqanConfig['catalogueUrl'];
    /** `en`, `nl`, `fr` or `de`; else the nearest `lang`, else English. */
    declare language?: PeliqanConfig['language'];
    /** `light`, `dark` or `auto` (default: follows the system). */
    declare theme?: PeliqanConfig['theme'];
    /**
     * Where the element is: `loading`, `ready`, `submitting`, `waiting`, `connected`, `failed`,
     * `cancelled`, `error` (the list and the badge also `disabled`). Read-only.
     */
    abstract get state(): ElementState;
  }
  return WithSettings;
}

/**
 * The flow options of the elements that run a connection flow, or hold one, as members; like every
 * setting they come from the element, else the enclosing peliqan element, else `configure()`.
 */
export function FlowOptionMembers<Base extends ElementClass>(base: Base) {
  abstract class WithFlowOptions extends base {
    /** Seconds to wait for a final status. Default 120 (or what an enclosing element or `configure()` says). */
    declare statusTimeout?: number;
    /** Hide the "Powered by Peliqan" notice of the OAuth step (for partners with their own OAuth app). */
    declare privateOauth?: boolean;
    /** Hide the line saying where typed credentials go (for partners who say it their own way). */
    declare hideTrustNotice?: boolean;
  }
  return WithFlowOptions;
}

/** An element class that may name the peliqan elements it renders (`PeliqanElement.dependencies`). */
type Definable = CustomElementConstructor & { dependencies?: Readonly<Record<string, CustomElementConstructor>> };

/**
 * Defines a custom element once (a second copy of the script on a page leaves the first in place),
 * and the peliqan elements it renders before it.
 */
export function define(tag: string, element: Definable): void {
  // On a server without Lit's stand-in registry there is nothing to define elements in.
  if (typeof customElements === 'undefined') return;
  for (const [name, dependency] of Object.entries(element.dependencies ?? {})) define(name, dependency as Definable);
  if (!customElements.get(tag)) customElements.define(tag, element);
}

/**
 * Shows where an element is: its read-only `state` attribute (put back if page code wrote it) and the
 * colour scheme in force as `data-theme`, for the stylesheet (`:host([data-theme='dark'])`).
 */
export function reflectState(host: HTMLElement, state: ElementState, scheme: 'light' | 'dark'): void {
  if (host.getAttribute('state') !== state) host.setAttribute('state', state);
  if (host.dataset.theme !== scheme) host.dataset.theme = scheme;
}

/** Fires one of the public events from `host`: bubbling, composed, with a typed detail. */
export function emit<K extends keyof PeliqanEventDetails>(
  host: EventTarget,
  type: K,
  detail: PeliqanEventDetails[K],
): void {
  host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
