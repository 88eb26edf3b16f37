/** A failed call to Peliqan from the partner's back end. The partner token is never in it. */
export class PeliqanServerError extends Error {
  override readonly name = 'PeliqanServerError';

  constructor(
    message: string,
    /** `http`, `network`, `timeout` or `invalid-response`. */
    readonly code: 'http' | 'network' | 'timeout' | 'invalid-response',
    /** The HTTP status, for `http`. */
    readonly status?: number,
    /** Peliqan's machine-readable `error`, e.g. `ERROR_EXTERNAL_ID_EXISTS`. */
    readonly error?: string,
    /** Peliqan's `detail`. */
    readonly detail?: unknown,
  ) {
    super(message);
  }
}
