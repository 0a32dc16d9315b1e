import type { EntityManager } from '@mikro-orm/postgresql';
import { raw, type FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { keyOf, tryKeyOf } from '../../common/relay';
import { ErrorCode, UserInputError, badInput, conflict, forbidden, invalid, missing } from '../../common/errors';
import { checkVersion, runMutation } from '../../common/mutation';
import { ADMIN_ROLES, Role } from '../../authz/roles';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { Assessment } from '../letters/letter.entity';
import { Account } from '../accounts/account.entity';
import { Rectification, RectificationReport } from './rectification.entity';
import { FindingOrigin, RectificationSource, RectificationStatus, type StoredStatus } from './rectification.enums';
import {
  RECTIFICATION_CREATORS,
  RECTIFICATION_REPORTERS,
  RECTIFICATION_ROW_ROLES,
  RECTIFICATION_STARTERS,
  RECTIFICATION_VERIFIERS,
} from './rectification.rules';
import type {
  RectificationCreateInput,
  RectificationFilter,
  RectificationLedger,
  RectificationLedgerPeriod,
  RectificationPayload,
  RectificationReportInput,
  RectificationReportPayload,
  RectificationReportUpdateInput,
  RectificationStartInput,
  RectificationUpdateInput,
  RectificationVerifyInput,
  RectificationViewerCan,
} from './rectification.types';

/** Days before the deadline from which a reminder is due. */
export const REMINDER_DAYS = 5;

/** A `date` column as YYYY-MM-DD, whether the driver gave a string or a Date. */
export const dateOf = (v: string | Date): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The month (YYYY-MM) of a date. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** '/1/5/23/' → ['/1/', '/1/5/', '/1/5/23/']: the unit and every unit above it. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/** Statuses in which work goes on: reports may be filed and the supervisor may verify. */
const WORKING: readonly StoredStatus[] = [RectificationStatus.IMMEDIATE, RectificationStatus.IN_PROGRESS];
/** Statuses a rectification may be recorded in. */
const INITIAL: readonly RectificationStatus[] = [RectificationStatus.IMMEDIATE, RectificationStatus.IN_PROGRESS, RectificationStatus.PENDING];
/** The order of the ledger's rows. */
const LEDGER_ORDER: readonly RectificationStatus[] = [
  RectificationStatus.IMMEDIATE,
  RectificationStatus.IN_PROGRESS,
  RectificationStatus.PENDING,
  RectificationStatus.OVERDUE,
  RectificationStatus.COMPLETED,
];

const forbiddenWrite = (field: string, message: string) => new UserInputError(ErrorCode.FORBIDDEN, message, ['input', field]);

/**
 * Records of other parts of the workflow that a rectification names by key (the object fields are
 * wired with those modules): their table, and the roles that must reach the record's unit.
 */
const REFERENCED: Record<'ProblemClue' | 'InspectionFinding' | 'Campaign', { table: string; roles: readonly Role[] | null }> = {
  // clues are seen only by the discipline commission and the dispatched teams
  ProblemClue: { table: 'problem_clue', roles: [Role.DISCIPLINE_COMMISSION, Role.DISPATCHED_TEAM] },
  InspectionFinding: { table: 'inspection_finding', roles: RECTIFICATION_CREATORS },
  // a campaign is a county-wide drive: naming it needs no reach
  Campaign: { table: 'campaign', roles: null },
};

/** Rectifications (整改事项), their monthly reports, verification and the two ledgers. */
export class RectificationService {
  // ---- scope ----

  /**
   * 分管领导: the paths of the units the official linked to the caller's account is in charge of
   * (rows at or below them are copied to that leader). None for an administrator: 三员分立.
   */
  static async inChargePaths(ctx: RequestContext): Promise<string[]> {
    const officialId = ctx.viewer.account?.officialId;
    if (officialId == null || ctx.viewer.holdsAny(ADMIN_ROLES)) return [];
    return ctx.loaders
      .custom<number, string[]>('rectificationInChargePaths', async (ids) => {
        const rows = await ctx.em.execute<{ official_id: number; path: string }[]>(
          'select oic.official_id, u.path from official_in_charge_unit oic join unit u on u.id = oic.unit_id where oic.official_id in (?) order by u.path',
          [[...ids]],
        );
        return ids.map((id) => rows.filter((r) => r.official_id === id).map((r) => r.path));
      })
      .load(officialId);
  }

  /** The SQL predicate on `unitPath` of the rows the viewer may read: its roles' reach, plus the copies. */
  static async scope(ctx: RequestContext): Promise<FilterQuery<Rectification>> {
    const byRole = ctx.viewer.pathFilter(RECTIFICATION_ROW_ROLES, 'unitPath');
    if (Object.keys(byRole).length === 0) return {};
    const copies = await RectificationService.inChargePaths(ctx);
    if (!copies.length) return byRole as FilterQuery<Rectification>;
    return { $or: [byRole, ...copies.map((p) => ({ unitPath: { $like: `${p}%` } }))] } as FilterQuery<Rectification>;
  }

  static async canRead(ctx: RequestContext, unitPath: string): Promise<boolean> {
    if (ctx.viewer.reaches(RECTIFICATION_ROW_ROLES, unitPath)) return true;
    return (await RectificationService.inChargePaths(ctx)).some((p) => unitPath.startsWith(p));
  }

  /** Root queries: an account that holds no reading role and is no leader in charge is refused. */
  static async requireReader(ctx: RequestContext): Promise<void> {
    if (ctx.viewer.holdsAny(RECTIFICATION_ROW_ROLES)) return;
    if ((await RectificationService.inChargePaths(ctx)).length) return;
    throw forbidden('You may not read rectifications');
  }

  static async findVisible(ctx: RequestContext, id: number): Promise<Rectification | null> {
    const r = await ctx.loaders.load(Rectification, id);
    return r && (await RectificationService.canRead(ctx, r.unitPath)) ? r : null;
  }

  static async findVisibleReport(ctx: RequestContext, id: number): Promise<RectificationReport | null> {
    const r = await ctx.loaders.load(RectificationReport, id);
    return r && (await RectificationService.canRead(ctx, r.unitPath)) ? r : null;
  }

  // ---- derived states ----

  static effectiveStatus(ctx: RequestContext, r: Rectification): RectificationStatus {
    if (r.status === RectificationStatus.COMPLETED) return RectificationStatus.COMPLETED;
    return dateOf(r.deadline) < ctx.today ? RectificationStatus.OVERDUE : (r.status as RectificationStatus);
  }

  static overdue(ctx: RequestContext, r: Rectification): boolean {
    return r.status !== RectificationStatus.COMPLETED && dateOf(r.deadline) < ctx.today;
  }

  static reminderDue(ctx: RequestContext, r: Rectification): boolean {
    const deadline = dateOf(r.deadline);
    return r.status !== RectificationStatus.COMPLETED && deadline >= ctx.today && deadline <= addDays(ctx.today, REMINDER_DAYS);
  }

  /** The SQL predicate of an effective status as of today (OVERDUE derived from the deadline). */
  static statusCond(ctx: RequestContext, s: RectificationStatus): Record<string, unknown> {
    switch (s) {
      case RectificationStatus.COMPLETED:
        return { status: RectificationStatus.COMPLETED };
      case RectificationStatus.OVERDUE:
        return { status: { $ne: RectificationStatus.COMPLETED }, deadline: { $lt: ctx.today } };
      default:
        return { status: s, deadline: { $gte: ctx.today } };
    }
  }

  // ---- lists ----

  private static async conds(
    ctx: RequestContext,
    f: { unitSubtree?: string | null; campaign?: string | null },
    period?: RectificationLedgerPeriod | null,
  ): Promise<FilterQuery<Rectification>[]> {
    const conds: FilterQuery<Rectification>[] = [await RectificationService.scope(ctx)];
    if (f.unitSubtree) {
      const root = await ctx.loaders.load(Unit, keyOf(f.unitSubtree, Unit.typename, 'unitSubtree'));
      // an unknown root gives an empty list, not an error; the scope predicate still applies
      conds.push(root ? { unitPath: { $like: `${root.path}%` } } : { id: { $in: [] } });
    }
    if (f.campaign) conds.push({ campaignId: keyOf(f.campaign, 'Campaign', 'campaign') });
    if (period?.from) conds.push({ foundDate: { $gte: period.from } });
    if (period?.to) conds.push({ foundDate: { $lte: period.to } });
    return conds;
  }

  static async list(ctx: RequestContext, filter: RectificationFilter | null | undefined, args: ConnectionArgs) {
    await RectificationService.requireReader(ctx);
    const conds = await RectificationService.conds(ctx, filter ?? {});
    if (filter?.statuses?.length) conds.push({ $or: filter.statuses.map((s) => RectificationService.statusCond(ctx, s)) } as FilterQuery<Rectification>);
    if (filter?.origin) conds.push({ origin: filter.origin });
    if (filter?.source) conds.push({ source: filter.source });
    if (filter?.overdue != null) {
      const overdue = RectificationService.statusCond(ctx, RectificationStatus.OVERDUE);
      conds.push((filter.overdue ? overdue : { $not: overdue }) as FilterQuery<Rectification>);
    }
    return paginate(ctx.em, Rectification, { $and: conds } as FilterQuery<Rectification>, args);
  }

  /** 两本账: self-found and external rectifications counted by status as of today, in SQL, over the visible rows. */
  static async ledger(
    ctx: RequestContext,
    unitSubtree: string | null | undefined,
    period: RectificationLedgerPeriod | null | undefined,
    campaign: string | null | undefined,
  ): Promise<RectificationLedger> {
    await RectificationService.requireReader(ctx);
    if (period?.from && period?.to && period.from > period.to) throw badInput('"period.from" must not be after "period.to"');
    const conds = await RectificationService.conds(ctx, { unitSubtree, campaign }, period);
    const t = ctx.today;
    const rows = (await ctx.em
      .createQueryBuilder(Rectification, 'r')
      .select([
        'r.origin',
        raw(`count(*) filter (where r.status = 'IMMEDIATE' and r.deadline >= ?)::int as immediate`, [t]),
        raw(`count(*) filter (where r.status = 'IN_PROGRESS' and r.deadline >= ?)::int as in_progress`, [t]),
        raw(`count(*) filter (where r.status = 'PENDING' and r.deadline >= ?)::int as pending`, [t]),
        raw(`count(*) filter (where r.status <> 'COMPLETED' and r.deadline < ?)::int as overdue`, [t]),
        raw(`count(*) filter (where r.status = 'COMPLETED')::int as completed`),
      ])
      .where({ $and: conds } as never)
      .groupBy('r.origin')
      .execute('all', false)) as unknown as Record<string, unknown>[];
    const col: Record<RectificationStatus, string> = {
      IMMEDIATE: 'immediate',
      IN_PROGRESS: 'in_progress',
      PENDING: 'pending',
      OVERDUE: 'overdue',
      COMPLETED: 'completed',
    };
    const count = (origin: FindingOrigin, s: RectificationStatus) => Number(rows.find((r) => r.origin === origin)?.[col[s]] ?? 0);
    const out = LEDGER_ORDER.map((status) => ({ status, selfFound: count(FindingOrigin.SELF_FOUND, status), external: count(FindingOrigin.EXTERNAL, status) }));
    return {
      rows: out,
      selfFoundTotal: out.reduce((s, r) => s + r.selfFound, 0),
      externalTotal: out.reduce((s, r) => s + r.external, 0),
    };
  }

  /** A rectification's reports, oldest month first, one statement for every rectification of the response. */
  static reports(ctx: RequestContext, r: Rectification): Promise<RectificationReport[]> {
    return ctx.loaders
      .custom<number, RectificationReport[]>('rectificationReports', async (ids) => {
        const rows = await ctx.em.find(RectificationReport, { rectification: { $in: [...ids] } }, { orderBy: { month: 'asc', id: 'asc' } });
        const by = new Map<number, RectificationReport[]>(ids.map((id) => [id, []]));
        for (const row of rows) by.get(row.rectification.id)?.push(row);
        return ids.map((id) => by.get(id)!);
      })
      .load(r.id);
  }

  /**
   * 双向抄告: the leaders in charge of the responsible unit or of a unit above it, batched. The
   * record names them to whoever reads it; their own fields keep their rules.
   */
  static async copiedTo(ctx: RequestContext, r: Rectification): Promise<Official[]> {
    const ids = await ctx.loaders
      .custom<string, number[]>('rectificationCopiedTo', async (paths) => {
        const prefixes = [...new Set(paths.flatMap(ancestorPaths))];
        const rows = await ctx.em.execute<{ official_id: number; path: string }[]>(
          'select oic.official_id, u.path from official_in_charge_unit oic join unit u on u.id = oic.unit_id where u.path in (?) order by oic.official_id',
          [prefixes],
        );
        return paths.map((p) => [...new Set(rows.filter((row) => p.startsWith(row.path)).map((row) => row.official_id))]);
      })
      .load(r.unitPath);
    const officials = await Promise.all(ids.map((id) => ctx.loaders.load(Official, id)));
    return officials.filter((o): o is Official => o !== null);
  }

  static async accountName(ctx: RequestContext, id: number | undefined): Promise<string | null> {
    if (id == null) return null;
    return (await ctx.loaders.load(Account, id))?.displayName ?? null;
  }

  /** Whether a report can no longer be filed or edited: its month is past, or the rectification is COMPLETED. */
  static async reportLocked(ctx: RequestContext, report: RectificationReport): Promise<boolean> {
    if (report.month < monthOf(ctx.today)) return true;
    const r = await ctx.loaders.load(Rectification, report.rectification.id);
    return r?.status === RectificationStatus.COMPLETED;
  }

  static viewerCan(ctx: RequestContext, r: Rectification): RectificationViewerCan {
    const v = ctx.viewer;
    const open = r.status !== RectificationStatus.COMPLETED;
    const working = WORKING.includes(r.status);
    return {
      update: open && v.reaches(RECTIFICATION_CREATORS, r.unitPath),
      start: r.status === RectificationStatus.PENDING && v.reaches(RECTIFICATION_STARTERS, r.unitPath),
      report: working && v.reaches(RECTIFICATION_REPORTERS, r.unitPath),
      verify: working && v.reaches(RECTIFICATION_VERIFIERS, r.unitPath),
    };
  }

  // ---- mutations ----

  /**
   * A rectification named in an input that one of `roles` reaches. Outside what the caller may
   * read: NOT_FOUND (no existence leak); readable but not by those roles: FORBIDDEN.
   */
  private static async requireRow(ctx: RequestContext, em: EntityManager, globalId: string, field: string, roles: readonly Role[], what: string): Promise<Rectification> {
    const id = tryKeyOf(globalId, Rectification.typename);
    if (id === null) throw invalid(field, `"${field}" is not a valid Rectification id`);
    const r = await em.findOne(Rectification, { id });
    if (!r || !(await RectificationService.canRead(ctx, r.unitPath))) throw missing(field, 'No rectification with this id in your scope');
    if (!ctx.viewer.reaches(roles, r.unitPath)) throw forbiddenWrite(field, `You may read this rectification but not ${what}`);
    return r;
  }

  private static async responsibleOfficial(ctx: RequestContext, em: EntityManager, globalId: string, unitId: number): Promise<Official> {
    const o = await OfficialService.requireInReach(ctx, em, globalId, 'responsibleOfficial', RECTIFICATION_CREATORS);
    if (o.unit.id !== unitId) throw invalid('responsibleOfficial', 'The responsible official must be an official of the responsible unit');
    return o;
  }

  /**
   * The key of a record of another part of the workflow named by global id. It must exist and, for
   * clues and findings, lie within the caller's reach; otherwise NOT_FOUND (no existence leak).
   */
  private static async foreignKey(ctx: RequestContext, em: EntityManager, globalId: string, typename: keyof typeof REFERENCED, field: string): Promise<number> {
    const id = tryKeyOf(globalId, typename);
    if (id === null) throw invalid(field, `"${field}" is not a valid ${typename} id`);
    const { table, roles } = REFERENCED[typename];
    const [row] = await em.execute<{ unit_path: string }[]>(`select unit_path from "${table}" where id = ?`, [id]);
    if (!row || (roles && !ctx.viewer.reaches(roles, row.unit_path))) throw missing(field, `No ${typename} with this id in your scope`);
    return id;
  }

  static create(ctx: RequestContext, input: RectificationCreateInput): Promise<RectificationPayload> {
    return runMutation<RectificationPayload>(ctx, input, async (em) => {
      const unit = await UnitService.requireInReach(ctx, em, input.responsibleUnit, 'responsibleUnit', RECTIFICATION_CREATORS);
      const official = input.responsibleOfficial != null ? await RectificationService.responsibleOfficial(ctx, em, input.responsibleOfficial, unit.id) : null;
      if (!INITIAL.includes(input.status)) {
        throw invalid('status', 'A rectification is recorded IMMEDIATE, IN_PROGRESS or PENDING; COMPLETED comes from verification, OVERDUE from the deadline');
      }
      const foundDate = input.foundDate ?? ctx.today;
      if (foundDate > ctx.today) throw invalid('foundDate', `The date found may not be in the future (today is ${ctx.today})`);
      if (input.deadline < ctx.today) throw invalid('deadline', `The deadline may not be before the date the rectification is recorded (${ctx.today})`);

      const refs: { field: 'sourceClue' | 'sourceFinding' | 'sourceAssessment'; source: RectificationSource }[] = [
        { field: 'sourceClue', source: RectificationSource.CLUE },
        { field: 'sourceFinding', source: RectificationSource.INSPECTION_FINDING },
        { field: 'sourceAssessment', source: RectificationSource.ASSESSMENT },
      ];
      for (const ref of refs) {
        const given = input[ref.field] != null;
        if (given && input.source !== ref.source) throw invalid(ref.field, `"${ref.field}" goes only with source ${ref.source}`);
        if (!given && input.source === ref.source) throw invalid(ref.field, `A rectification from source ${ref.source} must name its "${ref.field}"`);
      }
      const sourceClueId = input.sourceClue != null ? await RectificationService.foreignKey(ctx, em, input.sourceClue, 'ProblemClue', 'sourceClue') : null;
      const sourceFindingId = input.sourceFinding != null ? await RectificationService.foreignKey(ctx, em, input.sourceFinding, 'InspectionFinding', 'sourceFinding') : null;
      let assessment: Assessment | null = null;
      if (input.sourceAssessment != null) {
        const aid = tryKeyOf(input.sourceAssessment, Assessment.typename);
        if (aid === null) throw invalid('sourceAssessment', '"sourceAssessment" is not a valid Assessment id');
        assessment = await em.findOne(Assessment, { id: aid });
        if (!assessment || !ctx.viewer.reaches(RECTIFICATION_CREATORS, assessment.unitPath)) throw missing('sourceAssessment', 'No assessment with this id in your scope');
        if (!unit.path.startsWith(assessment.unitPath)) throw invalid('sourceAssessment', 'The assessment must be of the responsible unit or of a unit above it');
      }
      const campaignId = input.campaign != null ? await RectificationService.foreignKey(ctx, em, input.campaign, 'Campaign', 'campaign') : null;

      const rectification = em.create(Rectification, {
        unit,
        unitPath: unit.path,
        responsibleOfficial: official,
        problem: input.problem.trim(),
        measures: input.measures.trim(),
        deadline: input.deadline,
        status: input.status as StoredStatus,
        origin: input.origin,
        source: input.source,
        sourceClueId,
        sourceFindingId,
        sourceAssessment: assessment,
        campaignId,
        foundDate,
        registeredDate: ctx.today,
      } as never);
      await em.flush();
      return { rectification };
    }, { rectification: null });
  }

  static update(ctx: RequestContext, input: RectificationUpdateInput): Promise<RectificationPayload> {
    return runMutation<RectificationPayload>(ctx, input, async (em) => {
      const r = await RectificationService.requireRow(ctx, em, input.id, 'id', RECTIFICATION_CREATORS, 'edit it');
      checkVersion(r, input.version, 'The rectification');
      if (r.status === RectificationStatus.COMPLETED) throw conflict('A COMPLETED rectification has been written off and can no longer be edited');
      if (input.deadline != null) {
        const registered = dateOf(r.registeredDate);
        if (input.deadline < registered) throw invalid('deadline', `The deadline may not be before the date the rectification was recorded (${registered})`);
        r.deadline = input.deadline;
      }
      if (input.measures != null) r.measures = input.measures.trim();
      if (input.responsibleOfficial != null) r.responsibleOfficial = (await RectificationService.responsibleOfficial(ctx, em, input.responsibleOfficial, r.unit.id)) as never;
      await em.flush();
      return { rectification: r };
    }, { rectification: null });
  }

  static start(ctx: RequestContext, input: RectificationStartInput): Promise<RectificationPayload> {
    return runMutation<RectificationPayload>(ctx, input, async (em) => {
      const r = await RectificationService.requireRow(ctx, em, input.id, 'id', RECTIFICATION_STARTERS, 'start it');
      checkVersion(r, input.version, 'The rectification');
      if (r.status !== RectificationStatus.PENDING) throw conflict(`Only a PENDING rectification can be started; it is ${r.status}`);
      r.status = RectificationStatus.IN_PROGRESS;
      await em.flush();
      return { rectification: r };
    }, { rectification: null });
  }

  static report(ctx: RequestContext, input: RectificationReportInput): Promise<RectificationReportPayload> {
    return runMutation<RectificationReportPayload>(ctx, input, async (em) => {
      const r = await RectificationService.requireRow(ctx, em, input.rectification, 'rectification', RECTIFICATION_REPORTERS, 'report on it');
      const current = monthOf(ctx.today);
      if (input.month > current) throw invalid('month', `A report cannot be filed for a future month (this month is ${current})`);
      if (input.month < current) throw conflict(`The report for ${input.month} is locked: entry closes once the month is past`, ['input', 'month']);
      if (r.status === RectificationStatus.COMPLETED) throw conflict('The rectification is COMPLETED (written off): no more progress reports');
      if (r.status === RectificationStatus.PENDING) throw conflict('The rectification is PENDING: start it (rectificationStart) before reporting progress');
      if (await em.count(RectificationReport, { rectification: r.id, month: input.month })) {
        throw conflict(`The report for ${input.month} has already been filed; edit it with rectificationReportUpdate`, ['input', 'month']);
      }
      const report = em.create(RectificationReport, {
        rectification: r,
        unitPath: r.unitPath,
        month: input.month,
        content: input.content.trim(),
        percent: input.percent,
        reportedDate: ctx.today,
        reportedBy: ctx.viewer.account ? em.getReference(Account, ctx.viewer.account.id) : null,
      } as never);
      await em.flush();
      return { report };
    }, { report: null });
  }

  static updateReport(ctx: RequestContext, input: RectificationReportUpdateInput): Promise<RectificationReportPayload> {
    return runMutation<RectificationReportPayload>(ctx, input, async (em) => {
      const id = tryKeyOf(input.id, RectificationReport.typename);
      if (id === null) throw invalid('id', '"id" is not a valid RectificationReport id');
      const report = await em.findOne(RectificationReport, { id });
      if (!report || !(await RectificationService.canRead(ctx, report.unitPath))) throw missing('id', 'No report with this id in your scope');
      if (!ctx.viewer.reaches(RECTIFICATION_REPORTERS, report.unitPath)) throw forbiddenWrite('id', 'You may read this report but not edit it');
      checkVersion(report, input.version, 'The report');
      const r = await em.findOneOrFail(Rectification, { id: report.rectification.id });
      if (report.month < monthOf(ctx.today)) throw conflict(`The report for ${report.month} is locked: entry closes once the month is past`);
      if (r.status === RectificationStatus.COMPLETED) throw conflict('The rectification is COMPLETED (written off): its reports can no longer be edited');
      report.content = input.content.trim();
      report.percent = input.percent;
      report.reportedDate = ctx.today;
      report.reportedBy = (ctx.viewer.account ? em.getReference(Account, ctx.viewer.account.id) : null) as never;
      await em.flush();
      return { report };
    }, { report: null });
  }

  static verify(ctx: RequestContext, input: RectificationVerifyInput): Promise<RectificationPayload> {
    return runMutation<RectificationPayload>(ctx, input, async (em) => {
      const r = await RectificationService.requireRow(ctx, em, input.id, 'id', RECTIFICATION_VERIFIERS, 'verify it');
      checkVersion(r, input.version, 'The rectification');
      if (!WORKING.includes(r.status)) {
        throw conflict(
          r.status === RectificationStatus.COMPLETED
            ? 'The rectification has already been verified and written off'
            : 'A PENDING rectification has not been started; there is nothing to verify',
        );
      }
      const note = input.note?.trim() || null;
      if (!input.passed && !note) throw invalid('note', 'A failed verification needs a note saying what remains to be done');
      r.verifiedBy = (ctx.viewer.account ? em.getReference(Account, ctx.viewer.account.id) : null) as never;
      r.verificationDate = ctx.today;
      r.verificationNote = note;
      if (input.passed) {
        r.status = RectificationStatus.COMPLETED;
        r.completedDate = ctx.today;
      } else {
        r.status = RectificationStatus.IN_PROGRESS;
      }
      await em.flush();
      return { rectification: r };
    }, { rectification: null });
  }
}
