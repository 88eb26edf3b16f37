/** The end-customer's connector catalogue and connections (peliqan-api.md §3–§5). */
import { randomBytes } from 'node:crypto';
import { requireAccount } from './auth.js';
import { formSlots, type FakeServertype } from './catalogue.js';
import { HttpProblem } from './http.js';
import { list } from './lists.js';
import type { RouteAnswer, RouteContext } from './router.js';
import { now, type FakeState } from './state.js';
import type { FakeConnection } from './types.js';

/** A connection as Peliqan shows it: never the values that were typed. */
export const publicConnection = (connection: FakeConnection) => ({
  id: connection.id,
  name: connection.name,
  server_type: connection.server_type,
  servertype_id: connection.servertype_id,
  health_status: connection.health_status,
  health_message: connection.health_message,
  run_interval: 3600,
  is_target: false,
  created_at: connection.created_at,
});

/** A connector as Peliqan serves it: without the fake's own truth, which the widget has to guess. */
const publicServertype = (state: FakeState, { connectsBy: _truth, ...servertype }: FakeServertype) => ({
  ...servertype,
  icon_url: `${state.url}/static/icons/${encodeURIComponent(servertype.server_type)}.svg`,
});

/** The catalogue, with the partner token or a customer's (peliqan-api.md §7). */
export function listServertypes(context: RouteContext): RouteAnswer {
  requireAccount(context);
  const { state } = context;
  return [
    200,
    list(
      context,
      state.catalogue.map((servertype) => publicServertype(state, servertype)),
    ),
  ];
}

export function listConnections(context: RouteContext): RouteAnswer {
  const account = requireAccount(context);
  return [200, list(context, context.state.own(context.state.connections, account).map(publicConnection))];
}

export function readConnection(context: RouteContext): RouteAnswer {
  return [200, publicConnection(ownConnection(context))];
}

export function readLogs(context: RouteContext): RouteAnswer {
  return [200, list(context, ownConnection(context).logs)];
}

function ownConnection(context: RouteContext): FakeConnection {
  const account = requireAccount(context);
  const id = Number(context.params.id);
  const connection = context.state.connections.find((each) => each.id === id && each.account === account.id);
  if (!connection) throw new HttpProblem(404, 'ERROR_NOT_FOUND', 'Connection not found.');
  return connection;
}

/**
 * `POST /api/servers`: checks the connect form's required fields, then either starts the OAuth dance
 * (answering `{id, oauth_url}`) or tests the credentials after `testDelay`.
 */
export function createConnection(context: RouteContext): RouteAnswer {
  const account = requireAccount(context);
  const { body, state } = context;
  const servertype = state.findServertype(body.servertype_id);
  if (!servertype) throw new HttpProblem(400, 'ERROR_SERVERTYPE_NOT_FOUND', 'Unknown servertype_id.');
  const shown = formSlots(servertype);
  const missing = shown.filter(
    (slot) => slot.required && (body[slot.key] === undefined || body[slot.key] === null || body[slot.key] === ''),
  );
  if (missing.length) {
    throw new HttpProblem(
      400,
      'ERROR_VALIDATION',
      Object.fromEntries(missing.map((slot) => [slot.key, ['This field is required.']])),
    );
  }
  const values = Object.fromEntries(
    shown.map((slot) => [slot.key, body[slot.key]]).filter(([, value]) => value !== undefined),
  );
  const name = typeof body.name === 'string' && body.name ? body.name : servertype.name;
  const connection = state.addConnection(account, servertype, name, values);
  if (servertype.connectsBy === 'oauth') return [201, startOAuth(state, connection, servertype)];
  testCredentials(state, connection, values);
  return [201, publicConnection(connection)];
}

function startOAuth(state: FakeState, connection: FakeConnection, servertype: FakeServertype) {
  connection.oauthState = randomBytes(12).toString('hex');
  connection.logs.push({ timestamp: now(), level: 'info', message: `Waiting for consent at ${servertype.name}` });
  const oauthUrl =
    state.faults.oauthUrl ?? `${state.oauthUrl}/authorize?connection=${connection.id}&state=${connection.oauthState}`;
  return { id: connection.id, oauth_url: oauthUrl };
}

/** The connection test Peliqan runs on new credentials: it fails on request, or for a typed `invalid`. */
function testCredentials(state: FakeState, connection: FakeConnection, values: Record<string, unknown>): void {
  connection.logs.push({ timestamp: now(), level: 'info', message: 'Testing connection…' });
  const fails = state.faults.connectionTest === 'fail' || Object.values(values).some((value) => value === 'invalid');
  state.later(state.faults.testDelay, () => {
    const message = state.faults.connectionTestMessage;
    connection.health_status = fails ? 'ERROR' : 'OK';
    connection.health_message = fails ? message : null;
    connection.logs.push(
      fails
        ? { timestamp: now(), level: 'error', message }
        : { timestamp: now(), level: 'info', message: 'Connection test succeeded' },
    );
  });
}
