import { describe, test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PeliqanPartner, createTokenHandler, toNodeHandler, type NodeHandlerOptions } from '../../src/server/index.js';
import { useFake, wait } from '../support/fake.js';

const fake = await useFake();
beforeEach(() => fake.reset());

const servers: Server[] = [];
/** `promise`, or undefined after `ms` (a timer that keeps nobody waiting). */
const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref())]);
after(() => servers.forEach((server) => server.close().closeAllConnections()));

/** Serves `handler` through `toNodeHandler` on a free port and returns its URL. */
async function serve(
  handler: (request: Request) => Response | Promise<Response>,
  options?: NodeHandlerOptions,
): Promise<string> {
  const server = createServer(toNodeHandler(handler, options));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/peliqan/token`;
}

const tokenHandler = () =>
  createTokenHandler({
    partner: new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken }),
    identify: () => ({ external_id: 'wood_123' }),
  });

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** One request with Node's own client (which, unlike fetch, shows every header as sent). */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('toNodeHandler', () => {
  test('answers before a large body sent slowly has ended, then closes the connection', async () => {
    const url = await serve(tokenHandler());
    const chunk = Buffer.alloc(16 * 1024, 'x');
    let sent = 0;
    let writing = true;
    const request = httpRequest(url, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' } });
    const closed = new Promise((resolve) => request.on('error', resolve).on('close', resolve));
    // 300 MB at 16 KB every 10 ms would take over three minutes.
    void (async () => {
      while (writing && sent < 300 * 1024 * 1024) {
        if (request.write(chunk)) sent += chunk.length;
        else await new Promise((resolve) => request.once('drain', resolve));
        await wait(10);
      }
    })();
    const response = await within(5_000, new Promise<IncomingMessage>((resolve) => request.once('response', resolve)));
    try {
      assert.ok(response, 'no answer within 5 s while the body was still being sent');
      assert.equal(response.statusCode, 200);
      assert.ok(sent < 2 * 1024 * 1024, `answered only after ${sent} bytes`);
      // The server does not wait for the rest: it closes the connection a moment after its answer.
      assert.notEqual(
        await within(
          5_000,
          closed.then(() => 'closed'),
        ),
        undefined,
        'the connection stayed open',
      );
    } finally {
      writing = false;
      request.destroy();
    }
  });

  test('answers 413 to a body declared longer than maxBodyBytes, without calling the handler', async () => {
    let calls = 0;
    const url = await serve(() => {
      calls++;
      return new Response('ok');
    });
    const answer = await new Promise<IncomingMessage>((resolve, reject) => {
      const request = httpRequest(url, { method: 'POST', headers: { 'Content-Length': String(300 * 1024 * 1024) } });
      request.on('response', resolve).on('error', reject);
      request.flushHeaders();
    });
    answer.resume();
    assert.deepEqual([answer.statusCode, calls], [413, 0]);
  });

  test('answers 413 when a handler reads more than maxBodyBytes', async () => {
    let read: unknown;
    const url = await serve(
      async (request) => {
        read = await request.text().catch((error: unknown) => error);
        return new Response('read it all');
      },
      { maxBodyBytes: 1024 },
    );
    const answer = await send(url, { headers: { 'Transfer-Encoding': 'chunked' }, body: 'x'.repeat(100_000) });
    assert.equal(answer.status, 413);
    assert.match(JSON.parse(answer.body).detail, /1024 bytes/);
    assert.ok(read instanceof Error);
    const small = await send(url, { body: 'x'.repeat(1000) });
    assert.deepEqual([small.status, small.body], [200, 'read it all']);
  });

  test('keeps every Set-Cookie', async () => {
    const url = await serve(() => {
      const headers = new Headers({ 'Content-Type': 'text/plain' });
      headers.append('Set-Cookie', 'session=1; HttpOnly');
      headers.append('Set-Cookie', 'theme=dark');
      return new Response('ok', { headers });
    });
    const answer = await send(url);
    assert.deepEqual(answer.headers['set-cookie'], ['session=1; HttpOnly', 'theme=dark']);
  });

  test('answers 500 when the handler throws, and tells onError', async () => {
    const errors: unknown[] = [];
    const failure = new Error('handler bug');
    const url = await serve(
      () => {
        throw failure;
      },
      { onError: (error) => errors.push(error) },
    );
    const answer = await send(url);
    assert.deepEqual([answer.status, JSON.parse(answer.body).error], [500, 'ERROR_INTERNAL']);
    assert.deepEqual(errors, [failure]);
  });

  test('a response body that breaks mid-way ends the connection, with no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const errors: unknown[] = [];
      const url = await serve(
        () =>
          new Response(
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('{"token": "'));
                setTimeout(() => controller.error(new Error('stream broke')), 20);
              },
            }),
          ),
        { onError: (error) => errors.push(error) },
      );
      const outcome = await send(url).then(
        (answer) => answer.body,
        (error: Error) => error.message,
      );
      await wait(50);
      assert.notEqual(outcome, '{"token": "');
      assert.equal(unhandled.length, 0);
      assert.equal((errors[0] as Error | undefined)?.message, 'stream broke');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test("aborts the request's signal when the client goes away", async () => {
    let aborted: () => void;
    const abortSeen = new Promise<void>((resolve) => (aborted = resolve));
    const url = await serve(
      (request) =>
        new Promise<Response>((resolve) =>
          request.signal.addEventListener('abort', () => {
            aborted();
            resolve(new Response('late'));
          }),
        ),
    );
    const request = httpRequest(url, { method: 'POST' });
    request.on('error', () => {});
    request.end();
    await wait(50);
    request.destroy();
    assert.equal(
      await within(
        2_000,
        abortSeen.then(() => 'aborted'),
      ),
      'aborted',
    );
  });

  test('answers HEAD without a body', async () => {
    const url = await serve(() => new Response('body', { headers: { 'Content-Type': 'text/plain' } }));
    const answer = await send(url, { method: 'HEAD' });
    assert.deepEqual([answer.status, answer.body], [200, '']);
  });

  describe('behind a TLS proxy', () => {
    const proxied = {
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-Host': 'partner.example',
      Origin: 'https://partner.example',
    };

    test('sees the public scheme and host with trustProxy, so the page of its own origin may mint', async () => {
      const url = await serve(tokenHandler(), { trustProxy: true });
      assert.equal((await send(url, { headers: proxied })).status, 200);
      const seen: string[] = [];
      const echo = await serve((request) => new Response(request.url), { trustProxy: true });
      seen.push((await send(echo, { headers: proxied })).body);
      assert.deepEqual(seen, ['https://partner.example/peliqan/token']);
    });

    test('believes no X-Forwarded-* header without trustProxy', async () => {
      const url = await serve(tokenHandler());
      assert.equal((await send(url, { headers: proxied })).status, 403);
      const echo = await serve((request) => new Response(request.url));
      assert.match((await send(echo, { headers: proxied })).body, /^http:\/\/127\.0\.0\.1:\d+\/peliqan\/token$/);
    });
  });
});
