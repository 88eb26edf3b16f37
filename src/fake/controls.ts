/**
 * The fake's own controls under `/__fake/`: they stand in for the partner's back end (`token`) and for a
 * test's set-up (faults, seeded connections, the request log). Never part of Peliqan's API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { publicConnection } from './connection-routes.js';
import { corsAllows } from './cors.js';
import {
  BodyTooLarge,
  HttpProblem,
  answerTooLarge,
  parseJsonObject,
  problemBody,
  readText,
  sendJson,
  type HeaderMap,
} from './http.js';
import { matchRoute, route, type RouteAnswer } from './router.js';
import type { FakeState } from './state.js';
import type { FakeFaults, SeedConnection } from './types.js';

/** What a control gets: the state and the request's parts. */
export interface ControlContext {
  state: FakeState;
  /** The fake's own origin, as the request addressed it. */
  baseUrl: string;
  body: Record<string, unknown>;
  query: Record<string, string>;
  params: Record<string, string>;
}

const done: RouteAnswer = [200, { ok: true }];

const CONTROL_ROUTES = [
  route<ControlContext>('POST', '/__fake/reset', ({ state, body }) => {
    state.reset(body as Partial<FakeFaults>);
    return done;
  }),
  route<ControlContext>('POST', '/__fake/faults', ({ state, body }) => {
    Object.assign(state.faults, body);
    return [200, state.faults];
  }),
  route<ControlContext>('GET', '/__fake/faults', ({ state }) => [200, state.faults]),
  route<ControlContext>('GET', '/__fake/requests', ({ state }) => [200, state.requests]),
  route<ControlContext>('DELETE', '/__fake/requests', ({ state }) => {
    state.requests.length = 0;
    return done;
  }),
  route<ControlContext>('POST', '/__fake/expire-tokens', ({ state }) => {
    state.jwt.expireAll();
    return done;
  }),
  // A test-only stand-in for the partner's token endpoint: it names the API origin the token is for, as
  // `createTokenHandler` does (product spec §3 "Token binding"); `&base_url=` (empty) names none,
  // `&base_url=<url>` another.
  route<ControlContext>('POST', '/__fake/token', ({ state, query, baseUrl }) => {
    // In the request log like a call to Peliqan, so a test can count the tokens a page asked for.
    const route = 'POST /__fake/token';
    state.logRequest({ method: 'POST', path: '/__fake/token', query, route, auth: 'none', at: Date.now() });
    const token = state.integrateToken(query.external_id || 'demo_customer');
    const named = query.base_url ?? baseUrl;
    return [200, named ? { token, base_url: named } : { token }];
  }),
  route<ControlContext>('POST', '/__fake/connections', ({ state, body }) => [
    201,
    publicConnection(state.seedConnection(body as unknown as SeedConnection)),
  ]),
  route<ControlContext>('POST', '/__fake/connections/:id', ({ state, body, params }) => {
    const connection = state.connections.find((each) => each.id === Number(params.id));
    if (!connection) throw new HttpProblem(404, 'ERROR_NOT_FOUND', 'Connection not found.');
    if ('health_status' in body) connection.health_status = body.health_status as string | null;
    if ('health_message' in body) connection.health_message = body.health_message as string | null;
    return [200, publicConnection(connection)];
  }),
];

/**
 * Answers a control. A page on an origin that is not allowed is refused before anything changes: CORS
 * would only hide the answer, and a simple `text/plain` POST from any website would still reset the
 * fake or mint a token. Requests without an `Origin` (Node, curl) are not from a page and pass.
 */
export async function answerControl(
  state: FakeState,
  { url, baseUrl }: { url: URL; baseUrl: string },
  request: IncomingMessage,
  response: ServerResponse,
  cors: HeaderMap,
): Promise<void> {
  const method = request.method ?? 'GET';
  const origin = request.headers.origin;
  try {
    // `cors` holds the decision on this origin: no CORS headers, not allowed.
    if (origin && !corsAllows(cors)) {
      throw new HttpProblem(403, 'ERROR_FORBIDDEN', `The fake's controls do not answer pages on ${origin}.`);
    }
    const match = matchRoute(CONTROL_ROUTES, method, url.pathname);
    if (!match.route) throw new HttpProblem(404, 'ERROR_NOT_FOUND', `No control ${method} ${url.pathname}`);
    let body: Record<string, unknown>;
    try {
      body = parseJsonObject(await readText(request, state.settings.maxBodyBytes));
    } catch (error) {
      if (error instanceof BodyTooLarge) throw error;
      throw new HttpProblem(400, 'ERROR_PARSE', 'JSON parse error.');
    }
    const query = Object.fromEntries(url.searchParams);
    const [status, payload] = match.route.handle({ state, baseUrl, body, query, params: match.params });
    sendJson(response, status, payload, cors);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      answerTooLarge(response, error, cors);
      return;
    }
    const problem = error instanceof HttpProblem ? error : new HttpProblem(400, 'ERROR_BAD_REQUEST', String(error));
    sendJson(response, problem.status, problemBody(problem), cors);
  }
}
