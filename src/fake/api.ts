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
  sendHtml,
  sendJson,
  type HeaderMap,
} from './http.js';
import { iconSvg } from './icons.js';
import { matchRoute, type RouteContext, type RouteMatch } from './router.js';
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
  else if (url.pathname.startsWith('/__fake/'))
    await answerControl(state, { url, baseUrl: ownOrigin(state, request) }, request, response, cors);
  else await answerApi(state, url, request, response, cors);
}

/** The fake's origin as the request addressed it (for absolute links and the token's `base_url`). */
const ownOrigin = (state: FakeState, request: IncomingMessage) =>
  request.headers.host ? `http://${request.headers.host}` : state.url;

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
  const { body, refusal } = requestBody(text, request.headers['content-type']);
  record.bodyKeys = Object.keys(body);

  const delay = state.faults.delay[record.route];
  if (delay) await sleep(delay);
  const baseUrl = ownOrigin(state, request);
  const context: RouteContext = { state, caller, baseUrl, record, body, query: record.query, params: match.params };
  const answer = injectedAnswer(state, record.route) ?? routeAnswer(match, context, refusal);
  record.status = answer.status;
  if (takeDrop(state, record.route)) {
    record.dropped = true;
    loseAnswer(response, answer.status);
    return;
  }
  const headers = { ...cors, ...answer.headers };
  if (answer.html === undefined) sendJson(response, answer.status, answer.payload, headers);
  else sendHtml(response, answer.status, answer.html, headers);
}

/**
 * The request's JSON object, or why Peliqan would refuse it: a body that is not JSON by its
 * `Content-Type` (415, as Django REST framework answers), or not JSON at all (400). A request with no
 * body needs no `Content-Type`.
 */
function requestBody(text: string, contentType = ''): { body: Record<string, unknown>; refusal?: HttpProblem } {
  if (!text) return { body: {} };
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    const detail = `Unsupported media type "${contentType}" in request.`;
    return { body: {}, refusal: new HttpProblem(415, 'ERROR_UNSUPPORTED_MEDIA_TYPE', detail) };
  }
  try {
    return { body: parseJsonObject(text) };
  } catch {
    return { body: {}, refusal: new HttpProblem(400, 'ERROR_PARSE', 'JSON parse error.') };
  }
}

/** Django's own page for a path it has no route for: HTML, as any web server answers, not the API's JSON. */
const NOT_FOUND_PAGE = `<!doctype html>
<html lang="en"><head><title>Not Found</title></head>
<body><h1>Not Found</h1><p>The requested resource was not found on this server.</p></body></html>
`;

function routeAnswer(
  { route, methods }: RouteMatch<RouteContext>,
  context: RouteContext,
  refusal?: HttpProblem,
): Answer {
  const { method } = context.record;
  if (!route && !methods.length) return { status: 404, payload: undefined, html: NOT_FOUND_PAGE };
  if (!route) {
    return {
      status: 405,
      payload: { error: 'ERROR_METHOD_NOT_ALLOWED', detail: `Method "${method}" not allowed.` },
      headers: { Allow: [...methods, 'OPTIONS'].join(', ') },
    };
  }
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
