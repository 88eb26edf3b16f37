/** Who is calling: the `Authorization: JWT <token>` header read against the fake's tokens and accounts. */
import { HttpProblem } from './http.js';
import type { FakeClaims } from './jwt.js';
import type { RouteContext } from './router.js';
import type { FakeState } from './state.js';
import type { FakeAccount, FakeAuth } from './types.js';

/** How the header authenticated, and the token's claims when it is valid. */
export function authenticate(header: string | undefined, state: FakeState): { auth: FakeAuth; claims?: FakeClaims } {
  if (!header) return { auth: 'none' };
  const [scheme, token = ''] = header.split(' ');
  if (scheme !== 'JWT') return { auth: 'other-scheme' };
  if (token === state.partnerToken)
    return { auth: 'partner', claims: { sub: 0, kind: 'partner', iat: 0, jti: 'partner' } };
  const claims = state.jwt.verify(token);
  if (claims === 'expired') return { auth: 'expired' };
  if (!claims) return { auth: 'invalid' };
  return { auth: 'customer', claims };
}

const UNAUTHORIZED_DETAIL: Partial<Record<FakeAuth, string>> = {
  expired: 'Signature has expired.',
  'other-scheme': 'Use "Authorization: JWT <token>".',
};

const unauthorized = ({ record }: RouteContext) =>
  new HttpProblem(
    401,
    'ERROR_UNAUTHORIZED',
    UNAUTHORIZED_DETAIL[record.auth] ?? 'Authentication credentials were not provided or are invalid.',
  );

/** Any valid token, the partner's or a customer's (the catalogue reads with either). */
export function requireToken(context: RouteContext): FakeClaims {
  if (!context.claims) throw unauthorized(context);
  return context.claims;
}

export function requirePartner(context: RouteContext): void {
  if (requireToken(context).kind !== 'partner') {
    throw new HttpProblem(403, 'ERROR_FORBIDDEN', 'This endpoint needs the partner token.');
  }
}

/** The account a customer token belongs to. */
export function requireAccount(context: RouteContext): FakeAccount {
  const claims = requireToken(context);
  const account = context.state.accounts.find((each) => each.id === claims.sub);
  if (claims.kind === 'partner' || !account) {
    throw new HttpProblem(403, 'ERROR_FORBIDDEN', 'This endpoint needs a sub-account token.');
  }
  return account;
}
