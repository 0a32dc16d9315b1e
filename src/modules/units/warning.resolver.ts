import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { Unit } from './unit.entity';
import { Warning } from './warning.entity';
import { UnitService } from './unit.service';
import { WarningConnection, WarningFilter } from './unit.types';

@Resolver(() => Warning)
export class WarningResolver {
  @Query(() => WarningConnection, {
    nullable: true,
    description: '预警记录列表 (warnings, in force and lifted, of the units the caller may see; PARTY_COMMITTEE, DISCIPLINE_COMMISSION, DISPATCHED_TEAM, UNIT its own)',
  })
  warnings(
    @Arg('filter', () => WarningFilter, { nullable: true, description: '筛选 (filter)' }) filter: WarningFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return UnitService.listWarnings(ctx, filter, args);
  }

  @FieldResolver(() => Unit, { description: '预警单位 (the unit)' })
  async unit(@Root() w: Warning, @Ctx() ctx: RequestContext): Promise<Unit> {
    return (await ctx.loaders.row(Unit, w.unit.id))!;
  }

  @FieldResolver(() => String, { nullable: true, description: '发布人 (who issued it: the account name)' })
  issuerName(@Root() w: Warning, @Ctx() ctx: RequestContext): Promise<string | null> {
    return UnitService.accountName(ctx, w.issuedBy?.id);
  }

  @FieldResolver(() => String, { nullable: true, description: '解除人 (who lifted or replaced it: the account name)' })
  lifterName(@Root() w: Warning, @Ctx() ctx: RequestContext): Promise<string | null> {
    return UnitService.accountName(ctx, w.liftedBy?.id);
  }

  @FieldResolver(() => Boolean, { description: '在预警中 (in force: not lifted)' })
  active(@Root() w: Warning): boolean {
    return w.liftedDate == null;
  }
}

/** Unit.warnings: the history lives with the unit's current warning fields. */
@Resolver(() => Unit)
export class UnitWarningsResolver {
  @FieldResolver(() => [Warning], {
    nullable: true,
    description: '预警历史 (warning history of this unit, newest first); null with FORBIDDEN for roles that may not read warnings',
  })
  warnings(@Root() unit: Unit, @Ctx() ctx: RequestContext): Promise<Warning[]> {
    return UnitService.warningsOf(ctx, unit);
  }
}
