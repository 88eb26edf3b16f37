import { DIALOG_PROPERTIES, type PeliqanConfig } from './config.js';
import { PeliqanConnectDialog } from './components/connect-button/connect-dialog.js';
import type { DialogResult } from './components/connect-button/options.js';

/** What `open()` takes: the settings of product spec §3, the flow options, and which connectors to offer. */
export interface OpenOptions extends PeliqanConfig {
  /** Skip the picker: this connector's id or `server_type` slug. */
  servertype?: string;
  /** Comma-separated ids or slugs to offer; with one entry the picker is skipped. */
  connectors?: string;
}

/** The page's dialog for `open()`: made once and kept, so a connection under way goes on after a close. */
let dialog: PeliqanConnectDialog | undefined;

/**
 * Opens the flow in a dialog from script (product spec §4, `PeliqanEmbed.open()`). Resolves with
 * `{ connectionId, servertype }` after a connection was made, or null when the dialog is closed without one.
 */
export function open(options: OpenOptions = {}): Promise<DialogResult> {
  if (!dialog?.isConnected) {
    dialog = new PeliqanConnectDialog();
    document.body.append(dialog);
  }
  const target = dialog as unknown as Record<string, unknown>;
  for (const key of Object.keys(DIALOG_PROPERTIES)) target[key] = (options as Record<string, unknown>)[key];
  return dialog.show();
}
