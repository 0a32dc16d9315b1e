import type { RequestContext } from '../../common/context';
import { ErrorCode, badInput } from '../../common/errors';
import { Role } from '../../authz/roles';
import type { Viewer } from '../../authz/viewer';
import { Unit } from '../units/unit.entity';
import { UNIT_ROW_ROLES } from '../units/unit.rules';
import { Official } from '../officials/official.entity';
import { OFFICIAL_CONTACT_ACCESS, OFFICIAL_ROW_ROLES } from '../officials/official.rules';
import type { OfficialChangeFeed, OfficialLookup, UnitLookup } from './stats.types';

/** Most keys one bulk lookup answers; more is refused whole. */
export const BULK_LIMIT = 500;
/** Page size of the change feed: default and most. */
export const FEED_DEFAULT = 100;
export const FEED_MAX = 500;

/** Roles that may look officials up by identity number: those that read the number, in full or masked. */
export const IDENTITY_LOOKUP_ROLES: readonly Role[] = (Object.keys(OFFICIAL_CONTACT_ACCESS) as Role[]).filter((r) => OFFICIAL_CONTACT_ACCESS[r]);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The viewer's reach for `roles` as raw SQL over a path column (same semantics as Viewer.pathFilter). */
function reachSql(viewer: Viewer, roles: readonly Role[], column: string): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const exact: string[] = [];
  for (const g of viewer.grants) {
    if (!roles.includes(g.role)) continue;
    if (g.kind === 'ALL') return { sql: 'true', params: [] };
    if (g.kind === 'UNIT') exact.push(...g.paths);
    if (g.kind === 'SUBTREE')
      for (const p of g.paths) {
        parts.push(`${column} like ?`);
        params.push(`${escapeLike(p)}%`);
      }
  }
  if (exact.length) {
    parts.push(`${column} in (?)`);
    params.push([...new Set(exact)]);
  }
  return parts.length ? { sql: `(${parts.join(' or ')})`, params } : { sql: 'false', params: [] };
}

function checkSize(list: string[], arg: string): void {
  if (list.length > BULK_LIMIT) throw badInput(`${arg}: at most ${BULK_LIMIT} per call (got ${list.length})`);
}

/** Identity numbers compare upper-case (the check character X) and without surrounding spaces. */
const normalizeIdentity = (s: string) => s.trim().toUpperCase();

interface FeedCursor {
  at: string;
  id: number;
}

export function encodeCursor(c: FeedCursor): string {
  return Buffer.from(`feed:${c.at}|${c.id}`).toString('base64url');
}

export function decodeCursor(s: string): FeedCursor {
  const text = Buffer.from(s, 'base64url').toString('utf8');
  const m = /^feed:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(\d{1,10})$/.exec(text);
  if (!m) throw badInput('cursor is not a cursor this feed gave out');
  return { at: m[1], id: Number(m[2]) };
}

/** Bulk reads for department systems: lookups by code or identity number, and the officials change feed. */
export class BulkService {
  static async unitsByCodes(ctx: RequestContext, codes: string[]): Promise<UnitLookup[]> {
    checkSize(codes, 'codes');
    const wanted = [...new Set(codes.map((c) => c.trim()).filter(Boolean))];
    const rows = wanted.length ? await ctx.em.find(Unit, { code: { $in: wanted } }) : [];
    const visible = new Map(rows.filter((u) => ctx.viewer.reaches(UNIT_ROW_ROLES, u.path)).map((u) => [u.code, u]));
    return codes.map((code) => {
      const unit = visible.get(code.trim()) ?? null;
      return { code, found: unit !== null, error: unit ? null : ErrorCode.NOT_FOUND, unit };
    });
  }

  static async officialsByIdentityNumbers(ctx: RequestContext, identityNumbers: string[]): Promise<OfficialLookup[]> {
    checkSize(identityNumbers, 'identityNumbers');
    const keys = identityNumbers.map(normalizeIdentity);
    const wanted = [...new Set(keys.filter(Boolean))];
    const scope = ctx.viewer.pathFilter(IDENTITY_LOOKUP_ROLES, 'unitPath');
    const rows = wanted.length
      ? await ctx.em.find(Official, { $and: [scope, { identityNumber: { $in: wanted } }] } as never, { orderBy: { id: 'asc' } })
      : [];
    const byNumber = new Map<string, Official[]>();
    for (const o of rows) {
      const k = normalizeIdentity(o.identityNumber ?? '');
      byNumber.set(k, [...(byNumber.get(k) ?? []), o]);
    }
    // the key asked for is the sensitive value itself: every answer is a sensitive read, whatever fields were selected
    let missed = false;
    for (const o of rows) {
      const level = ctx.viewer.levelAt(o.unitPath, OFFICIAL_CONTACT_ACCESS);
      ctx.audit.read('Official', o.id, 'identityNumber', level === 'R' ? 'ALLOWED' : 'MASKED');
    }
    const answers = keys.map((k, index) => {
      const officials = byNumber.get(k) ?? [];
      if (!officials.length) missed = true;
      return { index, found: officials.length > 0, error: officials.length ? null : ErrorCode.NOT_FOUND, officials };
    });
    if (missed) ctx.audit.read('Official', null, 'identityNumber', 'DENIED');
    return answers;
  }

  static async officialsChangedSince(ctx: RequestContext, cursor: string | null | undefined, first: number | null | undefined): Promise<OfficialChangeFeed> {
    const size = first ?? FEED_DEFAULT;
    if (!Number.isInteger(size) || size < 1 || size > FEED_MAX) throw badInput(`first must be between 1 and ${FEED_MAX}`);
    const after = cursor ? decodeCursor(cursor) : null;
    const reach = reachSql(ctx.viewer, OFFICIAL_ROW_ROLES, 'o.unit_path');
    const rows = await ctx.em.execute<{ id: number; at: string }[]>(
      `select o.id, to_char(o.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
       from official o
       where ${reach.sql}${after ? ` and (o.updated_at, o.id) > (?::timestamptz, ?)` : ''}
       order by o.updated_at, o.id
       limit ?`,
      [...reach.params, ...(after ? [after.at, after.id] : []), size + 1],
    );
    const page = rows.slice(0, size);
    const hasMore = rows.length > size;
    const entities = page.length ? await ctx.em.find(Official, { id: { $in: page.map((r) => r.id) } }) : [];
    const byId = new Map(entities.map((o) => [o.id, o]));
    const last = page[page.length - 1];
    return {
      nodes: page.map((r) => byId.get(r.id)!).filter(Boolean),
      nextCursor: last ? encodeCursor({ at: last.at, id: last.id }) : (cursor ?? null),
      hasMore,
    };
  }
}
