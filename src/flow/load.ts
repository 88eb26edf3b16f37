import { Task, TaskStatus, initialState } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CheckedList, PeliqanClient } from '../api/client.js';
import { PeliqanError, isAbortError } from '../api/errors.js';

/** Where a load is: on its way (or waiting for a token source), done, or failed. */
export type LoadStatus = 'loading' | 'ready' | 'error';

/** What a load needs from its element. */
export interface LoadHooks<T> {
  /** The client to read with; undefined while the element cannot ask yet (no token source). */
  client(): PeliqanClient | undefined;
  /** Reads the value. */
  read(client: PeliqanClient, signal: AbortSignal): Promise<T>;
  /** Anything else the read depends on (it runs again when one changes). */
  args?(): readonly unknown[];
  /** Reports a failure; returns it as the error to show. */
  failed(error: unknown): PeliqanError | undefined;
  /** Whether the element wants the value now (a form given a definition needs no catalogue). */
  needed?(): boolean;
}

/**
 * Something an element loads before it can show it — the catalogue, the connection list, a log, a
 * connection's connector — on Lit's `Task`: run when the client (or another argument) changes, its
 * request aborted when a newer one starts and when the element leaves the page (and made again when it
 * comes back), a failure reported once. A refresh that fails keeps the value read before.
 */
export class Load<T> implements ReactiveController {
  #task: Task<readonly unknown[], { client: PeliqanClient; value: T }>;
  #hooks: LoadHooks<T>;
  protected readonly host: ReactiveControllerHost;
  /** The last value read, and for whom: another customer's value is never shown. */
  #read?: { client: PeliqanClient; value: T };
  #error?: PeliqanError;
  /** Counts runs cut short by a removal: a new number makes the task run again on the way back. */
  #comeBack = 0;
  #cut = false;

  constructor(host: ReactiveControllerHost, hooks: LoadHooks<T>) {
    this.host = host;
    this.#hooks = hooks;
    this.#task = new Task(host, {
      args: () => [hooks.needed?.() === false ? undefined : hooks.client(), this.#comeBack, ...(hooks.args?.() ?? [])],
      task: async ([client], { signal }) => {
        if (!client) return initialState;
        return { client: client as PeliqanClient, value: await hooks.read(client as PeliqanClient, signal) };
      },
      onComplete: (read) => {
        this.#read = read;
        this.#error = undefined;
      },
      onError: (error) => {
        if (isAbortError(error)) return;
        this.#error = this.#hooks.failed(error);
      },
    });
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.#cut) return;
    this.#cut = false;
    this.#comeBack++;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    if (this.#task.status !== TaskStatus.PENDING) return;
    this.#cut = true;
    this.#task.abort();
  }

  /** `loading` until a first value (or a failure) is in; a refresh keeps the value shown meanwhile. */
  get status(): LoadStatus {
    if (this.value !== undefined) return 'ready';
    if (this.#task.status === TaskStatus.ERROR && this.#error) return 'error';
    return 'loading';
  }

  /** The last value read, kept through a refresh that fails. */
  get value(): T | undefined {
    const read = this.#read;
    return read && read.client === this.#hooks.client() ? read.value : undefined;
  }

  /**
   * Why the last read failed (the list's error when nothing was read, else a failed refresh); kept while
   * a read runs again, until one succeeds.
   */
  get error(): PeliqanError | undefined {
    return this.#error;
  }

  /** True while a read is on its way. */
  get pending(): boolean {
    return this.#task.status === TaskStatus.PENDING;
  }

  /** Reads again (Retry, Refresh). */
  load(): void {
    void this.#task.run();
  }

  /** Stops for good: the request aborted, the element let go of. */
  stop(): void {
    this.#task.abort();
    this.host.removeController(this.#task);
    this.host.removeController(this);
  }
}

/** Per client, how many entries of each list were left out as invalid when that was last said. */
const skippedSaid = new WeakMap<PeliqanClient, Map<string, number>>();

/**
 * Entries left out of a list as invalid (product spec §6: one bad entry must not hide the others) are
 * said on the console and as one `invalid-response` when their number changes for that list and
 * customer — not once per element that shows the list, nor on every refresh.
 */
export function reportSkipped<T>(
  client: PeliqanClient,
  list: CheckedList<T>,
  words: { entries: string; list: string },
  failed: (error: unknown) => unknown,
): void {
  let said = skippedSaid.get(client);
  if (!said) skippedSaid.set(client, (said = new Map()));
  const count = list.skipped.length;
  if ((said.get(words.list) ?? 0) === count) return;
  said.set(words.list, count);
  if (!count) return;
  const message = `${count} ${words.entries} left out of ${words.list} as invalid`;
  console.warn(`peliqan-embed: ${message}:`, list.skipped);
  failed(new PeliqanError('invalid-response', message, { issues: [...list.skipped] }));
}
