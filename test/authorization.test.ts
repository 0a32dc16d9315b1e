import 'reflect-metadata';
import { getNamedType, isObjectType, isInterfaceType, type GraphQLSchema } from 'graphql';
import { startTestApp, type TestApp, globalId } from './support/app';
import { buildAppSchema } from '../src/schema';
import { mergeTables, ROW, PUBLIC, AUTHENTICATED, type TypeRules } from '../src/authz/table';
import { Role } from '../src/authz/roles';
import { Viewer, prefixPattern } from '../src/authz/viewer';
import { loadViewer } from '../src/auth/viewer-loader';

/**
 * The authorization suite. Two layers:
 *  1. the CONTRACT below is AUTHORIZATION.md's field table written out independently of the
 *     code; the rule table the server enforces must say the same thing;
 *  2. for every record type, every demo account asks for a row inside its reach and one
 *     outside it through node(id), selecting every field the table has, over HTTP against the
 *     real database, and each field must come back as the table says: a value, a masked
 *     value, or null with FORBIDDEN at its path; rows the role may not see, and rows outside
 *     its reach, must be NOT_FOUND.
 */

type Cell = 'R' | 'M' | '-';
const BUSINESS: Role[] = [Role.PARTY_COMMITTEE, Role.DISCIPLINE_COMMISSION, Role.DISPATCHED_TEAM, Role.UNIT, Role.ORGANIZATION_DEPT, Role.SYSTEM_ADMIN];
const row = (pc: Cell, dc: Cell, dt: Cell, unit: Cell, org: Cell, sa: Cell): Record<Role, Cell> =>
  ({ PARTY_COMMITTEE: pc, DISCIPLINE_COMMISSION: dc, DISPATCHED_TEAM: dt, UNIT: unit, ORGANIZATION_DEPT: org, SYSTEM_ADMIN: sa, PETITION_SYSTEM: '-', SECURITY_ADMIN: '-', AUDIT_ADMIN: '-' }) as Record<Role, Cell>;

/** AUTHORIZATION.md, "Field rules for the core records" (columns PC, DC, DT, UNIT, ORG, SYSTEM_ADMIN). */
const CONTRACT: Record<string, { rowsFor: Record<Role, Cell>; fields: Record<string, Record<Role, Cell>> }> = {
  Unit: {
    rowsFor: row('R', 'R', 'R', 'R', 'R', 'R'),
    fields: {
      code: row('R', 'R', 'R', 'R', 'R', 'R'),
      name: row('R', 'R', 'R', 'R', 'R', 'R'),
      kind: row('R', 'R', 'R', 'R', 'R', 'R'),
      children: row('R', 'R', 'R', 'R', 'R', 'R'),
      warningLevel: row('R', 'R', 'R', 'R', '-', '-'),
      warningReason: row('R', 'R', 'R', 'R', '-', '-'),
    },
  },
  Official: {
    rowsFor: row('R', 'R', 'R', 'R', 'R', 'R'),
    fields: {
      name: row('R', 'R', 'R', 'R', 'R', 'R'),
      unit: row('R', 'R', 'R', 'R', 'R', 'R'),
      post: row('R', 'R', 'R', 'R', 'R', 'R'),
      rank: row('R', 'R', 'R', 'R', 'R', 'R'),
      isPrincipal: row('R', 'R', 'R', 'R', 'R', 'R'),
      inChargeUnits: row('R', 'R', 'R', 'R', 'R', 'R'),
      identityNumber: row('M', 'R', 'R', '-', 'M', 'M'),
      phone: row('M', 'R', 'R', '-', 'M', 'M'),
      sanctions: row('R', 'R', 'R', '-', '-', '-'),
      integrityStatus: row('-', 'R', 'R', '-', '-', '-'),
    },
  },
  ResponsibilityLetter: {
    rowsFor: row('R', 'R', 'R', 'R', '-', '-'),
    fields: { title: row('R', 'R', 'R', 'R', '-', '-'), status: row('R', 'R', 'R', 'R', '-', '-'), items: row('R', 'R', 'R', 'R', '-', '-') },
  },
  ResponsibilityItem: {
    rowsFor: row('R', 'R', 'R', 'R', '-', '-'),
    fields: { content: row('R', 'R', 'R', 'R', '-', '-'), deadline: row('R', 'R', 'R', 'R', '-', '-'), progress: row('R', 'R', 'R', 'R', '-', '-') },
  },
  Assessment: {
    rowsFor: row('R', 'R', 'R', 'R', 'R', '-'),
    fields: { score: row('R', 'R', 'R', 'R', 'R', '-'), grade: row('R', 'R', 'R', 'R', 'R', '-'), vetoed: row('R', 'R', 'R', 'R', 'R', '-'), vetoReason: row('R', 'R', 'R', 'R', 'R', '-') },
  },
  Pledge: {
    rowsFor: row('R', 'R', 'R', 'R', 'R', '-'),
    fields: { title: row('R', 'R', 'R', 'R', 'R', '-'), items: row('R', 'R', 'R', 'R', 'R', '-'), disclosureChannel: row('R', 'R', 'R', 'R', 'R', '-'), evaluationGrade: row('R', 'R', 'R', 'R', 'R', '-') },
  },
  Sanction: {
    rowsFor: row('R', 'R', 'R', '-', '-', '-'),
    fields: {
      kind: row('R', 'R', 'R', '-', '-', '-'),
      category: row('R', 'R', 'R', '-', '-', '-'),
      decisionDate: row('R', 'R', 'R', '-', '-', '-'),
      effectiveDate: row('R', 'R', 'R', '-', '-', '-'),
      influencePeriodEnd: row('R', 'R', 'R', '-', '-', '-'),
      status: row('R', 'R', 'R', '-', '-', '-'),
      fourForms: row('R', 'R', 'R', '-', '-', '-'),
      reasonSummary: row('R', 'R', 'R', '-', '-', '-'),
      caseFacts: row('-', 'R', 'R', '-', '-', '-'),
      evidenceRefs: row('-', 'R', 'R', '-', '-', '-'),
    },
  },
};

/** The demo accounts, with a unit inside each one's reach and one outside it. */
const ACCOUNTS: { username: string; role: Role; inUnit: string | null; outUnit: string | null }[] = [
  { username: 'qs-party', role: Role.PARTY_COMMITTEE, inUnit: 'QS-CZ', outUnit: 'HX' },
  { username: 'qs-discipline', role: Role.DISCIPLINE_COMMISSION, inUnit: 'QS-JY', outUnit: 'HX' },
  { username: 'qs-team1', role: Role.DISPATCHED_TEAM, inUnit: 'QS-CZ', outUnit: 'QS-ZR' },
  { username: 'qs-team2', role: Role.DISPATCHED_TEAM, inUnit: 'QS-ZR', outUnit: 'QS-JY' },
  { username: 'qs-finance', role: Role.UNIT, inUnit: 'QS-CZ', outUnit: 'QS-JY' },
  { username: 'qs-org', role: Role.ORGANIZATION_DEPT, inUnit: 'QS-DL', outUnit: 'HX' },
  { username: 'dongling-party', role: Role.PARTY_COMMITTEE, inUnit: 'QS-DL', outUnit: 'QS-XH' },
  // SYSTEM_ADMIN's registry reach is the whole tree: it has no unit outside it
  { username: 'sysadmin', role: Role.SYSTEM_ADMIN, inUnit: 'QS-CZ', outUnit: null },
  { username: 'secadmin', role: Role.SECURITY_ADMIN, inUnit: null, outUnit: 'QS-CZ' },
  { username: 'auditor', role: Role.AUDIT_ADMIN, inUnit: null, outUnit: 'QS-CZ' },
  { username: 'qs-petition', role: Role.PETITION_SYSTEM, inUnit: null, outUnit: 'QS-CZ' },
];

/** A row of each type recorded under a unit (or below it, for units without such a row). */
const ROW_SQL: Record<string, string> = {
  Unit: 'select id from unit where code = $1',
  Official: 'select o.id from official o join unit u on u.id = o.unit_id where u.code = $1 and o.identity_number is not null order by o.id limit 1',
  Sanction: "select s.id from sanction s where s.unit_path like (select path from unit where code = $1) || '%' and s.case_facts is not null order by s.id limit 1",
  ResponsibilityLetter: "select l.id from responsibility_letter l where l.unit_path like (select path from unit where code = $1) || '%' order by l.id limit 1",
  ResponsibilityItem: "select i.id from responsibility_item i where i.unit_path like (select path from unit where code = $1) || '%' and i.progress is not null order by i.id limit 1",
  Assessment: "select a.id from assessment a where a.unit_path like (select path from unit where code = $1) || '%' order by a.id limit 1",
  Pledge: "select p.id from pledge p where p.unit_path like (select path from unit where code = $1) || '%' and p.evaluation_grade is not null order by p.id limit 1",
};

let app: TestApp;
let schema: GraphQLSchema;
let table: Map<string, TypeRules>;

/** A second county, outside the reach of every QS grant: one row of each record type. */
async function addOtherCounty() {
  const [u] = await app.sql("insert into unit (code, name, kind, party_org_kind, path, depth) values ('HX', '和溪县（虚构）', 'COUNTY', 'PARTY_COMMITTEE', 'tmp', 0) returning id");
  const path = `/${u.id}/`;
  await app.sql('update unit set path = $1 where id = $2', [path, u.id]);
  const [o] = await app.sql("insert into official (name, unit_id, unit_path, post, rank, is_principal, identity_number, phone) values ('和溪干部', $1, $2, '县委书记', 'COUNTY_PRINCIPAL', true, '99010119700101001X', '13900000000') returning id", [u.id, path]);
  await app.sql("insert into sanction (official_id, unit_id, unit_path, category, kind, decision_date, effective_date, influence_type, influence_end, four_forms, deciding_organ, reason_summary, case_facts) values ($1, $2, $3, 'PARTY_DISCIPLINE', 'WARNING', current_date, current_date, 'UNTIL_DATE', current_date + 360, 'SECOND', '和溪县纪委', '（虚构）', '（虚构）案情')", [o.id, u.id, path]);
  const [l] = await app.sql("insert into responsibility_letter (year, title, issuer_unit_id, issuer_path, unit_id, unit_path, status) values (2025, '和溪县责任书', $1, $2, $1, $2, 'DRAFT') returning id", [u.id, path]);
  await app.sql("insert into responsibility_item (letter_id, unit_path, kind, content, measures, deadline, progress) values ($1, $2, 'MANDATORY', '事项', '措施', '2025-06-30', '进展')", [l.id, path]);
  await app.sql("insert into assessment (letter_id, unit_id, unit_path, year, period, score, grade) values ($1, $2, $3, 2025, 'HALF_YEAR', 90, 'EXCELLENT')", [l.id, u.id, path]);
  await app.sql("insert into pledge (official_id, unit_id, unit_path, year, title, items, signed_date, evaluation_grade) values ($1, $2, $3, 2025, '廉政承诺', '[\"一\"]', '2025-01-10', 'GOOD')", [o.id, u.id, path]);
}

beforeAll(async () => {
  app = await startTestApp();
  ({ schema } = await buildAppSchema());
  table = mergeTables((await buildAppSchema()).rules);
  await addOtherCounty();
});
afterAll(async () => app?.stop());

/** The selection for a field: scalars by name, objects and connections by __typename. */
function selection(typeName: string, field: string): string {
  const type = schema.getType(typeName);
  if (!type || !(isObjectType(type) || isInterfaceType(type))) throw new Error(`no type ${typeName}`);
  const f = type.getFields()[field];
  if (!f) throw new Error(`no field ${typeName}.${field}`);
  return isObjectType(getNamedType(f.type)) ? `${field} { __typename }` : field;
}

describe('layer 1: the enforced rule table says what AUTHORIZATION.md says', () => {
  for (const [type, spec] of Object.entries(CONTRACT)) {
    test(type, () => {
      const t = table.get(type);
      expect(t).toBeDefined();
      for (const [field, cells] of Object.entries(spec.fields)) {
        const rule = t!.fields[field];
        expect({ field, rule: rule === undefined ? 'missing' : 'ok' }).toEqual({ field, rule: 'ok' });
        for (const role of BUSINESS) {
          if (spec.rowsFor[role] === '-') continue; // rows are invisible: the field rule never applies
          const expected = cells[role];
          const actual = rule === ROW || rule === PUBLIC || rule === AUTHENTICATED ? 'R' : ((rule as Record<string, string>)[role] ?? '-');
          expect({ field, role, cell: actual }).toEqual({ field, role, cell: expected });
        }
      }
    });
  }
});

describe('layer 2: every account, every record type, every contract field, over HTTP', () => {
  for (const account of ACCOUNTS) {
    for (const [type, spec] of Object.entries(CONTRACT)) {
      test(`${account.username} · ${type}`, async () => {
        const fields = Object.keys(spec.fields);
        const query = `query($id: ID!) { node(id: $id) { __typename ... on ${type} { ${fields.map((f) => selection(type, f)).join(' ')} } } }`;
        const canSeeRows = spec.rowsFor[account.role] === 'R';

        if (account.inUnit) {
          const rows = await app.sql(ROW_SQL[type], [account.inUnit]);
          expect(rows.length).toBe(1);
          const id = globalId(type, rows[0].id);
          const r = await app.gql(account.username, query, { id });
          if (!canSeeRows) {
            expect(r.body.data?.node).toBeNull();
            expect((r.body.errors ?? []).map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
          } else {
            const node = r.body.data!.node;
            expect(node.__typename).toBe(type);
            const errors = new Map((r.body.errors ?? []).map((e) => [String(e.path?.slice(1).join('.')), e.extensions?.code]));
            for (const field of fields) {
              const cell = spec.fields[field][account.role];
              const value = node[field];
              if (cell === '-') {
                expect({ field, value, code: errors.get(field) }).toEqual({ field, value: null, code: 'FORBIDDEN' });
              } else {
                expect({ field, code: errors.get(field) }).toEqual({ field, code: undefined });
                if (cell === 'M') expect({ field, masked: typeof value === 'string' && value.includes('*') }).toEqual({ field, masked: true });
                if (cell === 'R' && ['identityNumber', 'phone'].includes(field)) expect({ field, masked: String(value).includes('*') }).toEqual({ field, masked: false });
              }
            }
            expect(errors.size).toBe(fields.filter((f) => spec.fields[f][account.role] === '-').length);
          }
        }

        // outside the reach: the row does not exist for this account
        if (!account.outUnit) return;
        const outRows = await app.sql(ROW_SQL[type], [account.outUnit]);
        expect(outRows.length).toBe(1);
        const out = await app.gql(account.username, query, { id: globalId(type, outRows[0].id) });
        expect(out.body.data?.node).toBeNull();
        expect((out.body.errors ?? []).map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      });
    }
  }
});

describe('lists with rows of different rules, interleaved (the rule-cache trap)', () => {
  test('an account with PARTY_COMMITTEE at the county and DISPATCHED_TEAM of team 1 reads identity numbers in full only for team 1 units', async () => {
    const acc = await app.gql('secadmin', 'mutation { accountCreate(input: { username: "mixed-roles", displayName: "混合角色", kind: PERSON }) { account { id } } }');
    const id = acc.body.data.accountCreate.account.id;
    for (const i of [{ account: id, role: 'PARTY_COMMITTEE', unitCode: 'QS' }, { account: id, role: 'DISPATCHED_TEAM', teamCode: 'QS-T1' }]) {
      const g = await app.gql('secadmin', 'mutation($i: RoleGrantCreateInput!) { roleGrantCreate(input: $i) { userErrors { message } } }', { i });
      expect(g.body.data.roleGrantCreate.userErrors).toEqual([]);
    }
    const teamCodes = new Set(['QS-CZ', 'QS-JY']);
    // officials ordered by id interleave units inside and outside team 1's reach when read across the county
    const r = await app.gql('mixed-roles', '{ officials(first: 100, filter: { ranks: [SECTION_PRINCIPAL, SECTION_DEPUTY] }) { nodes { identityNumber unit { code } sanctions { totalCount } } } }');
    expect(r.body.errors).toBeUndefined();
    const nodes = r.body.data.officials.nodes as { identityNumber: string; unit: { code: string } }[];
    const inTeam = nodes.filter((n) => teamCodes.has(n.unit.code));
    const outTeam = nodes.filter((n) => !teamCodes.has(n.unit.code));
    expect(inTeam.length).toBeGreaterThan(2);
    expect(outTeam.length).toBeGreaterThan(2);
    for (const n of inTeam) expect(n.identityNumber).not.toContain('*');
    for (const n of outTeam) expect(n.identityNumber).toContain('*');

    const s = await app.gql('mixed-roles', '{ sanctions(first: 100) { totalCount nodes { caseFacts unit { code } } } }');
    const total = (await app.sql("select count(*)::int as n from sanction where unit_path like (select path from unit where code = 'QS') || '%'"))[0].n;
    expect(s.body.data.sanctions.totalCount).toBe(total);
    const forbiddenRows = new Set((s.body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path![2]));
    (s.body.data.sanctions.nodes as { caseFacts: string | null; unit: { code: string } }[]).forEach((n, i) => {
      if (teamCodes.has(n.unit.code)) {
        expect(n.caseFacts).toEqual(expect.any(String));
        expect(forbiddenRows.has(i)).toBe(false);
      } else {
        expect(n.caseFacts).toBeNull();
        expect(forbiddenRows.has(i)).toBe(true);
      }
    });
  });
});

describe('a subtree filter and the caller scope in one predicate (Viewer.pathFilter with `within`)', () => {
  // the lists of units, officials and sanctions ask for "scope AND under the subtree" as one
  // predicate; it must keep exactly the rows the two conditions keep, for every grant shape
  const tables = [
    { table: 'unit', column: 'path', entity: 'Unit' },
    { table: 'official', column: 'unit_path', entity: 'Official' },
    { table: 'sanction', column: 'unit_path', entity: 'Sanction' },
  ];

  async function idsOf(entity: string, where: Record<string, unknown>): Promise<number[]> {
    const em = app.orm.em.fork();
    const rows = (await em.find(entity, where as never, { fields: ['id'] as never, orderBy: { id: 'asc' } as never })) as { id: number }[];
    return rows.map((r) => r.id);
  }

  test('for every account of the demo county and every unit as the subtree', async () => {
    const units = await app.sql<{ path: string }>('select path from unit order by path');
    const accounts = await app.sql<{ username: string }>('select distinct a.username from account a join role_grant g on g.account_id = a.id where g.revoked_at is null order by 1');
    const viewers = [];
    for (const a of accounts) viewers.push(await loadViewer(app.orm.em.fork() as never, a.username, '2026-06-30'));
    // and a grant shape the demo county does not have: many subtrees (a regular expression) plus single units
    const deep = units.filter((u) => u.path.split('/').length === 5).map((u) => u.path);
    expect(deep.length).toBeGreaterThan(9);
    viewers.push(
      new Viewer({ id: 0, username: 'many', officialId: null }, [
        { grantId: 1, role: Role.DISPATCHED_TEAM, unitId: null, teamId: 1, kind: 'SUBTREE', paths: deep.slice(0, 12) },
        { grantId: 2, role: Role.UNIT, unitId: null, teamId: null, kind: 'UNIT', paths: deep.slice(12, 15) },
      ]),
    );
    const roles = Object.values(Role);
    let compared = 0;
    let expressions = 0;
    for (const viewer of viewers) {
      for (const { column, entity } of tables) {
        const prop = column === 'path' ? 'path' : 'unitPath';
        for (const { path: within } of units) {
          const together = viewer!.pathFilter(roles, prop, within);
          if (JSON.stringify(together).includes('$re')) expressions++;
          const apart = { $and: [viewer!.pathFilter(roles, prop), { [prop]: { $like: `${within}%` } }] };
          const [a, b] = await Promise.all([idsOf(entity, together), idsOf(entity, apart)]);
          expect([viewer!.account?.username, entity, within, a]).toEqual([viewer!.account?.username, entity, within, b]);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(expressions).toBeGreaterThan(0);
  });
});

describe('the regular expression of many subtrees (prefixPattern) keeps exactly the paths under one of them', () => {
  // a deterministic generator: the same cases on every run
  let seed = 20261126;
  const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
  const ALPHABET = ['0', '1', '2', '3', '4', '9', '/', 'a', 'Z', '_', '.', '+', '-', '[', '\\'];
  const word = (max: number) => Array.from({ length: 1 + next(max) }, () => ALPHABET[next(ALPHABET.length)]).join('');

  function cases(): { prefixes: string[]; subjects: string[] }[] {
    const out = [];
    // a team's units under one county, as the lists send them, then arbitrary text
    out.push({ prefixes: Array.from({ length: 40 }, (_, i) => `${i + 3}/`), subjects: Array.from({ length: 600 }, (_, i) => `${i}/${next(3) ? `${next(500)}/` : ''}`) });
    for (let c = 0; c < 60; c++) {
      const prefixes = Array.from({ length: 1 + next(30) }, () => word(4));
      const subjects = [...prefixes, ...prefixes.map((p) => p + word(3)), ...prefixes.map((p) => p.slice(0, -1)), ...Array.from({ length: 80 }, () => word(6))];
      out.push({ prefixes, subjects });
    }
    return out;
  }
  const startsWithOne = (prefixes: string[], s: string) => prefixes.some((p) => s.startsWith(p));

  test('in JavaScript, against "starts with one of"', () => {
    let positive = 0;
    let compared = 0;
    for (const { prefixes, subjects } of cases()) {
      const re = new RegExp(`^${prefixPattern(prefixes)}`);
      for (const s of subjects) {
        expect([prefixes, s, re.test(s)]).toEqual([prefixes, s, startsWithOne(prefixes, s)]);
        if (startsWithOne(prefixes, s)) positive++;
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5_000);
    expect(positive).toBeGreaterThan(1_000);
    expect(positive).toBeLessThan(compared - 1_000);
    // the shape it is for: shorter than the flat alternation, and one class per run of siblings
    expect(prefixPattern(Array.from({ length: 40 }, (_, i) => `${i + 3}/`))).toBe('(?:3(?:/|[0-9]/)|4(?:/|[0-2]/)|[12][0-9]/|[5-9]/)');
    expect(() => prefixPattern([])).toThrow();
  });

  test("in PostgreSQL's regular expressions (the ~ the lists send), against the same", async () => {
    for (const { prefixes, subjects } of cases()) {
      const rows = await app.sql<{ s: string; hit: boolean }>('select s, s ~ $1 as hit from unnest($2::text[]) as s', [`^${prefixPattern(prefixes)}`, subjects]);
      expect(rows.length).toBe(subjects.length);
      for (const r of rows) expect([prefixes, r.s, r.hit]).toEqual([prefixes, r.s, startsWithOne(prefixes, r.s)]);
    }
  });
});
