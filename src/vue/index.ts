/**
 * `peliqan-embed/vue`: types only (nothing runs). It tells Vue's template checker (vue-tsc) the elements'
 * properties and the `CustomEvent` each `@peliqan-…` handler receives. Import it once, beside the import
 * that defines the elements:
 *
 *   import 'peliqan-embed';
 *   import type {} from 'peliqan-embed/vue';
 *
 * How: Vue's guide, "Non-Vue Web Components and TypeScript". A tag in `GlobalComponents` is checked as a
 * component whose props come from its `$props` type and whose events come from its `$emit` type; neither
 * exists on the element. It is a module of its own, as that guide advises, so that the main entry's types
 * never need Vue's.
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { PeliqanElement } from '../components/base.js';
import type { PeliqanConnect } from '../components/connect/connect.js';
import type { PeliqanConnectForm } from '../components/connect-form/connect-form.js';
import type { PeliqanConnectorPicker } from '../components/connector-picker/connector-picker.js';
import type { PeliqanOAuthButton } from '../components/oauth-button/oauth-button.js';
import type { PeliqanConnections } from '../components/connections/connections.js';
import type { PeliqanConnectionStatus } from '../components/connection-status/connection-status.js';
import type { PeliqanEventDetails } from '../events.js';

/** The settings every element takes (product spec §3). */
type Settings =
  'baseUrl' | 'token' | 'tokenProvider' | 'tokenUrl' | 'tokenCredentials' | 'catalogueUrl' | 'language' | 'theme';
type EventName = keyof PeliqanEventDetails;

/** A number property can also be written as an attribute: `status-timeout="90"`. */
type AsAttributes<T> = { [K in keyof T]: T[K] extends number ? T[K] | `${number}` : T[K] };

/**
 * An element as the template checker sees it: the element (for template refs), its settings and the
 * given properties as optional props, and the given events with their `CustomEvent` type.
 */
type VueElement<
  Element extends PeliqanElement,
  Props extends keyof Element,
  Events extends EventName,
> = new () => Element & {
  /** @deprecated Types the element's props in templates; not on the element. */
  $props: HTMLAttributes & Partial<AsAttributes<Pick<Element, Props | Settings>>> & PublicProps;
  /** @deprecated Types the element's events in templates; not on the element. */
  $emit: EmitFn<{ [K in Events]: (event: CustomEvent<PeliqanEventDetails[K]>) => void }>;
};

// The events of each element: the same sets as the React wrappers' `onPeliqan…` props. The list and the
// badge run a whole flow inside (Add connection, Connect again), whose events bubble out of them.
type StatusEvents = 'peliqan-status' | 'peliqan-connected' | 'peliqan-error';
type FormEvents = 'peliqan-connection-created' | 'peliqan-popup-blocked' | 'peliqan-cancel' | StatusEvents;

declare module 'vue' {
  interface GlobalComponents {
    'peliqan-connect': VueElement<
      PeliqanConnect,
      'servertype' | 'connectors' | 'statusTimeout' | 'privateOauth' | 'hideTrustNotice',
      EventName
    >;
    'peliqan-connector-picker': VueElement<PeliqanConnectorPicker, 'connectors', 'peliqan-select' | 'peliqan-error'>;
    'peliqan-connect-form': VueElement<
      PeliqanConnectForm,
      'servertype' | 'statusTimeout' | 'privateOauth' | 'hideTrustNotice',
      FormEvents | 'peliqan-done'
    >;
    'peliqan-oauth-button': VueElement<
      PeliqanOAuthButton,
      'servertype' | 'connectionId' | 'oauthUrl' | 'statusTimeout' | 'privateOauth',
      FormEvents
    >;
    'peliqan-connections': VueElement<
      PeliqanConnections,
      'statusTimeout' | 'privateOauth' | 'hideTrustNotice',
      EventName
    >;
    'peliqan-connection-status': VueElement<PeliqanConnectionStatus, 'connectionId' | 'privateOauth', EventName>;
  }
}
