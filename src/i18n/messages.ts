/**
 * Every string the elements show, in English. `{name}`-style placeholders are filled by
 * `translate()`; `registerMessages()` lets partners use their own wording.
 */
export const en = {
  search: 'Search connectors',
  category: 'Category',
  allCategories: 'All categories',
  loadingConnectors: 'Loading connectors…',
  noMatch: 'No connector matches “{query}”',
  noConnectors: 'No connectors available',
  connectors: 'Connectors',
  retry: 'Retry',
  connect: 'Connect',
  back: 'Back',
  required: 'required',
  fieldRequired: 'Fill in {label}.',
  fieldNumber: '{label} must be a number.',
  fieldInteger: '{label} must be a whole number.',
  fieldMin: '{label} must be at least {min}.',
  fieldMax: '{label} must be at most {max}.',
  checkAgain: 'Check again',
  fixFields: 'Some fields need your attention.',
  show: 'Show {label}',
  testing: 'Testing connection…',
  creating: 'Connecting…',
  connected: 'Connected to {name}',
  connectAnother: 'Connect another',
  connectTo: 'Connect to {name}',
  unknownConnector: 'The connector “{name}” is not available.',
  failed: 'Could not connect: {reason}',
  theProvider: 'the provider',
  poweredBy: 'Powered by Peliqan',
  oauthNotice: '{name} will ask you to let Peliqan access your data. Peliqan keeps the connection for this app.',
  connectWith: 'Connect {name}',
  signIn: 'Sign in',
  continueTo: 'Continue to {name}',
  openingWindow: 'Opening the {name} sign-in window…',
  popupBlocked: 'Your browser blocked the sign-in window.',
  openWindow: 'Open sign-in window',
  waitingFor: 'Waiting for you to sign in to {name}…',
  waitingUnobservable: 'Waiting for the sign-in at {name} to finish…',
  windowClosedChecking: 'The sign-in window was closed. Checking whether the connection was made…',
  windowClosed: 'The sign-in window was closed before {name} confirmed the connection.',
  reopenWindow: 'Reopen window',
  cancel: 'Cancel',
  cancelled: 'Cancelled. Nothing was connected.',
  tryAgain: 'Try again',
  // Errors, by PeliqanError code.
  'invalid-config': 'This page is set up in a way the connection widget refuses: {reason}',
  unauthorized: 'Your session has expired. Reload the page and try again.',
  network: 'Peliqan cannot be reached. Check your connection and try again.',
  http: 'Peliqan could not handle the request ({reason}).',
  'invalid-response': 'Peliqan sent an answer this page does not understand.',
  'invalid-oauth-url': 'The sign-in address is not safe to open.',
  'connection-failed': 'The connection test failed: {reason}',
  timeout: 'Peliqan did not confirm the connection in time. It may still appear later.',
};

/** The keys of the message catalogue. */
export type MessageKey = keyof typeof en;
/** A language's messages; missing ones fall back to English. */
export type Messages = Partial<Record<MessageKey, string>>;
