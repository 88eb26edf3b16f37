/**
 * How the fake answers a request on its API origin: CORS preflights, connector icons, its `/__fake/`
 * controls, and Peliqan's API, where the fault switches (delay, drop, status) act before the route.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { authenticate } from './auth.js';
import { CONTROL_ROUTES } from './controls.js';
import { answerPreflight, corsHeaders, type AllowedOrigins } from './cors.js';
import { HttpProblem, STATUS_WORDS, problemBody, readJson, sendJson, type HeaderMap } from './http.js';
import { iconSvg } from './icons.js';
import { matchRoute, type Route, type RouteContext } from './router.js';
import { API_ROUTES } from './routes.js';
import type { FakeState } from './state.js';
import type { FakeRequest, InjectedResponse } from './types.js';

/** The parts of a request every step reads. */
interface Incoming {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  cors: HeaderMap;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function handleApiRequest(
  state: FakeState,
  allowedOrigins: AllowedOrigins,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake');
  const method = request.method ?? 'GET';
  const cors = corsHeaders(request.headers.origin, allowedOrigins);
  if (method === 'OPTIONS') {
    answerPreflight(response, cors);
    return;
  }
  if (method === 'GET' && url.pathname.startsWith('/static/icons/')) {
    serveIcon(state, url.pathname, response);
    return;
  }
  const body = await readJson(request).catch(() => undefined);
  if (!body) {
    sendJson(response, 400, { error: 'ERROR_PARSE', detail: 'JSON parse error.' }, cors);
    return;
  }
  const incoming: Incoming = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), body, cors };
  if (url.pathname.startsWith('/__fake/')) answerControl(state, incoming, response);
  else await answerApi(state, incoming, request, response);
}

function serveIcon(state: FakeState, path: string, response: ServerResponse): void {
  const servertype = state.findServertype(
    decodeURIComponent(path.slice('/static/icons/'.length).replace(/\.svg$/, '')),
  );
  response.writeHead(servertype ? 200 : 404, {
    'Content-Type': 'image/svg+xml',
    'Cache-Control': 'public, max-age=3600',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
  response.end(servertype ? iconSvg(servertype.name, servertype.color) : '');
}

function answerControl(state: FakeState, { method, path, query, body, cors }: Incoming, response: ServerResponse) {
  const match = matchRoute(CONTROL_ROUTES, method, path);
  try {
    if (!match.route) throw new HttpProblem(404, 'ERROR_NOT_FOUND', `No control ${method} ${path}`);
    const [status, payload] = match.route.handle({ state, body, query, params: match.params });
    sendJson(response, status, payload, cors);
  } catch (error) {
    const problem = error instanceof HttpProblem ? error : new HttpProblem(400, 'ERROR_BAD_REQUEST', String(error));
    sendJson(response, problem.status, problemBody(problem), cors);
  }
}

async function answerApi(
  state: FakeState,
  { method, path, query, body, cors }: Incoming,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const match = matchRoute(API_ROUTES, method, path);
  const caller = authenticate(request.headers.authorization, state);
  const record: FakeRequest = {
    method,
    path,
    query,
    route: match.route?.key ?? `${method} ${path}`,
    auth: caller.auth,
    origin: request.headers.origin,
    bodyKeys: Object.keys(body),
    at: Date.now(),
  };
  if (caller.account) record.account = caller.account.id;
  state.requests.push(record);

  const delay = state.faults.delay[record.route];
  if (delay) await sleep(delay);
  const answer =
    injectedAnswer(state, record.route) ??
    routeAnswer(match.route, { state, caller, record, body, query, params: match.params });
  record.status = answer.status;
  if ((state.faults.drop[record.route] ?? 0) > 0) {
    state.faults.drop[record.route]! -= 1;
    record.dropped = true;
    loseAnswer(response, answer.status);
    return;
  }
  sendJson(response, answer.status, answer.payload, { ...cors, ...answer.headers });
}

/** What the fake means to answer. */
interface Answer {
  status: number;
  payload: unknown;
  headers?: HeaderMap;
}

/** The answer the `status` fault asks for instead of the route's, using up one entry of a list. */
function injectedAnswer(state: FakeState, route: string): Answer | undefined {
  const injected = takeInjected(state, route);
  if (injected === undefined) return undefined;
  const { status, body, retryAfter } = typeof injected === 'number' ? { status: injected } : injected;
  return {
    status,
    payload: body ?? { error: STATUS_WORDS[status] ?? 'ERROR', detail: `The fake answered ${status} as asked.` },
    headers: retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
  };
}

function routeAnswer(route: Route | undefined, context: RouteContext): Answer {
  const { method, path } = context.record;
  if (!route) return { status: 404, payload: { error: 'ERROR_NOT_FOUND', detail: `No route ${method} ${path}` } };
  try {
    const [status, payload] = route.handle(context);
    return { status, payload };
  } catch (error) {
    if (error instanceof HttpProblem) return { status: error.status, payload: problemBody(error) };
    console.error(error);
    return { status: 500, payload: { error: 'ERROR_INTERNAL', detail: 'The fake failed: see its console.' } };
  }
}

/**
 * A dropped answer: the request was handled, then the connection closes after the status line. Closing
 * before any byte would not do: a browser silently resends a request whose reused connection closed
 * that early (Chromium does), so the fault would never show and the request would be handled twice.
 * Once part of the answer has arrived no client resends, and every client sees a network failure.
 */
function loseAnswer(response: ServerResponse, status: number): void {
  const socket = response.socket;
  socket?.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n`, () => socket.destroy());
}

/** The injected answer for `route`, using up one entry of a list. */
function takeInjected(state: FakeState, route: string): InjectedResponse | undefined {
  const entry = state.faults.status[route];
  if (!Array.isArray(entry)) return entry;
  const next = entry.shift();
  if (!entry.length) delete state.faults.status[route];
  return next;
}
