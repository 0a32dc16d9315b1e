import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { childPage } from '../../common/nested-page';
import type { GraphQLResolveInfo } from 'graphql';
import { keyOf, tryKeyOf } from '../../common/relay';
import { badInput, conflict, invalid, missing } from '../../common/errors';
import { checkVersion, runMutation } from '../../common/mutation';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { Sanction } from './sanction.entity';
import { InfluencePeriodType as IP, SanctionStatus, type FourForms, type SanctionCategory, type SanctionKind } from './sanction.enums';
import { ORGANISATION_KINDS, computeInfluence, influenceProblem } from './influence';
import { SANCTION_ROW_ROLES, SANCTION_WRITERS } from './sanction.rules';
import type { IntegrityStatus, SanctionCorrectInput, SanctionFilter, SanctionPayload, SanctionRecordInput, SanctionRevokeInput } from './sanction.types';

/** The editable content of a sanction, checked as a whole before it is written. */
interface SanctionContent {
  category: SanctionCategory;
  kind: SanctionKind;
  decisionDate: string;
  effectiveDate: string;
  probationMonths: number | null;
  influenceMonths: number | null;
  fourForms: FourForms;
  decidingOrgan: string;
  decisionNumber: string | null;
  publiclyNamed: boolean;
  reasonSummary: string;
  caseFacts: string | null;
  evidenceRefs: string[] | null;
}

const MAX_LINK_DEPTH = 50;

/** Sanctions: scoped reads (PC, DC, DT), recording, correction and revocation (DC, DT). */
export class SanctionService {
  static scope(ctx: RequestContext): FilterQuery<Sanction> {
    return ctx.viewer.pathFilter(SANCTION_ROW_ROLES, 'unitPath') as FilterQuery<Sanction>;
  }

  /** A sanction by key if the viewer may see it (batched), else null. */
  static async findVisible(ctx: RequestContext, id: number): Promise<Sanction | null> {
    const s = await ctx.loaders.row(Sanction, id);
    return s && ctx.viewer.reaches(SANCTION_ROW_ROLES, s.unitPath) ? s : null;
  }

  /** SQL twin of Sanction.inInfluenceOn(today). */
  static inInfluenceWhere(today: string): FilterQuery<Sanction> {
    return {
      revoked: false,
      $or: [
        { influenceType: { $in: [IP.PERMANENT, IP.UNTIL_UPDATED] } },
        { influenceType: IP.UNTIL_DATE, effectiveDate: { $lte: today }, influenceEnd: { $gte: today } },
      ],
    } as FilterQuery<Sanction>;
  }

  /** SQL twin of Sanction.statusOn(today). */
  static statusWhere(status: SanctionStatus, today: string): FilterQuery<Sanction> {
    switch (status) {
      case SanctionStatus.REVOKED:
        return { revoked: true };
      case SanctionStatus.EXPIRED:
        return { revoked: false, influenceType: IP.UNTIL_DATE, influenceEnd: { $lt: today } } as FilterQuery<Sanction>;
      case SanctionStatus.EFFECTIVE:
        return { revoked: false, $or: [{ influenceType: { $ne: IP.UNTIL_DATE } }, { influenceEnd: { $gte: today } }] } as FilterQuery<Sanction>;
    }
  }

  /** The predicate of a list of sanctions: the caller's scope and the filter (a bad date range is BAD_USER_INPUT). */
  static async where(ctx: RequestContext, filter: SanctionFilter | null | undefined): Promise<FilterQuery<Sanction>> {
    const conds: FilterQuery<Sanction>[] = [(await UnitService.scopeWithin(ctx, SANCTION_ROW_ROLES, 'unitPath', filter?.unitSubtree, 'filter.unitSubtree')) as FilterQuery<Sanction>];
    if (filter?.official) conds.push({ official: keyOf(filter.official, Official.typename, 'filter.official') });
    if (filter?.categories?.length) conds.push({ category: { $in: filter.categories } });
    if (filter?.kinds?.length) conds.push({ kind: { $in: filter.kinds } });
    if (filter?.status) conds.push(SanctionService.statusWhere(filter.status, ctx.today));
    const from = filter?.decisionDateFrom ?? null;
    const to = filter?.decisionDateTo ?? null;
    if (from && to && from > to) throw badInput('"filter.decisionDateFrom" must not be after "filter.decisionDateTo"');
    if (from) conds.push({ decisionDate: { $gte: from } });
    if (to) conds.push({ decisionDate: { $lte: to } });
    if (filter?.inInfluencePeriod != null) {
      const inside = SanctionService.inInfluenceWhere(ctx.today);
      conds.push(filter.inInfluencePeriod ? inside : ({ $not: inside } as FilterQuery<Sanction>));
    }
    return { $and: conds } as FilterQuery<Sanction>;
  }

  /**
   * `reads`: the properties the selected fields read (see src/common/projection.ts); given (even
   * null), the rows are read-only rows.
   */
  static async list(ctx: RequestContext, filter: SanctionFilter | null | undefined, args: ConnectionArgs, reads?: readonly string[] | null) {
    return paginate(ctx.em, Sanction, await SanctionService.where(ctx, filter), args, reads === undefined ? undefined : { reads });
  }

  /** An official's sanctions: paged for all the officials of a response in one statement, the level prepared once per field (childPage). */
  static ofOfficial(ctx: RequestContext, info: GraphQLResolveInfo, official: Official, filter: SanctionFilter | null | undefined, args: ConnectionArgs) {
    return childPage(ctx, info, Sanction, 'official', official.id, () => SanctionService.where(ctx, filter), args);
  }

  /** 一案双查: the visible sanctions that name `s` as their primary sanction, batched. */
  static accountabilities(ctx: RequestContext, s: Sanction): Promise<Sanction[]> {
    return ctx.loaders
      .custom<number, Sanction[]>('sanctionAccountabilities', async (ids) => {
        const rows = await ctx.em.find(
          Sanction,
          { $and: [SanctionService.scope(ctx), { primarySanction: { $in: [...ids] } }] } as FilterQuery<Sanction>,
          { orderBy: { id: 'asc' } },
        );
        return ids.map((id) => rows.filter((r) => r.primarySanction?.id === id));
      })
      .load(s.id);
  }

  /** Integrity status of an official from the sanctions the viewer may see, batched. */
  static integrityStatus(ctx: RequestContext, official: Official): Promise<IntegrityStatus> {
    return ctx.loaders
      .custom<number, IntegrityStatus>('officialIntegrityStatus', async (ids) => {
        const rows = await ctx.em.find(Sanction, {
          $and: [SanctionService.scope(ctx), { official: { $in: [...ids] } }, SanctionService.inInfluenceWhere(ctx.today)],
        } as FilterQuery<Sanction>);
        return ids.map((id) => {
          const mine = rows.filter((r) => r.official?.id === id && r.inInfluenceOn(ctx.today));
          const permanent = mine.some((r) => r.influenceType !== IP.UNTIL_DATE);
          const ends = mine.filter((r) => r.influenceType === IP.UNTIL_DATE).map((r) => r.influenceEnd as string);
          return {
            inInfluencePeriod: mine.length > 0,
            influenceUntil: permanent || ends.length === 0 ? null : ends.reduce((a, b) => (a > b ? a : b)),
            permanent,
            sanctionsInInfluence: mine.length,
          };
        });
      })
      .load(official.id);
  }

  /** Checks a sanction's content as a whole; throws the first problem as a user error. */
  private static checkContent(c: SanctionContent, againstOfficial: boolean): void {
    if (!c.reasonSummary.trim()) throw invalid('reasonSummary', 'reasonSummary must not be empty');
    if (!c.decidingOrgan.trim()) throw invalid('decidingOrgan', 'decidingOrgan must not be empty');
    if (c.effectiveDate < c.decisionDate) throw invalid('effectiveDate', 'effectiveDate must not be before decisionDate');
    const problem = influenceProblem(c);
    if (problem) throw invalid(problem.field, problem.message);
    const organisational = ORGANISATION_KINDS.includes(c.kind);
    if (organisational && againstOfficial) {
      throw invalid('kind', `${c.kind} holds a party organisation accountable: give subjectOrganisation, not an official`);
    }
    if (!organisational && !againstOfficial) {
      throw invalid('kind', `${c.kind} is decided against an official: only INSPECTION, CIRCULATION and REORGANISATION apply to a party organisation`);
    }
  }

  private static apply(s: Sanction, c: SanctionContent): void {
    const influence = computeInfluence(c);
    Object.assign(s, {
      category: c.category,
      kind: c.kind,
      decisionDate: c.decisionDate,
      effectiveDate: c.effectiveDate,
      probationMonths: c.probationMonths,
      influenceMonths: c.influenceMonths,
      influenceType: influence.type,
      influenceEnd: influence.end,
      fourForms: c.fourForms,
      decidingOrgan: c.decidingOrgan.trim(),
      decisionNumber: c.decisionNumber?.trim() || null,
      publiclyNamed: c.publiclyNamed,
      reasonSummary: c.reasonSummary.trim(),
      caseFacts: c.caseFacts ?? null,
      evidenceRefs: c.evidenceRefs ?? null,
    });
  }

  /**
   * The primary sanction named in an input: visible to the caller, and (when `self` is given)
   * not `self` nor linked back to it, so 一案双查 links never form a loop.
   */
  private static async requirePrimary(ctx: RequestContext, em: EntityManager, globalId: string, self?: Sanction): Promise<Sanction> {
    const id = tryKeyOf(globalId, Sanction.typename);
    if (id === null) throw invalid('primarySanction', '"primarySanction" is not a valid Sanction id');
    const primary = await em.findOne(Sanction, { id });
    if (!primary || !ctx.viewer.reaches(SANCTION_ROW_ROLES, primary.unitPath)) throw missing('primarySanction', 'No sanction with this id in your scope');
    if (self) {
      let cur: Sanction | null = primary;
      for (let i = 0; cur && i < MAX_LINK_DEPTH; i++) {
        if (cur.id === self.id) throw invalid('primarySanction', 'A sanction cannot be linked to itself, directly or through other sanctions');
        cur = cur.primarySanction ? await em.findOne(Sanction, { id: cur.primarySanction.id }) : null;
      }
    }
    return primary;
  }

  /** A sanction named in a mutation's input, inside the writers' reach; otherwise a NOT_FOUND user error. */
  private static async requireWritable(ctx: RequestContext, em: EntityManager, globalId: string): Promise<Sanction> {
    const id = tryKeyOf(globalId, Sanction.typename);
    if (id === null) throw invalid('id', '"id" is not a valid Sanction id');
    const s = await em.findOne(Sanction, { id });
    if (!s || !ctx.viewer.reaches(SANCTION_WRITERS, s.unitPath)) throw missing('id', 'No sanction with this id in your scope');
    return s;
  }

  static record(ctx: RequestContext, input: SanctionRecordInput): Promise<SanctionPayload> {
    return runMutation<SanctionPayload>(ctx, input, async (em) => {
      const againstOfficial = input.official != null;
      if (againstOfficial === (input.subjectOrganisation != null)) {
        throw invalid('official', 'Give exactly one of "official" (a person) and "subjectOrganisation" (a party organisation)');
      }
      const content: SanctionContent = {
        category: input.category,
        kind: input.kind,
        decisionDate: input.decisionDate,
        effectiveDate: input.effectiveDate,
        probationMonths: input.probationMonths ?? null,
        influenceMonths: input.influenceMonths ?? null,
        fourForms: input.fourForms,
        decidingOrgan: input.decidingOrgan,
        decisionNumber: input.decisionNumber ?? null,
        publiclyNamed: input.publiclyNamed ?? false,
        reasonSummary: input.reasonSummary,
        caseFacts: input.caseFacts ?? null,
        evidenceRefs: input.evidenceRefs ?? null,
      };
      SanctionService.checkContent(content, againstOfficial);

      let official: Official | null = null;
      let unit: Unit;
      if (againstOfficial) {
        official = await OfficialService.requireInReach(ctx, em, input.official, 'official', SANCTION_WRITERS);
        unit = await em.findOneOrFail(Unit, { id: official.unit.id });
      } else {
        unit = await UnitService.requireInReach(ctx, em, input.subjectOrganisation, 'subjectOrganisation', SANCTION_WRITERS);
      }
      const primary = input.primarySanction != null ? await SanctionService.requirePrimary(ctx, em, input.primarySanction) : null;

      const sanction = em.create(Sanction, { official, unit, unitPath: unit.path, primarySanction: primary, revoked: false } as never);
      SanctionService.apply(sanction, content);
      await em.flush();
      return { sanction };
    }, { sanction: null });
  }

  static correct(ctx: RequestContext, input: SanctionCorrectInput): Promise<SanctionPayload> {
    return runMutation<SanctionPayload>(ctx, input, async (em) => {
      const s = await SanctionService.requireWritable(ctx, em, input.id);
      checkVersion(s, input.version, 'The sanction');
      if (s.revoked) throw conflict('The sanction was revoked; a revoked sanction cannot be corrected', ['input', 'id']);
      // omitted: keep; null: clear (only where the column may be empty)
      const pick = <K extends keyof SanctionContent>(k: K, current: SanctionContent[K]): SanctionContent[K] =>
        (input as unknown as Record<string, unknown>)[k] === undefined ? current : ((input as unknown as Record<string, SanctionContent[K]>)[k] ?? current);
      const clearable = <K extends keyof SanctionContent>(k: K, current: SanctionContent[K]): SanctionContent[K] =>
        (input as unknown as Record<string, unknown>)[k] === undefined ? current : (input as unknown as Record<string, SanctionContent[K]>)[k];
      const content: SanctionContent = {
        category: pick('category', s.category),
        kind: pick('kind', s.kind),
        decisionDate: pick('decisionDate', s.decisionDate),
        effectiveDate: pick('effectiveDate', s.effectiveDate),
        probationMonths: clearable('probationMonths', s.probationMonths ?? null),
        influenceMonths: clearable('influenceMonths', s.influenceMonths ?? null),
        fourForms: pick('fourForms', s.fourForms),
        decidingOrgan: pick('decidingOrgan', s.decidingOrgan),
        decisionNumber: clearable('decisionNumber', s.decisionNumber ?? null),
        publiclyNamed: pick('publiclyNamed', s.publiclyNamed),
        reasonSummary: pick('reasonSummary', s.reasonSummary),
        caseFacts: clearable('caseFacts', s.caseFacts ?? null),
        evidenceRefs: clearable('evidenceRefs', s.evidenceRefs ?? null),
      };
      SanctionService.checkContent(content, s.official != null);
      if (input.primarySanction !== undefined) {
        s.primarySanction = (input.primarySanction === null ? null : await SanctionService.requirePrimary(ctx, em, input.primarySanction, s)) as never;
      }
      SanctionService.apply(s, content);
      await em.flush();
      return { sanction: s };
    }, { sanction: null });
  }

  static revoke(ctx: RequestContext, input: SanctionRevokeInput): Promise<SanctionPayload> {
    return runMutation<SanctionPayload>(ctx, input, async (em) => {
      const s = await SanctionService.requireWritable(ctx, em, input.id);
      checkVersion(s, input.version, 'The sanction');
      if (s.revoked) throw conflict('The sanction is already revoked', ['input', 'id']);
      if (input.revokedDate < s.decisionDate) throw invalid('revokedDate', 'revokedDate must not be before the decision date');
      if (input.revokedDate > ctx.today) throw invalid('revokedDate', 'revokedDate must not be in the future');
      if (!input.reason.trim()) throw invalid('reason', 'reason must not be empty');
      s.revoked = true;
      s.revokedDate = input.revokedDate;
      s.revokeReason = input.reason.trim();
      await em.flush();
      return { sanction: s };
    }, { sanction: null });
  }
}
