import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { tryKeyOf } from '../../common/relay';
import { conflict, invalid, missing } from '../../common/errors';
import { runMutation } from '../../common/mutation';
import { Role } from '../../authz/roles';
import { Unit } from '../units/unit.entity';
import { UnitKind } from '../units/unit.enums';
import { UnitService } from '../units/unit.service';
import { DispatchedTeam, SupervisionAssignment } from './team.entity';
import { TEAM_REACH_ROLES, TEAM_WRITERS } from './team.rules';
import type {
  DispatchedTeamCreateInput,
  DispatchedTeamPayload,
  SupervisionAssignmentCreateInput,
  SupervisionAssignmentEndInput,
  SupervisionAssignmentPayload,
} from './team.types';

/** The kinds of unit a team may belong to: a commission organ, or a county whose commission it is. */
const COMMISSION_KINDS: readonly UnitKind[] = [UnitKind.DISCIPLINE_COMMISSION, UnitKind.COUNTY];

/** Whether an assignment is in force on a date (both ends inclusive). */
export function activeOn(a: SupervisionAssignment, date: string): boolean {
  return a.validFrom <= date && (a.validTo == null || a.validTo >= date);
}

/**
 * The units a team of this commission may supervise: a commission organ (纪委监委机关) supervises
 * the subtree of the unit it belongs to (its parent), a county its own subtree.
 */
function jurisdictionPath(commission: Unit): string {
  if (commission.kind === UnitKind.DISCIPLINE_COMMISSION && commission.depth > 0) return commission.path.replace(/[^/]+\/$/, '');
  return commission.path;
}

/** Dispatched teams (派驻纪检监察组) and their supervision assignments. */
export class TeamService {
  /** The teams the viewer's DISPATCHED_TEAM grants are bound to. */
  static ownTeamIds(ctx: RequestContext): number[] {
    return ctx.viewer
      .grantsOf(Role.DISPATCHED_TEAM)
      .map((g) => g.teamId)
      .filter((id): id is number => id != null);
  }

  /** PC and DC see teams whose commission unit they reach; a dispatched team sees its own team. */
  static canSee(ctx: RequestContext, teamId: number, teamUnitPath: string): boolean {
    return ctx.viewer.reaches(TEAM_REACH_ROLES, teamUnitPath) || TeamService.ownTeamIds(ctx).includes(teamId);
  }

  static scope(ctx: RequestContext): FilterQuery<DispatchedTeam> {
    const byReach = ctx.viewer.pathFilter(TEAM_REACH_ROLES, 'unitPath');
    const own = TeamService.ownTeamIds(ctx);
    return (own.length ? { $or: [byReach, { id: { $in: own } }] } : byReach) as FilterQuery<DispatchedTeam>;
  }

  /** A team by key if the viewer may see it (batched), else null. */
  static async findVisible(ctx: RequestContext, id: number): Promise<DispatchedTeam | null> {
    const team = await ctx.loaders.load(DispatchedTeam, id);
    return team && TeamService.canSee(ctx, team.id, team.unitPath) ? team : null;
  }

  /** An assignment by key if the viewer may see its team, else null. */
  static async findVisibleAssignment(ctx: RequestContext, id: number): Promise<SupervisionAssignment | null> {
    const a = await ctx.loaders.load(SupervisionAssignment, id);
    return a && TeamService.canSee(ctx, a.team.id, a.teamUnitPath) ? a : null;
  }

  static list(ctx: RequestContext, args: ConnectionArgs) {
    return paginate(ctx.em, DispatchedTeam, TeamService.scope(ctx), args);
  }

  /** A team's assignments, oldest first, batched; `date` keeps those in force on that day. Visibility is the team's. */
  static async assignments(ctx: RequestContext, team: DispatchedTeam, date?: string | null): Promise<SupervisionAssignment[]> {
    const all = await ctx.loaders
      .custom<number, SupervisionAssignment[]>('assignmentsByTeam', async (teamIds) => {
        const rows = await ctx.em.find(SupervisionAssignment, { team: { $in: [...teamIds] } }, { orderBy: { validFrom: 'asc', id: 'asc' } });
        return teamIds.map((tid) => rows.filter((r) => r.team.id === tid));
      })
      .load(team.id);
    return date ? all.filter((a) => activeOn(a, date)) : all;
  }

  static createTeam(ctx: RequestContext, input: DispatchedTeamCreateInput): Promise<DispatchedTeamPayload> {
    return runMutation<DispatchedTeamPayload>(ctx, input, async (em) => {
      const name = input.name.trim();
      if (!name) throw invalid('name', 'name must not be empty');
      const commission = await UnitService.requireInReach(ctx, em, input.commissionUnit, 'commissionUnit', TEAM_WRITERS);
      if (!COMMISSION_KINDS.includes(commission.kind)) {
        throw invalid('commissionUnit', `A team belongs to a discipline commission organ or a county, not to a unit of kind ${commission.kind}`);
      }
      if (await em.count(DispatchedTeam, { code: input.code })) throw conflict(`A team with code ${input.code} already exists`, ['input', 'code']);
      const team = em.create(DispatchedTeam, { code: input.code, name, commissionUnit: commission, unitPath: commission.path } as never);
      await em.flush();
      return { dispatchedTeam: team };
    }, { dispatchedTeam: null });
  }

  /** A team named in a mutation, locked for the transaction, inside the writers' reach; otherwise a user error. */
  private static async requireWritableTeam(ctx: RequestContext, em: EntityManager, globalId: string): Promise<DispatchedTeam> {
    const id = tryKeyOf(globalId, DispatchedTeam.typename);
    if (id === null) throw invalid('team', '"team" is not a valid DispatchedTeam id');
    // The lock serialises assignment changes of one team, so the overlap check cannot race.
    const team = await em.findOne(DispatchedTeam, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!team || !ctx.viewer.reaches(TEAM_WRITERS, team.unitPath)) throw missing('team', 'No dispatched team with this id in your scope');
    return team;
  }

  static createAssignment(ctx: RequestContext, input: SupervisionAssignmentCreateInput): Promise<SupervisionAssignmentPayload> {
    return runMutation<SupervisionAssignmentPayload>(ctx, input, async (em) => {
      if (input.validTo != null && input.validTo < input.validFrom) throw invalid('validTo', 'validTo may not be before validFrom');
      const team = await TeamService.requireWritableTeam(ctx, em, input.team);
      const unit = await UnitService.requireInReach(ctx, em, input.unit, 'unit', TEAM_WRITERS);
      const commission = await em.findOneOrFail(Unit, { id: team.commissionUnit.id });
      if (!unit.path.startsWith(jurisdictionPath(commission))) {
        throw invalid('unit', `The unit lies outside the jurisdiction of the team's commission (${commission.code})`);
      }
      const overlapping = await em.findOne(
        SupervisionAssignment,
        {
          team: team.id,
          unit: unit.id,
          ...(input.validTo != null ? { validFrom: { $lte: input.validTo } } : {}),
          $or: [{ validTo: null }, { validTo: { $gte: input.validFrom } }],
        },
        { orderBy: { validFrom: 'asc' } },
      );
      if (overlapping) {
        throw conflict(
          `The team already supervises this unit from ${overlapping.validFrom}${overlapping.validTo ? ` to ${overlapping.validTo}` : ''}; the periods would overlap`,
          ['input', 'validFrom'],
        );
      }
      const assignment = em.create(SupervisionAssignment, {
        team,
        unit,
        unitPath: unit.path,
        teamUnitPath: team.unitPath,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
      } as never);
      await em.flush();
      return { supervisionAssignment: assignment };
    }, { supervisionAssignment: null });
  }

  static endAssignment(ctx: RequestContext, input: SupervisionAssignmentEndInput): Promise<SupervisionAssignmentPayload> {
    return runMutation<SupervisionAssignmentPayload>(ctx, input, async (em) => {
      const id = tryKeyOf(input.id, SupervisionAssignment.typename);
      if (id === null) throw invalid('id', '"id" is not a valid SupervisionAssignment id');
      const a = await em.findOne(SupervisionAssignment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!a || !ctx.viewer.reaches(TEAM_WRITERS, a.teamUnitPath)) throw missing('id', 'No supervision assignment with this id in your scope');
      if (a.validTo != null) throw conflict(`The assignment already ends on ${a.validTo}`, ['input', 'id']);
      if (input.validTo < a.validFrom) throw invalid('validTo', `validTo may not be before validFrom (${a.validFrom})`);
      a.validTo = input.validTo;
      await em.flush();
      return { supervisionAssignment: a };
    }, { supervisionAssignment: null });
  }
}
