import type { EntityManager } from '@mikro-orm/postgresql';
import { Viewer } from '../authz/viewer';
import { TokenError, type TokenVerifier } from './tokens';
import { loadViewer } from './viewer-loader';
import { accountForApiKey } from './api-keys';

/** Refused credentials; the message is safe to show and to audit (it never holds the token). */
export class AuthFailure extends Error {}

/** Authorization header → Viewer. No header: anonymous (root rules then answer UNAUTHENTICATED). */
export async function viewerFor(header: string | undefined, verifier: TokenVerifier, ctx: { em: EntityManager; today: string }): Promise<Viewer> {
  if (!header) return Viewer.anonymous();
  const k = /^ApiKey\s+(\S+)$/i.exec(header.trim());
  if (k) {
    // service accounts (petition systems): the key is looked up by its public prefix, never logged
    const accountId = await accountForApiKey(ctx.em, k[1], new Date());
    if (accountId === null) throw new AuthFailure('The API key is invalid or revoked');
    const viewer = await loadViewer(ctx.em, '', ctx.today, accountId);
    if (!viewer) throw new AuthFailure('The API key names no active account');
    return viewer;
  }
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw new AuthFailure('The Authorization header must be "Bearer <token>" or "ApiKey <key>"');
  let sub: string;
  try {
    ({ sub } = await verifier.verify(m[1]));
  } catch (e) {
    if (e instanceof TokenError) throw new AuthFailure('The token is invalid or expired');
    throw e;
  }
  const viewer = await loadViewer(ctx.em, sub, ctx.today);
  if (!viewer) throw new AuthFailure('The token names no active account');
  return viewer;
}

