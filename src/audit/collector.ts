import type { AuditField, AuditOutcome } from './chain';

/**
 * What one request did that the audit log must record: the sensitive fields it resolved (or
 * was refused), and the mutations shield refused. Written as one record at the end of the
 * request; mutations that pass write their own record inside their transaction.
 */
export class AuditCollector {
  private readonly reads = new Map<string, AuditField>();
  readonly refusedMutations: string[] = [];

  read(type: string, id: number | null, field: string, outcome: AuditOutcome): void {
    this.reads.set(`${type}:${id}:${field}`, { type, id, field, outcome });
  }

  /** Nothing to write for this request (most requests): no transaction, no entity manager. */
  get isEmpty(): boolean {
    return this.reads.size === 0 && this.refusedMutations.length === 0;
  }

  get sensitiveReads(): AuditField[] {
    return [...this.reads.values()];
  }
}

/** The outcome of a record that lists several fields: the most restrictive one. */
export function overallOutcome(fields: { outcome: AuditOutcome }[]): AuditOutcome {
  if (fields.some((f) => f.outcome === 'DENIED')) return 'DENIED';
  if (fields.some((f) => f.outcome === 'MASKED')) return 'MASKED';
  return 'ALLOWED';
}
