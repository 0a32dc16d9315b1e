import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Info } from 'type-graphql';
import { Lean } from '../../common/lean-resolver';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { keyOf } from '../../common/relay';
import { badInput, notFound } from '../../common/errors';
import { Unit } from './unit.entity';
import { UnitService } from './unit.service';
import { UnitConnection, UnitCreateInput, UnitFilter, UnitPayload, UnitUpdateInput, UnitWarningSetInput } from './unit.types';
import { Reads, nodeReads } from '../../common/projection';
import type { GraphQLResolveInfo } from 'graphql';

@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => UnitConnection, { nullable: true, description: '单位列表 (units the caller may see)' })
  units(
    @Arg('filter', () => UnitFilter, { nullable: true, description: '筛选 (filter)' }) filter: UnitFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return UnitService.list(ctx, filter, args, nodeReads(info));
  }

  @Query(() => Unit, { nullable: true, description: '单位 (one unit by id or by code); out of scope: null with NOT_FOUND' })
  async unit(
    @Arg('id', () => ID, { nullable: true, description: '全局标识 (global id)' }) id: string | null,
    @Arg('code', () => String, { nullable: true, description: '单位代码 (code)' }) code: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Unit> {
    if ((id == null) === (code == null)) throw badInput('Pass exactly one of "id" and "code"');
    const unit = id != null ? await UnitService.findVisible(ctx, keyOf(id, Unit.typename)) : await UnitService.byCode(ctx, code!);
    if (!unit) throw notFound('No unit with this id or code');
    return unit;
  }

  @FieldResolver(() => Unit, { nullable: true, description: '上级单位 (parent); null at the root or when outside the caller\'s scope' })
  @Lean()
  @Reads('parent')
  parent(@Root() unit: Unit, @Ctx() ctx: RequestContext): Promise<Unit | null> | null {
    return unit.parent ? UnitService.findVisible(ctx, unit.parent.id) : null;
  }

  @FieldResolver(() => UnitConnection, { description: '下级单位 (direct children the caller may see)' })
  @Lean()
  @Reads('id')
  children(@Root() unit: Unit, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return UnitService.children(ctx, info, unit, args);
  }

  @Mutation(() => UnitPayload, { nullable: true, description: '新建单位 (create a unit; SYSTEM_ADMIN)' })
  unitCreate(@Arg('input', () => UnitCreateInput, { description: '输入 (input)' }) input: UnitCreateInput, @Ctx() ctx: RequestContext) {
    return UnitService.create(ctx, input);
  }

  @Mutation(() => UnitPayload, { nullable: true, description: '修改单位 (edit a unit; SYSTEM_ADMIN)' })
  unitUpdate(@Arg('input', () => UnitUpdateInput, { description: '输入 (input)' }) input: UnitUpdateInput, @Ctx() ctx: RequestContext) {
    return UnitService.update(ctx, input);
  }

  @Mutation(() => UnitPayload, { nullable: true, description: '设置或解除单位预警 (set or lift a unit\'s warning; DISCIPLINE_COMMISSION, DISPATCHED_TEAM)' })
  unitWarningSet(@Arg('input', () => UnitWarningSetInput, { description: '输入 (input)' }) input: UnitWarningSetInput, @Ctx() ctx: RequestContext) {
    return UnitService.setWarning(ctx, input);
  }
}
