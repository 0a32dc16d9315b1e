import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { loadConfig, type PetitionKey } from '../../config';
import { logger } from '../../ops/logger';

/** What a real-name reporter gave; stored only sealed. */
export interface ReporterDetails {
  name: string;
  phone: string | null;
  identityNumber: string | null;
  address: string | null;
}

let ring: PetitionKey[] | null = null;

/** The key ring from PETITION_KEYS (read once); the development key is announced when used. */
export function petitionKeys(): PetitionKey[] {
  if (!ring) {
    const { keys, isDevDefault } = loadConfig(process.env).petitionKeys;
    if (isDevDefault) logger().warn('PETITION_KEYS is unset: reporter fields are sealed with the development key (refused in production)');
    ring = keys;
  }
  return ring;
}

/** Replaces the key ring (key rotation in the re-encryption command, and tests). */
export function setPetitionKeys(keys: PetitionKey[]): void {
  ring = keys;
}

/** AES-256-GCM: base64url(iv 12 bytes | tag 16 bytes | ciphertext); the petition id is bound as associated data. */
export function sealReporter(details: ReporterDetails, aad: string): { keyId: string; enc: string } {
  const current = petitionKeys()[0];
  if (!current) throw new Error('PETITION_KEYS is not set: reporter details cannot be sealed');
  const { id, key } = current;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(JSON.stringify(details), 'utf8'), cipher.final()]);
  return { keyId: id, enc: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url') };
}

export function openReporter(keyId: string, enc: string, aad: string): ReporterDetails {
  const k = petitionKeys().find((x) => x.id === keyId);
  if (!k) throw new Error(`No petition key with id ${keyId} is configured`);
  const raw = Buffer.from(enc, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', k.key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as ReporterDetails;
}
