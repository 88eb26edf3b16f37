/**
 * The public surface of every element, in one table (product spec §4, §5, §7): its own properties
 * (besides the settings every element takes and the flow options of the flow elements), the events a
 * partner can hear from it, its parts and slots. The Custom Elements Manifest, the React wrappers'
 * event props and the Vue template types are all made from this table, so they cannot disagree.
 */
import type { PeliqanEventDetails } from './events.js';

/** Every public event, and what it says. */
export const EVENTS = {
  'peliqan-select': 'A connector was chosen; `detail.servertype`.',
  'peliqan-connection-created': '`POST /api/servers` succeeded.',
  'peliqan-popup-blocked': 'The browser blocked the sign-in window.',
  'peliqan-status': "A connection's state changed (not on a list's first load).",
  'peliqan-connected': 'A connection works: once per connection and page, whichever way it got there.',
  'peliqan-done': 'The customer closed the success screen with "Done".',
  'peliqan-cancel': 'The customer gave up or left the step, or the sign-in window closed without success.',
  'peliqan-error': 'Anything failed (the same failure seen by several elements: once per page).',
} as const satisfies Record<keyof PeliqanEventDetails, string>;

export type EventName = keyof typeof EVENTS;

/** What each part is. */
export const PARTS = {
  container: 'The outer box (no padding or background of its own: add them here).',
  search: "The picker's search field.",
  tile: 'A connector tile.',
  field: 'A form field with its label, help and error.',
  input: 'An input, select or text area.',
  button: 'The main button of a step.',
  status: 'A progress, success or status message; a status badge.',
  error: 'An error message.',
  notice: 'The "Powered by Peliqan" notice, and the line saying where typed credentials go.',
  row: 'One connection of the list.',
  logs: "A connection's log.",
  dialog: 'The dialog the flow opens in (`<peliqan-connect-button>`, and "Connect again" of a badge).',
} as const;

type PartName = keyof typeof PARTS;

/** The events of a whole flow: the flow element, and the list and badge that run one inside. */
const FLOW = Object.keys(EVENTS) as EventName[];
/** The events of one connection attempt (the OAuth step); the form adds "Done" of its success screen. */
const ATTEMPT: EventName[] = [
  'peliqan-connection-created',
  'peliqan-popup-blocked',
  'peliqan-status',
  'peliqan-connected',
  'peliqan-cancel',
  'peliqan-error',
];

/** One element's own surface. */
export interface ElementSurface {
  /** Its own properties (attributes in kebab case), besides the settings and flow options. */
  readonly properties: readonly string[];
  /** Whether it takes the flow options (`status-timeout`, `private-oauth`, `hide-trust-notice`). */
  readonly flow: boolean;
  readonly events: readonly EventName[];
  readonly parts: readonly PartName[];
  /** Its slots: the default slot is `''`. */
  readonly slots: Readonly<Record<string, string>>;
}

/** In the order the README introduces the elements: the dialog first, then inline, then the pieces. */
export const SURFACE = {
  'peliqan-connect-button': {
    properties: ['servertype', 'connectors'],
    flow: true,
    events: FLOW,
    parts: ['button', 'dialog'],
    slots: { '': 'The button\'s words (default "Add connection").' },
  },
  'peliqan-connect': {
    properties: ['servertype', 'connectors'],
    flow: true,
    events: FLOW,
    parts: ['container', 'search', 'tile', 'field', 'input', 'button', 'status', 'error', 'notice'],
    slots: {},
  },
  'peliqan-connections': {
    properties: [],
    flow: true,
    events: FLOW,
    parts: ['container', 'row', 'status', 'logs', 'error'],
    slots: {},
  },
  'peliqan-connection-status': {
    properties: ['connectionId'],
    flow: true,
    events: FLOW,
    parts: ['status', 'dialog'],
    slots: {},
  },
  'peliqan-connector-picker': {
    properties: ['connectors'],
    flow: false,
    events: ['peliqan-select', 'peliqan-error'],
    parts: ['container', 'search', 'tile', 'error'],
    slots: {},
  },
  'peliqan-connect-form': {
    properties: ['servertype'],
    flow: true,
    events: [...ATTEMPT, 'peliqan-done'],
    parts: ['container', 'field', 'input', 'button', 'status', 'error', 'notice'],
    slots: {},
  },
  'peliqan-oauth-button': {
    properties: ['servertype', 'connectionId', 'oauthUrl'],
    flow: true,
    events: ATTEMPT,
    parts: ['container', 'notice', 'button', 'status', 'error'],
    slots: { '': 'The button\'s words (default "Connect <connector>").' },
  },
} as const satisfies Record<string, ElementSurface>;

export type TagName = keyof typeof SURFACE;
