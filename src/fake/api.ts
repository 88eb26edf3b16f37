/**
 * How the fake answers a request on its API origin: CORS preflights, connector icons, its `/__fake/`
 * controls, and Peliqan's API, where the fault switches (delay, status, drop) act around the route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth.js';
import { answerControl } from './controls.js';
import { answerPreflight, corsHeaders } from './cors.js';
import { injectedAnswer, loseAnswer, sleep, takeDrop, type Answer } from './faults.js';
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
import { iconSvg } from './icons.js';
import { matchRoute, type Route, type RouteContext } from './router.js';
import { API_ROUTES } from './routes.js';
import type { FakeState } from './state.js';
import type { FakeRequest } from './types.js';

export async function handleApiRequest(
  state: FakeState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake');
  const method = request.method ?? 'GET';
  const cors = corsHeaders(request.headers.origin, state.settings.origins);
  if (method === 'OPTIONS') answerPreflight(response, cors);
  else if (method === 'GET' && url.pathname.startsWith('/static/icons/')) serveIcon(state, url.pathname, response);
  else if (url.pathname.startsWith('/__fake/')) await answerControl(state, url, request, response, cors);
  else await answerApi(state, url, request, response, cors);
}

function serveIcon(state: FakeState, path: string, response: ServerResponse): void {
  const slug = decodeURIComponent(path.slice('/static/icons/'.length).replace(/\.svg$/, ''));
  const servertype = state.findServertype(slug);
  response.writeHead(servertype ? 200 : 404, {
    'Content-Type': 'image/svg+xml',
    'Cache-Control': 'public, max-age=3600',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
  response.end(servertype ? iconSvg(servertype.name, servertype.color) : '');
}

async function answerApi(
  state: FakeState,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
  cors: HeaderMap,
) {
  const method = request.method ?? 'GET';
  const match = matchRoute(API_ROUTES, method, url.pathname);
  const caller = authenticate(request.headers.authorization, state);
  const record: FakeRequest = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    route: match.route?.key ?? `${method} ${url.pathname}`,
    auth: caller.auth,
    origin: request.headers.origin,
    at: Date.now(),
  };
  if (caller.account) record.account = caller.account.id;
  state.logRequest(record);

  let text: string;
  try {
    text = await readText(request, state.settings.maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    record.status = 413;
    answerTooLarge(response, error, cors);
    return;
  }
  // A body Peliqan would refuse is refused by the route, after the faults had their say: Django reads
  // a body in the view, behind the proxies whose trouble the faults play.
  const { body, refusal } = requestBody(text);
  record.bodyKeys = Object.keys(body);

  const delay = state.faults.delay[record.route];
  if (delay) await sleep(delay);
  const context: RouteContext = { state, caller, record, body, query: record.query, params: match.params };
  const answer = injectedAnswer(state, record.route) ?? routeAnswer(match.route, context, refusal);
  record.status = answer.status;
  if (takeDrop(state, record.route)) {
    record.dropped = true;
    loseAnswer(response, answer.status);
    return;
  }
  sendJson(response, answer.status, answer.payload, { ...cors, ...answer.headers });
}

/** The request's JSON object, or why it cannot be read. */
function requestBody(text: string): { body: Record<string, unknown>; refusal?: HttpProblem } {
  try {
    return { body: parseJsonObject(text) };
  } catch {
    return { body: {}, refusal: new HttpProblem(400, 'ERROR_PARSE', 'JSON parse error.') };
  }
}

function routeAnswer(route: Route | undefined, context: RouteContext, refusal?: HttpProblem): Answer {
  const { method, path } = context.record;
  if (!route) return { status: 404, payload: { error: 'ERROR_NOT_FOUND', detail: `No route ${method} ${path}` } };
  try {
    if (refusal) throw refusal;
    const [status, payload] = route.handle(context);
    return { status, payload };
  } catch (error) {
    if (error instanceof HttpProblem) return { status: error.status, payload: problemBody(error) };
    console.error(error);
    return { status: 500, payload: { error: 'ERROR_INTERNAL', detail: 'The fake failed: see its console.' } };
  }
}
