import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs, paginate } from '../../common/connection';
import { Node, decodeGlobalId } from '../../common/relay';
import { badInput } from '../../common/errors';
import { AuditRecord } from '../../audit/audit.entity';
import { verifyAuditChain } from '../../audit/audit.service';
import { AuditFilter, AuditRecordConnection, AuditVerificationType, type AuditRecordType, type AuditOutcomeEnum } from './audit.types';

const gid = (type: string | null | undefined, id: number | null | undefined) => (type && id != null && /^[A-Z]/.test(type) ? Node.globalId(type, id) : null);

function present(r: AuditRecord): AuditRecordType {
  return {
    sequence: String(r.id),
    at: r.at,
    requestId: r.requestId,
    accountUsername: r.accountUsername ?? null,
    grants: r.grants,
    clientAddress: r.clientAddress ?? null,
    operationName: r.operationName ?? null,
    action: r.action,
    recordType: r.recordType ?? null,
    recordId: gid(r.recordType, r.recordId),
    fields: r.fields.map((f) => ({ type: f.type, recordId: gid(f.type, f.id), field: f.field, outcome: f.outcome as AuditOutcomeEnum })),
    outcome: r.outcome as AuditOutcomeEnum,
    detail: r.detail ?? null,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

/** 审计日志: read by AUDIT_ADMIN only; nobody can change it through the API. */
@Resolver()
export class AuditResolver {
  @Query(() => AuditRecordConnection, { nullable: true, description: '审计日志 (the audit log, oldest first; AUDIT_ADMIN)' })
  async auditLog(
    @Arg('filter', () => AuditFilter, { nullable: true, description: '筛选 (filter)' }) filter: AuditFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    const conds: FilterQuery<AuditRecord>[] = [];
    if (filter?.account) conds.push({ accountUsername: filter.account });
    if (filter?.action) conds.push({ action: filter.action });
    if (filter?.outcome) conds.push({ outcome: filter.outcome });
    if (filter?.from) conds.push({ at: { $gte: filter.from } });
    if (filter?.to) conds.push({ at: { $lt: filter.to } });
    if (filter?.from && filter?.to && filter.to < filter.from) throw badInput('"filter.to" is before "filter.from"');
    if (filter?.record) {
      const d = decodeGlobalId(filter.record);
      if (!d) throw badInput('"filter.record" is not a valid id');
      const touching = await ctx.em.execute<{ id: number }[]>('select id from audit_log where fields @> ?::jsonb', [JSON.stringify([{ type: d.typename, id: d.id }])]);
      conds.push({ $or: [{ recordType: d.typename, recordId: d.id }, { id: { $in: touching.map((t) => t.id) } }] });
    }
    const page = await paginate(ctx.em, AuditRecord, conds.length ? { $and: conds } : {}, args);
    return { ...page, nodes: page.nodes.map(present), edges: page.edges.map((e) => ({ cursor: e.cursor, node: present(e.node) })) };
  }

  @Query(() => AuditVerificationType, { nullable: true, description: '校验审计链 (verify the hash chain from the first record; AUDIT_ADMIN)' })
  async auditVerify(@Ctx() ctx: RequestContext): Promise<AuditVerificationType> {
    const v = await verifyAuditChain(ctx.em);
    return { intact: v.intact, checked: v.checked, firstBrokenSequence: v.firstBrokenId != null ? String(v.firstBrokenId) : null, reason: v.reason };
  }
}
