import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { readOnlyRows } from '../../db/read-only-rows';
import { keyOf, tryKeyOf } from '../../common/relay';
import { ErrorCode, UserInputError, conflict, invalid, missing } from '../../common/errors';
import { checkVersion, runMutation } from '../../common/mutation';
import { Role } from '../../authz/roles';
import type { Viewer } from '../../authz/viewer';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { OfficialService } from '../officials/official.service';
import type { Official } from '../officials/official.entity';
import { Assessment, ResponsibilityItem, ResponsibilityLetter } from './letter.entity';
import { AssessmentPeriod, LetterStatus } from './letter.enums';
import { ASSESSMENT_ROW_ROLES, LETTER_ROW_ROLES, LETTER_WRITERS, VETO_PROPOSERS } from './letter.rules';
import type {
  AssessmentFilter,
  AssessmentPayload,
  AssessmentProposeVetoInput,
  LetterAssessInput,
  LetterCreateInput,
  LetterFilter,
  LetterItemAddInput,
  LetterItemPayload,
  LetterItemReportProgressInput,
  LetterItemUpdateInput,
  LetterPayload,
  LetterPublishInput,
  LetterSignInput,
  LetterUpdateInput,
  LetterViewerCan,
} from './letter.types';

/** Days before an item's deadline from which a reminder is due. */
export const REMINDER_DAYS = 5;

/** A `date` column as YYYY-MM-DD, whether the driver gave a string or a Date. */
export const dateOf = (v: string | Date): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Progress may be reported, and assessments made, between signing and the year-end assessment. */
const OPEN_STATUSES: readonly LetterStatus[] = [LetterStatus.SIGNED, LetterStatus.PUBLISHED];

const forbiddenWrite = (field: string, message: string) => new UserInputError(ErrorCode.FORBIDDEN, message, ['input', field]);

/** Responsibility letters, their items and assessments: scoped reads and the letter lifecycle. */
export class LetterService {
  static scope(ctx: RequestContext): FilterQuery<ResponsibilityLetter> {
    return ctx.viewer.pathFilter(LETTER_ROW_ROLES) as FilterQuery<ResponsibilityLetter>;
  }

  static assessmentScope(ctx: RequestContext): FilterQuery<Assessment> {
    return ctx.viewer.pathFilter(ASSESSMENT_ROW_ROLES) as FilterQuery<Assessment>;
  }

  /** The issuing party committee: a writer's grant reaches the issuer unit (and so the target below it). */
  static isIssuer(viewer: Viewer, letter: ResponsibilityLetter): boolean {
    return viewer.reaches(LETTER_WRITERS, letter.issuerPath) && viewer.reaches(LETTER_WRITERS, letter.unitPath);
  }

  static async findVisible(ctx: RequestContext, id: number): Promise<ResponsibilityLetter | null> {
    const l = await ctx.loaders.row(ResponsibilityLetter, id);
    return l && ctx.viewer.reaches(LETTER_ROW_ROLES, l.unitPath) ? l : null;
  }

  static async findVisibleItem(ctx: RequestContext, id: number): Promise<ResponsibilityItem | null> {
    const i = await ctx.loaders.load(ResponsibilityItem, id);
    return i && ctx.viewer.reaches(LETTER_ROW_ROLES, i.unitPath) ? i : null;
  }

  static async findVisibleAssessment(ctx: RequestContext, id: number): Promise<Assessment | null> {
    const a = await ctx.loaders.load(Assessment, id);
    return a && ctx.viewer.reaches(ASSESSMENT_ROW_ROLES, a.unitPath) ? a : null;
  }

  private static async subtreeCond(ctx: RequestContext, globalId: string, arg: string): Promise<Record<string, unknown>> {
    const root = await ctx.loaders.load(Unit, keyOf(globalId, Unit.typename, arg));
    // an unknown root gives an empty list, not an error; the scope predicate still applies
    return root ? { unitPath: { $like: `${root.path}%` } } : { id: { $in: [] } };
  }

  static async list(ctx: RequestContext, filter: LetterFilter | null | undefined, args: ConnectionArgs) {
    const conds: FilterQuery<ResponsibilityLetter>[] = [LetterService.scope(ctx)];
    if (filter?.year != null) conds.push({ year: filter.year });
    if (filter?.unit) conds.push({ unit: keyOf(filter.unit, Unit.typename, 'filter.unit') });
    if (filter?.unitSubtree) conds.push((await LetterService.subtreeCond(ctx, filter.unitSubtree, 'filter.unitSubtree')) as FilterQuery<ResponsibilityLetter>);
    if (filter?.statuses?.length) conds.push({ status: { $in: filter.statuses } });
    return paginate(ctx.em, ResponsibilityLetter, { $and: conds } as FilterQuery<ResponsibilityLetter>, args);
  }

  static async listAssessments(ctx: RequestContext, filter: AssessmentFilter | null | undefined, args: ConnectionArgs) {
    const conds: FilterQuery<Assessment>[] = [LetterService.assessmentScope(ctx)];
    if (filter?.year != null) conds.push({ year: filter.year });
    if (filter?.period != null) conds.push({ period: filter.period });
    if (filter?.unitSubtree) conds.push((await LetterService.subtreeCond(ctx, filter.unitSubtree, 'filter.unitSubtree')) as FilterQuery<Assessment>);
    return paginate(ctx.em, Assessment, { $and: conds } as FilterQuery<Assessment>, args);
  }

  /** A letter's items in id order, one statement for every letter of the response. */
  static items(ctx: RequestContext, letter: ResponsibilityLetter): Promise<ResponsibilityItem[]> {
    return ctx.loaders
      .custom<number, ResponsibilityItem[]>('letterItems', async (ids) => {
        const rows = await readOnlyRows(
          ctx.em,
          ResponsibilityItem,
          { $and: [{ letter: { $in: [...ids] } }, ctx.viewer.pathFilter(LETTER_ROW_ROLES)] } as FilterQuery<ResponsibilityItem>,
          { id: 'asc' },
        );
        const by = new Map<number, ResponsibilityItem[]>(ids.map((id) => [id, []]));
        for (const r of rows) by.get(r.letter.id)?.push(r);
        return ids.map((id) => by.get(id)!);
      })
      .load(letter.id);
  }

  /** A letter's assessments the viewer may see, half-year first, batched. */
  static assessments(ctx: RequestContext, letter: ResponsibilityLetter): Promise<Assessment[]> {
    return ctx.loaders
      .custom<number, Assessment[]>('letterAssessments', async (ids) => {
        const rows = await readOnlyRows(
          ctx.em,
          Assessment,
          { $and: [{ letter: { $in: [...ids] } }, LetterService.assessmentScope(ctx)] } as FilterQuery<Assessment>,
          { period: 'asc', id: 'asc' },
        );
        const by = new Map<number, Assessment[]>(ids.map((id) => [id, []]));
        for (const r of rows) by.get(r.letter.id)?.push(r);
        return ids.map((id) => by.get(id)!);
      })
      .load(letter.id);
  }

  static viewerCan(ctx: RequestContext, l: ResponsibilityLetter): LetterViewerCan {
    const issuer = LetterService.isIssuer(ctx.viewer, l);
    const open = OPEN_STATUSES.includes(l.status);
    const draft = l.status === LetterStatus.DRAFT;
    return {
      editItems: issuer && draft,
      sign: issuer && draft,
      publish: issuer && l.status === LetterStatus.SIGNED,
      reportProgress: open && (issuer || ctx.viewer.reaches([Role.UNIT], l.unitPath)),
      assess: issuer && open,
      proposeVeto: open && ctx.viewer.reaches(VETO_PROPOSERS, l.unitPath),
    };
  }

  static itemOverdue(ctx: RequestContext, i: ResponsibilityItem): boolean {
    return dateOf(i.deadline) < ctx.today && (i.progressPercent == null || i.progressPercent < 100);
  }

  static itemReminderDue(ctx: RequestContext, i: ResponsibilityItem): boolean {
    const deadline = dateOf(i.deadline);
    const incomplete = i.progressPercent == null || i.progressPercent < 100;
    return incomplete && deadline >= ctx.today && deadline <= addDays(ctx.today, REMINDER_DAYS);
  }

  // ---- mutations ----

  /** A letter named in an input, visible to `roles`; otherwise a NOT_FOUND user error (no existence leak). */
  private static async loadLetter(ctx: RequestContext, em: EntityManager, globalId: string, field: string, roles: readonly Role[] = LETTER_ROW_ROLES): Promise<ResponsibilityLetter> {
    const id = tryKeyOf(globalId, ResponsibilityLetter.typename);
    if (id === null) throw invalid(field, `"${field}" is not a valid ResponsibilityLetter id`);
    const letter = await em.findOne(ResponsibilityLetter, { id });
    if (!letter || !ctx.viewer.reaches(roles, letter.unitPath)) throw missing(field, 'No letter with this id in your scope');
    return letter;
  }

  private static async loadItem(ctx: RequestContext, em: EntityManager, globalId: string, field: string): Promise<{ item: ResponsibilityItem; letter: ResponsibilityLetter }> {
    const id = tryKeyOf(globalId, ResponsibilityItem.typename);
    if (id === null) throw invalid(field, `"${field}" is not a valid ResponsibilityItem id`);
    const item = await em.findOne(ResponsibilityItem, { id });
    if (!item || !ctx.viewer.reaches(LETTER_ROW_ROLES, item.unitPath)) throw missing(field, 'No item with this id in your scope');
    const letter = await em.findOneOrFail(ResponsibilityLetter, { id: item.letter.id });
    return { item, letter };
  }

  /** Readers of a letter who did not issue it may not change it; they know it exists, so this is FORBIDDEN. */
  private static requireIssuer(ctx: RequestContext, letter: ResponsibilityLetter, field: string): void {
    if (!LetterService.isIssuer(ctx.viewer, letter)) throw forbiddenWrite(field, 'Only the issuing party committee may change this letter');
  }

  private static requireDraft(letter: ResponsibilityLetter, what: string): void {
    if (letter.status !== LetterStatus.DRAFT) throw conflict(`${what} only while the letter is DRAFT; it is ${letter.status}`);
  }

  private static checkDeadline(letter: ResponsibilityLetter, deadline: string): void {
    if (deadline < `${letter.year}-01-01`) throw invalid('deadline', `The deadline must fall within the letter's year ${letter.year}; ${deadline} is before it`);
    if (deadline > `${letter.year}-12-31`) throw invalid('deadline', `The deadline must fall within the letter's year ${letter.year}; ${deadline} is after it`);
  }

  private static async principalOf(ctx: RequestContext, em: EntityManager, globalId: string, unitId: number): Promise<Official> {
    const official = await OfficialService.requireInReach(ctx, em, globalId, 'principal', LETTER_WRITERS);
    if (official.unit.id !== unitId) throw invalid('principal', 'The principal must be an official of the letter\'s unit');
    return official;
  }

  /** The unit of the caller's party-committee grant nearest above `unit`. */
  private static async defaultIssuer(ctx: RequestContext, em: EntityManager, unit: Unit): Promise<Unit> {
    const above = ctx.viewer
      .grantsOf(Role.PARTY_COMMITTEE)
      .filter((g) => g.unitId != null && g.paths.some((p) => unit.path.startsWith(p) && unit.path !== p))
      .sort((a, b) => Math.max(...b.paths.map((p) => p.length)) - Math.max(...a.paths.map((p) => p.length)));
    if (!above.length) throw invalid('unit', 'The unit must be below the issuer unit (your party committee\'s unit)');
    return em.findOneOrFail(Unit, { id: above[0].unitId! });
  }

  static create(ctx: RequestContext, input: LetterCreateInput): Promise<LetterPayload> {
    return runMutation<LetterPayload>(ctx, input, async (em) => {
      const unit = await UnitService.requireInReach(ctx, em, input.unit, 'unit', LETTER_WRITERS);
      let issuer: Unit;
      if (input.issuerUnit != null) {
        issuer = await UnitService.requireInReach(ctx, em, input.issuerUnit, 'issuerUnit', LETTER_WRITERS);
        if (!unit.path.startsWith(issuer.path) || unit.path === issuer.path) throw invalid('unit', 'The unit must be below the issuer unit');
      } else {
        issuer = await LetterService.defaultIssuer(ctx, em, unit);
      }
      const principal = input.principal != null ? await LetterService.principalOf(ctx, em, input.principal, unit.id) : null;
      if (await em.count(ResponsibilityLetter, { unit: unit.id, year: input.year })) {
        throw conflict(`The unit already has a letter for ${input.year}`, ['input', 'unit']);
      }
      const letter = em.create(ResponsibilityLetter, {
        year: input.year,
        title: input.title.trim(),
        issuerUnit: issuer,
        issuerPath: issuer.path,
        unit,
        unitPath: unit.path,
        principal,
        status: LetterStatus.DRAFT,
      } as never);
      await em.flush();
      return { letter };
    }, { letter: null });
  }

  static update(ctx: RequestContext, input: LetterUpdateInput): Promise<LetterPayload> {
    return runMutation<LetterPayload>(ctx, input, async (em) => {
      const letter = await LetterService.loadLetter(ctx, em, input.id, 'id');
      LetterService.requireIssuer(ctx, letter, 'id');
      checkVersion(letter, input.version, 'The letter');
      LetterService.requireDraft(letter, 'A letter can be edited');
      if (input.title != null) letter.title = input.title.trim();
      if (input.principal != null) letter.principal = (await LetterService.principalOf(ctx, em, input.principal, letter.unit.id)) as never;
      await em.flush();
      return { letter };
    }, { letter: null });
  }

  static addItem(ctx: RequestContext, input: LetterItemAddInput): Promise<LetterItemPayload> {
    return runMutation<LetterItemPayload>(ctx, input, async (em) => {
      const letter = await LetterService.loadLetter(ctx, em, input.letter, 'letter');
      LetterService.requireIssuer(ctx, letter, 'letter');
      LetterService.requireDraft(letter, 'Items can be added');
      LetterService.checkDeadline(letter, input.deadline);
      const item = em.create(ResponsibilityItem, {
        letter,
        unitPath: letter.unitPath,
        kind: input.kind,
        content: input.content.trim(),
        measures: input.measures.trim(),
        deadline: input.deadline,
      } as never);
      await em.flush();
      return { item };
    }, { item: null });
  }

  static updateItem(ctx: RequestContext, input: LetterItemUpdateInput): Promise<LetterItemPayload> {
    return runMutation<LetterItemPayload>(ctx, input, async (em) => {
      const { item, letter } = await LetterService.loadItem(ctx, em, input.id, 'id');
      LetterService.requireIssuer(ctx, letter, 'id');
      checkVersion(item, input.version, 'The item');
      LetterService.requireDraft(letter, 'Items can be edited');
      if (input.deadline != null) {
        LetterService.checkDeadline(letter, input.deadline);
        item.deadline = input.deadline;
      }
      if (input.kind != null) item.kind = input.kind;
      if (input.content != null) item.content = input.content.trim();
      if (input.measures != null) item.measures = input.measures.trim();
      await em.flush();
      return { item };
    }, { item: null });
  }

  static sign(ctx: RequestContext, input: LetterSignInput): Promise<LetterPayload> {
    return runMutation<LetterPayload>(ctx, input, async (em) => {
      const letter = await LetterService.loadLetter(ctx, em, input.id, 'id');
      LetterService.requireIssuer(ctx, letter, 'id');
      checkVersion(letter, input.version, 'The letter');
      LetterService.requireDraft(letter, 'A letter can be signed');
      if (!letter.principal) throw conflict('The letter has no principal to sign it; set one with letterUpdate first');
      if ((await em.count(ResponsibilityItem, { letter: letter.id })) === 0) throw conflict('The letter has no items; add at least one before signing');
      if (input.signedDate > ctx.today) throw invalid('signedDate', 'The date signed must not be in the future');
      const y = Number(input.signedDate.slice(0, 4));
      if (y < letter.year - 1 || y > letter.year) throw invalid('signedDate', `A letter for ${letter.year} is signed in ${letter.year} or the year before`);
      letter.status = LetterStatus.SIGNED;
      letter.signedDate = input.signedDate;
      await em.flush();
      return { letter };
    }, { letter: null });
  }

  static publish(ctx: RequestContext, input: LetterPublishInput): Promise<LetterPayload> {
    return runMutation<LetterPayload>(ctx, input, async (em) => {
      const letter = await LetterService.loadLetter(ctx, em, input.id, 'id');
      LetterService.requireIssuer(ctx, letter, 'id');
      checkVersion(letter, input.version, 'The letter');
      if (letter.status !== LetterStatus.SIGNED) throw conflict(`Only a SIGNED letter can be published; this one is ${letter.status}`);
      if (input.publishedDate < dateOf(letter.signedDate!)) throw invalid('publishedDate', 'The date published must not be before the date signed');
      if (input.publishedDate > ctx.today) throw invalid('publishedDate', 'The date published must not be in the future');
      letter.status = LetterStatus.PUBLISHED;
      letter.publishedDate = input.publishedDate;
      await em.flush();
      return { letter };
    }, { letter: null });
  }

  static reportProgress(ctx: RequestContext, input: LetterItemReportProgressInput): Promise<LetterItemPayload> {
    return runMutation<LetterItemPayload>(ctx, input, async (em) => {
      const { item, letter } = await LetterService.loadItem(ctx, em, input.id, 'id');
      if (!LetterService.isIssuer(ctx.viewer, letter) && !ctx.viewer.reaches([Role.UNIT], letter.unitPath)) {
        throw forbiddenWrite('id', 'Only the unit itself or the issuing party committee may report progress on this item');
      }
      checkVersion(item, input.version, 'The item');
      if (!OPEN_STATUSES.includes(letter.status)) throw conflict(`Progress is reported only while the letter is SIGNED or PUBLISHED; it is ${letter.status}`);
      if (ctx.today > dateOf(item.deadline)) throw conflict('progress entry is locked after the deadline', ['input', 'id']);
      item.progress = input.progress.trim();
      item.progressPercent = input.percent;
      item.progressReportedOn = ctx.today;
      await em.flush();
      return { item };
    }, { item: null });
  }

  static assess(ctx: RequestContext, input: LetterAssessInput): Promise<AssessmentPayload> {
    return runMutation<AssessmentPayload>(ctx, input, async (em) => {
      const letter = await LetterService.loadLetter(ctx, em, input.letter, 'letter');
      LetterService.requireIssuer(ctx, letter, 'letter');
      checkVersion(letter, input.version, 'The letter');
      if (input.vetoed && !input.vetoReason?.trim()) throw invalid('vetoReason', 'A one-vote veto needs a reason');
      const allowed = input.period === AssessmentPeriod.HALF_YEAR ? OPEN_STATUSES : [LetterStatus.PUBLISHED];
      if (!allowed.includes(letter.status)) {
        throw conflict(`A ${input.period} assessment needs the letter ${allowed.join(' or ')}; it is ${letter.status}`);
      }
      const existing = await em.findOne(Assessment, { letter: letter.id, period: input.period });
      if (existing && existing.score != null) throw conflict(`The ${input.period} assessment of this letter has already been made`, ['input', 'period']);
      const a =
        existing ??
        em.create(Assessment, { letter, unit: letter.unit, unitPath: letter.unitPath, year: letter.year, period: input.period } as never);
      a.score = input.score;
      a.grade = input.grade;
      a.vetoed = input.vetoed;
      a.vetoReason = input.vetoed ? input.vetoReason!.trim() : null;
      a.assessedDate = ctx.today;
      if (input.period === AssessmentPeriod.YEAR_END) letter.status = LetterStatus.ASSESSED;
      await em.flush();
      return { assessment: a };
    }, { assessment: null });
  }

  static proposeVeto(ctx: RequestContext, input: AssessmentProposeVetoInput): Promise<AssessmentPayload> {
    return runMutation<AssessmentPayload>(ctx, input, async (em) => {
      const letter = await LetterService.loadLetter(ctx, em, input.letter, 'letter', VETO_PROPOSERS);
      if (!OPEN_STATUSES.includes(letter.status)) throw conflict(`A veto can be proposed only while the letter is SIGNED or PUBLISHED; it is ${letter.status}`);
      const existing = await em.findOne(Assessment, { letter: letter.id, period: input.period });
      if (existing && existing.score != null) throw conflict(`The ${input.period} assessment of this letter has already been made`, ['input', 'period']);
      const a =
        existing ??
        em.create(Assessment, { letter, unit: letter.unit, unitPath: letter.unitPath, year: letter.year, period: input.period } as never);
      a.vetoProposed = true;
      a.vetoProposalReason = input.reason.trim();
      await em.flush();
      return { assessment: a };
    }, { assessment: null });
  }
}
