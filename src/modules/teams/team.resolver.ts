import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { keyOf } from '../../common/relay';
import { notFound } from '../../common/errors';
import { LocalDateScalar } from '../../common/scalars';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { DispatchedTeam, SupervisionAssignment } from './team.entity';
import { TeamService, activeOn } from './team.service';
import {
  DispatchedTeamConnection,
  DispatchedTeamCreateInput,
  DispatchedTeamPayload,
  SupervisionAssignmentCreateInput,
  SupervisionAssignmentEndInput,
  SupervisionAssignmentPayload,
} from './team.types';

@Resolver(() => DispatchedTeam)
export class DispatchedTeamResolver {
  @Query(() => DispatchedTeamConnection, { nullable: true, description: '派驻纪检监察组列表 (dispatched teams the caller may see)' })
  dispatchedTeams(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: RequestContext) {
    return TeamService.list(ctx, args);
  }

  @Query(() => DispatchedTeam, { nullable: true, description: '派驻纪检监察组 (one team); out of scope: null with NOT_FOUND' })
  async dispatchedTeam(@Arg('id', () => ID, { description: '全局标识 (global id)' }) id: string, @Ctx() ctx: RequestContext): Promise<DispatchedTeam> {
    const team = await TeamService.findVisible(ctx, keyOf(id, DispatchedTeam.typename));
    if (!team) throw notFound('No dispatched team with this id');
    return team;
  }

  @FieldResolver(() => Unit, { nullable: true, description: '所属纪委监委 (the commission unit the team belongs to); null when outside the caller\'s scope' })
  commissionUnit(@Root() team: DispatchedTeam, @Ctx() ctx: RequestContext): Promise<Unit | null> {
    return UnitService.findVisible(ctx, team.commissionUnit.id);
  }

  @FieldResolver(() => [SupervisionAssignment], { description: '派驻监督关系 (the team\'s assignments, past and present, oldest first)' })
  assignments(
    @Root() team: DispatchedTeam,
    @Arg('activeOn', () => LocalDateScalar, { nullable: true, description: '在某日有效 (only those in force on this date)' }) date: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<SupervisionAssignment[]> {
    return TeamService.assignments(ctx, team, date);
  }

  @Mutation(() => DispatchedTeamPayload, { nullable: true, description: '新建派驻纪检监察组 (create a dispatched team; DISCIPLINE_COMMISSION)' })
  dispatchedTeamCreate(@Arg('input', () => DispatchedTeamCreateInput, { description: '输入 (input)' }) input: DispatchedTeamCreateInput, @Ctx() ctx: RequestContext) {
    return TeamService.createTeam(ctx, input);
  }

  @Mutation(() => SupervisionAssignmentPayload, { nullable: true, description: '建立派驻监督关系 (assign a team to a unit; DISCIPLINE_COMMISSION); the team\'s reach changes from the next request' })
  supervisionAssignmentCreate(@Arg('input', () => SupervisionAssignmentCreateInput, { description: '输入 (input)' }) input: SupervisionAssignmentCreateInput, @Ctx() ctx: RequestContext) {
    return TeamService.createAssignment(ctx, input);
  }

  @Mutation(() => SupervisionAssignmentPayload, { nullable: true, description: '终止派驻监督关系 (end an assignment; DISCIPLINE_COMMISSION); the team\'s reach changes from the next request' })
  supervisionAssignmentEnd(@Arg('input', () => SupervisionAssignmentEndInput, { description: '输入 (input)' }) input: SupervisionAssignmentEndInput, @Ctx() ctx: RequestContext) {
    return TeamService.endAssignment(ctx, input);
  }
}

@Resolver(() => SupervisionAssignment)
export class SupervisionAssignmentResolver {
  @FieldResolver(() => DispatchedTeam, { description: '派驻组 (the team)' })
  async team(@Root() a: SupervisionAssignment, @Ctx() ctx: RequestContext): Promise<DispatchedTeam> {
    return (await ctx.loaders.load(DispatchedTeam, a.team.id))!;
  }

  @FieldResolver(() => Unit, { nullable: true, description: '被监督单位 (the unit supervised); null when outside the caller\'s scope, e.g. a team\'s former unit' })
  unit(@Root() a: SupervisionAssignment, @Ctx() ctx: RequestContext): Promise<Unit | null> {
    return UnitService.findVisible(ctx, a.unit.id);
  }

  @FieldResolver(() => Boolean, { description: '当前有效 (in force today)' })
  active(@Root() a: SupervisionAssignment, @Ctx() ctx: RequestContext): boolean {
    return activeOn(a, ctx.today);
  }
}
