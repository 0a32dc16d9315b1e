import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Trusted documents: a JSON file mapping an account's username to the SHA-256 hashes (hex) of
 * the operation documents it registered, e.g. { "org-dept-system": ["9f2c…", "…"] }. An account
 * listed there may run only those documents, byte for byte; accounts not listed are not
 * restricted. Loaded once at start.
 */
export class TrustedDocuments {
  private constructor(private readonly byAccount: Map<string, Set<string>>) {}

  static load(file: string | undefined): TrustedDocuments | null {
    if (!file) return null;
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const map = new Map<string, Set<string>>();
    for (const [account, hashes] of Object.entries(raw)) {
      if (!Array.isArray(hashes) || hashes.some((h) => typeof h !== 'string' || !/^[0-9a-f]{64}$/.test(h))) {
        throw new Error(`TRUSTED_DOCUMENTS_FILE: the entry for ${account} must be a list of SHA-256 hex hashes`);
      }
      map.set(account, new Set(hashes as string[]));
    }
    return new TrustedDocuments(map);
  }

  static hash(document: string): string {
    return createHash('sha256').update(document, 'utf8').digest('hex');
  }

  /** Whether an account may run a document. */
  allows(username: string, document: unknown): boolean {
    const allowed = this.byAccount.get(username);
    if (!allowed) return true;
    return typeof document === 'string' && allowed.has(TrustedDocuments.hash(document));
  }
}
