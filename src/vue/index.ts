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
import type { PeliqanConnect } from '../components/connect/connect.js';
import type { PeliqanConnectForm } from '../components/connect-form/connect-form.js';
import type { PeliqanConnectorPicker } from '../components/connector-picker/connector-picker.js';
import type { PeliqanOAuthButton } from '../components/oauth-button/oauth-button.js';
import type { PeliqanConnections } from '../components/connections/connections.js';
import type { PeliqanConnectionStatus } from '../components/connection-status/connection-status.js';
import type { PeliqanConnectButton } from '../components/connect-button/connect-button.js';
import type { FlowOptionKey, SettingKey } from '../config.js';
import type { PeliqanEventDetails } from '../events.js';
import type { SURFACE, TagName } from '../surface.js';

/** A number property can also be written as an attribute: `status-timeout="90"`. */
type AsAttributes<T> = { [K in keyof T]: NonNullable<T[K]> extends number ? T[K] | `${number}` : T[K] };

/** What the public surface table says of one element. */
type Surface<T extends TagName> = (typeof SURFACE)[T];
/** Its properties: its own, the settings, and the flow options when it runs a flow. */
type PropsOf<T extends TagName> =
  Surface<T>['properties'][number] | SettingKey | (Surface<T>['flow'] extends true ? FlowOptionKey : never);

/**
 * An element as the template checker sees it: the element (for template refs), the properties the
 * surface table gives it as optional props, and its events with their `CustomEvent` type.
 */
type VueElement<T extends TagName, Element extends HTMLElement> = new () => Element & {
  /** @deprecated Types the element's props in templates; not on the element. */
  $props: HTMLAttributes & Partial<AsAttributes<Pick<Element, PropsOf<T> & keyof Element>>> & PublicProps;
  /** @deprecated Types the element's events in templates; not on the element. */
  $emit: EmitFn<{ [K in Surface<T>['events'][number]]: (event: CustomEvent<PeliqanEventDetails[K]>) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'peliqan-connect': VueElement<'peliqan-connect', PeliqanConnect>;
    'peliqan-connect-button': VueElement<'peliqan-connect-button', PeliqanConnectButton>;
    'peliqan-connector-picker': VueElement<'peliqan-connector-picker', PeliqanConnectorPicker>;
    'peliqan-connect-form': VueElement<'peliqan-connect-form', PeliqanConnectForm>;
    'peliqan-oauth-button': VueElement<'peliqan-oauth-button', PeliqanOAuthButton>;
    'peliqan-connections': VueElement<'peliqan-connections', PeliqanConnections>;
    'peliqan-connection-status': VueElement<'peliqan-connection-status', PeliqanConnectionStatus>;
  }
}
