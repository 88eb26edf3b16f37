import type { PeliqanConnectedDetail } from '../../events.js';

/** What `show()` and `PeliqanEmbed.open()` resolve to: the connection made, or null. */
export type DialogResult = Pick<PeliqanConnectedDetail, 'connectionId' | 'servertype'> | null;
