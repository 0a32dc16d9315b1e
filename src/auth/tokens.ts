import type { Config } from '../config';

/**
 * Token verification. A token names an account in `sub` and nothing else that matters:
 * roles are read from the database on every request.
 * HS256 with JWT_SECRET, or RS256 against JWT_JWKS_URL when that is configured (then
 * HS256 tokens are refused). Algorithm, issuer, audience and expiry are always checked.
 */
type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });
let josePromise: Promise<Jose> | undefined;
// jose is ESM-only: a real dynamic import.
const jose = () => (josePromise ??= import('jose'));

export class TokenError extends Error {}

export interface TokenVerifier {
  verify(token: string): Promise<{ sub: string }>;
}

/**
 * Verified tokens remembered by their exact text: every request of a client carries the same
 * token, and verifying it again (parse, HMAC or RSA, claims) was a tenth of the work of a small
 * request. Only a token that passed jose's full check is remembered, only until its `exp` and at
 * most VERIFIED_TOKEN_TTL_MS (so a key withdrawn from the JWKS stops its tokens within that time),
 * and the map is bounded. The account behind the token is still read from the database on every
 * request, so a disabled account or a revoked grant takes effect at once as before.
 */
const VERIFIED_TOKEN_TTL_MS = 60_000;
const VERIFIED_TOKEN_MAX = 10_000;

class VerifiedTokens {
  private readonly map = new Map<string, { sub: string; until: number }>();

  get(token: string, now: number): string | undefined {
    const hit = this.map.get(token);
    if (!hit) return undefined;
    if (now >= hit.until) {
      this.map.delete(token);
      return undefined;
    }
    return hit.sub;
  }

  set(token: string, sub: string, exp: number, now: number): void {
    // the oldest entry goes first (a Map iterates in insertion order)
    if (this.map.size >= VERIFIED_TOKEN_MAX) this.map.delete(this.map.keys().next().value!);
    this.map.set(token, { sub, until: Math.min(exp * 1000, now + VERIFIED_TOKEN_TTL_MS) });
  }
}

export async function createTokenVerifier(config: Config): Promise<TokenVerifier> {
  const j = await jose();
  const { issuer, audience } = config.jwt;
  const verified = new VerifiedTokens();
  // the key: a remote JWKS, or the HS256 secret imported once rather than on every call
  const jwks = config.jwt.jwksUrl ? j.createRemoteJWKSet(new URL(config.jwt.jwksUrl)) : undefined;
  const secretKey = jwks
    ? undefined
    : await crypto.subtle.importKey('raw', new TextEncoder().encode(config.jwt.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const check = async (token: string): Promise<{ sub: string }> => {
    const now = Date.now();
    const sub = verified.get(token, now);
    if (sub !== undefined) return { sub };
    try {
      const { payload } = jwks
        ? await j.jwtVerify(token, jwks, { algorithms: ['RS256'], issuer, audience, requiredClaims: ['exp', 'sub'] })
        : await j.jwtVerify(token, secretKey!, { algorithms: ['HS256'], issuer, audience, requiredClaims: ['exp', 'sub'] });
      verified.set(token, String(payload.sub), payload.exp!, now);
      return { sub: String(payload.sub) };
    } catch {
      throw new TokenError('invalid token');
    }
  };
  return { verify: check };
}

/** Signs an HS256 token for an account (development and tests; production tokens come from the identity provider). */
export async function signDevToken(config: Config, username: string, ttl = config.jwt.devTokenTtl): Promise<string> {
  if (!config.jwt.secret) throw new Error('HS256 tokens need JWT_SECRET');
  const j = await jose();
  return new j.SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(username)
    .setIssuer(config.jwt.issuer)
    .setAudience(config.jwt.audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(config.jwt.secret));
}
