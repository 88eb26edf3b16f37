import type { PeliqanClient } from '../api/client.js';
import { isAbortError, isPeliqanError, PeliqanError } from '../api/errors.js';
import type { PeliqanErrorDetail } from '../events.js';
import type { Settings } from './resolve-settings.js';

/** How one failure is reported. */
export interface ReportOptions {
  connectionId?: PeliqanError['connectionId'];
  /** Masks what the customer typed out of the message (product spec §5). */
  redact?: (text: string) => string;
  /**
   * The failure of a read that other elements of the page may make too (the catalogue, the list, a
   * status check): reported once per page until that client gets an answer again.
   */
  shared?: PeliqanClient;
}

/** What a shared failure is, for "the same failure": its kind, not its URL. */
const failureKey = (error: PeliqanError) => `${error.code} ${error.status ?? ''} ${error.source ?? ''}`;

/** Per client, the shared failures reported, with how many answers the client had had then. */
const reported = new WeakMap<PeliqanClient, Map<string, number>>();

/** True when this shared failure is news: not reported since the client last got an answer. */
function isNews(client: PeliqanClient, error: PeliqanError): boolean {
  let seen = reported.get(client);
  if (!seen) reported.set(client, (seen = new Map()));
  const key = failureKey(error);
  if (seen.get(key) === client.answered) return false;
  seen.set(key, client.answered);
  return true;
}

/**
 * Turns a failure into one `peliqan-error` (product spec §5): the same failure seen by several elements
 * of a page (an outage seen by a list and three badges) is one event. Anything that is not a
 * `PeliqanError` is a bug: it goes to the console with its stack as well.
 */
export class ErrorReporter {
  #emit: (detail: PeliqanErrorDetail) => void;
  /** The refused setting reported last, by its message. */
  #problem?: string;

  constructor(emit: (detail: PeliqanErrorDetail) => void) {
    this.#emit = emit;
  }

  /** Reports `error` (not an abort) and returns it as a `PeliqanError` to show. */
  report(error: unknown, { connectionId, redact = (text) => text, shared }: ReportOptions = {}) {
    if (isAbortError(error)) return undefined;
    if (!isPeliqanError(error)) console.error(error);
    const failed = isPeliqanError(error) ? error : new PeliqanError('http', String(error));
    if (shared && !isNews(shared, failed)) return failed;
    const { code, status } = failed;
    this.#emit({ code, message: redact(failed.message), status, connectionId: connectionId ?? failed.connectionId });
    return failed;
  }

  /**
   * A setting the element refuses (`invalid-config`), or none: reported once while it stands, to the
   * console too, for the partner's developer, who reads it rather than the customer's screen. One the
   * element takes from the element around it is that element's to report.
   */
  reportProblem(tag: string, settings: Pick<Settings, 'problem' | 'problemFromAbove'>): void {
    const problem = settings.problemFromAbove ? undefined : settings.problem;
    if (problem && problem.message !== this.#problem) {
      console.error(`<${tag}>: ${problem.message}`);
      this.report(problem);
    }
    this.#problem = problem?.message;
  }
}
