import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../common/context';
import { GENESIS_HASH, chainHash, type AuditContent, type AuditField, type AuditOutcome } from './chain';
import { overallOutcome } from './collector';
import { auditWritesTotal } from '../ops/metrics';

/** Serialises writers: the chain cannot fork under concurrency. Held to the end of the transaction. */
export const AUDIT_CHAIN_LOCK = 727002;

interface AuditRow {
  id: number;
  at: Date;
  request_id: string;
  account_id: number | null;
  account_username: string | null;
  grants: string[];
  client_address: string | null;
  operation_name: string | null;
  action: string;
  record_type: string | null;
  record_id: number | null;
  fields: AuditField[];
  outcome: AuditOutcome;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** Appends one record. Must run inside a transaction (the lock is transaction-scoped). */
export async function appendAudit(em: EntityManager, content: AuditContent): Promise<number> {
  await em.execute('select pg_advisory_xact_lock(?)', [AUDIT_CHAIN_LOCK]);
  const last = await em.execute<{ hash: string }[]>('select hash from audit_log order by id desc limit 1');
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, content);
  const rows = await em.execute<{ id: number }[]>(
    `insert into audit_log (at, request_id, account_id, account_username, grants, client_address, operation_name, action, record_type, record_id, fields, outcome, detail, prev_hash, hash)
     values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) returning id`,
    [
      content.at,
      content.requestId,
      content.accountId,
      content.accountUsername,
      JSON.stringify(content.grants),
      content.clientAddress,
      content.operationName,
      content.action,
      content.recordType,
      content.recordId,
      JSON.stringify(content.fields),
      content.outcome,
      content.detail,
      prevHash,
      hash,
    ],
  );
  auditWritesTotal.inc({ kind: content.action === 'READ' ? 'read' : content.action === 'AUTHENTICATE' ? 'authenticate' : 'write', outcome: content.outcome });
  return rows[0].id;
}

/** The request's facts every record carries. */
export function auditBase(ctx: Pick<RequestContext, 'viewer' | 'requestId' | 'clientIp'> & { operationName?: string | null }): Omit<AuditContent, 'action' | 'recordType' | 'recordId' | 'fields' | 'outcome' | 'detail'> {
  const v = ctx.viewer;
  return {
    at: new Date().toISOString(),
    requestId: ctx.requestId,
    accountId: v.account?.id ?? null,
    accountUsername: v.account?.username ?? null,
    grants: v.grants.map((g) => `${g.role}#${g.grantId}`),
    clientAddress: ctx.clientIp || null,
    operationName: ctx.operationName ?? null,
  };
}

/** A write: in the same transaction as the write itself. */
export function auditWrite(em: EntityManager, ctx: RequestContext, action: string, record: { type: string; id: number } | null, inputFields: string[], outcome: AuditOutcome, detail: string | null = null): Promise<number> {
  return appendAudit(em, {
    ...auditBase(ctx),
    action,
    recordType: record?.type ?? null,
    recordId: record?.id ?? null,
    fields: inputFields.map((f) => ({ type: 'input', id: null, field: f, outcome })),
    outcome,
    detail,
  });
}

/** End of a request: one record listing the sensitive fields it resolved or was refused, and one per refused mutation. */
export async function flushRequestAudit(em: EntityManager, ctx: RequestContext): Promise<void> {
  const reads = ctx.audit.sensitiveReads;
  const refused = ctx.audit.refusedMutations;
  if (!reads.length && !refused.length) return;
  await em.transactional(async (tem) => {
    if (reads.length) {
      const ids = new Set(reads.map((r) => `${r.type}:${r.id}`));
      const single = ids.size === 1 ? reads[0] : null;
      await appendAudit(tem as EntityManager, {
        ...auditBase(ctx),
        action: 'READ',
        recordType: single?.type ?? null,
        recordId: single?.id ?? null,
        fields: reads,
        outcome: overallOutcome(reads),
        detail: null,
      });
    }
    for (const m of refused) {
      await appendAudit(tem as EntityManager, { ...auditBase(ctx), action: m, recordType: null, recordId: null, fields: [], outcome: 'DENIED', detail: 'refused by the authorization rules' });
    }
  });
}

export interface AuditVerification {
  intact: boolean;
  checked: number;
  firstBrokenId: number | null;
  reason: string | null;
}

/** Walks the chain in order; reports the first record whose link or content does not verify. */
export async function verifyAuditChain(em: EntityManager): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let checked = 0;
  let afterId = 0;
  for (;;) {
    const rows = await em.execute<AuditRow[]>('select * from audit_log where id > ? order by id limit 2000', [afterId]);
    if (!rows.length) return { intact: true, checked, firstBrokenId: null, reason: null };
    for (const r of rows) {
      if (r.prev_hash !== prev) return { intact: false, checked, firstBrokenId: r.id, reason: 'its link does not match the hash of the record before it (a record was removed, inserted or reordered)' };
      const content: AuditContent = {
        at: new Date(r.at).toISOString(),
        requestId: r.request_id,
        accountId: r.account_id,
        accountUsername: r.account_username,
        grants: r.grants,
        clientAddress: r.client_address,
        operationName: r.operation_name,
        action: r.action,
        recordType: r.record_type,
        recordId: r.record_id,
        fields: r.fields,
        outcome: r.outcome,
        detail: r.detail,
      };
      if (chainHash(prev, content) !== r.hash) return { intact: false, checked, firstBrokenId: r.id, reason: 'its content does not match its hash (the record was edited)' };
      prev = r.hash;
      checked++;
      afterId = r.id;
    }
  }
}
