import { Role } from './roles';

/** How far one grant reaches into the unit tree. */
export type ScopeKind = 'SUBTREE' | 'UNIT' | 'ALL' | 'NONE';

/** One active role grant, resolved to unit paths when the request starts. */
export interface ScopedGrant {
  grantId: number;
  role: Role;
  unitId: number | null;
  teamId: number | null;
  /** INSPECTION_GROUP: the inspection tour the grant is bound to. */
  tourId?: number | null;
  kind: ScopeKind;
  /** SUBTREE: prefixes; UNIT: exact paths; ALL / NONE: empty. */
  paths: string[];
}

export interface ViewerAccount {
  id: number;
  username: string;
  officialId: number | null;
}

export type Level = 'R' | 'M';
export type FieldAccess = Partial<Record<Role, Level>>;

/**
 * Who is asking, and which units each of their grants reaches. Built once per request
 * from the database (never from the token) and shared by every rule and service.
 */
export class Viewer {
  private readonly roleSet: Set<Role>;
  /** Memo of rolesAt(path) for this request: many rows share a few paths. */
  private readonly rolesAtCache = new Map<string, Role[]>();

  constructor(
    readonly account: ViewerAccount | null,
    readonly grants: ScopedGrant[],
    /** 回避: the official the account is, and that official's declared close relatives. */
    readonly recusedOfficialIds: ReadonlySet<number> = new Set(),
  ) {
    this.roleSet = new Set(grants.map((g) => g.role));
  }

  /** Whether the viewer must recuse itself from a record about any of these officials. */
  recusedFrom(officialIds: Iterable<number | null | undefined>): boolean {
    if (this.recusedOfficialIds.size === 0) return false;
    for (const id of officialIds) if (id != null && this.recusedOfficialIds.has(id)) return true;
    return false;
  }

  static anonymous(): Viewer {
    return new Viewer(null, []);
  }

  get authenticated(): boolean {
    return this.account !== null;
  }

  hasRole(role: Role): boolean {
    return this.roleSet.has(role);
  }

  holdsAny(roles: Iterable<Role>): boolean {
    for (const r of roles) if (this.roleSet.has(r)) return true;
    return false;
  }

  grantsOf(role: Role): ScopedGrant[] {
    return this.grants.filter((g) => g.role === role);
  }

  static covers(grant: ScopedGrant, path: string): boolean {
    switch (grant.kind) {
      case 'ALL':
        return true;
      case 'NONE':
        return false;
      case 'UNIT':
        return grant.paths.includes(path);
      case 'SUBTREE':
        return grant.paths.some((p) => path.startsWith(p));
    }
  }

  /** The roles whose grants reach a row at `path`. */
  rolesAt(path: string | null | undefined): Role[] {
    if (!path) return [];
    let roles = this.rolesAtCache.get(path);
    if (!roles) {
      const set = new Set<Role>();
      for (const g of this.grants) if (Viewer.covers(g, path)) set.add(g.role);
      roles = [...set];
      this.rolesAtCache.set(path, roles);
    }
    return roles;
  }

  /** Whether any grant of one of `roles` reaches `path`. */
  reaches(roles: readonly Role[], path: string | null | undefined): boolean {
    return this.rolesAt(path).some((r) => roles.includes(r));
  }

  /** The best access the viewer's grants give to a field of a row at `path`: R beats M beats nothing. */
  levelAt(path: string | null | undefined, access: FieldAccess): Level | null {
    let best: Level | null = null;
    for (const role of this.rolesAt(path)) {
      const l = access[role];
      if (l === 'R') return 'R';
      if (l === 'M') best = 'M';
    }
    return best;
  }

  /** For rows that have no unit (root fields): the best level any held role gives. */
  levelAnywhere(access: FieldAccess): Level | null {
    let best: Level | null = null;
    for (const role of this.roleSet) {
      const l = access[role];
      if (l === 'R') return 'R';
      if (l === 'M') best = 'M';
    }
    return best;
  }

  /**
   * The SQL predicate (MikroORM filter) on a path column that keeps rows reached by any
   * grant of `roles`. No grant of those roles: a predicate that keeps nothing.
   *
   * `within`: a subtree the caller asks for (a list's subtree filter). The predicate then keeps the
   * rows reached by a grant *and* under `within`, in as few conditions as the grants allow: a grant
   * at or above `within` reaches all of it (one LIKE), a grant outside it reaches none of it, and
   * more than a few grants inside it become one regular expression with `within` as its fixed
   * prefix. PostgreSQL took ~6 ms to plan the OR of a dispatched team's forty LIKEs, more than it
   * took to run the statement; the expression plans in well under 1 ms and still uses the index on
   * the path for the subtree. Paths end with `/`, so one path is under another exactly when the
   * other is its prefix.
   */
  pathFilter(roles: readonly Role[], column = 'unitPath', within?: string): Record<string, unknown> {
    const prefixes: string[] = [];
    const exact: string[] = [];
    for (const g of this.grants) {
      if (!roles.includes(g.role)) continue;
      if (g.kind === 'ALL') return within === undefined ? {} : { [column]: { $like: `${within}%` } };
      if (g.kind === 'UNIT') exact.push(...g.paths);
      if (g.kind === 'SUBTREE') prefixes.push(...g.paths);
    }
    const ors: Record<string, unknown>[] = [];
    if (within === undefined) {
      for (const p of prefixes) ors.push({ [column]: { $like: `${p}%` } });
      if (exact.length) ors.push({ [column]: { $in: [...new Set(exact)] } });
    } else {
      if (prefixes.some((p) => within.startsWith(p))) return { [column]: { $like: `${within}%` } };
      const inside = [...new Set(prefixes.filter((p) => p.startsWith(within)))];
      if (inside.length > FEW_PREFIXES) {
        ors.push({ [column]: { $re: `^${escapeRegExp(within)}(?:${inside.map((p) => escapeRegExp(p.slice(within.length))).join('|')})` } });
      } else for (const p of inside) ors.push({ [column]: { $like: `${p}%` } });
      const exactInside = [...new Set(exact.filter((p) => p.startsWith(within)))];
      if (exactInside.length) ors.push({ [column]: { $in: exactInside } });
    }
    if (ors.length === 0) return { id: { $in: [] } };
    return ors.length === 1 ? ors[0] : { $or: ors };
  }

}

/** Up to this many subtree grants inside a filter's subtree stay an OR of LIKEs; more become one expression. */
const FEW_PREFIXES = 8;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
