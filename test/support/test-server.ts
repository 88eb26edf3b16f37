/**
 * Small HTTP servers for browser tests (in the test runner's Node process): each listens on a free
 * loopback port and answers any page (CORS, preflights included), as a partner's endpoint or a hostile
 * origin would.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  /** Its origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

/** A request as it reached a test server. */
export interface ReceivedRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The headers that let any page read an answer, credentials included. */
export function allowAnyPage(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('Access-Control-Allow-Origin', request.headers.origin ?? '*');
  response.setHeader('Access-Control-Allow-Credentials', 'true');
  response.setHeader('Vary', 'Origin');
}

/** Answers a CORS preflight with everything it asks for. True when `request` was one. */
export function answeredPreflight(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'OPTIONS') return false;
  allowAnyPage(request, response);
  response.writeHead(204, {
    'Access-Control-Allow-Methods': request.headers['access-control-request-method'] ?? 'GET, POST',
    'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '',
  });
  response.end();
  return true;
}

/** The whole body of `request`, as text. */
export async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts `handle` on a free loopback port. */
export async function startTestServer(
  handle: (request: IncomingMessage, response: ServerResponse) => void | Promise<void>,
): Promise<TestServer> {
  const server: Server = createServer((request, response) => {
    Promise.resolve(handle(request, response)).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
