/**
 * The fake's own controls under `/__fake/`: they stand in for the partner's back end (`token`) and for a
 * test's set-up (faults, seeded connections, the request log). Never part of Peliqan's API.
 */
import { publicConnection } from './connection-routes.js';
import { HttpProblem } from './http.js';
import { route, type RouteAnswer } from './router.js';
import type { FakeState } from './state.js';
import type { FakeFaults, SeedConnection } from './types.js';

/** What a control gets: the state and the request's parts. */
export interface ControlContext {
  state: FakeState;
  body: Record<string, unknown>;
  query: Record<string, string>;
  params: Record<string, string>;
}

const done: RouteAnswer = [200, { ok: true }];

export const CONTROL_ROUTES = [
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
  // A test-only stand-in for the partner's token endpoint.
  route<ControlContext>('POST', '/__fake/token', ({ state, query }) => [
    200,
    { token: state.integrateToken(query.external_id || 'demo_customer') },
  ]),
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
