import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { problem } from './answers.js';

/** How a Fetch-API handler is served from Node's `http`. */
export interface NodeHandlerOptions {
  /**
   * Bytes of request body a handler may read (default 8 192). A request that declares a longer body
   * is answered 413 without calling the handler; one whose body turns out longer, when the handler
   * reads it, too. A body nobody read is discarded, and its connection closed unless it ends soon.
   */
  maxBodyBytes?: number;
  /**
   * Read the public scheme and host from `X-Forwarded-Proto` and `X-Forwarded-Host`. Only behind a
   * proxy that sets both and drops what clients send, or a client could claim any origin.
   */
  trustProxy?: boolean;
  /** Called with what the handler threw, and with failures while sending its answer. */
  onError?: (error: unknown) => void;
}

/**
 * Node's own request and response, as `toNodeHandler` gives them to the handler beside the Fetch
 * `Request`: Express's, Connect's or Koa's `ctx.req`/`ctx.res`, with whatever the framework put on them
 * (`req.session`, `req.user`).
 */
export interface NodeContext<
  Req extends IncomingMessage = IncomingMessage,
  Res extends ServerResponse = ServerResponse,
> {
  req: Req;
  res: Res;
}

/** A Fetch-API handler that `toNodeHandler` serves, with Node's own request and response beside the `Request`. */
export type FetchHandler<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse> = (
  request: Request,
  node: NodeContext<Req, Res>,
) => Response | Promise<Response>;

/** Default `maxBodyBytes`: the toolkit's handlers read no body; a few KB leaves room for a partner's own. */
export const DEFAULT_MAX_BODY_BYTES = 8_192;

/** A response body of at most this many declared bytes is sent in one write, with its length. */
const WHOLE_BODY_BYTES = 64 * 1024;

/** Milliseconds a client gets, after the answer, to finish sending a body nobody reads. */
const LINGER_MS = 2_000;

/**
 * Discards what is left of a request body after the answer and closes the connection if the body has
 * not ended within `LINGER_MS`. Closing at once (as `Connection: close` makes Node do) would reset a
 * connection with unread bytes in it, and the client could lose the answer on the way.
 */
function lingerThenClose(req: IncomingMessage): void {
  if (req.complete) return;
  const timer = setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  req.once('end', () => clearTimeout(timer));
  req.resume();
}

/** A request body that may be read, lazily, up to a byte limit. */
interface LimitedBody {
  stream: ReadableStream<Uint8Array>;
  /** True once the handler read past the limit. */
  readonly tooLarge: boolean;
  /** Stops delivering to the stream: the answer is out. */
  detach(): void;
}

function limitedBody(req: IncomingMessage, limit: number): LimitedBody {
  let received = 0;
  let attached = false;
  let tooLarge = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit) {
      tooLarge = true;
      detach();
      controller.error(new RangeError(`The request body is longer than ${limit} bytes`));
      return;
    }
    controller.enqueue(new Uint8Array(chunk));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    detach();
    controller.close();
  };
  const onError = (error: Error) => {
    detach();
    controller.error(error);
  };
  const detach = () => {
    req.off('data', onData).off('end', onEnd).off('error', onError);
    req.pause();
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(given) {
        controller = given;
      },
      pull() {
        if (!attached) {
          attached = true;
          req.on('data', onData).on('end', onEnd).on('error', onError);
        }
        req.resume();
      },
      cancel: () => detach(),
    },
    // No read-ahead: nothing is read from the socket until the handler asks for the body.
    { highWaterMark: 0 },
  );
  return {
    stream,
    get tooLarge() {
      return tooLarge;
    },
    detach,
  };
}

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();

/** The URL the client asked for: the public one behind a trusted proxy. */
function requestUrl(req: IncomingMessage, trustProxy: boolean): URL {
  const forwardedProto = trustProxy ? first(req.headers['x-forwarded-proto'])?.toLowerCase() : undefined;
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const scheme = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : undefined;
  const host = (trustProxy && first(req.headers['x-forwarded-host'])) || req.headers.host || 'localhost';
  return new URL(req.url ?? '/', `${scheme ?? (encrypted ? 'https' : 'http')}://${host}`);
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let index = 0; index < req.rawHeaders.length; index += 2) {
    const name = req.rawHeaders[index]!;
    // HTTP/2 pseudo-headers (`:path`…) are not headers to a Fetch handler.
    if (!name.startsWith(':')) headers.append(name, req.rawHeaders[index + 1]!);
  }
  return headers;
}

/**
 * Writes a Fetch `Response` to Node's response: every `Set-Cookie` kept; a small body of known length
 * (the toolkit's JSON answers) read whole and sent in one write, any other streamed.
 */
async function writeResponse(response: Response, res: ServerResponse, head: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  // Each cookie must stay a header line of its own (one joined line is not a cookie list to a browser).
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length) headers['set-cookie'] = cookies;
  if (head || !response.body) {
    res.writeHead(response.status, headers).end();
    return;
  }
  if (Number(response.headers.get('content-length')) <= WHOLE_BODY_BYTES) {
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, headers).end(body);
    return;
  }
  res.writeHead(response.status, headers);
  // The DOM's and Node's ReadableStream types differ on paper only.
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream), res);
}

/**
 * Whether the request carries a body: HTTP/1.1 says so in its head; an HTTP/2 request (Node's
 * compatibility API) may have one without saying.
 */
const mayHaveBody = (req: IncomingMessage) =>
  req.httpVersionMajor >= 2 ||
  req.headers['transfer-encoding'] !== undefined ||
  Number(req.headers['content-length']) > 0;

/**
 * Serves a Fetch-API handler from Node's `http` (and Express, whose `req`/`res` are Node's). The
 * handler gets the Fetch `Request` and `{ req, res }`, Node's own, so that it can read what the
 * framework's middleware put there (`req.session`, `req.user`). It is called as soon as the request's
 * head is in: the body is read only if the handler asks for it, and at most `maxBodyBytes` of it, so a
 * large or slow body neither fills memory nor holds the answer back. What the handler throws is
 * answered 500 (and given to `onError`). The returned function never rejects.
 */
export function toNodeHandler<
  Req extends IncomingMessage = IncomingMessage,
  Res extends ServerResponse = ServerResponse,
>(
  handler: FetchHandler<Req, Res>,
  { maxBodyBytes = DEFAULT_MAX_BODY_BYTES, trustProxy = false, onError }: NodeHandlerOptions = {},
) {
  return async (req: Req, res: Res): Promise<void> => {
    const method = req.method ?? 'GET';
    const answer = (response: Response) => writeResponse(response, res, method === 'HEAD');
    res.once('finish', () => lingerThenClose(req));
    try {
      if (Number(req.headers['content-length']) > maxBodyBytes) return await answer(tooLarge(maxBodyBytes));
      const gone = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) gone.abort();
      });
      const body =
        method !== 'GET' && method !== 'HEAD' && mayHaveBody(req) ? limitedBody(req, maxBodyBytes) : undefined;
      let request: Request;
      try {
        request = new Request(requestUrl(req, trustProxy), {
          method,
          headers: headersOf(req),
          body: body?.stream,
          signal: gone.signal,
          duplex: 'half',
        } as RequestInit);
      } catch {
        // A request Node accepts but Fetch cannot express (TRACE, a Host that is no host…).
        body?.detach();
        return await answer(problem(400, 'ERROR_BAD_REQUEST', 'This request cannot be handled.'));
      }
      let response: Response;
      try {
        response = await handler(request, { req, res });
        if (typeof response?.status !== 'number') throw new TypeError('The handler did not return a Response');
      } catch (error) {
        if (!body?.tooLarge) onError?.(error);
        response = problem(500, 'ERROR_INTERNAL', 'The handler failed: see the server log.');
      }
      body?.detach();
      await answer(body?.tooLarge ? tooLarge(maxBodyBytes) : response);
    } catch (error) {
      // Sending failed (the client left mid-answer, the body stream broke): nothing left to answer.
      if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') onError?.(error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  };
}

const tooLarge = (limit: number) =>
  problem(413, 'ERROR_TOO_LARGE', `This endpoint reads at most ${limit} bytes of request body.`);
