import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PeliqanPartner, SubAccountProfile } from './partner.js';
import { withSubAccount } from './subaccount.js';

/** The logged-in customer: the partner's own id (`external_id`) and the profile for a new sub-account. */
export type Customer = SubAccountProfile;

export interface TokenHandlerOptions {
  partner: PeliqanPartner;
  /** Who is logged in, from the partner's own session (cookie, header…); null when nobody is. */
  identify: (request: Request) => Customer | null | undefined | Promise<Customer | null | undefined>;
  /** Called with failures, for the partner's own logging (the error carries no token). */
  onError?: (error: unknown) => void;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  });

/**
 * The partner's token endpoint as a Fetch-API handler `(Request) => Promise<Response>` (Next.js route
 * handlers, Hono, Bun, Deno…; `toNodeHandler()` for Node `http` and Express). It answers `POST` with
 * `{"token": "…"}` — a short-lived integrate token for the logged-in customer, whose sub-account is
 * created on first use — or 401 when nobody is logged in.
 */
export function createTokenHandler({
  partner,
  identify,
  onError,
}: TokenHandlerOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'POST') return json(405, { error: 'Use POST' }, { Allow: 'POST' });
    let customer: Customer | null | undefined;
    try {
      customer = await identify(request);
    } catch (error) {
      onError?.(error);
      return json(500, { error: 'Could not tell who is logged in' });
    }
    if (!customer?.external_id) return json(401, { error: 'Not logged in' });
    try {
      const token = await withSubAccount(partner, customer, (account) => partner.integrateToken(account));
      return json(200, { token });
    } catch (error) {
      onError?.(error);
      return json(502, { error: 'Could not get a Peliqan token' });
    }
  };
}

/** Serves a Fetch-API handler from Node's `http` (and Express, whose `req`/`res` are Node's). */
export function toNodeHandler(handler: (request: Request) => Promise<Response>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let response: Response;
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
      response = await handler(
        new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), {
          method: req.method,
          headers,
          body,
        }),
      );
    } catch {
      // A request Node accepts but Fetch cannot express (TRACE, an aborted body…) must not end the process.
      response = json(400, { error: 'Bad request' });
    }
    if (res.headersSent) return;
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}
