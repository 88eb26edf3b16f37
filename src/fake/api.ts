/**
 * How the fake answers a request on its API origin: CORS preflights, connector icons, its `/__fake/`
 * controls, and Peliqan's API, where the fault switches (delay, drop, status) act before the route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth.js';
import { CONTROL_ROUTES } from './controls.js';
import { answerPreflight, corsHeaders, type AllowedOrigins } from './cors.js';
import { HttpProblem, STATUS_WORDS, problemBody, readJson, sendJson, type HeaderMap } from './http.js';
import { iconSvg } from './icons.js';
import { matchRoute } from './router.js';
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
  const { auth, claims } = authenticate(request.headers.authorization, state);
  const record: FakeRequest = {
    method,
    path,
    query,
    route: match.route?.key ?? `${method} ${path}`,
    auth,
    origin: request.headers.origin,
    bodyKeys: Object.keys(body),
    at: Date.now(),
  };
  if (auth === 'customer' && claims) record.account = claims.sub;
  state.requests.push(record);
  const send = (status: number, payload: unknown, headers: HeaderMap = {}) => {
    record.status = status;
    sendJson(response, status, payload, { ...cors, ...headers });
  };

  const delay = state.faults.delay[record.route];
  if (delay) await sleep(delay);
  if ((state.faults.drop[record.route] ?? 0) > 0) {
    state.faults.drop[record.route]! -= 1;
    record.status = 0;
    request.socket.destroy();
    return;
  }
  const injected = takeInjected(state, record.route);
  if (injected !== undefined) {
    const { status, body: payload, retryAfter } = typeof injected === 'number' ? { status: injected } : injected;
    send(
      status,
      payload ?? { error: STATUS_WORDS[status] ?? 'ERROR', detail: `The fake answered ${status} as asked.` },
      retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
    );
    return;
  }
  if (!match.route) {
    send(404, { error: 'ERROR_NOT_FOUND', detail: `No route ${method} ${path}` });
    return;
  }
  try {
    const [status, payload] = match.route.handle({ state, claims, record, body, query, params: match.params });
    send(status, payload);
  } catch (error) {
    if (error instanceof HttpProblem) {
      send(error.status, problemBody(error));
      return;
    }
    console.error(error);
    send(500, { error: 'ERROR_INTERNAL', detail: 'The fake failed: see its console.' });
  }
}

/** The injected answer for `route`, using up one entry of a list. */
function takeInjected(state: FakeState, route: string): InjectedResponse | undefined {
  const entry = state.faults.status[route];
  if (!Array.isArray(entry)) return entry;
  const next = entry.shift();
  if (!entry.length) delete state.faults.status[route];
  return next;
}
