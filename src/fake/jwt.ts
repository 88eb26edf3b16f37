import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The claims of the fake's tokens. */
export interface FakeClaims {
  /** The sub-account id, or 0 for the partner. */
  sub: number;
  kind: 'partner' | 'identity' | 'integrate';
  iat: number;
  /** Seconds since the epoch; absent for a non-expiring identity token. */
  exp?: number;
  jti: string;
}

const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs and checks real HS256 JWTs, so partners' code meets tokens shaped like Peliqan's. */
export class FakeJwt {
  #secret = randomBytes(32);
  #issued = new Set<string>();
  #revoked = new Set<string>();

  sign(claims: Omit<FakeClaims, 'iat' | 'jti'>, lifetimeSeconds?: number): string {
    const iat = Math.floor(Date.now() / 1000);
    const payload: FakeClaims = { ...claims, iat, jti: randomBytes(8).toString('hex') };
    this.#issued.add(payload.jti);
    if (lifetimeSeconds !== undefined) payload.exp = iat + lifetimeSeconds;
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
    return `${unsigned}.${this.#signature(unsigned)}`;
  }

  /** The claims of a valid, unexpired token; `expired` when only the expiry is wrong; else undefined. */
  verify(token: string, now = Date.now()): FakeClaims | 'expired' | undefined {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return undefined;
    const expected = Buffer.from(this.#signature(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as FakeClaims;
      const expired = (claims.exp !== undefined && claims.exp * 1000 <= now) || this.#revoked.has(claims.jti);
      return expired ? 'expired' : claims;
    } catch {
      return undefined;
    }
  }

  /** Makes every token signed so far read as expired (tokens signed later are fine). */
  expireAll(): void {
    for (const jti of this.#issued) this.#revoked.add(jti);
    this.#issued.clear();
  }

  #signature(data: string): string {
    return createHmac('sha256', this.#secret).update(data).digest('base64url');
  }
}
