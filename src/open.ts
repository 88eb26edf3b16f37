import { FLOW_OPTION_PROPERTIES, SETTING_PROPERTIES, type PeliqanConfig } from './config.js';
import { PeliqanConnectButton, type DialogResult } from './components/connect-button/connect-button.js';

/** What `open()` takes: the settings of product spec §3, the flow options, and which connectors to offer. */
export interface OpenOptions extends PeliqanConfig {
  /** Skip the picker: this connector's id or `server_type` slug. */
  servertype?: string;
  /** Comma-separated ids or slugs to offer; with one entry the picker is skipped. */
  connectors?: string;
}

/** Every option `open()` sets on its dialog, so that one left out next time is not kept from the last. */
const OPTIONS = [
  ...Object.keys(SETTING_PROPERTIES),
  ...Object.keys(FLOW_OPTION_PROPERTIES),
  'servertype',
  'connectors',
];

/** The page's dialog for `open()`: made once and kept, so a connection under way goes on after a close. */
let dialog: PeliqanConnectButton | undefined;

/**
 * Opens the flow in a dialog from script (product spec §4, `PeliqanEmbed.open()`). Resolves with
 * `{ connectionId, servertype }` after a connection was made, or null when the dialog is closed without one.
 */
export function open(options: OpenOptions = {}): Promise<DialogResult> {
  if (!dialog?.isConnected) {
    dialog = new PeliqanConnectButton();
    dialog.headless = true;
    document.body.append(dialog);
  }
  const target = dialog as unknown as Record<string, unknown>;
  for (const key of OPTIONS) target[key] = (options as Record<string, unknown>)[key];
  return dialog.show();
}
