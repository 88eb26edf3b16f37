/** How the fault switches change an answer: an injected status, a delay, a lost answer. */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { STATUS_WORDS, type HeaderMap } from './http.js';
import type { FakeState } from './state.js';
import type { InjectedResponse } from './types.js';

/** What the fake means to answer: JSON, or an HTML page when `html` is set. */
export interface Answer {
  status: number;
  payload: unknown;
  html?: string;
  headers?: HeaderMap;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The answer the `status` fault asks for instead of the route's, using up one entry of a list. */
export function injectedAnswer(state: FakeState, route: string): Answer | undefined {
  const injected = takeInjected(state, route);
  if (injected === undefined) return undefined;
  const { status, body, retryAfter } = typeof injected === 'number' ? { status: injected } : injected;
  return {
    status,
    payload: body ?? { error: STATUS_WORDS[status] ?? 'ERROR', detail: `The fake answered ${status} as asked.` },
    headers: retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
  };
}

function takeInjected(state: FakeState, route: string): InjectedResponse | undefined {
  const entry = state.faults.status[route];
  if (!Array.isArray(entry)) return entry;
  const next = entry.shift();
  if (!entry.length) delete state.faults.status[route];
  return next;
}

/** Whether the `drop` fault takes this request's answer (using one up). */
export function takeDrop(state: FakeState, route: string): boolean {
  const left = state.faults.drop[route] ?? 0;
  if (left <= 0) return false;
  state.faults.drop[route] = left - 1;
  return true;
}

/**
 * A dropped answer: the request was handled, then the connection closes after the status line. Closing
 * before any byte would not do: a browser silently resends a request whose reused connection closed
 * that early (Chromium does), so the fault would never show and the request would be handled twice.
 * Once part of the answer has arrived no client resends, and every client sees a network failure.
 */
export function loseAnswer(response: ServerResponse, status: number): void {
  const socket = response.socket;
  socket?.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n`, () => socket.destroy());
}
