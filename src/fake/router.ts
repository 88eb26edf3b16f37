/**
 * Routes as data: a method, a path pattern, the route's key and its handler, so that one table serves
 * both to find a request's route (and so its fault key, e.g. `GET /api/server/:id`) and to answer it.
 */
import { escapeRegExp } from '../api/redact.js';
import type { FakeState } from './state.js';
import type { FakeAccount, FakeAuth, FakeRequest } from './types.js';

/** Who a request comes from: how it authenticated, and the account a valid token acts for. */
export interface Caller {
  auth: FakeAuth;
  account?: FakeAccount;
}

/** What a handler gets: the state, who is calling, and the request's parts. */
export interface RouteContext {
  state: FakeState;
  caller: Caller;
  /** The origin the request was sent to, for the absolute links an answer holds. */
  baseUrl: string;
  record: FakeRequest;
  body: Record<string, unknown>;
  query: Record<string, string>;
  /** The `:name` parts of the path. */
  params: Record<string, string>;
}

export type RouteAnswer = [status: number, payload: unknown];

export interface Route<Context = RouteContext> {
  method: string;
  pattern: RegExp;
  /** `METHOD /path/:param`: how the request log and the fault switches name the route. */
  key: string;
  handle: (context: Context) => RouteAnswer;
}

/**
 * A route for `path`, where `:name` matches one path segment. Django routes a path exactly as written,
 * trailing slash included; `optionalSlash` is for the paths the page writes without one.
 */
export function route<Context = RouteContext>(
  method: string,
  path: string,
  handle: (context: Context) => RouteAnswer,
  { optionalSlash = false } = {},
): Route<Context> {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? `(?<${segment.slice(1)}>[^/]+)` : escapeRegExp(segment)))
    .join('/');
  return {
    method,
    pattern: new RegExp(`^${source}${optionalSlash ? '/?' : ''}$`),
    key: `${method} ${path}`,
    handle,
  };
}

/** The route a request takes, with its path parameters, and the methods its path takes at all. */
export interface RouteMatch<Context> {
  route?: Route<Context>;
  params: Record<string, string>;
  /** Every method some route takes on this path: empty for a path the fake does not know. */
  methods: string[];
}

export function matchRoute<Context>(routes: Route<Context>[], method: string, path: string): RouteMatch<Context> {
  const methods: string[] = [];
  let found: RouteMatch<Context> | undefined;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    methods.push(candidate.method);
    if (candidate.method === method && !found) found = { route: candidate, params: { ...match.groups }, methods };
  }
  return found ?? { params: {}, methods };
}
