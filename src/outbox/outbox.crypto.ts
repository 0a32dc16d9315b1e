import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { loadConfig, type PetitionKey } from '../config';

let ring: PetitionKey[] | null = null;

/** The PETITION_KEYS ring (read once): webhook secrets are sealed like reporter fields. */
function keys(): PetitionKey[] {
  ring ??= loadConfig(process.env).petitionKeys.keys;
  return ring;
}

/** Whether a key is configured to seal secrets with (production without PETITION_KEYS has none). */
export function canSealSecrets(): boolean {
  return keys().length > 0;
}

/** A new signing secret: 32 random bytes, shown to the administrator once. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** AES-256-GCM, base64url(iv | tag | ciphertext); the account id is bound as associated data. */
export function sealSecret(secret: string, accountId: number): { keyId: string; enc: string } {
  const { id, key } = keys()[0];
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`webhook:${accountId}`));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return { keyId: id, enc: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url') };
}

export function openSecret(keyId: string, enc: string, accountId: number): string {
  const k = keys().find((x) => x.id === keyId);
  if (!k) throw new Error(`No petition key with id ${keyId} is configured`);
  const raw = Buffer.from(enc, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', k.key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(`webhook:${accountId}`));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** `sha256=` + hex HMAC-SHA256(secret, `${timestamp}.${body}`): what X-Signature carries. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Constant-time check of a signature, as a receiver does it. */
export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
