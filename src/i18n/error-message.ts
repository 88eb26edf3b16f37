import type { PeliqanError } from '../api/errors.js';
import type { MessageKey } from './messages.js';

/**
 * Which customer-facing message an error gets (issue 14 point 7): what the customer can do, never
 * plumbing. The event's `message` and `status` keep the technical detail for the partner.
 * - a failure of the partner's token endpoint is not Peliqan's: its own words;
 * - a 4xx from Peliqan says what it refused (its `detail`, redacted, is useful: "Connector not enabled");
 * - a 5xx, an answer nobody understands, or anything unexpected: "try again in a moment", no detail.
 */
export function errorMessageKey(error: PeliqanError): MessageKey {
  if (error.code === 'unauthorized') return 'unauthorized';
  if (error.source === 'token-endpoint') return error.code === 'network' ? 'network' : 'tokenFailed';
  if (error.code === 'http') {
    const status = error.status ?? 0;
    return status >= 400 && status < 500 && status !== 429 ? 'refused' : 'serviceTrouble';
  }
  if (error.code === 'invalid-response') return 'serviceTrouble';
  if (error.code === 'connection-failed') return 'failed';
  return error.code;
}
