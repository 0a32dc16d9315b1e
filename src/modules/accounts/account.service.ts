import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { tryKeyOf } from '../../common/relay';
import { conflict, invalid, missing, notFound } from '../../common/errors';
import { checkVersion, runMutation } from '../../common/mutation';
import { ADMIN_ROLES, Role, TEAM_BOUND_ROLES, UNIT_BOUND_ROLES } from '../../authz/roles';
import { Unit } from '../units/unit.entity';
import { UnitKind } from '../units/unit.enums';
import { Official } from '../officials/official.entity';
import { DispatchedTeam } from '../teams/team.entity';
import { InspectionTour } from '../inspections/inspection.entity';
import { escapeLike } from '../units/unit.service';
import { Account, RoleGrant } from './account.entity';
import { ScopeKindEnum, type AccountCreateInput, type AccountFilter, type AccountPayload, type AccountSetDisabledInput, type RoleGrantCreateInput, type RoleGrantPayload, type RoleGrantRevokeInput, type ViewerInfo } from './account.types';

/** Roles bound to an inspection tour (the grant names the tour; its reach is the tour's units while it runs). */
const TOUR_BOUND_ROLES: readonly Role[] = [Role.INSPECTION_GROUP];

/** 三员分立: a new role may join an account's active roles only if no admin role ends up beside another role. */
export function separationProblem(held: Role[], added: Role): string | null {
  const roles = new Set([...held, added]);
  const admins = [...roles].filter((r) => ADMIN_ROLES.includes(r));
  if (admins.length > 1) return `Separation of duties: one account may not hold two of SYSTEM_ADMIN, SECURITY_ADMIN and AUDIT_ADMIN (it holds ${held.join(', ')})`;
  if (admins.length === 1 && roles.size > 1) return `Separation of duties: an administrator role may not be combined with any other role (it holds ${held.join(', ') || 'none'}, adding ${added})`;
  return null;
}

export class AccountService {
  static async viewer(ctx: RequestContext): Promise<ViewerInfo> {
    const viewer = ctx.viewer;
    const account = await ctx.em.findOneOrFail(Account, { id: viewer.account!.id });
    const grants = await ctx.em.find(RoleGrant, { id: { $in: viewer.grants.map((g) => g.grantId) } }, { orderBy: { id: 'asc' } });
    const scopes = await Promise.all(
      viewer.grants.map(async (g) => {
        const units: Unit[] = [];
        if (g.kind === 'SUBTREE' || g.kind === 'UNIT') {
          const rows = await ctx.em.find(Unit, { path: { $in: g.paths } }, { orderBy: { path: 'asc' } });
          units.push(...rows);
        }
        return { role: g.role, kind: g.kind as ScopeKindEnum, units };
      }),
    );
    return { account, grants, scopes };
  }

  static list(ctx: RequestContext, filter: AccountFilter | null | undefined, args: ConnectionArgs) {
    const conds: FilterQuery<Account>[] = [];
    if (filter?.usernameContains) conds.push({ username: { $ilike: `%${escapeLike(filter.usernameContains)}%` } });
    if (filter?.role) conds.push({ id: { $in: ctx.em.createQueryBuilder(RoleGrant, 'g').select('g.account_id').where({ role: filter.role, revokedAt: null }).getKnexQuery() } } as never);
    return paginate(ctx.em, Account, conds.length ? { $and: conds } : {}, args);
  }

  static async activeGrants(ctx: RequestContext, account: Account): Promise<RoleGrant[]> {
    return ctx.loaders
      .custom<number, RoleGrant[]>('activeGrantsByAccount', async (ids) => {
        const rows = await ctx.em.find(RoleGrant, { account: { $in: [...ids] }, revokedAt: null }, { orderBy: { id: 'asc' } });
        return ids.map((id) => rows.filter((r) => r.account.id === id));
      })
      .load(account.id);
  }

  static create(ctx: RequestContext, input: AccountCreateInput): Promise<AccountPayload> {
    return runMutation<AccountPayload>(ctx, input, async (em) => {
      if (await em.count(Account, { username: input.username })) throw conflict(`The username ${input.username} is taken`, ['input', 'username']);
      let official: Official | null = null;
      if (input.official != null) {
        const id = tryKeyOf(input.official, Official.typename);
        if (id === null) throw invalid('official', '"official" is not a valid Official id');
        official = await em.findOne(Official, { id });
        if (!official) throw missing('official', 'No official with this id');
      }
      const account = em.create(Account, { username: input.username, displayName: input.displayName.trim(), kind: input.kind, official } as never);
      await em.flush();
      return { account };
    }, { account: null });
  }

  static setDisabled(ctx: RequestContext, input: AccountSetDisabledInput): Promise<AccountPayload> {
    return runMutation<AccountPayload>(ctx, input, async (em) => {
      const id = tryKeyOf(input.id, Account.typename);
      if (id === null) throw invalid('id', '"id" is not a valid Account id');
      const account = await em.findOne(Account, { id });
      if (!account) throw missing('id', 'No account with this id');
      checkVersion(account, input.version, 'The account');
      if (account.id === ctx.viewer.account?.id && input.disabled) throw invalid('id', 'You may not disable your own account');
      account.disabled = input.disabled;
      await em.flush();
      return { account };
    }, { account: null });
  }

  static grant(ctx: RequestContext, input: RoleGrantCreateInput): Promise<RoleGrantPayload> {
    return runMutation<RoleGrantPayload>(ctx, input, async (em) => {
      const accountId = tryKeyOf(input.account, Account.typename);
      if (accountId === null) throw invalid('account', '"account" is not a valid Account id');
      // Lock the account row: two concurrent grants cannot both pass the separation check.
      const account = await em.findOne(Account, { id: accountId }, { lockMode: 4 /* PESSIMISTIC_WRITE */ });
      if (!account) throw missing('account', 'No account with this id');
      const held = (await em.find(RoleGrant, { account, revokedAt: null })).map((g) => g.role);
      const problem = separationProblem(held, input.role);
      if (problem) throw conflict(problem, ['input', 'role']);

      let unit: Unit | null = null;
      let team: DispatchedTeam | null = null;
      if (UNIT_BOUND_ROLES.includes(input.role)) {
        if (!input.unitCode) throw invalid('unitCode', `${input.role} is bound to a unit: give unitCode`);
        unit = await em.findOne(Unit, { code: input.unitCode });
        if (!unit) throw missing('unitCode', `No unit with code ${input.unitCode}`);
        // 信访室 is an office of a discipline commission: counties and townships have one
        if (input.role === Role.PETITION_OFFICE && unit.kind !== UnitKind.COUNTY && unit.kind !== UnitKind.TOWNSHIP) {
          throw invalid('unitCode', 'PETITION_OFFICE is bound to a unit with a discipline commission (a county or a township)');
        }
      } else if (input.unitCode) throw invalid('unitCode', `${input.role} is not bound to a unit`);
      if (TEAM_BOUND_ROLES.includes(input.role)) {
        if (!input.teamCode) throw invalid('teamCode', `${input.role} is bound to a dispatched team: give teamCode`);
        team = await em.findOne(DispatchedTeam, { code: input.teamCode });
        if (!team) throw missing('teamCode', `No dispatched team with code ${input.teamCode}`);
      } else if (input.teamCode) throw invalid('teamCode', `${input.role} is not bound to a team`);
      let tour: InspectionTour | null = null;
      if (TOUR_BOUND_ROLES.includes(input.role)) {
        if (input.tourId == null) throw invalid('tourId', `${input.role} is bound to an inspection tour: give tourId`);
        const tourId = tryKeyOf(input.tourId, InspectionTour.typename);
        if (tourId === null) throw invalid('tourId', '"tourId" is not a valid InspectionTour id');
        tour = await em.findOne(InspectionTour, { id: tourId });
        if (!tour) throw missing('tourId', 'No inspection tour with this id');
      } else if (input.tourId != null) throw invalid('tourId', `${input.role} is not bound to an inspection tour`);
      if (held.includes(input.role) && (await em.count(RoleGrant, { account, role: input.role, unit, team, tour, revokedAt: null }))) {
        throw conflict('The account already holds this grant', ['input', 'role']);
      }
      const grant = em.create(RoleGrant, { account, role: input.role, unit, team, tour, grantedAt: ctx.now } as never);
      await em.flush();
      return { grant };
    }, { grant: null });
  }

  static revoke(ctx: RequestContext, input: RoleGrantRevokeInput): Promise<RoleGrantPayload> {
    return runMutation<RoleGrantPayload>(ctx, input, async (em) => {
      const id = tryKeyOf(input.id, RoleGrant.typename);
      if (id === null) throw invalid('id', '"id" is not a valid RoleGrant id');
      const grant = await em.findOne(RoleGrant, { id });
      if (!grant) throw missing('id', 'No grant with this id');
      if (grant.revokedAt) throw conflict('The grant is already revoked', ['input', 'id']);
      grant.revokedAt = ctx.now;
      await em.flush();
      return { grant };
    }, { grant: null });
  }

  static async findAccount(ctx: RequestContext, id: number): Promise<Account | null> {
    if (!ctx.viewer.hasRole(Role.SECURITY_ADMIN) && ctx.viewer.account?.id !== id) return null;
    return ctx.loaders.load(Account, id);
  }
}

export { notFound };
