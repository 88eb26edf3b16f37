/**
 * `peliqan-embed/react`: React wrappers for the elements (made with `@lit/react`), with typed event
 * props such as `onPeliqanConnected`. Importing it defines the elements. Needs `@lit/react` (an
 * optional peer dependency of peliqan-embed): `npm install @lit/react`.
 *
 *   import { PeliqanConnect } from 'peliqan-embed/react';
 *   <PeliqanConnect tokenUrl="/peliqan/token" onPeliqanConnected={(event) => save(event.detail.connectionId)} />
 */
import * as React from 'react';
import { createComponent, type EventName as ReactEventName } from '@lit/react';
import { PeliqanConnect as ConnectElement } from '../components/connect/connect.js';
import { PeliqanConnectForm as FormElement } from '../components/connect-form/connect-form.js';
import { PeliqanConnectorPicker as PickerElement } from '../components/connector-picker/connector-picker.js';
import { PeliqanOAuthButton as OAuthButtonElement } from '../components/oauth-button/oauth-button.js';
import { PeliqanConnections as ConnectionsElement } from '../components/connections/connections.js';
import { PeliqanConnectionStatus as StatusElement } from '../components/connection-status/connection-status.js';
import { PeliqanConnectButton as ButtonElement } from '../components/connect-button/connect-button.js';
import type { PeliqanEventDetails } from '../events.js';
import { SURFACE, type EventName, type TagName } from '../surface.js';

/** `connection-created` → `ConnectionCreated`. */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${Pascal<Tail>}`
  : Capitalize<S>;
/** `peliqan-connection-created` → `onPeliqanConnectionCreated`: the React prop of an event. */
type PropOf<E extends EventName> = `on${Pascal<E>}`;
/** An element's events as React props, each typed with its `CustomEvent`. */
type EventProps<T extends TagName> = {
  [E in (typeof SURFACE)[T]['events'][number] as PropOf<E>]: ReactEventName<CustomEvent<PeliqanEventDetails[E]>>;
};

const propOf = (name: string) => `on${name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase())}`;

/** The event props of one element, from the public surface table. */
function eventsOf<T extends TagName>(tag: T): EventProps<T> {
  return Object.fromEntries(SURFACE[tag].events.map((name) => [propOf(name), name])) as EventProps<T>;
}

/** `<peliqan-connect>`: the whole flow. */
export const PeliqanConnect = createComponent({
  tagName: 'peliqan-connect',
  elementClass: ConnectElement,
  react: React,
  events: eventsOf('peliqan-connect'),
});

/** `<peliqan-connect-button>`: a button that opens the whole flow in a dialog. */
export const PeliqanConnectButton = createComponent({
  tagName: 'peliqan-connect-button',
  elementClass: ButtonElement,
  react: React,
  events: eventsOf('peliqan-connect-button'),
});

/** `<peliqan-connect-form>`: one connector's connect form. */
export const PeliqanConnectForm = createComponent({
  tagName: 'peliqan-connect-form',
  elementClass: FormElement,
  react: React,
  events: eventsOf('peliqan-connect-form'),
});

/** `<peliqan-oauth-button>`: the OAuth step on its own. */
export const PeliqanOAuthButton = createComponent({
  tagName: 'peliqan-oauth-button',
  elementClass: OAuthButtonElement,
  react: React,
  events: eventsOf('peliqan-oauth-button'),
});

/**
 * `<peliqan-connections>`: the customer's connections. Its Add connection and Connect again run a whole
 * flow inside, whose events bubble out of it.
 */
export const PeliqanConnections = createComponent({
  tagName: 'peliqan-connections',
  elementClass: ConnectionsElement,
  react: React,
  events: eventsOf('peliqan-connections'),
});

/** `<peliqan-connection-status>`: one connection's live badge (its Connect again runs a whole flow). */
export const PeliqanConnectionStatus = createComponent({
  tagName: 'peliqan-connection-status',
  elementClass: StatusElement,
  react: React,
  events: eventsOf('peliqan-connection-status'),
});

/** `<peliqan-connector-picker>`: the connectors as searchable tiles. */
export const PeliqanConnectorPicker = createComponent({
  tagName: 'peliqan-connector-picker',
  elementClass: PickerElement,
  react: React,
  events: eventsOf('peliqan-connector-picker'),
});
