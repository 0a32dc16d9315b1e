import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { keyOf } from '../../common/relay';
import { notFound } from '../../common/errors';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { Pledge } from './pledge.entity';
import { PledgeService } from './pledge.service';
import {
  OfficialPledgeFilter,
  PledgeConnection,
  PledgeCreateInput,
  PledgeDiscloseInput,
  PledgeEvaluateInput,
  PledgeFilter,
  PledgePayload,
} from './pledge.types';

@Resolver(() => Pledge)
export class PledgeResolver {
  @Query(() => PledgeConnection, { nullable: true, description: '廉政承诺列表 (pledges the caller may see)' })
  pledges(
    @Arg('filter', () => PledgeFilter, { nullable: true, description: '筛选 (filter)' }) filter: PledgeFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return PledgeService.list(ctx, filter, args);
  }

  @Query(() => Pledge, { nullable: true, description: '廉政承诺 (one pledge); out of scope: null with NOT_FOUND' })
  async pledge(@Arg('id', () => ID, { description: '全局标识 (global id)' }) id: string, @Ctx() ctx: RequestContext): Promise<Pledge> {
    const p = await PledgeService.findVisible(ctx, keyOf(id, Pledge.typename));
    if (!p) throw notFound('No pledge with this id');
    return p;
  }

  @FieldResolver(() => Official, { nullable: true, description: '承诺人 (the official who signed); null when the official has since moved outside the caller\'s scope' })
  official(@Root() p: Pledge, @Ctx() ctx: RequestContext): Promise<Official | null> {
    return OfficialService.findVisible(ctx, p.official.id);
  }

  @FieldResolver(() => Unit, { description: '承诺时所在单位 (the official\'s unit when the pledge was signed)' })
  async unit(@Root() p: Pledge, @Ctx() ctx: RequestContext): Promise<Unit> {
    return (await ctx.loaders.row(Unit, p.unit.id))!;
  }

  @FieldResolver(() => Boolean, { description: '已公示 (whether the pledge has been disclosed)' })
  disclosed(@Root() p: Pledge): boolean {
    return p.disclosedDate != null;
  }

  @FieldResolver(() => Boolean, { description: '已评议 (whether the pledge has been evaluated)' })
  evaluated(@Root() p: Pledge): boolean {
    return p.evaluatedDate != null;
  }

  @Mutation(() => PledgePayload, { nullable: true, description: '登记廉政承诺 (record a signed pledge of an official of your unit; UNIT)' })
  pledgeCreate(@Arg('input', () => PledgeCreateInput, { description: '输入 (input)' }) input: PledgeCreateInput, @Ctx() ctx: RequestContext) {
    return PledgeService.create(ctx, input);
  }

  @Mutation(() => PledgePayload, { nullable: true, description: '公示承诺 (record the public disclosure of a pledge, once; UNIT)' })
  pledgeDisclose(@Arg('input', () => PledgeDiscloseInput, { description: '输入 (input)' }) input: PledgeDiscloseInput, @Ctx() ctx: RequestContext) {
    return PledgeService.disclose(ctx, input);
  }

  @Mutation(() => PledgePayload, { nullable: true, description: '践诺评议 (record the evaluation of a disclosed pledge, once; UNIT)' })
  pledgeEvaluate(@Arg('input', () => PledgeEvaluateInput, { description: '输入 (input)' }) input: PledgeEvaluateInput, @Ctx() ctx: RequestContext) {
    return PledgeService.evaluate(ctx, input);
  }
}

/** Official.pledges belongs to this module: it leads to pledges. */
@Resolver(() => Official)
export class OfficialPledgesResolver {
  @FieldResolver(() => PledgeConnection, { nullable: true, description: '廉政承诺 (this official\'s pledges the caller may see); null with FORBIDDEN for roles that may not read pledges' })
  pledges(
    @Root() official: Official,
    @Arg('filter', () => OfficialPledgeFilter, { nullable: true, description: '筛选 (filter)' }) filter: OfficialPledgeFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return PledgeService.list(ctx, filter, args, official);
  }
}
