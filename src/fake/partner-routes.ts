/** The partner endpoints (peliqan-api.md §2), in both the older and the `/api/partner/` layout. */
import { requirePartner } from './auth.js';
import { HttpProblem } from './http.js';
import { list } from './lists.js';
import type { RouteAnswer, RouteContext } from './router.js';
import type { FakeAccount } from './types.js';

/** Identity tokens live a day unless `expire=false` asks for one that never expires. */
const IDENTITY_LIFETIME = 24 * 3600;

export function createSubAccount(context: RouteContext): RouteAnswer {
  requirePartner(context);
  const { body, state } = context;
  if (typeof body.external_id !== 'string' || !body.external_id) {
    throw new HttpProblem(400, 'ERROR_VALIDATION', { external_id: ['This field is required.'] });
  }
  if (state.accounts.some((each) => each.external_id === body.external_id)) {
    throw new HttpProblem(400, 'ERROR_EXTERNAL_ID_EXISTS', 'A sub-account with this external_id exists.');
  }
  return [201, state.createAccount(body)];
}

export function listSubAccounts(context: RouteContext): RouteAnswer {
  requirePartner(context);
  return [200, list(context, context.state.accounts)];
}

export function identityToken(context: RouteContext): RouteAnswer {
  requirePartner(context);
  const account = accountFromQuery(context);
  const lifetime = context.query.expire === 'false' ? undefined : IDENTITY_LIFETIME;
  return [200, { token: context.state.jwt.sign({ sub: account.id, kind: 'identity' }, lifetime) }];
}

export function integrateToken(context: RouteContext): RouteAnswer {
  requirePartner(context);
  const account = accountFromQuery(context);
  const { jwt, faults } = context.state;
  return [200, { token: jwt.sign({ sub: account.id, kind: 'integrate' }, faults.tokenLifetime) }];
}

function accountFromQuery({ query, state }: RouteContext): FakeAccount {
  if (!query.account_id && !query.external_id) {
    throw new HttpProblem(400, 'ERROR_BAD_REQUEST', 'Pass account_id or external_id.');
  }
  const account = query.account_id
    ? state.accounts.find((each) => String(each.id) === query.account_id)
    : state.accounts.find((each) => each.external_id === query.external_id);
  if (!account) throw new HttpProblem(404, 'ERROR_NOT_FOUND', 'No sub-account matches.');
  return account;
}
