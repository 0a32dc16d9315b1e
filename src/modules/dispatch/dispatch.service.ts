import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { keyOf, tryKeyOf } from '../../common/relay';
import { ErrorCode, UserInputError, conflict, forbidden, invalid, missing } from '../../common/errors';
import { checkVersion, runMutation } from '../../common/mutation';
import { ADMIN_ROLES, Role } from '../../authz/roles';
import type { Viewer } from '../../authz/viewer';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { Official } from '../officials/official.entity';
import { OfficialRank } from '../officials/official.enums';
import { OfficialService } from '../officials/official.service';
import { DispatchItem, DispatchItemReport, DispatchList } from './dispatch.entity';
import { DispatchKind, DispatchStatus } from './dispatch.enums';
import { DISPATCH_ISSUER_ROLES, DISPATCH_ROW_ROLES, DISPATCH_SUPERVISOR_ROLES } from './dispatch.rules';
import type {
  DispatchItemPayload,
  DispatchItemReportInput,
  DispatchItemReportPayload,
  DispatchListAddItemInput,
  DispatchListCloseInput,
  DispatchListCreateInput,
  DispatchListFilter,
  DispatchListIssueInput,
  DispatchListPayload,
  DispatchListUpdateItemInput,
  DispatchListViewerCan,
} from './dispatch.types';

/** Days before an item's deadline from which a reminder is due. */
export const DISPATCH_REMINDER_DAYS = 5;
/** An item's deadline may fall at most this many days after the end of its list's quarter. */
export const DISPATCH_DEADLINE_GRACE_DAYS = 15;

/** A `date` column as YYYY-MM-DD, whether the driver gave a string or a Date. */
const dateOf = (v: string | Date): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** First day of a quarter. */
export function quarterStart(year: number, quarter: number): string {
  return `${year}-${pad2(3 * quarter - 2)}-01`;
}

/** Last day of a quarter. */
export function quarterEnd(year: number, quarter: number): string {
  return new Date(Date.UTC(year, 3 * quarter, 0)).toISOString().slice(0, 10);
}

/** The latest deadline an item of a list for this quarter may have. */
export function lastDeadline(year: number, quarter: number): string {
  return addDays(quarterEnd(year, quarter), DISPATCH_DEADLINE_GRACE_DAYS);
}

/** The quarter (1-4) a date falls in. */
export const quarterOf = (date: string): number => Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;

/** Ranks of a leadership team (班子成员); principals and officials in charge of units count too. */
const LEADERSHIP_RANKS: readonly OfficialRank[] = [OfficialRank.COUNTY_PRINCIPAL, OfficialRank.COUNTY_DEPUTY, OfficialRank.SECTION_PRINCIPAL, OfficialRank.SECTION_DEPUTY];

const forbiddenWrite = (field: string, message: string) => new UserInputError(ErrorCode.FORBIDDEN, message, ['input', field]);

/** 主体责任派单: scoped reads, the list lifecycle and the leader's fulfilment reports. */
export class DispatchService {
  /**
   * The official the caller is, when that may make it the leader of a list. The three
   * administrators see no supervision records (三员分立), whatever official they are.
   */
  static leaderOfficialId(viewer: Viewer): number | null {
    const id = viewer.account?.officialId ?? null;
    return id !== null && !viewer.holdsAny(ADMIN_ROLES) ? id : null;
  }

  /** Whether the caller could see any list at all: a role that shows lists, or an official to be issued lists to. */
  static canSeeAny(viewer: Viewer): boolean {
    return viewer.holdsAny(DISPATCH_ROW_ROLES) || DispatchService.leaderOfficialId(viewer) !== null;
  }

  /** The SQL predicate of the lists the caller may see (see dispatch.rules.ts). */
  static scope(ctx: RequestContext): FilterQuery<DispatchList> {
    const v = ctx.viewer;
    const ors: Record<string, unknown>[] = [];
    if (v.holdsAny(DISPATCH_ISSUER_ROLES)) ors.push(v.pathFilter(DISPATCH_ISSUER_ROLES, 'issuerPath'));
    if (v.holdsAny(DISPATCH_SUPERVISOR_ROLES)) ors.push(v.pathFilter(DISPATCH_SUPERVISOR_ROLES, 'unitPath'));
    const leader = DispatchService.leaderOfficialId(v);
    if (leader !== null) ors.push({ leader, status: { $ne: DispatchStatus.DRAFT } });
    if (!ors.length) return { id: { $in: [] } };
    return (ors.length === 1 ? ors[0] : { $or: ors }) as FilterQuery<DispatchList>;
  }

  static isIssuer(viewer: Viewer, l: DispatchList): boolean {
    return viewer.reaches(DISPATCH_ISSUER_ROLES, l.issuerPath);
  }

  static isLeader(viewer: Viewer, l: DispatchList): boolean {
    const id = DispatchService.leaderOfficialId(viewer);
    return id !== null && id === l.leader.id && l.status !== DispatchStatus.DRAFT;
  }

  static visible(viewer: Viewer, l: DispatchList): boolean {
    return DispatchService.isIssuer(viewer, l) || viewer.reaches(DISPATCH_SUPERVISOR_ROLES, l.unitPath) || DispatchService.isLeader(viewer, l);
  }

  static async findVisible(ctx: RequestContext, id: number): Promise<DispatchList | null> {
    const l = await ctx.loaders.load(DispatchList, id);
    return l && DispatchService.visible(ctx.viewer, l) ? l : null;
  }

  static async findVisibleItem(ctx: RequestContext, id: number): Promise<DispatchItem | null> {
    const i = await ctx.loaders.load(DispatchItem, id);
    return i && (await DispatchService.findVisible(ctx, i.list.id)) ? i : null;
  }

  static async findVisibleReport(ctx: RequestContext, id: number): Promise<DispatchItemReport | null> {
    const r = await ctx.loaders.load(DispatchItemReport, id);
    return r && (await DispatchService.findVisible(ctx, r.list.id)) ? r : null;
  }

  private static async filterConds(ctx: RequestContext, filter: DispatchListFilter | null | undefined): Promise<FilterQuery<DispatchList>[]> {
    const conds: FilterQuery<DispatchList>[] = [];
    if (filter?.year != null) conds.push({ year: filter.year });
    if (filter?.quarter != null) conds.push({ quarter: filter.quarter });
    if (filter?.leader) conds.push({ leader: keyOf(filter.leader, Official.typename, 'filter.leader') });
    if (filter?.issuerUnit) conds.push({ issuerUnit: keyOf(filter.issuerUnit, Unit.typename, 'filter.issuerUnit') });
    if (filter?.unitSubtree) {
      const root = await ctx.loaders.row(Unit, keyOf(filter.unitSubtree, Unit.typename, 'filter.unitSubtree'));
      // an unknown root gives an empty list, not an error; the scope predicate still applies
      conds.push(root ? { unitPath: { $like: `${root.path}%` } } : { id: { $in: [] } });
    }
    if (filter?.status != null) conds.push({ status: filter.status });
    if (filter?.kind != null) conds.push({ kind: filter.kind });
    return conds;
  }

  /** The root list: FORBIDDEN for an account that can never see a list (no existence of rows is revealed by it). */
  static async list(ctx: RequestContext, filter: DispatchListFilter | null | undefined, args: ConnectionArgs) {
    if (!DispatchService.canSeeAny(ctx.viewer)) throw forbidden('You may not read dispatch lists');
    const conds = [DispatchService.scope(ctx), ...(await DispatchService.filterConds(ctx, filter))];
    return paginate(ctx.em, DispatchList, { $and: conds } as FilterQuery<DispatchList>, args);
  }

  /** Lists issued to the official linked to the caller's account (empty for an account linked to none). */
  static async mine(ctx: RequestContext, filter: DispatchListFilter | null | undefined, args: ConnectionArgs) {
    const leader = DispatchService.leaderOfficialId(ctx.viewer);
    const mineCond: FilterQuery<DispatchList> = leader === null ? { id: { $in: [] } } : { leader, status: { $ne: DispatchStatus.DRAFT } };
    const conds = [mineCond, ...(await DispatchService.filterConds(ctx, filter))];
    return paginate(ctx.em, DispatchList, { $and: conds } as FilterQuery<DispatchList>, args);
  }

  /** An official's lists, as far as the caller may see them. */
  static async ofOfficial(ctx: RequestContext, official: Official, filter: DispatchListFilter | null | undefined, args: ConnectionArgs) {
    const conds = [DispatchService.scope(ctx), { leader: official.id }, ...(await DispatchService.filterConds(ctx, filter))];
    return paginate(ctx.em, DispatchList, { $and: conds } as FilterQuery<DispatchList>, args);
  }

  /** A list's items in order, one statement for every list of the response (the lists are already visible). */
  static items(ctx: RequestContext, l: DispatchList): Promise<DispatchItem[]> {
    return ctx.loaders
      .custom<number, DispatchItem[]>('dispatchItems', async (ids) => {
        const rows = await ctx.em.find(DispatchItem, { list: { $in: [...ids] } }, { orderBy: { position: 'asc', id: 'asc' } });
        const by = new Map<number, DispatchItem[]>(ids.map((id) => [id, []]));
        for (const r of rows) by.get(r.list.id)?.push(r);
        return ids.map((id) => by.get(id)!);
      })
      .load(l.id);
  }

  static async itemDone(ctx: RequestContext, i: DispatchItem): Promise<boolean> {
    return (await DispatchService.reportOf(ctx, i))?.done ?? false;
  }

  /** Overdue: the list was issued, the deadline has passed and the item was not reported done. */
  static async itemOverdue(ctx: RequestContext, i: DispatchItem): Promise<boolean> {
    const l = (await ctx.loaders.load(DispatchList, i.list.id))!;
    if (l.status === DispatchStatus.DRAFT) return false;
    return dateOf(i.deadline) < ctx.today && !(await DispatchService.itemDone(ctx, i));
  }

  /** Reminder due: the list is ISSUED, the deadline is today or within the next 5 days, and the item is not done. */
  static async itemReminderDue(ctx: RequestContext, i: DispatchItem): Promise<boolean> {
    const l = (await ctx.loaders.load(DispatchList, i.list.id))!;
    if (l.status !== DispatchStatus.ISSUED) return false;
    const deadline = dateOf(i.deadline);
    if (deadline < ctx.today || deadline > addDays(ctx.today, DISPATCH_REMINDER_DAYS)) return false;
    return !(await DispatchService.itemDone(ctx, i));
  }

  static itemEntryLocked(ctx: RequestContext, i: DispatchItem): boolean {
    return ctx.today > dateOf(i.deadline);
  }

  /** Whether the issuer may close the list today: ISSUED, the quarter over and every item's deadline past. */
  static async closable(ctx: RequestContext, l: DispatchList): Promise<boolean> {
    if (l.status !== DispatchStatus.ISSUED || ctx.today <= quarterEnd(l.year, l.quarter)) return false;
    const items = await DispatchService.items(ctx, l);
    return items.every((i) => dateOf(i.deadline) < ctx.today);
  }

  static async viewerCan(ctx: RequestContext, l: DispatchList): Promise<DispatchListViewerCan> {
    const issuer = DispatchService.isIssuer(ctx.viewer, l);
    const draft = l.status === DispatchStatus.DRAFT;
    return {
      editItems: issuer && draft,
      issue: issuer && draft,
      close: issuer && (await DispatchService.closable(ctx, l)),
      report: l.status === DispatchStatus.ISSUED && DispatchService.isLeader(ctx.viewer, l),
    };
  }

  // ---- mutations ----

  /** A list named in an input and visible to the caller; otherwise a NOT_FOUND user error (no existence leak). */
  private static async loadList(ctx: RequestContext, em: EntityManager, globalId: string, field: string): Promise<DispatchList> {
    const id = tryKeyOf(globalId, DispatchList.typename);
    if (id === null) throw invalid(field, `"${field}" is not a valid DispatchList id`);
    const l = await em.findOne(DispatchList, { id });
    if (!l || !DispatchService.visible(ctx.viewer, l)) throw missing(field, 'No dispatch list with this id in your scope');
    return l;
  }

  private static async loadItem(ctx: RequestContext, em: EntityManager, globalId: string, field: string): Promise<{ item: DispatchItem; list: DispatchList }> {
    const id = tryKeyOf(globalId, DispatchItem.typename);
    if (id === null) throw invalid(field, `"${field}" is not a valid DispatchItem id`);
    const item = await em.findOne(DispatchItem, { id });
    const list = item ? await em.findOne(DispatchList, { id: item.list.id }) : null;
    if (!item || !list || !DispatchService.visible(ctx.viewer, list)) throw missing(field, 'No dispatch item with this id in your scope');
    return { item, list };
  }

  /** Readers of a list who did not issue it know it exists: FORBIDDEN, not NOT_FOUND. */
  private static requireIssuer(ctx: RequestContext, l: DispatchList, field: string): void {
    if (!DispatchService.isIssuer(ctx.viewer, l)) throw forbiddenWrite(field, 'Only the issuing party committee may change this dispatch list');
  }

  private static requireDraft(l: DispatchList, what: string): void {
    if (l.status !== DispatchStatus.DRAFT) throw conflict(`${what} only while the list is DRAFT; it is ${l.status}`);
  }

  private static checkDeadline(ctx: RequestContext, l: DispatchList, deadline: string): void {
    const from = quarterStart(l.year, l.quarter);
    const to = lastDeadline(l.year, l.quarter);
    if (deadline < from || deadline > to) {
      throw invalid('deadline', `The deadline must fall inside Q${l.quarter} ${l.year} or at most ${DISPATCH_DEADLINE_GRACE_DAYS} days after it (${from} to ${to}); ${deadline} does not`);
    }
    if (deadline < ctx.today) throw invalid('deadline', `The deadline must not be before today (${ctx.today})`);
  }

  /** 班子成员 or 一把手: a principal, an official of a leadership rank, or one in charge of units. */
  private static async isLeadership(em: EntityManager, o: Official): Promise<boolean> {
    if (o.isPrincipal || LEADERSHIP_RANKS.includes(o.rank)) return true;
    const rows = await em.execute<{ n: number }[]>('select count(*)::int as n from official_in_charge_unit where official_id = ?', [o.id]);
    return rows[0].n > 0;
  }

  /** The unit of the caller's party-committee grant nearest above (or at) the leader's unit. */
  private static async defaultIssuer(ctx: RequestContext, em: EntityManager, leader: Official): Promise<Unit> {
    const above = ctx.viewer
      .grantsOf(Role.PARTY_COMMITTEE)
      .filter((g) => g.unitId != null && g.paths.some((p) => leader.unitPath.startsWith(p)))
      .sort((a, b) => Math.max(...b.paths.map((p) => p.length)) - Math.max(...a.paths.map((p) => p.length)));
    if (!above.length) throw missing('leader', 'No official with this id in your scope');
    return em.findOneOrFail(Unit, { id: above[0].unitId! });
  }

  static create(ctx: RequestContext, input: DispatchListCreateInput): Promise<DispatchListPayload> {
    return runMutation<DispatchListPayload>(ctx, input, async (em) => {
      const leader = await OfficialService.requireInReach(ctx, em, input.leader, 'leader', DISPATCH_ISSUER_ROLES);
      let issuer: Unit;
      if (input.issuerUnit != null) {
        issuer = await UnitService.requireInReach(ctx, em, input.issuerUnit, 'issuerUnit', DISPATCH_ISSUER_ROLES);
        // a leader outside the issuing unit's subtree does not exist for this issuer
        if (!leader.unitPath.startsWith(issuer.path)) throw missing('leader', 'No official with this id below the issuing unit');
      } else {
        issuer = await DispatchService.defaultIssuer(ctx, em, leader);
      }
      if (!(await DispatchService.isLeadership(em, leader))) {
        throw invalid('leader', 'A dispatch list is issued to a principal (一把手) or a leadership-team member (班子成员); this official is neither');
      }
      if (ctx.today > lastDeadline(input.year, input.quarter)) {
        throw invalid('quarter', `Q${input.quarter} ${input.year} is over: no item could have a deadline in it any more`);
      }
      if (input.kind === DispatchKind.REGULAR && (await em.count(DispatchList, { leader: leader.id, year: input.year, quarter: input.quarter, kind: DispatchKind.REGULAR }))) {
        throw conflict(`This leader already has a regular list for Q${input.quarter} ${input.year}; issue an ADDITIONAL list instead`, ['input', 'kind']);
      }
      const list = em.create(DispatchList, {
        year: input.year,
        quarter: input.quarter,
        kind: input.kind,
        title: input.title.trim(),
        issuerUnit: issuer,
        issuerPath: issuer.path,
        leader,
        unit: leader.unit,
        unitPath: leader.unitPath,
        status: DispatchStatus.DRAFT,
      } as never);
      await em.flush();
      return { list };
    }, { list: null });
  }

  static addItem(ctx: RequestContext, input: DispatchListAddItemInput): Promise<DispatchItemPayload> {
    return runMutation<DispatchItemPayload>(ctx, input, async (em) => {
      const list = await DispatchService.loadList(ctx, em, input.list, 'list');
      DispatchService.requireIssuer(ctx, list, 'list');
      DispatchService.requireDraft(list, 'Items can be added');
      DispatchService.checkDeadline(ctx, list, input.deadline);
      const rows = await em.execute<{ n: number }[]>('select coalesce(max(position), 0)::int as n from dispatch_item where list_id = ?', [list.id]);
      const item = em.create(DispatchItem, {
        list,
        leaderId: list.leader.id,
        unitPath: list.unitPath,
        issuerPath: list.issuerPath,
        position: rows[0].n + 1,
        task: input.task.trim(),
        measures: input.measures.trim(),
        deadline: input.deadline,
      } as never);
      await em.flush();
      return { item };
    }, { item: null });
  }

  static updateItem(ctx: RequestContext, input: DispatchListUpdateItemInput): Promise<DispatchItemPayload> {
    return runMutation<DispatchItemPayload>(ctx, input, async (em) => {
      const { item, list } = await DispatchService.loadItem(ctx, em, input.id, 'id');
      DispatchService.requireIssuer(ctx, list, 'id');
      checkVersion(item, input.version, 'The item');
      DispatchService.requireDraft(list, 'Items can be edited');
      if (input.deadline != null) {
        DispatchService.checkDeadline(ctx, list, input.deadline);
        item.deadline = input.deadline;
      }
      if (input.task != null) item.task = input.task.trim();
      if (input.measures != null) item.measures = input.measures.trim();
      if (input.order != null && input.order !== item.position) {
        const all = await em.find(DispatchItem, { list: list.id }, { orderBy: { position: 'asc', id: 'asc' } });
        if (input.order > all.length) throw invalid('order', `order must be between 1 and ${all.length}, the number of items`);
        const others = all.filter((i) => i.id !== item.id);
        others.splice(input.order - 1, 0, item);
        others.forEach((i, k) => {
          if (i.position !== k + 1) i.position = k + 1;
        });
      }
      await em.flush();
      return { item };
    }, { item: null });
  }

  static issue(ctx: RequestContext, input: DispatchListIssueInput): Promise<DispatchListPayload> {
    return runMutation<DispatchListPayload>(ctx, input, async (em) => {
      const list = await DispatchService.loadList(ctx, em, input.id, 'id');
      DispatchService.requireIssuer(ctx, list, 'id');
      checkVersion(list, input.version, 'The list');
      DispatchService.requireDraft(list, 'A list can be issued');
      const items = await em.find(DispatchItem, { list: list.id }, { orderBy: { deadline: 'asc' } });
      if (!items.length) throw conflict('The list has no items; add at least one before issuing it');
      const issuedDate = input.issuedDate ?? ctx.today;
      if (issuedDate > ctx.today) throw invalid('issuedDate', 'The date issued must not be in the future');
      const earliest = dateOf(items[0].deadline);
      if (earliest < issuedDate) throw conflict(`An item's deadline (${earliest}) is before the date issued (${issuedDate}); edit it first`);
      list.status = DispatchStatus.ISSUED;
      list.issuedDate = issuedDate;
      await em.flush();
      return { list };
    }, { list: null });
  }

  static close(ctx: RequestContext, input: DispatchListCloseInput): Promise<DispatchListPayload> {
    return runMutation<DispatchListPayload>(ctx, input, async (em) => {
      const list = await DispatchService.loadList(ctx, em, input.id, 'id');
      DispatchService.requireIssuer(ctx, list, 'id');
      checkVersion(list, input.version, 'The list');
      if (list.status !== DispatchStatus.ISSUED) throw conflict(`Only an ISSUED list can be closed; this one is ${list.status}`);
      const end = quarterEnd(list.year, list.quarter);
      if (ctx.today <= end) throw conflict(`A list is closed after its quarter; Q${list.quarter} ${list.year} ends on ${end}`);
      const rows = await em.execute<{ d: string | Date | null }[]>('select max(deadline) as d from dispatch_item where list_id = ?', [list.id]);
      const latest = rows[0].d ? dateOf(rows[0].d) : null;
      // closing never cuts a leader's reporting window short
      if (latest && ctx.today <= latest) throw conflict(`An item's deadline (${latest}) has not passed yet; the list can be closed after it`);
      list.status = DispatchStatus.CLOSED;
      list.closedDate = ctx.today;
      await em.flush();
      return { list };
    }, { list: null });
  }

  /** An item's report, batched (the item is already visible). */
  static reportOf(ctx: RequestContext, i: DispatchItem): Promise<DispatchItemReport | null> {
    return ctx.loaders
      .custom<number, DispatchItemReport | null>('dispatchItemReports', async (ids) => {
        const rows = await ctx.em.find(DispatchItemReport, { item: { $in: [...ids] } });
        const by = new Map(rows.map((r) => [r.item.id, r]));
        return ids.map((id) => by.get(id) ?? null);
      })
      .load(i.id);
  }

  static fileReport(ctx: RequestContext, input: DispatchItemReportInput): Promise<DispatchItemReportPayload> {
    return runMutation<DispatchItemReportPayload>(ctx, input, async (em) => {
      const { item, list } = await DispatchService.loadItem(ctx, em, input.item, 'item');
      if (!DispatchService.isLeader(ctx.viewer, list)) throw forbiddenWrite('item', 'Only the leader the list is issued to may report on its items');
      if (list.status !== DispatchStatus.ISSUED) throw conflict(`Reports are filed only while the list is ISSUED; it is ${list.status}`);
      const deadline = dateOf(item.deadline);
      if (ctx.today > deadline) throw conflict(`Entry is locked: the item's deadline (${deadline}) has passed`, ['input', 'item']);
      if (input.done && input.percent != null && input.percent !== 100) throw invalid('percent', 'A done item is 100 percent complete; leave percent out or send 100');
      const done = input.done || input.percent === 100;
      const percent = done ? 100 : (input.percent ?? null);
      let report = await em.findOne(DispatchItemReport, { item: item.id });
      if (report) {
        if (input.version == null) throw conflict('The item already has a report; send its version to revise it', ['input', 'version']);
        checkVersion(report, input.version, 'The report');
      } else {
        report = em.create(DispatchItemReport, {
          item,
          list,
          leaderId: list.leader.id,
          unitPath: list.unitPath,
          issuerPath: list.issuerPath,
        } as never);
      }
      report.content = input.text.trim();
      report.percent = percent;
      report.done = done;
      report.reportedDate = ctx.today;
      await em.flush();
      return { report };
    }, { report: null });
  }
}
