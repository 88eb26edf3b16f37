import type { PropertyDeclaration } from 'lit';
import type { ClientOptions } from './api/client.js';
import { forgetEarlyRequests } from './api/early-requests.js';

/**
 * What configures the elements (product spec §3), page-wide through `configure()` or per element
 * through its attributes and properties. The token settings (`baseUrl`, `tokenUrl`, `token`,
 * `tokenProvider`, `tokenCredentials`) go together: an element uses its own or inherited ones, never a mix.
 */
export interface PeliqanConfig extends Pick<
  ClientOptions,
  'baseUrl' | 'tokenUrl' | 'token' | 'tokenProvider' | 'tokenCredentials' | 'catalogueUrl'
> {
  /** `en` (default), `nl`, `fr` or `de`. */
  language?: string;
  /** `light`, `dark` or `auto` (default). */
  theme?: string;
  /** Seconds a flow waits for a connection's final status. Default 120. */
  statusTimeout?: number;
  /** Hide the "Powered by Peliqan" notice of the OAuth step (for partners with their own OAuth app). */
  privateOauth?: boolean;
  /** Hide the line under a credential form that says where the typed values go. */
  hideTrustNotice?: boolean;
}

/** The settings that decide where the token comes from and where it is sent. */
export const TOKEN_SETTINGS = ['baseUrl', 'token', 'tokenProvider', 'tokenUrl', 'tokenCredentials'] as const;

/** A setting every element takes, and the flow options the elements that run a connection flow take. */
export type SettingKey = Exclude<keyof PeliqanConfig, FlowOptionKey>;
export type FlowOptionKey = 'statusTimeout' | 'privateOauth' | 'hideTrustNotice';

/**
 * How each setting appears on every element: secrets and functions are properties only (session-replay
 * tools record attributes). The one table the elements declare their settings from.
 */
export const SETTING_PROPERTIES: Record<SettingKey, PropertyDeclaration> = {
  baseUrl: { attribute: 'base-url' },
  token: { attribute: false },
  tokenProvider: { attribute: false },
  tokenUrl: { attribute: 'token-url' },
  tokenCredentials: { attribute: false },
  catalogueUrl: { attribute: 'catalogue-url' },
  language: {},
  theme: { reflect: true },
};

/** The flow options as attributes, and their defaults: the one place each is written. */
export const FLOW_OPTION_PROPERTIES: Record<FlowOptionKey, PropertyDeclaration> = {
  statusTimeout: { attribute: 'status-timeout', type: Number },
  privateOauth: { attribute: 'private-oauth', type: Boolean },
  hideTrustNotice: { attribute: 'hide-trust-notice', type: Boolean },
};
/**
 * Which connectors a flow offers (`<peliqan-connect>`, the connect button, `open()`): an element's own,
 * never inherited.
 */
export const CHOICE_PROPERTIES: Record<'servertype' | 'connectors', PropertyDeclaration> = {
  servertype: {},
  connectors: {},
};
/**
 * Every property of the flow's dialog and of its button: the settings, the flow options and the
 * connectors to offer. The button and `open()` set each one on the dialog, so one left out is unset.
 */
export const DIALOG_PROPERTIES = { ...SETTING_PROPERTIES, ...FLOW_OPTION_PROPERTIES, ...CHOICE_PROPERTIES };

/** Whether a property is a setting (or flow option): one that changes the settings in force. */
export const isSetting = (key: PropertyKey): boolean =>
  Object.hasOwn(SETTING_PROPERTIES, key) || Object.hasOwn(FLOW_OPTION_PROPERTIES, key);

/**
 * A property's attribute, as Lit names it: the declared one, else the property's name in lower case;
 * none when `attribute` is `false`. The connect button and the manifest read the tables by it.
 */
export function attributeName(property: string, declaration: PropertyDeclaration): string | undefined {
  if (declaration.attribute === false) return undefined;
  if (typeof declaration.attribute === 'string') return declaration.attribute;
  return property.toLowerCase();
}

export const FLOW_DEFAULTS: Readonly<Required<Pick<PeliqanConfig, FlowOptionKey>>> = {
  statusTimeout: 120,
  privateOauth: false,
  hideTrustNotice: false,
};

let defaults: PeliqanConfig = {};
const listeners = new Set<() => void>();

/**
 * Sets page-wide defaults, so a page that shows several elements configures the token once.
 * Later calls merge into earlier ones; elements already on the page pick the change up. Another
 * token source (a log-out, another customer) forgets every token, catalogue and connection first.
 */
export function configure(options: PeliqanConfig): void {
  const next = { ...defaults, ...options };
  const tokenChanged = TOKEN_SETTINGS.some((key) => next[key] !== defaults[key]);
  defaults = next;
  if (tokenChanged) reset();
  else notifyConfigChange();
}

/**
 * Forgets every token, catalogue and connection state the page holds, and empties every mounted form
 * (product spec §3): call it when the customer logs out or another one logs in. Elements on the page
 * start again with fresh tokens.
 */
export function reset(): void {
  // An early token answer is this customer's: the next one must not get it.
  forgetEarlyRequests();
  // The clients, the watched connections and the forms each forget their part (see `onReset`).
  for (const hook of resetHooks) hook();
  notifyConfigChange();
}

const resetHooks = new Set<() => void>();

/** Runs `hook` on every `reset()`; returns the function that stops it. */
export function onReset(hook: () => void): () => void {
  resetHooks.add(hook);
  return () => resetHooks.delete(hook);
}

/** The current page-wide defaults. */
export const pageDefaults = (): Readonly<PeliqanConfig> => defaults;

/** Tells the elements that take the page's defaults that something changed. */
export function notifyConfigChange(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` after each change of the page's defaults; returns the function that stops it. */
export function onConfigure(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
