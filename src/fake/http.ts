/** The HTTP plumbing every part of the fake shares: reading bodies, answering JSON and HTML, listening. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An answer in Peliqan's error shape, `{"error": "ERROR_…", "detail": …}`, thrown from a handler. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly detail: unknown,
  ) {
    super(error);
  }
}

/** The error word Peliqan uses for a status, when the fake answers one it was told to. */
export const STATUS_WORDS: Record<number, string> = {
  400: 'ERROR_BAD_REQUEST',
  401: 'ERROR_UNAUTHORIZED',
  403: 'ERROR_FORBIDDEN',
  404: 'ERROR_NOT_FOUND',
  429: 'ERROR_RATE_LIMITED',
  500: 'ERROR_INTERNAL',
  502: 'ERROR_BAD_GATEWAY',
  503: 'ERROR_SERVICE_UNAVAILABLE',
  504: 'ERROR_GATEWAY_TIMEOUT',
};

export type HeaderMap = Record<string, string>;

export function sendJson(response: ServerResponse, status: number, payload: unknown, headers: HeaderMap = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  response.end(JSON.stringify(payload));
}

export function sendHtml(response: ServerResponse, status: number, page: string, headers: HeaderMap = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(page);
}

export const problemBody = (problem: HttpProblem) => ({ error: problem.error, detail: problem.detail });

/** Says on every answer that it comes from the fake, so that nobody mistakes it for Peliqan. */
export function markAsFake(response: ServerResponse): void {
  response.setHeader('X-Peliqan-Fake', '1');
}

/** A request body over the limit: the rest of it is read and thrown away, never held. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body is over ${limit} bytes.`);
  }
}

/** The request body as text; rejects with `BodyTooLarge` as soon as it is over `limit` bytes. */
export function readText(request: IncomingMessage, limit = Infinity): Promise<string> {
  return new Promise((resolve, reject) => {
    const refuse = () => {
      request.removeListener('data', keep);
      request.resume();
      reject(new BodyTooLarge(limit));
    };
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) refuse();
      else chunks.push(chunk);
    };
    if (Number(request.headers['content-length']) > limit) {
      refuse();
      return;
    }
    request.on('data', keep);
    request.on('end', () => resolve(Buffer.concat(chunks).toString()));
    request.on('error', reject);
  });
}

/** Parses a JSON request body: `{}` for none, `{}` for a JSON value that is not an object. Throws on bad JSON. */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (!text) return {};
  const value: unknown = JSON.parse(text);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** 413, and the connection closed afterwards so that the rest of the body is not waited for. */
export function answerTooLarge(response: ServerResponse, error: BodyTooLarge, headers: HeaderMap): void {
  sendJson(
    response,
    413,
    { error: 'ERROR_REQUEST_TOO_LARGE', detail: error.message },
    {
      ...headers,
      Connection: 'close',
    },
  );
}

export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
