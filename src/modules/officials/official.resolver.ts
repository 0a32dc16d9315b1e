import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Info } from 'type-graphql';
import { Lean } from '../../common/lean-resolver';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { keyOf } from '../../common/relay';
import { notFound } from '../../common/errors';
import { applyLevel, maskIdentityNumber, maskPhone } from '../../authz/masking';
import { Role } from '../../authz/roles';
import { Unit } from '../units/unit.entity';
import { Official } from './official.entity';
import { OfficialService } from './official.service';
import {
  OFFICIAL_CONTACT_ACCESS,
  OFFICIAL_INTEGRITY_ACCESS,
  OFFICIAL_SANCTIONS_ACCESS,
} from './official.rules';
import { OfficialConnection, OfficialCreateInput, OfficialFilter, OfficialPayload, OfficialUpdateInput, OfficialViewerCan } from './official.types';
import { Reads, nodeReads, selects } from '../../common/projection';
import type { GraphQLResolveInfo } from 'graphql';

@Resolver(() => Official)
export class OfficialResolver {
  @Query(() => OfficialConnection, { nullable: true, description: '干部列表 (officials the caller may see)' })
  officials(
    @Arg('filter', () => OfficialFilter, { nullable: true, description: '筛选 (filter)' }) filter: OfficialFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return OfficialService.list(ctx, filter, args, nodeReads(info));
  }

  @Query(() => Official, { nullable: true, description: '干部 (one official); out of scope: null with NOT_FOUND' })
  async official(@Arg('id', () => ID, { description: '全局标识 (global id)' }) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Official> {
    const o = await OfficialService.findVisible(ctx, keyOf(id, Official.typename), undefined, selects(info, 'unit'));
    if (!o) throw notFound('No official with this id');
    return o;
  }

  @FieldResolver(() => Unit, { description: '所在单位 (unit)' })
  @Lean()
  @Reads('unit')
  async unit(@Root() o: Official, @Ctx() ctx: RequestContext): Promise<Unit> {
    return (await ctx.loaders.row(Unit, o.unit.id))!;
  }

  @FieldResolver(() => [Unit], { description: '分管单位 (units this leader is in charge of, as far as the caller may see)' })
  @Lean()
  @Reads('id')
  inChargeUnits(@Root() o: Official, @Ctx() ctx: RequestContext) {
    return OfficialService.inChargeUnits(ctx, o);
  }

  @FieldResolver(() => String, { nullable: true, description: '身份证号 (identity number); masked (3201**********1234) for some roles' })
  @Lean()
  @Reads('unitPath', 'identityNumber')
  identityNumber(@Root() o: Official, @Ctx() ctx: RequestContext): string | null {
    return applyLevel(ctx.viewer.levelAt(o.unitPath, OFFICIAL_CONTACT_ACCESS), o.identityNumber, maskIdentityNumber);
  }

  @FieldResolver(() => String, { nullable: true, description: '手机号 (phone); masked (138****5678) for some roles' })
  @Lean()
  @Reads('unitPath', 'phone')
  phone(@Root() o: Official, @Ctx() ctx: RequestContext): string | null {
    return applyLevel(ctx.viewer.levelAt(o.unitPath, OFFICIAL_CONTACT_ACCESS), o.phone, maskPhone);
  }

  @FieldResolver(() => OfficialViewerCan, { description: '当前账号可做之事 (what the caller may do with this official)' })
  @Lean()
  @Reads('unitPath')
  viewerCan(@Root() o: Official, @Ctx() ctx: RequestContext): OfficialViewerCan {
    const contact = ctx.viewer.levelAt(o.unitPath, OFFICIAL_CONTACT_ACCESS);
    return {
      readContact: contact !== null,
      contactMasked: contact === 'M',
      readSanctions: ctx.viewer.levelAt(o.unitPath, OFFICIAL_SANCTIONS_ACCESS) !== null,
      readIntegrityStatus: ctx.viewer.levelAt(o.unitPath, OFFICIAL_INTEGRITY_ACCESS) !== null,
      update: ctx.viewer.reaches([Role.SYSTEM_ADMIN], o.unitPath),
    };
  }

  @Mutation(() => OfficialPayload, { nullable: true, description: '登记干部 (register an official; SYSTEM_ADMIN)' })
  officialCreate(@Arg('input', () => OfficialCreateInput, { description: '输入 (input)' }) input: OfficialCreateInput, @Ctx() ctx: RequestContext) {
    return OfficialService.create(ctx, input);
  }

  @Mutation(() => OfficialPayload, { nullable: true, description: '修改干部登记信息 (edit an official; SYSTEM_ADMIN)' })
  officialUpdate(@Arg('input', () => OfficialUpdateInput, { description: '输入 (input)' }) input: OfficialUpdateInput, @Ctx() ctx: RequestContext) {
    return OfficialService.update(ctx, input);
  }
}

/** Unit.officials belongs to this module: it leads to officials. */
@Resolver(() => Unit)
export class UnitOfficialsResolver {
  @FieldResolver(() => OfficialConnection, { description: '本单位干部 (officials of this unit the caller may see)' })
  @Reads('id')
  @Lean()
  officials(
    @Root() unit: Unit,
    @Arg('filter', () => OfficialFilter, { nullable: true, description: '筛选 (filter)' }) filter: OfficialFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return OfficialService.ofUnit(ctx, info, unit, filter, args);
  }
}
