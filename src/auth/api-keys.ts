import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * API keys of service accounts: `lzk_<prefix>_<secret>`. The prefix (public, random) finds the
 * row; only sha256 of the 32-byte random secret is stored, compared in constant time.
 */
export const API_KEY_SHAPE = /^lzk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

export function newApiKey(): { prefix: string; secret: string; plain: string; hash: string } {
  const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { prefix, secret, plain: `lzk_${prefix}_${secret}`, hash: hashSecret(secret) };
}

/** The account id an active key belongs to, or null (malformed, unknown, revoked or wrong secret). */
export async function accountForApiKey(em: EntityManager, key: string, now: Date): Promise<number | null> {
  const m = API_KEY_SHAPE.exec(key);
  if (!m) return null;
  const rows = await em.execute<{ id: number; account_id: number; hash: string; revoked_at: Date | null }[]>(
    'select id, account_id, hash, revoked_at from api_key where prefix = ?',
    [m[1]],
  );
  const row = rows[0];
  const given = Buffer.from(hashSecret(m[2]), 'hex');
  const stored = Buffer.from(row?.hash ?? '0'.repeat(64), 'hex');
  const same = timingSafeEqual(given, stored);
  if (!row || !same || row.revoked_at) return null;
  // recorded at most hourly: a key in use does not turn every read into a write
  await em.execute("update api_key set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?::timestamptz - interval '1 hour')", [now, row.id, now]);
  return row.account_id;
}
