import type { EntityManager } from '@mikro-orm/postgresql';
import { executePreparedRead } from '../db/read-only-rows';
import { Role } from '../authz/roles';
import { Viewer, type ScopedGrant, type ScopeKind } from '../authz/viewer';

interface GrantRow {
  grant_id: number;
  role: Role;
  unit_id: number | null;
  unit_path: string | null;
  team_id: number | null;
  team_paths: string[] | null;
  tour_id: number | null;
  tour_paths: string[] | null;
}

/**
 * Reads an account and its active grants from the database, and resolves each grant to the
 * unit paths it reaches today (a team's assignments, an inspection tour's units while it runs),
 * with the officials it must recuse itself from when the account is linked to an official.
 * One statement per request: every request pays it, so grants and their reach are never stale
 * (on the primary, prepared: its text is fixed, the account and the day are its parameters).
 * Returns null when there is no such account or it is disabled.
 */
export async function loadViewer(em: EntityManager, username: string, today: string, byId?: number): Promise<Viewer | null> {
  const accounts = await executePreparedRead<{ id: number; username: string; official_id: number | null; disabled: boolean; grants: GrantRow[]; relatives: number[] | null }>(
    em,
    `select a.id, a.username, a.official_id, a.disabled,
            coalesce((
              select json_agg(g order by g.grant_id) from (
                select g.id as grant_id, g.role, g.unit_id, u.path as unit_path, g.team_id,
                       (select array_agg(su.path order by su.path)
                          from supervision_assignment sa join unit su on su.id = sa.unit_id
                         where sa.team_id = g.team_id and sa.valid_from <= $1::date
                           and (sa.valid_to is null or sa.valid_to >= $1::date)) as team_paths,
                       g.tour_id,
                       (select array_agg(tu.unit_path order by tu.unit_path)
                          from inspection_tour t join inspection_tour_unit tu on tu.tour_id = t.id
                         where t.id = g.tour_id and t.start_date <= $1::date and t.end_date >= $1::date) as tour_paths
                  from role_grant g left join unit u on u.id = g.unit_id
                 where g.account_id = a.id and g.revoked_at is null) g), '[]'::json) as grants,
            case when a.official_id is not null then array(
              select relative_id from official_relation where official_id = a.official_id
              union select official_id from official_relation where relative_id = a.official_id) end as relatives
       from account a
      where ${byId !== undefined ? 'a.id = $2::int' : 'a.username = $2::text'}`,
    [today, byId !== undefined ? byId : username],
    { primary: true },
  );
  const account = accounts[0];
  if (!account || account.disabled) return null;
  const rows = account.grants;
  const grants: ScopedGrant[] = rows.map((r) => {
    let kind: ScopeKind = 'NONE';
    let paths: string[] = [];
    switch (r.role) {
      case Role.PARTY_COMMITTEE:
      case Role.DISCIPLINE_COMMISSION:
      case Role.ORGANIZATION_DEPT:
      case Role.PETITION_OFFICE:
        kind = 'SUBTREE';
        paths = r.unit_path ? [r.unit_path] : [];
        break;
      case Role.UNIT:
        kind = 'UNIT';
        paths = r.unit_path ? [r.unit_path] : [];
        break;
      case Role.DISPATCHED_TEAM:
        kind = 'SUBTREE';
        paths = r.team_paths ?? [];
        break;
      case Role.INSPECTION_GROUP:
        // the units of its tour (and below them) while the tour runs; before and after, nothing
        kind = r.tour_paths?.length ? 'SUBTREE' : 'NONE';
        paths = r.tour_paths ?? [];
        break;
      case Role.SYSTEM_ADMIN:
        kind = 'ALL';
        break;
      default:
        kind = 'NONE';
    }
    return { grantId: r.grant_id, role: r.role, unitId: r.unit_id, teamId: r.team_id, tourId: r.tour_id, kind, paths };
  });
  const recused = new Set<number>();
  if (account.official_id !== null) {
    recused.add(account.official_id);
    for (const id of account.relatives ?? []) recused.add(id);
  }
  return new Viewer({ id: account.id, username: account.username, officialId: account.official_id }, grants, recused);
}
