/**
 * `peliqan-embed/react`: React wrappers for the elements (made with `@lit/react`), with typed event
 * props such as `onPeliqanConnected`. Importing it defines the elements.
 *
 *   import { PeliqanConnect } from 'peliqan-embed/react';
 *   <PeliqanConnect tokenUrl="/peliqan/token" onPeliqanConnected={(event) => save(event.detail.connectionId)} />
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { PeliqanConnect as ConnectElement } from '../components/connect/connect.js';
import { PeliqanConnectForm as FormElement } from '../components/connect-form/connect-form.js';
import { PeliqanConnectorPicker as PickerElement } from '../components/connector-picker/connector-picker.js';
import { PeliqanOAuthButton as OAuthButtonElement } from '../components/oauth-button/oauth-button.js';
import { PeliqanConnections as ConnectionsElement } from '../components/connections/connections.js';
import { PeliqanConnectionStatus as StatusElement } from '../components/connection-status/connection-status.js';
import type { PeliqanEventDetails } from '../events.js';

const event = <K extends keyof PeliqanEventDetails>(name: K) => name as EventName<CustomEvent<PeliqanEventDetails[K]>>;

/** The events a connection flow fires, as React props. */
const flowEvents = {
  onPeliqanSelect: event('peliqan-select'),
  onPeliqanConnectionCreated: event('peliqan-connection-created'),
  onPeliqanPopupBlocked: event('peliqan-popup-blocked'),
  onPeliqanStatus: event('peliqan-status'),
  onPeliqanConnected: event('peliqan-connected'),
  onPeliqanDone: event('peliqan-done'),
  onPeliqanCancel: event('peliqan-cancel'),
  onPeliqanError: event('peliqan-error'),
};

/** The events of a connection once it exists. */
const statusEvents = {
  onPeliqanStatus: flowEvents.onPeliqanStatus,
  onPeliqanConnected: flowEvents.onPeliqanConnected,
  onPeliqanError: flowEvents.onPeliqanError,
};

/** `<peliqan-connect>`: the whole flow. */
export const PeliqanConnect = createComponent({
  tagName: 'peliqan-connect',
  elementClass: ConnectElement,
  react: React,
  events: flowEvents,
});

/** `<peliqan-connect-form>`: one connector's connect form. */
export const PeliqanConnectForm = createComponent({
  tagName: 'peliqan-connect-form',
  elementClass: FormElement,
  react: React,
  events: {
    onPeliqanConnectionCreated: flowEvents.onPeliqanConnectionCreated,
    onPeliqanPopupBlocked: flowEvents.onPeliqanPopupBlocked,
    onPeliqanCancel: flowEvents.onPeliqanCancel,
    onPeliqanDone: flowEvents.onPeliqanDone,
    ...statusEvents,
  },
});

/** `<peliqan-oauth-button>`: the OAuth step on its own. */
export const PeliqanOAuthButton = createComponent({
  tagName: 'peliqan-oauth-button',
  elementClass: OAuthButtonElement,
  react: React,
  events: {
    onPeliqanConnectionCreated: flowEvents.onPeliqanConnectionCreated,
    onPeliqanPopupBlocked: flowEvents.onPeliqanPopupBlocked,
    onPeliqanCancel: flowEvents.onPeliqanCancel,
    ...statusEvents,
  },
});

/**
 * `<peliqan-connections>`: the customer's connections. Its Add connection and Connect again run a whole
 * flow inside, whose events bubble out of it.
 */
export const PeliqanConnections = createComponent({
  tagName: 'peliqan-connections',
  elementClass: ConnectionsElement,
  react: React,
  events: flowEvents,
});

/** `<peliqan-connection-status>`: one connection's live badge (its Connect again runs a whole flow). */
export const PeliqanConnectionStatus = createComponent({
  tagName: 'peliqan-connection-status',
  elementClass: StatusElement,
  react: React,
  events: flowEvents,
});

/** `<peliqan-connector-picker>`: the connectors as searchable tiles. */
export const PeliqanConnectorPicker = createComponent({
  tagName: 'peliqan-connector-picker',
  elementClass: PickerElement,
  react: React,
  events: { onPeliqanSelect: flowEvents.onPeliqanSelect, onPeliqanError: flowEvents.onPeliqanError },
});
