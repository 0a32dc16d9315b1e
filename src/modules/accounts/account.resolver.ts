import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { Unit } from '../units/unit.entity';
import { DispatchedTeam } from '../teams/team.entity';
import { InspectionTour } from '../inspections/inspection.entity';
import { Account, RoleGrant } from './account.entity';
import { AccountService } from './account.service';
import {
  AccountConnection,
  AccountCreateInput,
  AccountFilter,
  AccountPayload,
  AccountSetDisabledInput,
  RoleGrantCreateInput,
  RoleGrantPayload,
  RoleGrantRevokeInput,
  ViewerInfo,
} from './account.types';

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => ViewerInfo, { nullable: true, description: '当前账号 (the caller: account, active grants and their reach as of today)' })
  viewer(@Ctx() ctx: RequestContext) {
    return AccountService.viewer(ctx);
  }

  @Query(() => AccountConnection, { nullable: true, description: '账号列表 (accounts; SECURITY_ADMIN)' })
  accounts(
    @Arg('filter', () => AccountFilter, { nullable: true, description: '筛选 (filter)' }) filter: AccountFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return AccountService.list(ctx, filter, args);
  }

  @FieldResolver(() => Official, { nullable: true, description: '关联干部 (the official this person is); null when none or outside the caller\'s scope' })
  official(@Root() account: Account, @Ctx() ctx: RequestContext) {
    return account.official ? OfficialService.findVisible(ctx, account.official.id) : null;
  }

  @FieldResolver(() => [RoleGrant], { description: '有效授权 (active grants)' })
  grants(@Root() account: Account, @Ctx() ctx: RequestContext) {
    return AccountService.activeGrants(ctx, account);
  }

  @Mutation(() => AccountPayload, { nullable: true, description: '新建账号 (create an account; SECURITY_ADMIN)' })
  accountCreate(@Arg('input', () => AccountCreateInput, { description: '输入 (input)' }) input: AccountCreateInput, @Ctx() ctx: RequestContext) {
    return AccountService.create(ctx, input);
  }

  @Mutation(() => AccountPayload, { nullable: true, description: '停用或启用账号 (disable or enable an account; SECURITY_ADMIN)' })
  accountSetDisabled(@Arg('input', () => AccountSetDisabledInput, { description: '输入 (input)' }) input: AccountSetDisabledInput, @Ctx() ctx: RequestContext) {
    return AccountService.setDisabled(ctx, input);
  }

  @Mutation(() => RoleGrantPayload, { nullable: true, description: '授予角色 (grant a role; SECURITY_ADMIN); refused when it would break the separation of the three administrators' })
  roleGrantCreate(@Arg('input', () => RoleGrantCreateInput, { description: '输入 (input)' }) input: RoleGrantCreateInput, @Ctx() ctx: RequestContext) {
    return AccountService.grant(ctx, input);
  }

  @Mutation(() => RoleGrantPayload, { nullable: true, description: '撤销授权 (revoke a grant; SECURITY_ADMIN); takes effect on the next request' })
  roleGrantRevoke(@Arg('input', () => RoleGrantRevokeInput, { description: '输入 (input)' }) input: RoleGrantRevokeInput, @Ctx() ctx: RequestContext) {
    return AccountService.revoke(ctx, input);
  }
}

@Resolver(() => RoleGrant)
export class RoleGrantResolver {
  @FieldResolver(() => String, { nullable: true, description: '单位代码 (code of the unit the grant is bound to)' })
  async unitCode(@Root() g: RoleGrant, @Ctx() ctx: RequestContext) {
    return g.unit ? (await ctx.loaders.row(Unit, g.unit.id))?.code ?? null : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '单位名称 (name of the unit the grant is bound to)' })
  async unitName(@Root() g: RoleGrant, @Ctx() ctx: RequestContext) {
    return g.unit ? (await ctx.loaders.row(Unit, g.unit.id))?.name ?? null : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '派驻组代码 (code of the team the grant is bound to)' })
  async teamCode(@Root() g: RoleGrant, @Ctx() ctx: RequestContext) {
    return g.team ? (await ctx.loaders.load(DispatchedTeam, g.team.id))?.code ?? null : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '派驻组名称 (name of the team the grant is bound to)' })
  async teamName(@Root() g: RoleGrant, @Ctx() ctx: RequestContext) {
    return g.team ? (await ctx.loaders.load(DispatchedTeam, g.team.id))?.name ?? null : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '巡察名称 (name of the inspection tour the grant is bound to, with its round)' })
  async tourName(@Root() g: RoleGrant, @Ctx() ctx: RequestContext) {
    if (!g.tour) return null;
    const t = await ctx.loaders.load(InspectionTour, g.tour.id);
    return t ? `${t.round}：${t.name}` : null;
  }

  @FieldResolver(() => Boolean, { description: '有效 (active: not revoked)' })
  active(@Root() g: RoleGrant) {
    return !g.revokedAt;
  }
}
