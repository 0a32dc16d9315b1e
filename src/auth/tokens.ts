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

export async function createTokenVerifier(config: Config): Promise<TokenVerifier> {
  const j = await jose();
  const { issuer, audience } = config.jwt;
  if (config.jwt.jwksUrl) {
    const jwks = j.createRemoteJWKSet(new URL(config.jwt.jwksUrl));
    return {
      async verify(token) {
        try {
          const { payload } = await j.jwtVerify(token, jwks, { algorithms: ['RS256'], issuer, audience, requiredClaims: ['exp', 'sub'] });
          return { sub: String(payload.sub) };
        } catch {
          throw new TokenError('invalid token');
        }
      },
    };
  }
  const key = new TextEncoder().encode(config.jwt.secret);
  return {
    async verify(token) {
      try {
        const { payload } = await j.jwtVerify(token, key, { algorithms: ['HS256'], issuer, audience, requiredClaims: ['exp', 'sub'] });
        return { sub: String(payload.sub) };
      } catch {
        throw new TokenError('invalid token');
      }
    },
  };
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
