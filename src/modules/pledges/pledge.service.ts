import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { keyOf, tryKeyOf } from '../../common/relay';
import { conflict, invalid, missing } from '../../common/errors';
import { checkVersion, runMutation } from '../../common/mutation';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { Pledge } from './pledge.entity';
import { PLEDGE_ROW_ROLES, PLEDGE_WRITERS } from './pledge.rules';
import type { OfficialPledgeFilter, PledgeCreateInput, PledgeDiscloseInput, PledgeEvaluateInput, PledgeFilter, PledgePayload } from './pledge.types';

/** Pledges (廉政承诺): scoped reads; the unit of the signing official records, discloses and evaluates them. */
export class PledgeService {
  static scope(ctx: RequestContext): FilterQuery<Pledge> {
    return ctx.viewer.pathFilter(PLEDGE_ROW_ROLES) as FilterQuery<Pledge>;
  }

  /** A pledge by key if the viewer may see it (batched), else null. */
  static async findVisible(ctx: RequestContext, id: number): Promise<Pledge | null> {
    const p = await ctx.loaders.load(Pledge, id);
    return p && ctx.viewer.reaches(PLEDGE_ROW_ROLES, p.unitPath) ? p : null;
  }

  static async list(ctx: RequestContext, filter: PledgeFilter | OfficialPledgeFilter | null | undefined, args: ConnectionArgs, officialOf?: Official) {
    const conds: FilterQuery<Pledge>[] = [PledgeService.scope(ctx)];
    if (officialOf) conds.push({ official: officialOf.id });
    const officialArg = filter && 'official' in filter ? filter.official : null;
    if (officialArg) conds.push({ official: keyOf(officialArg, Official.typename, 'filter.official') });
    if (filter?.unitSubtree) {
      const root = await ctx.loaders.row(Unit, keyOf(filter.unitSubtree, Unit.typename, 'filter.unitSubtree'));
      // an unknown root gives an empty list, not an error; the scope predicate still applies
      conds.push(root ? { unitPath: { $like: `${root.path}%` } } : { id: { $in: [] } });
    }
    if (filter?.year != null) conds.push({ year: filter.year });
    if (filter?.disclosed != null) conds.push({ disclosedDate: filter.disclosed ? { $ne: null } : null });
    return paginate(ctx.em, Pledge, { $and: conds } as FilterQuery<Pledge>, args);
  }

  /** A pledge named in a mutation, locked for the transaction, inside the writers' reach; otherwise a user error. */
  private static async requireWritable(ctx: RequestContext, em: EntityManager, globalId: string): Promise<Pledge> {
    const id = tryKeyOf(globalId, Pledge.typename);
    if (id === null) throw invalid('id', '"id" is not a valid Pledge id');
    const p = await em.findOne(Pledge, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!p || !ctx.viewer.reaches(PLEDGE_WRITERS, p.unitPath)) throw missing('id', 'No pledge with this id in your scope');
    return p;
  }

  static create(ctx: RequestContext, input: PledgeCreateInput): Promise<PledgePayload> {
    return runMutation<PledgePayload>(ctx, input, async (em) => {
      const title = input.title.trim();
      if (!title) throw invalid('title', 'title must not be empty');
      const items = input.items.map((s) => s.trim());
      const blank = items.findIndex((s) => s === '');
      if (blank >= 0) throw invalid(['input', 'items', String(blank)], 'each item must not be empty');
      // 年初签订: a pledge for a year may be signed during it or in the December before it.
      const earliest = `${input.year - 1}-12-01`;
      const latest = `${input.year}-12-31`;
      if (input.signedDate < earliest || input.signedDate > latest) {
        throw invalid('signedDate', `signedDate must lie between ${earliest} and ${latest} for a pledge of ${input.year}`);
      }
      if (input.signedDate > ctx.today) throw invalid('signedDate', 'signedDate may not be in the future');
      const official = await OfficialService.requireInReach(ctx, em, input.official, 'official', PLEDGE_WRITERS);
      if (await em.count(Pledge, { official: official.id, year: input.year, title })) {
        throw conflict(`The official already has a pledge "${title}" for ${input.year}`, ['input', 'title']);
      }
      const pledge = em.create(Pledge, {
        official,
        unit: official.unit,
        unitPath: official.unitPath,
        year: input.year,
        title,
        items,
        signedDate: input.signedDate,
      } as never);
      await em.flush();
      return { pledge };
    }, { pledge: null });
  }

  static disclose(ctx: RequestContext, input: PledgeDiscloseInput): Promise<PledgePayload> {
    return runMutation<PledgePayload>(ctx, input, async (em) => {
      const pledge = await PledgeService.requireWritable(ctx, em, input.id);
      checkVersion(pledge, input.version, 'The pledge');
      if (pledge.disclosedDate) throw conflict(`The pledge was already disclosed on ${pledge.disclosedDate}`, ['input', 'id']);
      if (input.disclosedDate < pledge.signedDate) throw invalid('disclosedDate', `disclosedDate may not be before the date signed (${pledge.signedDate})`);
      if (input.disclosedDate > ctx.today) throw invalid('disclosedDate', 'disclosedDate may not be in the future');
      pledge.disclosureChannel = input.channel;
      pledge.disclosedDate = input.disclosedDate;
      await em.flush();
      return { pledge };
    }, { pledge: null });
  }

  static evaluate(ctx: RequestContext, input: PledgeEvaluateInput): Promise<PledgePayload> {
    return runMutation<PledgePayload>(ctx, input, async (em) => {
      const pledge = await PledgeService.requireWritable(ctx, em, input.id);
      checkVersion(pledge, input.version, 'The pledge');
      if (!pledge.disclosedDate) throw conflict('A pledge is evaluated only after it has been disclosed', ['input', 'id']);
      if (pledge.evaluatedDate) throw conflict(`The pledge was already evaluated on ${pledge.evaluatedDate}`, ['input', 'id']);
      if (input.evaluatedDate < pledge.disclosedDate) throw invalid('evaluatedDate', `evaluatedDate may not be before the date disclosed (${pledge.disclosedDate})`);
      if (input.evaluatedDate > ctx.today) throw invalid('evaluatedDate', 'evaluatedDate may not be in the future');
      pledge.evaluationGrade = input.grade;
      pledge.evaluationComment = input.comment?.trim() || null;
      pledge.evaluatedDate = input.evaluatedDate;
      await em.flush();
      return { pledge };
    }, { pledge: null });
  }
}
