/** Who is calling: the `Authorization: JWT <token>` header read against the fake's tokens and accounts. */
import { HttpProblem } from './http.js';
import type { Caller, RouteContext } from './router.js';
import type { FakeState } from './state.js';
import type { FakeAccount, FakeAuth } from './types.js';

export function authenticate(header: string | undefined, state: FakeState): Caller {
  if (!header) return { auth: 'none' };
  const [scheme, token = ''] = header.split(' ');
  if (scheme !== 'JWT') return { auth: 'other-scheme' };
  if (token === state.partnerToken) return { auth: 'partner', account: state.partnerAccount };
  const claims = state.jwt.verify(token);
  if (claims === 'expired') return { auth: 'expired' };
  if (!claims) return { auth: 'invalid' };
  // A valid token whose account was deleted (or cleared by a reset) fails authentication, as Django's
  // JWT check does when the user is gone: a 401, so that the widget fetches a new token.
  const account = state.accounts.find((each) => each.id === claims.sub);
  return account ? { auth: 'customer', account } : { auth: 'unknown-account' };
}

const UNAUTHORIZED_DETAIL: Partial<Record<FakeAuth, string>> = {
  expired: 'Signature has expired.',
  'other-scheme': 'Use "Authorization: JWT <token>".',
  'unknown-account': 'User not found.',
};

/**
 * The account a valid token acts for: a customer's own, or for the partner token the partner's own
 * account (as a JWT for an account does at Peliqan). Anything else is a 401.
 */
export function requireAccount({ caller }: RouteContext): FakeAccount {
  if (!caller.account) {
    throw new HttpProblem(
      401,
      'ERROR_UNAUTHORIZED',
      UNAUTHORIZED_DETAIL[caller.auth] ?? 'Authentication credentials were not provided or are invalid.',
    );
  }
  return caller.account;
}

export function requirePartner(context: RouteContext): void {
  requireAccount(context);
  if (context.caller.auth !== 'partner') {
    throw new HttpProblem(403, 'ERROR_FORBIDDEN', 'This endpoint needs the partner token.');
  }
}
