import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { childPage } from '../../common/nested-page';
import type { GraphQLResolveInfo } from 'graphql';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { keyOf, tryKeyOf } from '../../common/relay';
import { invalid, missing } from '../../common/errors';
import { checkVersion, runMutation } from '../../common/mutation';
import { Role } from '../../authz/roles';
import { Account } from '../accounts/account.entity';
import { Unit } from './unit.entity';
import { Warning } from './warning.entity';
import { WarningLevel } from './unit.enums';
import { UNIT_ROW_ROLES, UNIT_WARNING_READERS, UNIT_WARNING_WRITERS } from './unit.rules';
import type { UnitCreateInput, UnitFilter, UnitPayload, UnitUpdateInput, UnitWarningSetInput, WarningFilter } from './unit.types';

const LEVEL_TERMS: Record<WarningLevel, string> = { YELLOW: '黄色', ORANGE: '橙色', RED: '红色' };

/** Units: the registry (SYSTEM_ADMIN), scoped reads for every business role, warnings (DC, DT). */
export class UnitService {
  /** A unit by key if the viewer may see it (batched), else null. */
  static async findVisible(ctx: RequestContext, id: number, roles: readonly Role[] = UNIT_ROW_ROLES): Promise<Unit | null> {
    const unit = await ctx.loaders.row(Unit, id);
    return unit && ctx.viewer.reaches(roles, unit.path) ? unit : null;
  }

  /** A unit by key for a mutation: a user error NOT_FOUND when missing or out of the given roles' reach. */
  static async requireInReach(ctx: RequestContext, em: EntityManager, globalId: string | null | undefined, field: string, roles: readonly Role[]): Promise<Unit> {
    const id = tryKeyOf(globalId, Unit.typename);
    if (id === null) throw invalid(field, `"${field}" is not a valid Unit id`);
    const unit = await em.findOne(Unit, { id });
    if (!unit || !ctx.viewer.reaches(roles, unit.path)) throw missing(field, `No unit with this id in your scope`);
    return unit;
  }

  static async byCode(ctx: RequestContext, code: string): Promise<Unit | null> {
    const unit = await ctx.em.findOne(Unit, { code });
    return unit && ctx.viewer.reaches(UNIT_ROW_ROLES, unit.path) ? unit : null;
  }

  static scope(ctx: RequestContext): FilterQuery<Unit> {
    return ctx.viewer.pathFilter(UNIT_ROW_ROLES, 'path') as FilterQuery<Unit>;
  }

  /**
   * `reads`: the properties the selected fields read (see src/common/projection.ts); given (even
   * null), the rows are read-only rows.
   */
  static async list(ctx: RequestContext, filter: UnitFilter | null | undefined, args: ConnectionArgs, reads?: readonly string[] | null) {
    const conds: FilterQuery<Unit>[] = [(await UnitService.scopeWithin(ctx, UNIT_ROW_ROLES, 'path', filter?.subtreeOf, 'filter.subtreeOf')) as FilterQuery<Unit>];
    if (filter?.parent) conds.push({ parent: keyOf(filter.parent, Unit.typename, 'filter.parent') });
    if (filter?.kinds?.length) conds.push({ kind: { $in: filter.kinds } });
    if (filter?.nameContains) conds.push({ name: { $ilike: `%${escapeLike(filter.nameContains)}%` } });
    if (filter?.rootsOnly) conds.push({ parent: null });
    return paginate(ctx.em, Unit, { $and: conds } as FilterQuery<Unit>, args, reads === undefined ? undefined : { reads });
  }

  /**
   * The caller's scope for `roles` on a path column, within the subtree of the unit `subtree` (a
   * global id, argument `arg`) when one is asked for: one predicate (see Viewer.pathFilter). An
   * unknown root gives an empty list, not an error: no existence leak.
   */
  static async scopeWithin(ctx: RequestContext, roles: readonly Role[], column: string, subtree: string | null | undefined, arg: string): Promise<Record<string, unknown>> {
    if (!subtree) return ctx.viewer.pathFilter(roles, column);
    const root = await ctx.loaders.row(Unit, keyOf(subtree, Unit.typename, arg));
    return root ? ctx.viewer.pathFilter(roles, column, root.path) : { id: { $in: [] } };
  }

  /** A unit's children the caller may see: paged for all the units of a response in one statement (childPage). */
  static children(ctx: RequestContext, info: GraphQLResolveInfo, unit: Unit, args: ConnectionArgs) {
    return childPage(ctx, info, Unit, 'parent', unit.id, () => UnitService.scope(ctx), args);
  }

  static create(ctx: RequestContext, input: UnitCreateInput): Promise<UnitPayload> {
    return runMutation<UnitPayload>(ctx, input, async (em) => {
      let parent: Unit | null = null;
      if (input.parent != null) {
        const pid = tryKeyOf(input.parent, Unit.typename);
        if (pid === null) throw invalid('parent', '"parent" is not a valid Unit id');
        parent = await em.findOne(Unit, { id: pid });
        if (!parent) throw missing('parent', 'The parent unit does not exist');
      }
      if (await em.count(Unit, { code: input.code })) throw invalid('code', `A unit with code ${input.code} already exists`);
      const unit = em.create(Unit, {
        code: input.code,
        name: input.name.trim(),
        kind: input.kind,
        partyOrgKind: input.partyOrgKind,
        parent: parent ?? undefined,
        // the path needs the key: a placeholder, replaced once the row has its id
        path: `tmp:${input.code}`,
        depth: parent ? parent.depth + 1 : 0,
      } as never);
      await em.flush();
      unit.path = `${parent ? parent.path : '/'}${unit.id}/`;
      await em.flush();
      return { unit };
    }, { unit: null });
  }

  static update(ctx: RequestContext, input: UnitUpdateInput): Promise<UnitPayload> {
    return runMutation<UnitPayload>(ctx, input, async (em) => {
      const unit = await UnitService.requireInReach(ctx, em, input.id, 'id', [Role.SYSTEM_ADMIN]);
      checkVersion(unit, input.version, 'The unit');
      if (input.name != null) unit.name = input.name.trim();
      if (input.kind != null) unit.kind = input.kind;
      if (input.partyOrgKind != null) unit.partyOrgKind = input.partyOrgKind;
      await em.flush();
      return { unit };
    }, { unit: null });
  }

  /**
   * Sets or lifts a unit's warning and keeps the history: a new level (or a new reason) closes the
   * warning in force, lifted today, and opens another; a null level lifts it.
   */
  static setWarning(ctx: RequestContext, input: UnitWarningSetInput): Promise<UnitPayload> {
    return runMutation<UnitPayload>(ctx, input, async (em) => {
      const unit = await UnitService.requireInReach(ctx, em, input.id, 'id', UNIT_WARNING_WRITERS);
      checkVersion(unit, input.version, 'The unit');
      if (input.level != null && !input.reason?.trim()) throw invalid('reason', 'A warning needs a reason');
      const reason = input.reason?.trim() || null;
      const account = ctx.viewer.account ? em.getReference(Account, ctx.viewer.account.id) : null;
      const inForce = await em.findOne(Warning, { unit: unit.id, liftedDate: null });
      const unchanged = inForce && input.level != null && inForce.level === input.level && inForce.reason === reason;
      if (inForce && !unchanged) {
        inForce.liftedDate = ctx.today;
        inForce.liftedBy = account as never;
        inForce.liftReason =
          input.level != null ? `改为${LEVEL_TERMS[input.level]}预警 (replaced by a ${input.level} warning)` : (reason ?? '预警解除 (lifted)');
        // the closed row must be written before the new one: one warning in force per unit
        await em.flush();
      }
      if (input.level != null && !unchanged) {
        em.create(Warning, { unit, unitPath: unit.path, level: input.level, reason: reason!, issuedDate: ctx.today, issuedBy: account } as never);
      }
      unit.warningLevel = input.level ?? null;
      unit.warningReason = input.level != null ? reason : null;
      await em.flush();
      return { unit };
    }, { unit: null });
  }

  // ---- warning history (黄橙红预警) ----

  static async findVisibleWarning(ctx: RequestContext, id: number): Promise<Warning | null> {
    const w = await ctx.loaders.load(Warning, id);
    return w && ctx.viewer.reaches(UNIT_WARNING_READERS, w.unitPath) ? w : null;
  }

  static async listWarnings(ctx: RequestContext, filter: WarningFilter | null | undefined, args: ConnectionArgs) {
    const conds: FilterQuery<Warning>[] = [ctx.viewer.pathFilter(UNIT_WARNING_READERS, 'unitPath') as FilterQuery<Warning>];
    if (filter?.unitSubtree) {
      const root = await ctx.loaders.row(Unit, keyOf(filter.unitSubtree, Unit.typename, 'filter.unitSubtree'));
      conds.push(root ? { unitPath: { $like: `${root.path}%` } } : { id: { $in: [] } });
    }
    if (filter?.levels?.length) conds.push({ level: { $in: filter.levels } });
    if (filter?.active != null) conds.push({ liftedDate: filter.active ? null : { $ne: null } });
    return paginate(ctx.em, Warning, { $and: conds } as FilterQuery<Warning>, args);
  }

  /** A unit's warnings, newest first, batched over the units of a response. */
  static warningsOf(ctx: RequestContext, unit: Unit): Promise<Warning[]> {
    return ctx.loaders
      .custom<number, Warning[]>('unitWarnings', async (ids) => {
        const rows = await ctx.em.find(
          Warning,
          { $and: [{ unit: { $in: [...ids] } }, ctx.viewer.pathFilter(UNIT_WARNING_READERS, 'unitPath')] } as FilterQuery<Warning>,
          { orderBy: { issuedDate: 'desc', id: 'desc' } },
        );
        const by = new Map<number, Warning[]>(ids.map((id) => [id, []]));
        for (const w of rows) by.get(w.unit.id)?.push(w);
        return ids.map((id) => by.get(id)!);
      })
      .load(unit.id);
  }

  static async accountName(ctx: RequestContext, id: number | undefined): Promise<string | null> {
    if (id == null) return null;
    return (await ctx.loaders.load(Account, id))?.displayName ?? null;
  }
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
