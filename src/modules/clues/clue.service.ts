import type { EntityManager } from '@mikro-orm/postgresql';
import { raw, type FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { Node, keyOf, tryKeyOf } from '../../common/relay';
import { ErrorCode, UserInputError, badInput, conflict, invalid, missing } from '../../common/errors';
import { checkVersion, runMutation } from '../../common/mutation';
import { isCalendarDate } from '../../common/scalars';
import { Role } from '../../authz/roles';
import type { Viewer } from '../../authz/viewer';
import { loadViewer } from '../../auth/viewer-loader';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { Account } from '../accounts/account.entity';
import { Sanction } from '../sanctions/sanction.entity';
import { SanctionService } from '../sanctions/sanction.service';
import { Campaign, CampaignBatch } from './campaign.entity';
import { CampaignService, dateOf, noNul, pathPrefixes } from './campaign.service';
import type { ClueCounts } from './campaign.types';
import { ClueEvent, ProblemClue } from './clue.entity';
import { ClueDisposition, ClueSource, ClueStatus } from './clue.enums';
import { COMPLETED_STATUSES, OPEN_STATUSES, checkTransition, nextStatuses, type ClueAction } from './clue.lifecycle';
import { CLUE_PATH_ROLES, CLUE_WRITERS } from './clue.rules';
import type {
  ClueActor,
  ClueClearInput,
  ClueConcludeCaseInput,
  ClueDisposeInput,
  ClueEscalateInput,
  ClueFileCaseInput,
  ClueFilter,
  ClueFinishTalkInput,
  CluePayload,
  ClueRecordInput,
  ClueRecordRecoveredMoneyInput,
  ClueReopenInput,
  ClueUpdateInput,
  ClueViewerCan,
} from './clue.types';

/** Days before a clue's deadline from which a reminder is due. */
export const CLUE_REMINDER_DAYS = 5;

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A clue handed over to the discipline commission by another part of the service (inspection tour, petition). */
export interface ClueHandover {
  source: ClueSource;
  /** The unit the clue is recorded under (entity or key). */
  unit: Unit | number;
  /** The officials it is about (entities or keys); each must belong to the unit or below it. */
  subjects?: (Official | number)[];
  summary: string;
  details?: string | null;
  /** Default: today. */
  receivedOn?: string;
  /** The inspection tour that hands the clue over. */
  inspectionTourId?: number | null;
  campaignId?: number | null;
  batchId?: number | null;
  /** The responsible account; it must hold DISCIPLINE_COMMISSION or DISPATCHED_TEAM reaching the unit. */
  handlerId?: number | null;
  deadline?: string | null;
}

type Visibility = 'VISIBLE' | 'RECUSED' | 'HIDDEN';

const recusedCache = new WeakMap<RequestContext, Promise<number[]>>();

const forbiddenInput = (field: string, message: string) => new UserInputError(ErrorCode.FORBIDDEN, message, ['input', field]);

const MAX_MONEY = 999_999_999_999.99;

/**
 * Problem clues (问题线索): reads scoped in SQL (DC in its subtree, DT in its assigned units,
 * INSPECTION_GROUP the clues its tour handed over; never a clue about the caller or a close
 * relative), recording, editing and the lifecycle of clue.lifecycle.ts.
 */
export class ClueService {
  /** The inspection tours the viewer's INSPECTION_GROUP grants are bound to. */
  static tourIds(viewer: Viewer): number[] {
    // a tour's group reads the clues it handed over only while the tour runs (its grant reaches nothing otherwise)
    return viewer
      .grantsOf(Role.INSPECTION_GROUP)
      .filter((g) => g.kind !== 'NONE')
      .map((g) => g.tourId)
      .filter((t): t is number => t != null);
  }

  /** Clues about the officials the viewer must recuse itself from (one statement per request). */
  static recusedClueIds(ctx: RequestContext): Promise<number[]> {
    let p = recusedCache.get(ctx);
    if (!p) {
      const ids = [...ctx.viewer.recusedOfficialIds];
      p = ids.length
        ? ctx.em
            .execute<{ clue_id: number }[]>('select distinct clue_id from problem_clue_subject where official_id in (?)', [ids])
            .then((rows) => rows.map((r) => r.clue_id))
        : Promise.resolve([]);
      recusedCache.set(ctx, p);
    }
    return p;
  }

  /** The SQL predicate of the clue rows the viewer may see. */
  static async scope(ctx: RequestContext): Promise<FilterQuery<ProblemClue>> {
    const byPath = ctx.viewer.pathFilter(CLUE_PATH_ROLES, 'unitPath');
    const tours = ClueService.tourIds(ctx.viewer);
    const reach = tours.length ? { $or: [byPath, { inspectionTourId: { $in: tours } }] } : byPath;
    const recused = await ClueService.recusedClueIds(ctx);
    return (recused.length ? { $and: [reach, { id: { $nin: recused } }] } : reach) as FilterQuery<ProblemClue>;
  }

  /** In-memory twin of scope(), telling a recusal apart from a row out of reach. */
  static visibility(viewer: Viewer, c: ProblemClue): Visibility {
    const reach = viewer.reaches(CLUE_PATH_ROLES, c.unitPath) || (c.inspectionTourId != null && ClueService.tourIds(viewer).includes(c.inspectionTourId));
    if (!reach) return 'HIDDEN';
    return viewer.recusedFrom(c.subjectIds) ? 'RECUSED' : 'VISIBLE';
  }

  /** Clues by key with their subjects loaded (recusal needs them), batched. */
  private static load(ctx: RequestContext, id: number): Promise<ProblemClue | null> {
    return ctx.loaders
      .custom<number, ProblemClue | null>('clueById', async (ids) => {
        const rows = await ctx.em.find(ProblemClue, { id: { $in: [...ids] } }, { populate: ['subjects'] as never });
        const map = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => map.get(id) ?? null);
      })
      .load(id);
  }

  /**
   * A clue by key if the viewer may see it, else null. A clue about the viewer (or a close
   * relative) is refused like one out of reach, and the attempt is audited.
   */
  static async findVisible(ctx: RequestContext, id: number): Promise<ProblemClue | null> {
    const c = await ClueService.load(ctx, id);
    if (!c) return null;
    const v = ClueService.visibility(ctx.viewer, c);
    if (v === 'RECUSED') ctx.audit.read(ProblemClue.typename, c.id, '*', 'DENIED');
    return v === 'VISIBLE' ? c : null;
  }

  /** A clue named in a mutation's input, visible to the caller; otherwise a NOT_FOUND user error on `field`. */
  static async requireVisible(ctx: RequestContext, em: EntityManager, globalId: string | null | undefined, field: string): Promise<ProblemClue> {
    const c = await ClueService.fetchForInput(ctx, em, globalId, field);
    if (ClueService.visibility(ctx.viewer, c) !== 'VISIBLE') throw ClueService.refuse(ctx, c, field);
    return c;
  }

  private static async fetchForInput(ctx: RequestContext, em: EntityManager, globalId: string | null | undefined, field: string): Promise<ProblemClue> {
    const id = tryKeyOf(globalId, ProblemClue.typename);
    if (id === null) throw invalid(field, `"${field}" is not a valid ProblemClue id`);
    const c = await em.findOne(ProblemClue, { id }, { populate: ['subjects'] as never });
    if (!c) throw missing(field, 'No clue with this id in your scope');
    return c;
  }

  private static refuse(ctx: RequestContext, c: ProblemClue, field: string): UserInputError {
    if (ClueService.visibility(ctx.viewer, c) === 'RECUSED') ctx.audit.read(ProblemClue.typename, c.id, '*', 'DENIED');
    return missing(field, 'No clue with this id in your scope');
  }

  /** A clue the caller may change: a writer's reach and no recusal; otherwise NOT_FOUND. */
  private static async requireWritable(ctx: RequestContext, em: EntityManager, globalId: string): Promise<ProblemClue> {
    const c = await ClueService.fetchForInput(ctx, em, globalId, 'id');
    if (!ctx.viewer.reaches(CLUE_WRITERS, c.unitPath) || ctx.viewer.recusedFrom(c.subjectIds)) throw ClueService.refuse(ctx, c, 'id');
    return c;
  }

  static overdueWhere(today: string): FilterQuery<ProblemClue> {
    return { status: { $in: [...OPEN_STATUSES] }, deadline: { $lt: today } } as FilterQuery<ProblemClue>;
  }

  static notOverdueWhere(today: string): FilterQuery<ProblemClue> {
    return { $or: [{ status: { $nin: [...OPEN_STATUSES] } }, { deadline: null }, { deadline: { $gte: today } }] } as FilterQuery<ProblemClue>;
  }

  static async list(ctx: RequestContext, filter: ClueFilter | null | undefined, args: ConnectionArgs) {
    const conds: FilterQuery<ProblemClue>[] = [await ClueService.scope(ctx)];
    if (filter?.statuses?.length) conds.push({ status: { $in: filter.statuses } });
    if (filter?.sources?.length) conds.push({ source: { $in: filter.sources } });
    if (filter?.campaign) conds.push({ campaign: keyOf(filter.campaign, Campaign.typename, 'filter.campaign') });
    if (filter?.batch) conds.push({ batch: keyOf(filter.batch, CampaignBatch.typename, 'filter.batch') });
    if (filter?.handler) conds.push({ handler: keyOf(filter.handler, Account.typename, 'filter.handler') });
    if (filter?.unitSubtree) {
      const root = await ctx.loaders.row(Unit, keyOf(filter.unitSubtree, Unit.typename, 'filter.unitSubtree'));
      // an unknown root gives an empty list, not an error: no existence leak
      conds.push(root ? { unitPath: { $like: `${root.path}%` } } : { id: { $in: [] } });
    }
    if (filter?.subject) {
      const official = keyOf(filter.subject, Official.typename, 'filter.subject');
      const rows = await ctx.em.execute<{ clue_id: number }[]>('select clue_id from problem_clue_subject where official_id = ?', [official]);
      conds.push({ id: { $in: rows.map((r) => r.clue_id) } });
    }
    if (filter?.overdue != null) conds.push(filter.overdue ? ClueService.overdueWhere(ctx.today) : ClueService.notOverdueWhere(ctx.today));
    const from = filter?.receivedFrom ?? null;
    const to = filter?.receivedTo ?? null;
    if (from && to && from > to) throw badInput('"filter.receivedFrom" must not be after "filter.receivedTo"');
    if (from) conds.push({ receivedOn: { $gte: from } });
    if (to) conds.push({ receivedOn: { $lte: to } });
    const page = await paginate(ctx.em, ProblemClue, { $and: conds } as FilterQuery<ProblemClue>, args);
    if (page.nodes.length) await ctx.em.populate(page.nodes, ['subjects'] as never);
    return page;
  }

  /** The subjects the viewer may see, in key order. */
  static async subjects(ctx: RequestContext, c: ProblemClue): Promise<Official[]> {
    const ids = [...c.subjectIds].sort((a, b) => a - b);
    const rows = await Promise.all(ids.map((id) => OfficialService.findVisible(ctx, id)));
    return rows.filter((o): o is Official => o !== null);
  }

  /** The sanctions a concluded case led to, as far as the viewer may see sanctions; batched. */
  static async sanctions(ctx: RequestContext, c: ProblemClue): Promise<Sanction[]> {
    const ids = await ctx.loaders
      .custom<number, number[]>('clueSanctionIds', async (clueIds) => {
        const rows = await ctx.em.execute<{ id: number; clue_id: number }[]>('select id, clue_id from sanction where clue_id in (?) order by id', [[...clueIds]]);
        return clueIds.map((k) => rows.filter((r) => r.clue_id === k).map((r) => r.id));
      })
      .load(c.id);
    const rows = await Promise.all(ids.map((id) => SanctionService.findVisible(ctx, id)));
    return rows.filter((s): s is Sanction => s !== null);
  }

  /** Sanction.clue: the clue a sanction came from, where the viewer may see it; batched. */
  static async clueOfSanction(ctx: RequestContext, s: Sanction): Promise<ProblemClue | null> {
    const clueId = await ctx.loaders
      .custom<number, number | null>('sanctionClueId', async (sanctionIds) => {
        const rows = await ctx.em.execute<{ id: number; clue_id: number | null }[]>('select id, clue_id from sanction where id in (?)', [[...sanctionIds]]);
        const map = new Map(rows.map((r) => [r.id, r.clue_id]));
        return sanctionIds.map((k) => map.get(k) ?? null);
      })
      .load(s.id);
    return clueId == null ? null : ClueService.findVisible(ctx, clueId);
  }

  /** The lifecycle steps of a clue, oldest first; batched. */
  static history(ctx: RequestContext, c: ProblemClue): Promise<ClueEvent[]> {
    return ctx.loaders
      .custom<number, ClueEvent[]>('clueHistory', async (ids) => {
        const rows = await ctx.em.find(ClueEvent, { clue: { $in: [...ids] } }, { orderBy: { occurredOn: 'asc', id: 'asc' } });
        return ids.map((id) => rows.filter((r) => r.clue.id === id));
      })
      .load(c.id);
  }

  /** An account shown by its display name only (its grants stay with the security administrator). */
  static async actor(ctx: RequestContext, accountId: number | null | undefined): Promise<ClueActor | null> {
    if (accountId == null) return null;
    const a = await ctx.loaders.load(Account, accountId);
    return a ? { id: Node.globalId(Account.typename, a.id), displayName: a.displayName } : null;
  }

  static overdue(ctx: RequestContext, c: ProblemClue): boolean {
    return OPEN_STATUSES.includes(c.status) && c.deadline != null && dateOf(c.deadline) < ctx.today;
  }

  static reminderDue(ctx: RequestContext, c: ProblemClue): boolean {
    if (!OPEN_STATUSES.includes(c.status) || c.deadline == null) return false;
    const d = dateOf(c.deadline);
    return d >= ctx.today && d <= addDays(ctx.today, CLUE_REMINDER_DAYS);
  }

  static viewerCan(ctx: RequestContext, c: ProblemClue): ClueViewerCan {
    const writer = ctx.viewer.reaches(CLUE_WRITERS, c.unitPath) && !ctx.viewer.recusedFrom(c.subjectIds);
    return {
      update: writer && !COMPLETED_STATUSES.includes(c.status),
      transition: writer && nextStatuses(c.status).length > 0,
      recordRecoveredMoney: writer,
    };
  }

  /** Clue counts per campaign or per batch, over the clues the viewer may see; one statement per kind. */
  static async counts(ctx: RequestContext, by: 'campaign' | 'batch', key: number): Promise<ClueCounts> {
    const scope = await ClueService.scope(ctx);
    return ctx.loaders
      .custom<number, ClueCounts>(`clueCounts:${by}`, async (keys) => {
        const column = by === 'campaign' ? 'campaign_id' : 'batch_id';
        const rows = await ctx.em
          .createQueryBuilder(ProblemClue, 'c')
          .select([
            raw(`c.${column} as k`),
            'c.status',
            raw('count(*)::int as n'),
            raw(`(count(*) filter (where c.status in (${OPEN_STATUSES.map(() => '?').join(', ')}) and c.deadline < ?))::int as o`, [...OPEN_STATUSES, ctx.today]),
          ])
          .where({ $and: [scope, { [by]: { $in: [...keys] } }] } as never)
          .groupBy([raw(`c.${column}`), 'c.status'])
          .execute<{ k: number; status: ClueStatus; n: number; o: number }[]>('all', false);
        return keys.map((k) => {
          const mine = rows.filter((r) => Number(r.k) === k);
          return {
            total: mine.reduce((s, r) => s + Number(r.n), 0),
            overdue: mine.reduce((s, r) => s + Number(r.o), 0),
            byStatus: Object.values(ClueStatus).map((status) => ({ status, count: mine.filter((r) => r.status === status).reduce((s, r) => s + Number(r.n), 0) })),
          };
        });
      })
      .load(key);
  }

  // ------------------------------------------------------------------------------------------
  // Checks shared by the mutations

  private static checkDate(field: string, date: string, notBefore: { date: string | Date | null | undefined; what: string } | null, today: string): void {
    if (!isCalendarDate(date)) throw invalid(field, `${field} must be a calendar date written YYYY-MM-DD`);
    if (date > today) throw invalid(field, `${field} must not be in the future`);
    if (notBefore?.date != null && date < dateOf(notBefore.date)) throw invalid(field, `${field} must not be before ${notBefore.what} (${dateOf(notBefore.date)})`);
  }

  private static text(field: string, value: string | null | undefined): string {
    const t = noNul(field, value)?.trim() ?? '';
    if (!t) throw invalid(field, `${field} must not be empty`);
    return t;
  }

  /** A handler or decider: an active account holding DC or DT that reaches the clue, not recused from it. */
  private static async requireActor(ctx: RequestContext, em: EntityManager, accountId: number | null, field: string, clue: { unitPath: string; subjectIds: number[] }): Promise<Account> {
    if (accountId === null) throw invalid(field, `"${field}" is not a valid Account id`);
    const account = await em.findOne(Account, { id: accountId });
    if (!account || account.disabled) throw missing(field, 'No active account with this id');
    const v = await loadViewer(em, account.username, ctx.today);
    if (!v || !v.reaches(CLUE_WRITERS, clue.unitPath)) {
      throw invalid(field, `The ${field} must hold DISCIPLINE_COMMISSION or DISPATCHED_TEAM with the clue's unit inside its reach`);
    }
    if (v.recusedFrom(clue.subjectIds)) throw invalid(field, `The account is linked to a subject of the clue, or to a close relative of one (回避): it cannot be the ${field}`);
    return account;
  }

  /** Campaign and batch of a clue recorded under `unitPath`: the batch must belong to the campaign. */
  private static checkCampaign(unitPath: string, campaign: Campaign | null, batch: CampaignBatch | null, campaignField: string): void {
    if (campaign && !unitPath.startsWith(campaign.unitPath)) {
      throw invalid(campaignField, "The clue's unit lies outside the campaign's lead unit: the campaign does not concern it");
    }
    if (batch && !campaign) throw invalid('batch', 'A batch belongs to a campaign: give the campaign of the batch as well');
    if (batch && campaign && batch.campaign.id !== campaign.id) throw invalid('batch', 'The batch belongs to another campaign');
  }

  /** The nearest unit holding every subject (their units' common ancestor), or null. */
  private static async commonUnit(em: EntityManager, subjects: Official[]): Promise<Unit | null> {
    if (!subjects.length) return null;
    let prefix = pathPrefixes(subjects[0].unitPath);
    for (const s of subjects.slice(1)) {
      const other = new Set(pathPrefixes(s.unitPath));
      prefix = prefix.filter((p) => other.has(p));
    }
    const deepest = prefix[prefix.length - 1];
    return deepest ? em.findOne(Unit, { path: deepest }) : null;
  }

  private static event(em: EntityManager, ctx: RequestContext, clue: ProblemClue, from: ClueStatus | null, to: ClueStatus, on: string, note: string | null): void {
    em.create(ClueEvent, { clue, fromStatus: from, toStatus: to, occurredOn: on, account: ctx.viewer.account?.id ?? null, note } as never);
  }

  /** Moves a writable clue one step along the lifecycle table. */
  private static step(
    ctx: RequestContext,
    input: { id: string; version: number },
    action: ClueAction,
    to: ClueStatus | ((c: ProblemClue) => ClueStatus),
    apply: (em: EntityManager, c: ProblemClue) => Promise<{ on: string; note: string | null }>,
  ): Promise<CluePayload> {
    return runMutation<CluePayload>(ctx, input, async (em) => {
      const c = await ClueService.requireWritable(ctx, em, input.id);
      checkVersion(c, input.version, 'The clue');
      const from = c.status;
      const target = typeof to === 'function' ? to(c) : to;
      checkTransition(from, target, action);
      const { on, note } = await apply(em, c);
      c.status = target;
      ClueService.event(em, ctx, c, from, target, on, note);
      await em.flush();
      return { clue: c };
    }, { clue: null });
  }

  // ------------------------------------------------------------------------------------------
  // Mutations

  static record(ctx: RequestContext, input: ClueRecordInput): Promise<CluePayload> {
    return runMutation<CluePayload>(ctx, input, async (em) => {
      const summary = ClueService.text('summary', input.summary);
      ClueService.checkDate('receivedOn', input.receivedOn, null, ctx.today);
      if (input.deadline < input.receivedOn) throw invalid('deadline', `deadline must not be before the date received (${input.receivedOn})`);
      const subjects: Official[] = [];
      for (const gid of input.subjects ?? []) {
        const o = await OfficialService.requireInReach(ctx, em, gid, 'subjects', CLUE_WRITERS);
        if (subjects.some((s) => s.id === o.id)) throw invalid('subjects', 'An official is named twice in subjects');
        subjects.push(o);
      }
      let unit: Unit | null;
      if (input.unit != null) unit = await UnitService.requireInReach(ctx, em, input.unit, 'unit', CLUE_WRITERS);
      else {
        if (!subjects.length) throw invalid('unit', 'Give the unit, or at least one subject official');
        unit = await ClueService.commonUnit(em, subjects);
        if (!unit || !ctx.viewer.reaches(CLUE_WRITERS, unit.path)) {
          throw invalid('unit', 'The subjects belong to units with no common unit inside your reach: record one clue per unit');
        }
      }
      if (subjects.some((s) => !s.unitPath.startsWith(unit!.path))) throw invalid('subjects', "Every subject must belong to the clue's unit or to a unit below it");
      if (ctx.viewer.recusedFrom(subjects.map((s) => s.id))) {
        throw forbiddenInput('subjects', 'Recusal (回避): you may not record a clue about yourself or a close relative');
      }
      const campaign = input.campaign != null ? await CampaignService.requireVisible(ctx, em, input.campaign, 'campaign') : null;
      const batch = input.batch != null ? await CampaignService.requireVisibleBatch(ctx, em, input.batch, 'batch') : null;
      ClueService.checkCampaign(unit.path, campaign, batch, 'campaign');
      const handler = await ClueService.requireActor(ctx, em, tryKeyOf(input.handler, Account.typename), 'handler', { unitPath: unit.path, subjectIds: subjects.map((s) => s.id) });

      const clue = em.create(ProblemClue, {
        source: input.source,
        unit,
        unitPath: unit.path,
        summary,
        details: noNul('details', input.details)?.trim() || null,
        receivedOn: input.receivedOn,
        campaign,
        batch,
        handler,
        deadline: input.deadline,
        status: ClueStatus.RECEIVED,
      } as never);
      clue.subjects.set(subjects);
      ClueService.event(em, ctx, clue, null, ClueStatus.RECEIVED, input.receivedOn, null);
      await em.flush();
      return { clue };
    }, { clue: null });
  }

  /**
   * Creates a clue handed over to the discipline commission by another part of the service
   * (an inspection tour, a petition), inside the caller's transaction. The caller has checked
   * its own right to hand the clue over; problems come out as user errors (UserInputError).
   */
  static async createFromSource(em: EntityManager, ctx: RequestContext, h: ClueHandover): Promise<ProblemClue> {
    const summary = ClueService.text('summary', h.summary);
    const receivedOn = h.receivedOn ?? ctx.today;
    ClueService.checkDate('receivedOn', receivedOn, null, ctx.today);
    if (h.deadline != null) {
      if (!isCalendarDate(h.deadline)) throw invalid('deadline', 'deadline must be a calendar date written YYYY-MM-DD');
      if (h.deadline < receivedOn) throw invalid('deadline', `deadline must not be before the date received (${receivedOn})`);
    }
    const unit = typeof h.unit === 'number' ? await em.findOne(Unit, { id: h.unit }) : h.unit;
    if (!unit) throw missing('unit', 'No such unit');
    const subjectIds = [...new Set((h.subjects ?? []).map((s) => (typeof s === 'number' ? s : s.id)))];
    const subjects = subjectIds.length ? await em.find(Official, { id: { $in: subjectIds } }) : [];
    if (subjects.length !== subjectIds.length) throw missing('subjects', 'A subject official does not exist');
    if (subjects.some((s) => !s.unitPath.startsWith(unit.path))) throw invalid('subjects', "Every subject must belong to the clue's unit or to a unit below it");
    const campaign = h.campaignId != null ? await em.findOne(Campaign, { id: h.campaignId }) : null;
    if (h.campaignId != null && !campaign) throw missing('campaign', 'No such campaign');
    const batch = h.batchId != null ? await em.findOne(CampaignBatch, { id: h.batchId }) : null;
    if (h.batchId != null && !batch) throw missing('batch', 'No such batch');
    ClueService.checkCampaign(unit.path, campaign, batch, 'campaign');
    const handler = h.handlerId != null ? await ClueService.requireActor(ctx, em, h.handlerId, 'handler', { unitPath: unit.path, subjectIds }) : null;

    const clue = em.create(ProblemClue, {
      source: h.source,
      unit,
      unitPath: unit.path,
      summary,
      details: noNul('details', h.details)?.trim() || null,
      receivedOn,
      campaign,
      batch,
      handler,
      deadline: h.deadline ?? null,
      status: ClueStatus.RECEIVED,
      inspectionTourId: h.inspectionTourId ?? null,
    } as never);
    clue.subjects.set(subjects);
    ClueService.event(em, ctx, clue, null, ClueStatus.RECEIVED, receivedOn, null);
    await em.flush();
    return clue;
  }

  static update(ctx: RequestContext, input: ClueUpdateInput): Promise<CluePayload> {
    return runMutation<CluePayload>(ctx, input, async (em) => {
      const c = await ClueService.requireWritable(ctx, em, input.id);
      checkVersion(c, input.version, 'The clue');
      if (COMPLETED_STATUSES.includes(c.status)) throw conflict(`The clue is final (${c.status}); it can no longer be edited`, ['input', 'id']);
      if (input.summary != null) c.summary = ClueService.text('summary', input.summary);
      if (input.details !== undefined) c.details = noNul('details', input.details)?.trim() || null;
      if (input.deadline != null) {
        if (input.deadline < dateOf(c.receivedOn)) throw invalid('deadline', `deadline must not be before the date received (${dateOf(c.receivedOn)})`);
        c.deadline = input.deadline;
      }
      if (input.handler != null) {
        c.handler = (await ClueService.requireActor(ctx, em, tryKeyOf(input.handler, Account.typename), 'handler', c)) as never;
      }
      if (input.campaign !== undefined || input.batch !== undefined) {
        const campaign =
          input.campaign === undefined
            ? c.campaign
              ? await em.findOneOrFail(Campaign, { id: c.campaign.id })
              : null
            : input.campaign === null
              ? null
              : await CampaignService.requireVisible(ctx, em, input.campaign, 'campaign');
        const batch =
          input.batch === undefined
            ? c.batch
              ? await em.findOneOrFail(CampaignBatch, { id: c.batch.id })
              : null
            : input.batch === null
              ? null
              : await CampaignService.requireVisibleBatch(ctx, em, input.batch, 'batch');
        if (input.campaign !== undefined && input.batch === undefined && batch && batch.campaign.id !== campaign?.id) {
          throw invalid('batch', "The clue's batch belongs to its former campaign: give a batch of the new campaign, or null");
        }
        ClueService.checkCampaign(c.unitPath, campaign, batch, 'campaign');
        c.campaign = campaign as never;
        c.batch = batch as never;
      }
      await em.flush();
      return { clue: c };
    }, { clue: null });
  }

  static dispose(ctx: RequestContext, input: ClueDisposeInput): Promise<CluePayload> {
    return ClueService.step(ctx, input, 'clueDispose', input.disposition as unknown as ClueStatus, async (em, c) => {
      ClueService.checkDate('decidedOn', input.decidedOn, { date: c.receivedOn, what: 'the date received' }, ctx.today);
      const reason = ClueService.text('reason', input.reason);
      const decider =
        input.decidedBy != null
          ? await ClueService.requireActor(ctx, em, tryKeyOf(input.decidedBy, Account.typename), 'decidedBy', c)
          : em.getReference(Account, ctx.viewer.account!.id);
      c.disposition = input.disposition;
      c.dispositionReason = reason;
      c.decidedBy = decider as never;
      c.decidedOn = input.decidedOn;
      return { on: input.decidedOn, note: reason };
    });
  }

  static escalate(ctx: RequestContext, input: ClueEscalateInput): Promise<CluePayload> {
    return ClueService.step(ctx, input, 'clueEscalate', ClueStatus.PRELIMINARY_VERIFICATION, async (em, c) => {
      ClueService.checkDate('decidedOn', input.decidedOn, { date: c.decidedOn, what: 'the disposition' }, ctx.today);
      const reason = ClueService.text('reason', input.reason);
      c.disposition = ClueDisposition.PRELIMINARY_VERIFICATION;
      c.dispositionReason = reason;
      c.decidedBy = em.getReference(Account, ctx.viewer.account!.id) as never;
      c.decidedOn = input.decidedOn;
      return { on: input.decidedOn, note: reason };
    });
  }

  static finishTalk(ctx: RequestContext, input: ClueFinishTalkInput): Promise<CluePayload> {
    return ClueService.step(ctx, input, 'clueFinishTalk', ClueStatus.TALK_CONCLUDED, async (_em, c) => {
      ClueService.checkDate('concludedOn', input.concludedOn, { date: c.decidedOn, what: 'the disposition' }, ctx.today);
      c.conclusion = ClueService.text('conclusion', input.conclusion);
      c.concludedOn = input.concludedOn;
      return { on: input.concludedOn, note: c.conclusion };
    });
  }

  static fileCase(ctx: RequestContext, input: ClueFileCaseInput): Promise<CluePayload> {
    return ClueService.step(ctx, input, 'clueFileCase', ClueStatus.CASE_FILED, async (_em, c) => {
      ClueService.checkDate('filedOn', input.filedOn, { date: c.decidedOn, what: 'the decision to verify' }, ctx.today);
      c.caseFiledOn = input.filedOn;
      return { on: input.filedOn, note: null };
    });
  }

  static concludeCase(ctx: RequestContext, input: ClueConcludeCaseInput): Promise<CluePayload> {
    return ClueService.step(ctx, input, 'clueConcludeCase', ClueStatus.CASE_CONCLUDED, async (em, c) => {
      ClueService.checkDate('concludedOn', input.concludedOn, { date: c.caseFiledOn, what: 'the date the case was filed' }, ctx.today);
      const ids = await ClueService.checkSanctions(ctx, em, c, input.sanctions);
      if (ids.length) await em.execute('update sanction set clue_id = ? where id in (?)', [c.id, ids]);
      c.conclusion = noNul('conclusion', input.conclusion)?.trim() || null;
      c.concludedOn = input.concludedOn;
      return { on: input.concludedOn, note: c.conclusion ?? null };
    });
  }

  /**
   * The sanctions a case led to: each in the caller's reach, not revoked, not already linked to
   * another clue; each about a subject of the clue, or (一案双查) naming one of those as its
   * primary sanction.
   */
  private static async checkSanctions(ctx: RequestContext, em: EntityManager, c: ProblemClue, globalIds: string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const gid of globalIds ?? []) {
      const id = tryKeyOf(gid, Sanction.typename);
      if (id === null) throw invalid('sanctions', '"sanctions" holds an invalid Sanction id');
      if (ids.includes(id)) throw invalid('sanctions', 'A sanction is named twice');
      ids.push(id);
    }
    if (!ids.length) return ids;
    const rows = await em.find(Sanction, { id: { $in: ids } });
    if (rows.length !== ids.length || rows.some((s) => !ctx.viewer.reaches(CLUE_WRITERS, s.unitPath))) {
      throw missing('sanctions', 'No sanction with this id in your scope');
    }
    const revoked = rows.find((s) => s.revoked);
    if (revoked) throw invalid('sanctions', `Sanction ${revoked.nodeId} was revoked; a revoked sanction is not an outcome of the case`);
    const linked = await em.execute<{ id: number; clue_id: number | null }[]>('select id, clue_id from sanction where id in (?)', [ids]);
    const taken = linked.find((r) => r.clue_id != null && r.clue_id !== c.id);
    if (taken) throw conflict(`Sanction ${Node.globalId(Sanction.typename, taken.id)} already belongs to another clue`, ['input', 'sanctions']);
    const subjects = new Set(c.subjectIds);
    const direct = new Set(rows.filter((s) => s.official && subjects.has(s.official.id)).map((s) => s.id));
    for (const s of rows) {
      if (direct.has(s.id)) continue;
      if (!(s.primarySanction && direct.has(s.primarySanction.id))) {
        throw invalid(
          'sanctions',
          `Sanction ${s.nodeId} is neither about a subject of the clue nor an accountability (一案双查) whose primary sanction is one of the linked sanctions about a subject`,
        );
      }
    }
    return ids;
  }

  static clear(ctx: RequestContext, input: ClueClearInput): Promise<CluePayload> {
    return ClueService.step(ctx, input, 'clueClear', ClueStatus.CLEARED, async (_em, c) => {
      ClueService.checkDate('clearedOn', input.clearedOn, { date: c.decidedOn, what: 'the last decision' }, ctx.today);
      c.clearingNote = ClueService.text('note', input.note);
      c.clearedOn = input.clearedOn;
      return { on: input.clearedOn, note: c.clearingNote };
    });
  }

  static reopen(ctx: RequestContext, input: ClueReopenInput): Promise<CluePayload> {
    return ClueService.step(ctx, input, 'clueReopen', ClueStatus.RECEIVED, async (_em, c) => {
      ClueService.checkDate('reopenedOn', input.reopenedOn, { date: c.decidedOn, what: 'the date it was shelved' }, ctx.today);
      const reason = ClueService.text('reason', input.reason);
      if (input.deadline != null) {
        if (input.deadline < input.reopenedOn) throw invalid('deadline', `deadline must not be before the reopening date (${input.reopenedOn})`);
        c.deadline = input.deadline;
      }
      // received again: the next disposition is a new decision
      c.disposition = null;
      c.dispositionReason = null;
      c.decidedBy = null;
      c.decidedOn = null;
      return { on: input.reopenedOn, note: reason };
    });
  }

  static recordRecoveredMoney(ctx: RequestContext, input: ClueRecordRecoveredMoneyInput): Promise<CluePayload> {
    return runMutation<CluePayload>(ctx, input, async (em) => {
      const c = await ClueService.requireWritable(ctx, em, input.id);
      checkVersion(c, input.version, 'The clue');
      const a = input.amount;
      if (!Number.isFinite(a) || a < 0 || a > MAX_MONEY) throw invalid('amount', 'amount must be a number of yuan between 0 and 999999999999.99');
      const cents = Math.round(a * 100);
      if (Math.abs(a * 100 - cents) > 1e-6) throw invalid('amount', 'amount must have at most two decimals (fen)');
      c.recoveredMoney = (cents / 100).toFixed(2);
      await em.flush();
      return { clue: c };
    }, { clue: null });
  }
}
