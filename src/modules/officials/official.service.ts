import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { childPage } from '../../common/nested-page';
import type { GraphQLResolveInfo } from 'graphql';
import { keyOf, tryKeyOf } from '../../common/relay';
import { invalid, missing } from '../../common/errors';
import { checkVersion, runMutation } from '../../common/mutation';
import { Role } from '../../authz/roles';
import { Unit } from '../units/unit.entity';
import { UnitService, escapeLike } from '../units/unit.service';
import { Official } from './official.entity';
import { OFFICIAL_ROW_ROLES } from './official.rules';
import type { OfficialCreateInput, OfficialFilter, OfficialPayload, OfficialUpdateInput } from './official.types';

/** Officials: the registry (SYSTEM_ADMIN) and scoped reads. */
export class OfficialService {
  static scope(ctx: RequestContext): FilterQuery<Official> {
    return ctx.viewer.pathFilter(OFFICIAL_ROW_ROLES) as FilterQuery<Official>;
  }

  /** An official by key if the viewer may see it (batched), else null. */
  static async findVisible(ctx: RequestContext, id: number, roles: readonly Role[] = OFFICIAL_ROW_ROLES, withUnit = false): Promise<Official | null> {
    // with its unit when the answer shows it: one statement instead of two
    const o = await (withUnit ? ctx.loaders.rowWith(Official, id, 'unit') : ctx.loaders.row(Official, id));
    return o && ctx.viewer.reaches(roles, o.unitPath) ? o : null;
  }

  /** An official named in a mutation's input, inside the reach of `roles`; otherwise a NOT_FOUND user error. */
  static async requireInReach(ctx: RequestContext, em: EntityManager, globalId: string | null | undefined, field: string, roles: readonly Role[]): Promise<Official> {
    const id = tryKeyOf(globalId, Official.typename);
    if (id === null) throw invalid(field, `"${field}" is not a valid Official id`);
    const o = await em.findOne(Official, { id });
    if (!o || !ctx.viewer.reaches(roles, o.unitPath)) throw missing(field, 'No official with this id in your scope');
    return o;
  }

  /** The predicate of a list of officials: the caller's scope and the filter. */
  static async where(ctx: RequestContext, filter: OfficialFilter | null | undefined): Promise<FilterQuery<Official>> {
    const conds: FilterQuery<Official>[] = [(await UnitService.scopeWithin(ctx, OFFICIAL_ROW_ROLES, 'unitPath', filter?.unitSubtree, 'filter.unitSubtree')) as FilterQuery<Official>];
    if (filter?.unit) conds.push({ unit: keyOf(filter.unit, Unit.typename, 'filter.unit') });
    if (filter?.nameContains) conds.push({ name: { $ilike: `%${escapeLike(filter.nameContains)}%` } });
    if (filter?.isPrincipal != null) conds.push({ isPrincipal: filter.isPrincipal });
    if (filter?.ranks?.length) conds.push({ rank: { $in: filter.ranks } });
    return { $and: conds } as FilterQuery<Official>;
  }

  /**
   * `reads`: the properties the selected fields read (see src/common/projection.ts); given (even
   * null), the rows are read-only rows.
   */
  static async list(ctx: RequestContext, filter: OfficialFilter | null | undefined, args: ConnectionArgs, reads?: readonly string[] | null) {
    return paginate(ctx.em, Official, await OfficialService.where(ctx, filter), args, reads === undefined ? undefined : { reads });
  }

  /** A unit's officials: paged for all the units of a response in one statement, the level prepared once per field (childPage). */
  static ofUnit(ctx: RequestContext, info: GraphQLResolveInfo, unit: Unit, filter: OfficialFilter | null | undefined, args: ConnectionArgs) {
    return childPage(ctx, info, Official, 'unit', unit.id, () => OfficialService.where(ctx, filter), args);
  }

  /** 分管 units of an official, batched, limited to those the viewer may see. */
  static async inChargeUnits(ctx: RequestContext, official: Official): Promise<Unit[]> {
    const ids = await ctx.loaders
      .custom<number, number[]>('inChargeUnitIds', async (officialIds) => {
        const rows = await ctx.em.execute<{ official_id: number; unit_id: number }[]>(
          'select official_id, unit_id from official_in_charge_unit where official_id in (?) order by unit_id',
          [[...officialIds]],
        );
        return officialIds.map((oid) => rows.filter((r) => r.official_id === oid).map((r) => r.unit_id));
      })
      .load(official.id);
    const units = await Promise.all(ids.map((id) => UnitService.findVisible(ctx, id)));
    return units.filter((u): u is Unit => u !== null);
  }

  private static async resolveUnits(em: EntityManager, ids: string[], field: string): Promise<Unit[]> {
    const keys = ids.map((g) => {
      const k = tryKeyOf(g, Unit.typename);
      if (k === null) throw invalid(field, `"${field}" holds an invalid Unit id`);
      return k;
    });
    const units = await em.find(Unit, { id: { $in: keys } });
    if (units.length !== new Set(keys).size) throw missing(field, `"${field}" names a unit that does not exist`);
    return units;
  }

  static create(ctx: RequestContext, input: OfficialCreateInput): Promise<OfficialPayload> {
    return runMutation<OfficialPayload>(ctx, input, async (em) => {
      const unit = await UnitService.requireInReach(ctx, em, input.unit, 'unit', [Role.SYSTEM_ADMIN]);
      const inCharge = await OfficialService.resolveUnits(em, input.inChargeUnits ?? [], 'inChargeUnits');
      const official = em.create(Official, {
        name: input.name.trim(),
        unit,
        unitPath: unit.path,
        post: input.post.trim(),
        rank: input.rank,
        isPrincipal: input.isPrincipal,
        identityNumber: input.identityNumber ?? null,
        phone: input.phone ?? null,
      } as never);
      official.inChargeUnits.set(inCharge);
      await em.flush();
      return { official };
    }, { official: null });
  }

  static update(ctx: RequestContext, input: OfficialUpdateInput): Promise<OfficialPayload> {
    return runMutation<OfficialPayload>(ctx, input, async (em) => {
      const official = await OfficialService.requireInReach(ctx, em, input.id, 'id', [Role.SYSTEM_ADMIN]);
      checkVersion(official, input.version, 'The official');
      if (input.unit != null) {
        const unit = await UnitService.requireInReach(ctx, em, input.unit, 'unit', [Role.SYSTEM_ADMIN]);
        official.unit = unit as never;
        official.unitPath = unit.path;
      }
      if (input.name != null) official.name = input.name.trim();
      if (input.post != null) official.post = input.post.trim();
      if (input.rank != null) official.rank = input.rank;
      if (input.isPrincipal != null) official.isPrincipal = input.isPrincipal;
      if (input.identityNumber != null) official.identityNumber = input.identityNumber;
      if (input.phone != null) official.phone = input.phone;
      if (input.inChargeUnits != null) {
        await official.inChargeUnits.init();
        official.inChargeUnits.set(await OfficialService.resolveUnits(em, input.inChargeUnits, 'inChargeUnits'));
      }
      await em.flush();
      return { official };
    }, { official: null });
  }
}
