import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { keyOf, tryKeyOf } from '../../common/relay';
import { ErrorCode, UserInputError, conflict, invalid, missing } from '../../common/errors';
import { checkVersion, runMutation } from '../../common/mutation';
import { Role } from '../../authz/roles';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { ProblemClue } from '../clues/clue.entity';
import { ClueSource } from '../clues/clue.enums';
import { ClueService } from '../clues/clue.service';
import { Rectification } from '../rectifications/rectification.entity';
import { RectificationService } from '../rectifications/rectification.service';
import { InspectionFinding, InspectionGroupMember, InspectionMonthlyReport, InspectionTour, InspectionTourUnit, ProblemCategory, ProblemItem } from './inspection.entity';
import { InspectionTourStatus } from './inspection.enums';
import {
  FINDING_DESCRIPTION_ACCESS,
  FINDING_ROW_ROLES,
  FINDING_WRITERS,
  PROBLEM_LIST_READERS,
  REPORT_UNIT_ROLES,
  REPORT_WRITERS,
  TOUR_MANAGERS,
  TOUR_ORGANIZER_ROLES,
  TOUR_UNIT_ROLES,
} from './inspection.rules';
import {
  InspectionGroupMemberView,
  type InspectionFindingFilter,
  type InspectionFindingHandOverInput,
  type InspectionFindingPayload,
  type InspectionFindingRecordInput,
  type InspectionFindingViewerCan,
  type InspectionReportFileInput,
  type InspectionReportFilePayload,
  type InspectionTourAddUnitInput,
  type InspectionTourCreateInput,
  type InspectionTourFilter,
  type InspectionTourPayload,
  type InspectionTourUpdateInput,
  type InspectionTourViewerCan,
} from './inspection.types';

const IG = Role.INSPECTION_GROUP;

const forbiddenWrite = (field: string, message: string) => new UserInputError(ErrorCode.FORBIDDEN, message, ['input', field]);

/** Which grants make a tour visible: roles reaching one of its units, roles reaching its organiser, its own group. */
interface TourReach {
  unitRoles: readonly Role[];
  organizerRoles: readonly Role[];
  group: boolean;
}
const TOUR_READ: TourReach = { unitRoles: TOUR_UNIT_ROLES, organizerRoles: TOUR_ORGANIZER_ROLES, group: true };
const REPORT_READ: TourReach = { unitRoles: REPORT_UNIT_ROLES, organizerRoles: TOUR_ORGANIZER_ROLES, group: true };
const COMMISSION: TourReach = { unitRoles: REPORT_WRITERS, organizerRoles: REPORT_WRITERS, group: false };

/** Per-request memo of scope predicates (the viewer's grants do not change within a request). */
const memo = new WeakMap<RequestContext, Map<string, Promise<unknown>>>();
function memoized<T>(ctx: RequestContext, key: string, compute: () => Promise<T>): Promise<T> {
  let m = memo.get(ctx);
  if (!m) memo.set(ctx, (m = new Map()));
  if (!m.has(key)) m.set(key, compute());
  return m.get(key) as Promise<T>;
}

const monthOf = (date: string) => date.slice(0, 7);
const nothing = { id: { $in: [] } };

/** Inspection tours (巡察), their findings and monthly reports, and the common-problem list. */
export class InspectionService {
  // ---- reach ----

  /** The tours the viewer's INSPECTION_GROUP grants are bound to that run today (its reach is empty otherwise). */
  static runningGroupTourIds(ctx: RequestContext, em: EntityManager = ctx.em): Promise<number[]> {
    const ids = [...new Set(ctx.viewer.grantsOf(IG).map((g) => g.tourId).filter((id): id is number => id != null))];
    if (!ids.length) return Promise.resolve([]);
    const load = async () =>
      (await em.find(InspectionTour, { id: { $in: ids }, startDate: { $lte: ctx.today }, endDate: { $gte: ctx.today } }, { fields: ['id'] })).map((t) => t.id);
    return em === ctx.em ? memoized(ctx, 'runningGroupTours', load) : load();
  }

  /** The SQL predicate on tours for one kind of reach. */
  static tourScope(ctx: RequestContext, reach: TourReach = TOUR_READ): Promise<FilterQuery<InspectionTour>> {
    const key = `tourScope:${reach.unitRoles.join(',')}|${reach.organizerRoles.join(',')}|${reach.group}`;
    return memoized(ctx, key, async () => {
      const ors: Record<string, unknown>[] = [];
      if (ctx.viewer.holdsAny(reach.organizerRoles)) ors.push(ctx.viewer.pathFilter(reach.organizerRoles, 'unitPath'));
      if (ctx.viewer.holdsAny(reach.unitRoles)) {
        const links = await ctx.em.find(InspectionTourUnit, ctx.viewer.pathFilter(reach.unitRoles, 'unitPath') as FilterQuery<InspectionTourUnit>, { fields: ['tour'] });
        const ids = [...new Set(links.map((l) => l.tour.id))];
        if (ids.length) ors.push({ id: { $in: ids } });
      }
      if (reach.group) {
        const ids = await InspectionService.runningGroupTourIds(ctx);
        if (ids.length) ors.push({ id: { $in: ids } });
      }
      if (ors.length === 0) return nothing as FilterQuery<InspectionTour>;
      return (ors.length === 1 ? ors[0] : { $or: ors }) as FilterQuery<InspectionTour>;
    });
  }

  /** The unit paths a tour inspects, batched per request. */
  static tourUnitLinks(ctx: RequestContext, tourId: number): Promise<InspectionTourUnit[]> {
    return ctx.loaders
      .custom<number, InspectionTourUnit[]>('inspectionTourUnits', async (ids) => {
        const rows = await ctx.em.find(InspectionTourUnit, { tour: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
        return ids.map((id) => rows.filter((r) => r.tour.id === id));
      })
      .load(tourId);
  }

  /** Whether a tour is visible with one kind of reach (the in-memory twin of tourScope). */
  static async tourReached(ctx: RequestContext, tour: InspectionTour, reach: TourReach = TOUR_READ, em?: EntityManager): Promise<boolean> {
    const v = ctx.viewer;
    if (v.reaches(reach.organizerRoles, tour.unitPath)) return true;
    if (reach.group && v.grantsOf(IG).some((g) => g.tourId === tour.id) && tour.runningOn(ctx.today)) return true;
    if (!v.holdsAny(reach.unitRoles)) return false;
    const links = em ? await em.find(InspectionTourUnit, { tour: tour.id }) : await InspectionService.tourUnitLinks(ctx, tour.id);
    return links.some((l) => v.reaches(reach.unitRoles, l.unitPath));
  }

  /** The tour's own inspection group, while it runs. */
  static isOwnGroup(ctx: RequestContext, tour: InspectionTour): boolean {
    return tour.runningOn(ctx.today) && ctx.viewer.grantsOf(IG).some((g) => g.tourId === tour.id);
  }

  static async findVisibleTour(ctx: RequestContext, id: number): Promise<InspectionTour | null> {
    const t = await ctx.loaders.load(InspectionTour, id);
    return t && (await InspectionService.tourReached(ctx, t)) ? t : null;
  }

  /** Findings: by the unit they are about, and for an inspection group those of its own running tour. */
  static findingScope(ctx: RequestContext): Promise<FilterQuery<InspectionFinding>> {
    return memoized(ctx, 'findingScope', async () => {
      const ors: Record<string, unknown>[] = [];
      if (ctx.viewer.holdsAny(FINDING_ROW_ROLES)) ors.push(ctx.viewer.pathFilter(FINDING_ROW_ROLES, 'unitPath'));
      const own = await InspectionService.runningGroupTourIds(ctx);
      if (own.length) ors.push({ tour: { $in: own } });
      if (ors.length === 0) return nothing as FilterQuery<InspectionFinding>;
      return (ors.length === 1 ? ors[0] : { $or: ors }) as FilterQuery<InspectionFinding>;
    });
  }

  static async findingReached(ctx: RequestContext, f: InspectionFinding, em?: EntityManager): Promise<boolean> {
    if (ctx.viewer.reaches(FINDING_ROW_ROLES, f.unitPath)) return true;
    return (await InspectionService.runningGroupTourIds(ctx, em)).includes(f.tour.id);
  }

  static async findVisibleFinding(ctx: RequestContext, id: number): Promise<InspectionFinding | null> {
    const f = await ctx.loaders.load(InspectionFinding, id);
    return f && (await InspectionService.findingReached(ctx, f)) ? f : null;
  }

  static async findVisibleReport(ctx: RequestContext, id: number): Promise<InspectionMonthlyReport | null> {
    const r = await ctx.loaders.load(InspectionMonthlyReport, id);
    if (!r) return null;
    const tour = await ctx.loaders.load(InspectionTour, r.tour.id);
    return tour && (await InspectionService.tourReached(ctx, tour, REPORT_READ)) ? r : null;
  }

  static readsProblemList(ctx: RequestContext): boolean {
    return ctx.viewer.holdsAny(PROBLEM_LIST_READERS);
  }

  static async findVisibleCategory(ctx: RequestContext, id: number): Promise<ProblemCategory | null> {
    return InspectionService.readsProblemList(ctx) ? ctx.loaders.load(ProblemCategory, id) : null;
  }

  static async findVisibleItem(ctx: RequestContext, id: number): Promise<ProblemItem | null> {
    return InspectionService.readsProblemList(ctx) ? ctx.loaders.load(ProblemItem, id) : null;
  }

  // ---- reads ----

  /** SQL twin of InspectionTour.statusOn(today). */
  static statusWhere(status: InspectionTourStatus, today: string): FilterQuery<InspectionTour> {
    switch (status) {
      case InspectionTourStatus.PLANNED:
        return { startDate: { $gt: today } };
      case InspectionTourStatus.FINISHED:
        return { endDate: { $lt: today } };
      case InspectionTourStatus.IN_PROGRESS:
        return { startDate: { $lte: today }, endDate: { $gte: today } };
    }
  }

  static async listTours(ctx: RequestContext, filter: InspectionTourFilter | null | undefined, args: ConnectionArgs) {
    const conds: FilterQuery<InspectionTour>[] = [await InspectionService.tourScope(ctx)];
    if (filter?.status) conds.push(InspectionService.statusWhere(filter.status, ctx.today));
    if (filter?.activeOn) conds.push({ startDate: { $lte: filter.activeOn }, endDate: { $gte: filter.activeOn } });
    if (filter?.unitSubtree) {
      const root = await ctx.loaders.row(Unit, keyOf(filter.unitSubtree, Unit.typename, 'filter.unitSubtree'));
      // an unknown root gives an empty list, not an error: no existence leak
      if (!root) conds.push(nothing);
      else {
        const links = await ctx.em.find(InspectionTourUnit, { unitPath: { $like: `${root.path}%` } }, { fields: ['tour'] });
        conds.push({ id: { $in: [...new Set(links.map((l) => l.tour.id))] } });
      }
    }
    return paginate(ctx.em, InspectionTour, { $and: conds } as FilterQuery<InspectionTour>, args);
  }

  static async listFindings(ctx: RequestContext, filter: InspectionFindingFilter | null | undefined, args: ConnectionArgs, of?: InspectionTour) {
    const conds: FilterQuery<InspectionFinding>[] = [await InspectionService.findingScope(ctx)];
    if (of) conds.push({ tour: of.id });
    if (filter?.tour) conds.push({ tour: keyOf(filter.tour, InspectionTour.typename, 'filter.tour') });
    if (filter?.unit) conds.push({ unit: keyOf(filter.unit, Unit.typename, 'filter.unit') });
    if (filter?.category) conds.push({ item: { category: keyOf(filter.category, ProblemCategory.typename, 'filter.category') } });
    if (filter?.severity) conds.push({ severity: filter.severity });
    if (filter?.handedOver != null) conds.push({ handedOverOn: filter.handedOver ? { $ne: null } : null });
    return paginate(ctx.em, InspectionFinding, { $and: conds } as FilterQuery<InspectionFinding>, args);
  }

  /** A tour's monthly reports: for the tour's readers except the inspected units. */
  static async listReports(ctx: RequestContext, tour: InspectionTour, args: ConnectionArgs) {
    const visible = await InspectionService.tourReached(ctx, tour, REPORT_READ);
    return paginate(ctx.em, InspectionMonthlyReport, (visible ? { tour: tour.id } : nothing) as FilterQuery<InspectionMonthlyReport>, args);
  }

  static async units(ctx: RequestContext, tour: InspectionTour): Promise<Unit[]> {
    const links = await InspectionService.tourUnitLinks(ctx, tour.id);
    const units = await Promise.all(links.map((l) => UnitService.findVisible(ctx, l.unit.id)));
    return units.filter((u): u is Unit => u !== null);
  }

  static members(ctx: RequestContext, tour: InspectionTour): Promise<InspectionGroupMemberView[]> {
    return ctx.loaders
      .custom<number, InspectionGroupMemberView[]>('inspectionGroupMembers', async (ids) => {
        const rows = await ctx.em.execute<{ tour_id: number; official_id: number; is_leader: boolean; name: string; post: string }[]>(
          `select m.tour_id, m.official_id, m.is_leader, o.name, o.post
             from inspection_group_member m join official o on o.id = m.official_id
            where m.tour_id in (?) order by m.is_leader desc, m.id`,
          [[...ids]],
        );
        return ids.map((id) =>
          rows
            .filter((r) => r.tour_id === id)
            .map((r) => Object.assign(new InspectionGroupMemberView(), { officialId: r.official_id, name: r.name, post: r.post, isLeader: r.is_leader })),
        );
      })
      .load(tour.id);
  }

  static async problemCategories(ctx: RequestContext): Promise<ProblemCategory[]> {
    return ctx.em.find(ProblemCategory, {}, { orderBy: { sortOrder: 'asc', id: 'asc' } });
  }

  static categoryItems(ctx: RequestContext, c: ProblemCategory): Promise<ProblemItem[]> {
    return ctx.loaders
      .custom<number, ProblemItem[]>('problemCategoryItems', async (ids) => {
        const rows = await ctx.em.find(ProblemItem, { category: { $in: [...ids] } }, { orderBy: { sortOrder: 'asc', id: 'asc' } });
        return ids.map((id) => rows.filter((r) => r.category.id === id));
      })
      .load(c.id);
  }

  static async tourViewerCan(ctx: RequestContext, tour: InspectionTour): Promise<InspectionTourViewerCan> {
    const status = tour.statusOn(ctx.today);
    const manager = ctx.viewer.reaches(TOUR_MANAGERS, tour.unitPath) && status !== InspectionTourStatus.FINISHED;
    const started = status !== InspectionTourStatus.PLANNED;
    const own = InspectionService.isOwnGroup(ctx, tour);
    const links = await InspectionService.tourUnitLinks(ctx, tour.id);
    const commissionOnUnits = links.some((l) => ctx.viewer.reaches(FINDING_WRITERS, l.unitPath));
    return {
      update: manager,
      addUnit: manager,
      recordFinding: started && links.length > 0 && (own || commissionOnUnits),
      fileReport: started && (own || (await InspectionService.tourReached(ctx, tour, COMMISSION))),
    };
  }

  static async findingViewerCan(ctx: RequestContext, f: InspectionFinding): Promise<InspectionFindingViewerCan> {
    const tour = (await ctx.loaders.load(InspectionTour, f.tour.id))!;
    return {
      readDescription: ctx.viewer.levelAt(f.unitPath, FINDING_DESCRIPTION_ACCESS) !== null,
      handOver: !f.handedOverOn && InspectionService.canWriteFinding(ctx, tour, f.unitPath),
    };
  }

  /** Findings are written by the discipline commission in reach of the unit, or by the tour's own group while it runs. */
  static canWriteFinding(ctx: RequestContext, tour: InspectionTour, unitPath: string): boolean {
    return ctx.viewer.reaches(FINDING_WRITERS, unitPath) || InspectionService.isOwnGroup(ctx, tour);
  }

  // ---- mutations ----

  private static async loadTour(ctx: RequestContext, em: EntityManager, globalId: string, field: string): Promise<InspectionTour> {
    const id = tryKeyOf(globalId, InspectionTour.typename);
    if (id === null) throw invalid(field, `"${field}" is not a valid InspectionTour id`);
    const tour = await em.findOne(InspectionTour, { id });
    if (!tour || !(await InspectionService.tourReached(ctx, tour, TOUR_READ, em))) throw missing(field, 'No inspection tour with this id in your scope');
    return tour;
  }

  /** Readers of a tour who do not manage it know it exists: FORBIDDEN, not NOT_FOUND. */
  private static requireManager(ctx: RequestContext, tour: InspectionTour, field: string): void {
    if (!ctx.viewer.reaches(TOUR_MANAGERS, tour.unitPath)) throw forbiddenWrite(field, 'Only the discipline commission that organises the tour may change it');
  }

  private static checkPeriod(start: string, end: string, field = 'endDate'): void {
    if (end < start) throw invalid(field, `The end date ${end} is before the start date ${start}`);
  }

  /** The group: distinct officials in the caller's reach, the leader among them. */
  private static async resolveMembers(ctx: RequestContext, em: EntityManager, members: string[], leader: string | null | undefined): Promise<{ officials: Official[]; leaderId: number }> {
    const officials: Official[] = [];
    for (const [i, gid] of members.entries()) {
      const o = await OfficialService.requireInReach(ctx, em, gid, `members.${i}`, TOUR_MANAGERS);
      if (officials.some((x) => x.id === o.id)) throw invalid(`members.${i}`, 'An official is named twice in members');
      officials.push(o);
    }
    if (leader == null) throw invalid('leader', 'Name the leader of the group with its members');
    const leaderId = tryKeyOf(leader, Official.typename);
    if (leaderId === null) throw invalid('leader', '"leader" is not a valid Official id');
    if (!officials.some((o) => o.id === leaderId)) throw invalid('leader', 'The leader must be one of the members');
    return { officials, leaderId };
  }

  private static async addUnitTo(ctx: RequestContext, em: EntityManager, tour: InspectionTour, globalId: string, field: string): Promise<Unit> {
    const unit = await UnitService.requireInReach(ctx, em, globalId, field, TOUR_MANAGERS);
    if (await em.count(InspectionTourUnit, { tour: tour.id, unit: unit.id })) throw conflict(`The tour already inspects ${unit.name}`, ['input', field]);
    em.create(InspectionTourUnit, { tour, unit, unitPath: unit.path, addedOn: ctx.today } as never);
    return unit;
  }

  static createTour(ctx: RequestContext, input: InspectionTourCreateInput): Promise<InspectionTourPayload> {
    return runMutation<InspectionTourPayload>(ctx, input, async (em) => {
      if (!input.round.trim()) throw invalid('round', 'round must not be blank');
      if (!input.name.trim()) throw invalid('name', 'name must not be blank');
      const organizer = await UnitService.requireInReach(ctx, em, input.organizerUnit, 'organizerUnit', TOUR_MANAGERS);
      InspectionService.checkPeriod(input.startDate, input.endDate);
      const { officials, leaderId } = await InspectionService.resolveMembers(ctx, em, input.members, input.leader);
      const tour = em.create(InspectionTour, {
        round: input.round.trim(),
        name: input.name.trim(),
        organizerUnit: organizer,
        unitPath: organizer.path,
        startDate: input.startDate,
        endDate: input.endDate,
      } as never);
      for (const o of officials) em.create(InspectionGroupMember, { tour, official: o, isLeader: o.id === leaderId } as never);
      const seen = new Set<string>();
      for (const [i, gid] of (input.units ?? []).entries()) {
        if (seen.has(gid)) throw invalid(`units.${i}`, 'A unit is named twice in units');
        seen.add(gid);
        const unit = await UnitService.requireInReach(ctx, em, gid, `units.${i}`, TOUR_MANAGERS);
        em.create(InspectionTourUnit, { tour, unit, unitPath: unit.path, addedOn: ctx.today } as never);
      }
      await em.flush();
      return { tour };
    }, { tour: null });
  }

  static updateTour(ctx: RequestContext, input: InspectionTourUpdateInput): Promise<InspectionTourPayload> {
    return runMutation<InspectionTourPayload>(ctx, input, async (em) => {
      const tour = await InspectionService.loadTour(ctx, em, input.id, 'id');
      InspectionService.requireManager(ctx, tour, 'id');
      checkVersion(tour, input.version, 'The inspection tour');
      const status = tour.statusOn(ctx.today);
      if (status === InspectionTourStatus.FINISHED) throw conflict(`The tour finished on ${tour.endDate}; it can no longer be changed`);
      if (input.round != null) {
        if (!input.round.trim()) throw invalid('round', 'round must not be blank');
        tour.round = input.round.trim();
      }
      if (input.name != null) {
        if (!input.name.trim()) throw invalid('name', 'name must not be blank');
        tour.name = input.name.trim();
      }
      if (input.startDate != null && input.startDate !== tour.startDate) {
        if (status !== InspectionTourStatus.PLANNED) throw conflict(`The tour started on ${tour.startDate}; its start date can no longer be changed`, ['input', 'startDate']);
        tour.startDate = input.startDate;
      }
      if (input.endDate != null && input.endDate !== tour.endDate) {
        if (status === InspectionTourStatus.IN_PROGRESS && input.endDate < ctx.today) {
          throw invalid('endDate', `The tour is running: its end date may not be moved before today (${ctx.today})`);
        }
        tour.endDate = input.endDate;
      }
      InspectionService.checkPeriod(tour.startDate, tour.endDate, input.endDate != null ? 'endDate' : 'startDate');
      if (input.members != null) {
        const { officials, leaderId } = await InspectionService.resolveMembers(ctx, em, input.members, input.leader);
        await em.nativeDelete(InspectionGroupMember, { tour: tour.id });
        for (const o of officials) em.create(InspectionGroupMember, { tour, official: o, isLeader: o.id === leaderId } as never);
        // the tour's row changes with its group, so its version moves too
        tour.updatedAt = ctx.now;
      } else if (input.leader != null) {
        const leaderId = tryKeyOf(input.leader, Official.typename);
        if (leaderId === null) throw invalid('leader', '"leader" is not a valid Official id');
        const members = await em.find(InspectionGroupMember, { tour: tour.id });
        if (!members.some((m) => m.official.id === leaderId)) throw invalid('leader', 'The leader must be one of the members');
        for (const m of members) m.isLeader = false;
        await em.flush();
        for (const m of members) m.isLeader = m.official.id === leaderId;
        tour.updatedAt = ctx.now;
      }
      await em.flush();
      return { tour };
    }, { tour: null });
  }

  static addUnit(ctx: RequestContext, input: InspectionTourAddUnitInput): Promise<InspectionTourPayload> {
    return runMutation<InspectionTourPayload>(ctx, input, async (em) => {
      const tour = await InspectionService.loadTour(ctx, em, input.tour, 'tour');
      InspectionService.requireManager(ctx, tour, 'tour');
      checkVersion(tour, input.version, 'The inspection tour');
      if (tour.statusOn(ctx.today) === InspectionTourStatus.FINISHED) throw conflict(`The tour finished on ${tour.endDate}; no unit can be added`);
      await InspectionService.addUnitTo(ctx, em, tour, input.unit, 'unit');
      tour.updatedAt = ctx.now;
      await em.flush();
      return { tour };
    }, { tour: null });
  }

  static recordFinding(ctx: RequestContext, input: InspectionFindingRecordInput): Promise<InspectionFindingPayload> {
    return runMutation<InspectionFindingPayload>(ctx, input, async (em) => {
      const tour = await InspectionService.loadTour(ctx, em, input.tour, 'tour');
      const unitId = tryKeyOf(input.unit, Unit.typename);
      if (unitId === null) throw invalid('unit', '"unit" is not a valid Unit id');
      const link = await em.findOne(InspectionTourUnit, { tour: tour.id, unit: unitId });
      if (!link) {
        const unit = await em.findOne(Unit, { id: unitId });
        if (!unit || !ctx.viewer.reaches([...TOUR_UNIT_ROLES, IG], unit.path)) throw missing('unit', 'No unit with this id in your scope');
        throw invalid('unit', `The tour does not inspect ${unit.name}`);
      }
      if (!InspectionService.canWriteFinding(ctx, tour, link.unitPath)) {
        throw forbiddenWrite('tour', 'Only the discipline commission in reach of the unit, or the tour\'s own group while it runs, may record findings');
      }
      if (tour.statusOn(ctx.today) === InspectionTourStatus.PLANNED) throw conflict(`The tour starts on ${tour.startDate}; findings are recorded once it has started`);
      const itemId = tryKeyOf(input.item, ProblemItem.typename);
      if (itemId === null) throw invalid('item', '"item" is not a valid ProblemItem id');
      const item = await em.findOne(ProblemItem, { id: itemId });
      if (!item) throw missing('item', 'No item of the common-problem list with this id');
      if (!input.description.trim()) throw invalid('description', 'description must not be blank');
      const foundOn = input.foundOn ?? ctx.today;
      if (foundOn < tour.startDate) throw invalid('foundOn', `foundOn ${foundOn} is before the tour started (${tour.startDate})`);
      if (foundOn > tour.endDate) throw invalid('foundOn', `foundOn ${foundOn} is after the tour ended (${tour.endDate})`);
      if (foundOn > ctx.today) throw invalid('foundOn', `foundOn ${foundOn} is in the future`);
      const finding = em.create(InspectionFinding, {
        tour,
        unit: link.unit,
        unitPath: link.unitPath,
        item,
        severity: input.severity,
        description: input.description.trim(),
        foundOn,
      } as never);
      await em.flush();
      return { finding };
    }, { finding: null });
  }

  static handOver(ctx: RequestContext, input: InspectionFindingHandOverInput): Promise<InspectionFindingPayload> {
    return runMutation<InspectionFindingPayload>(ctx, input, async (em) => {
      const id = tryKeyOf(input.id, InspectionFinding.typename);
      if (id === null) throw invalid('id', '"id" is not a valid InspectionFinding id');
      const finding = await em.findOne(InspectionFinding, { id });
      if (!finding || !(await InspectionService.findingReached(ctx, finding, em))) throw missing('id', 'No finding with this id in your scope');
      const tour = await em.findOneOrFail(InspectionTour, { id: finding.tour.id });
      if (!InspectionService.canWriteFinding(ctx, tour, finding.unitPath)) {
        throw forbiddenWrite('id', 'Only the discipline commission in reach of the unit, or the tour\'s own group while it runs, may hand a finding over');
      }
      checkVersion(finding, input.version, 'The finding');
      if (finding.handedOverOn) throw conflict(`The finding was handed over on ${finding.handedOverOn}; it is handed over once`, ['input', 'id']);
      const clueId = await InspectionService.createClue(ctx, em, tour, finding, input);
      finding.handedOverOn = ctx.today;
      finding.clueId = clueId;
      await em.flush();
      return { finding };
    }, { finding: null });
  }

  /** The problem clue a handed-over finding becomes: source INSPECTION_TOUR, the finding's unit, its description as details. */
  private static async createClue(ctx: RequestContext, em: EntityManager, tour: InspectionTour, finding: InspectionFinding, input: InspectionFindingHandOverInput): Promise<number> {
    const subjects: Official[] = [];
    for (const [i, gid] of (input.subjects ?? []).entries()) {
      const o = await OfficialService.requireInReach(ctx, em, gid, `subjects.${i}`, [...FINDING_WRITERS, IG]);
      if (!o.unitPath.startsWith(finding.unitPath)) throw invalid(`subjects.${i}`, 'Every subject must belong to the finding\'s unit or to a unit below it');
      subjects.push(o);
    }
    const item = await em.findOneOrFail(ProblemItem, { id: finding.item.id });
    const unit = await em.findOneOrFail(Unit, { id: finding.unit.id });
    const clue = await ClueService.createFromSource(em, ctx, {
      source: ClueSource.INSPECTION_TOUR,
      unit,
      subjects,
      summary: input.summary?.trim() || `巡察移交：${unit.name}${item.name}`,
      details: finding.description,
      receivedOn: ctx.today,
      inspectionTourId: tour.id,
    });
    return clue.id;
  }

  /** The problem clue a finding was handed over as, if the caller may see it. */
  static clue(ctx: RequestContext, f: InspectionFinding): Promise<ProblemClue | null> | null {
    return f.clueId != null ? ClueService.findVisible(ctx, f.clueId) : null;
  }

  /** Whether a rectification was ordered from the finding (the flag only, whoever may see the rows), batched. */
  static rectificationOrdered(ctx: RequestContext, f: InspectionFinding): Promise<boolean> {
    return ctx.loaders
      .custom<number, boolean>('findingRectificationOrdered', async (ids) => {
        const rows = await ctx.em.find(Rectification, { sourceFindingId: { $in: [...ids] } } as FilterQuery<Rectification>);
        const ordered = new Set(rows.map((r) => r.sourceFindingId));
        return ids.map((id) => ordered.has(id));
      })
      .load(f.id);
  }

  /** The rectifications ordered from the finding that the caller may read (the rectification module's scope), batched. */
  static rectifications(ctx: RequestContext, f: InspectionFinding): Promise<Rectification[]> {
    return ctx.loaders
      .custom<number, Rectification[]>('findingRectifications', async (ids) => {
        const scope = await RectificationService.scope(ctx);
        const rows = await ctx.em.find(Rectification, { $and: [scope, { sourceFindingId: { $in: [...ids] } }] } as FilterQuery<Rectification>, { orderBy: { id: 'asc' } });
        return ids.map((id) => rows.filter((r) => r.sourceFindingId === id));
      })
      .load(f.id);
  }

  static fileReport(ctx: RequestContext, input: InspectionReportFileInput): Promise<InspectionReportFilePayload> {
    return runMutation<InspectionReportFilePayload>(ctx, input, async (em) => {
      const tour = await InspectionService.loadTour(ctx, em, input.tour, 'tour');
      const own = InspectionService.isOwnGroup(ctx, tour);
      const commission = await InspectionService.tourReached(ctx, tour, COMMISSION, em);
      if (!own && !commission) {
        throw forbiddenWrite('tour', 'Only the discipline commission, or the tour\'s own group while it runs, may file its monthly reports');
      }
      if (tour.statusOn(ctx.today) === InspectionTourStatus.PLANNED) throw conflict(`The tour starts on ${tour.startDate}; reports are filed once it has started`);
      if (input.month > monthOf(ctx.today)) throw invalid('month', `${input.month} is a future month; the report for a month is filed during or after it`);
      if (input.month < monthOf(tour.startDate)) throw invalid('month', `${input.month} is before the tour started (${tour.startDate})`);
      if (!input.text.trim()) throw invalid('text', 'text must not be blank');
      if (await em.count(InspectionMonthlyReport, { tour: tour.id, month: input.month })) {
        throw conflict(`The report for ${input.month} has already been filed; one report per month`, ['input', 'month']);
      }
      const report = em.create(InspectionMonthlyReport, {
        tour,
        unitPath: tour.unitPath,
        month: input.month,
        text: input.text.trim(),
        filedOn: ctx.today,
        filedByRole: commission ? Role.DISCIPLINE_COMMISSION : IG,
      } as never);
      await em.flush();
      return { report };
    }, { report: null });
  }
}

