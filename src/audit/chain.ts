import { createHash } from 'node:crypto';

/** The hash of the first record's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditOutcome = 'ALLOWED' | 'MASKED' | 'DENIED';

export interface AuditField {
  type: string;
  id: number | null;
  field: string;
  outcome: AuditOutcome;
}

/** Everything a record holds except its own hash and its predecessor's. Never a sensitive value. */
export interface AuditContent {
  at: string;
  requestId: string;
  accountId: number | null;
  accountUsername: string | null;
  grants: string[];
  clientAddress: string | null;
  operationName: string | null;
  action: string;
  recordType: string | null;
  recordId: number | null;
  fields: AuditField[];
  outcome: AuditOutcome;
  detail: string | null;
}

/** Canonical form: a fixed key order, so the hash does not depend on how JSON came back from the database. */
function canonical(c: AuditContent): string {
  return JSON.stringify([
    c.at,
    c.requestId,
    c.accountId,
    c.accountUsername,
    c.grants,
    c.clientAddress,
    c.operationName,
    c.action,
    c.recordType,
    c.recordId,
    c.fields.map((f) => [f.type, f.id, f.field, f.outcome]),
    c.outcome,
    c.detail,
  ]);
}

export function chainHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(content)).digest('hex');
}
