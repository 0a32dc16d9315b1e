import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { startTestApp, type TestApp, globalId, codes } from './support/app';
import { introspect } from './support/schema-walk';

/**
 * Who sees what of rectifications (整改事项), their monthly reports and the warning history: every
 * field of every new type for every demo account, over HTTP; lists counted against SQL with roles
 * whose scope cuts them; the copies to the leader in charge (双向抄告); and every refused write
 * leaves the database as it was.
 */

let current = new Date('2026-03-10T02:00:00Z');
let app: TestApp;
let schema: GraphQLSchema;

type Json = Record<string, any>;
type Cell = 'R' | '-';

/** The demo accounts, with a unit inside each one's reach and one outside it. */
const ACCOUNTS: { username: string; reads: boolean; inUnit: string | null; outUnit: string | null }[] = [
  { username: 'qs-party', reads: true, inUnit: 'QS-CZ', outUnit: 'HX' },
  { username: 'qs-discipline', reads: true, inUnit: 'QS-JY', outUnit: 'HX' },
  { username: 'qs-team1', reads: true, inUnit: 'QS-CZ', outUnit: 'QS-ZR' },
  { username: 'qs-team2', reads: true, inUnit: 'QS-ZR', outUnit: 'QS-JY' },
  { username: 'qs-finance', reads: true, inUnit: 'QS-CZ', outUnit: 'QS-JY' },
  { username: 'dongling-party', reads: true, inUnit: 'QS-DL', outUnit: 'QS-CZ' },
  { username: 'qs-org', reads: false, inUnit: 'QS-CZ', outUnit: 'HX' },
  { username: 'sysadmin', reads: false, inUnit: 'QS-CZ', outUnit: null },
  { username: 'secadmin', reads: false, inUnit: 'QS-CZ', outUnit: null },
  { username: 'auditor', reads: false, inUnit: 'QS-CZ', outUnit: null },
  { username: 'qs-petition', reads: false, inUnit: 'QS-CZ', outUnit: null },
];

/** The SQL predicate (on unit_path) of each reading account's reach. */
const REACH: Record<string, [string, string[]]> = {
  'qs-party': ["unit_path like (select path from unit where code = 'QS') || '%'", []],
  'qs-discipline': ["unit_path like (select path from unit where code = 'QS') || '%'", []],
  'qs-team1': ["(unit_path like (select path from unit where code = 'QS-CZ') || '%' or unit_path like (select path from unit where code = 'QS-JY') || '%')", []],
  'qs-team2': ["(unit_path like (select path from unit where code = 'QS-ZR') || '%' or unit_path like (select path from unit where code = 'QS-WJ') || '%')", []],
  'qs-finance': ["unit_path = (select path from unit where code = 'QS-CZ')", []],
  'dongling-party': ["unit_path like (select path from unit where code = 'QS-DL') || '%'", []],
};

const TYPES = ['Rectification', 'RectificationReport', 'Warning'] as const;
const ROW_SQL: Record<(typeof TYPES)[number], string> = {
  Rectification: "select id from rectification where unit_path like (select path from unit where code = $1) || '%' order by id limit 1",
  RectificationReport: "select id from rectification_report where unit_path like (select path from unit where code = $1) || '%' order by id limit 1",
  Warning: "select id from warning where unit_path like (select path from unit where code = $1) || '%' order by id limit 1",
};

const gid = (typename: string, id: number) => globalId(typename, id);

/** Every field of a type: scalars by name, objects (and lists of them) by __typename. */
function selection(typeName: string): string {
  const type = schema.getType(typeName);
  if (!type || !isObjectType(type)) throw new Error(`no type ${typeName}`);
  return Object.values(type.getFields())
    .map((f) => (isObjectType(getNamedType(f.type)) ? `${f.name} { __typename }` : f.name))
    .join(' ');
}

async function mutate(as: string, name: string, input: Json, record = 'rectification { id }') {
  const type = `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
  return app.gql(as, `mutation($i: ${type}!) { ${name}(input: $i) { ${record} userErrors { field message code } } }`, { i: input });
}

/** Keys of every row of a connection, walked in pages of 3 (in-scope and out-of-scope rows interleave). */
async function walk(as: string, field: string, filter = ''): Promise<{ ids: number[]; total: number }> {
  const ids: number[] = [];
  let after: string | null = null;
  let total = -1;
  for (;;) {
    const r: any = await app.gql(as, `query($a: String) { ${field}(first: 3, after: $a${filter}) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`, { a: after });
    expect(r.body.errors).toBeUndefined();
    const c = r.body.data[field];
    total = c.totalCount;
    ids.push(...c.nodes.map((n: Json) => Number(Buffer.from(n.id, 'base64url').toString().split(':')[1])));
    if (!c.pageInfo.hasNextPage) break;
    after = c.pageInfo.endCursor;
  }
  return { ids, total };
}

beforeAll(async () => {
  app = await startTestApp({ clock: { now: () => current } });
  schema = await introspect(app, 'qs-discipline');

  // A second county, outside the reach of every QS grant, with one row of each type.
  const [u] = await app.sql("insert into unit (code, name, kind, party_org_kind, path, depth) values ('HX', '和溪县（虚构）', 'COUNTY', 'PARTY_COMMITTEE', 'tmp', 0) returning id");
  const path = `/${u.id}/`;
  await app.sql('update unit set path = $1 where id = $2', [path, u.id]);
  const [r] = await app.sql(
    "insert into rectification (unit_id, unit_path, problem, measures, deadline, status, origin, source, found_date, registered_date) values ($1, $2, '和溪问题', '和溪措施', '2026-06-30', 'IN_PROGRESS', 'EXTERNAL', 'DAILY_SUPERVISION', '2026-01-05', '2026-01-05') returning id",
    [u.id, path],
  );
  await app.sql("insert into rectification_report (rectification_id, unit_path, month, content, percent, reported_date) values ($1, $2, '2026-02', '和溪进展', 40, '2026-02-20')", [r.id, path]);
  await app.sql("insert into warning (unit_id, unit_path, level, reason, issued_date) values ($1, $2, 'ORANGE', '和溪预警', '2026-01-10')", [u.id, path]);

  // Warnings where the demo has none: the finance bureau (by its team) and 东岭镇.
  for (const [as, code, level] of [['qs-team1', 'QS-CZ', 'YELLOW'], ['qs-team1', 'QS-CZ', 'ORANGE'], ['qs-discipline', 'QS-DL', 'YELLOW']] as const) {
    const [unit] = await app.sql('select id, version from unit where code = $1', [code]);
    const w = await app.gql(as, 'mutation($i: UnitWarningSetInput!) { unitWarningSet(input: $i) { userErrors { code } } }', {
      i: { id: gid('Unit', unit.id), version: unit.version, level, reason: `${code}预警原因` },
    });
    expect(w.body.data.unitWarningSet.userErrors).toEqual([]);
  }
});
afterAll(async () => app?.stop());

describe('every new type, every field, every demo account (node(id) in and out of reach)', () => {
  for (const account of ACCOUNTS) {
    for (const type of TYPES) {
      test(`${account.username} · ${type}`, async () => {
        const query = `query($id: ID!) { node(id: $id) { __typename ... on ${type} { ${selection(type)} } } }`;
        const fields = Object.keys((schema.getType(type) as any).getFields());
        if (account.inUnit) {
          const rows = await app.sql(ROW_SQL[type], [account.inUnit]);
          expect(rows.length).toBe(1);
          const r = await app.gql(account.username, query, { id: gid(type, rows[0].id) });
          if (!account.reads) {
            expect(r.body.data?.node).toBeNull();
            expect(codes(r)).toEqual(['NOT_FOUND']);
          } else {
            expect(r.body.errors).toBeUndefined();
            const node = r.body.data.node;
            expect(node.__typename).toBe(type);
            // every field is read (ROW): the value is there, never FORBIDDEN
            for (const f of fields) expect({ f, present: f in node }).toEqual({ f, present: true });
            expect(node.id).toBe(gid(type, rows[0].id));
          }
        }
        if (account.outUnit) {
          const rows = await app.sql(ROW_SQL[type], [account.outUnit]);
          expect(rows.length).toBe(1);
          const out = await app.gql(account.username, query, { id: gid(type, rows[0].id) });
          expect(out.body.data?.node).toBeNull();
          expect(codes(out)).toEqual(['NOT_FOUND']);
        }
      });
    }
  }
});

describe('root fields and the Unit warning fields, for every demo account', () => {
  const WARNING_ON_UNIT: Record<string, Cell> = { 'qs-party': 'R', 'qs-discipline': 'R', 'qs-team1': 'R', 'qs-team2': 'R', 'qs-finance': 'R', 'dongling-party': 'R', 'qs-org': '-', sysadmin: '-' };

  for (const account of ACCOUNTS) {
    test(`${account.username}: rectifications, rectification, rectificationLedger, warnings`, async () => {
      const inReach = (await app.sql(ROW_SQL.Rectification, [account.inUnit]))[0].id;
      const r = await app.gql(
        account.username,
        `query($id: ID!) { rectifications(first: 1) { totalCount } rectificationLedger { selfFoundTotal } warnings(first: 1) { totalCount } rectification(id: $id) { id } }`,
        { id: gid('Rectification', inReach) },
      );
      const errors = new Map((r.body.errors ?? []).map((e) => [String(e.path?.join('.')), e.extensions?.code]));
      if (account.reads) {
        expect(r.body.errors).toBeUndefined();
        expect(r.body.data.rectifications.totalCount).toBeGreaterThan(0);
        expect(r.body.data.rectificationLedger.selfFoundTotal).toBeGreaterThan(0);
        expect(r.body.data.warnings.totalCount).toBeGreaterThan(0);
        expect(r.body.data.rectification.id).toBe(gid('Rectification', inReach));
      } else {
        for (const f of ['rectifications', 'rectificationLedger', 'warnings', 'rectification']) {
          expect({ f, value: r.body.data?.[f] ?? null, code: errors.get(f) }).toEqual({ f, value: null, code: 'FORBIDDEN' });
        }
      }
    });

    test(`${account.username}: Unit.warningLevel, warningReason and warnings`, async () => {
      const code = account.inUnit!;
      const unitId = (await app.sql('select id from unit where code = $1', [code]))[0].id;
      const r = await app.gql(account.username, 'query($id: ID!) { node(id: $id) { ... on Unit { code warningLevel warningReason warnings { __typename level active } } } }', { id: gid('Unit', unitId) });
      const cell = WARNING_ON_UNIT[account.username];
      if (!cell) {
        // units are not theirs to see at all
        expect(r.body.data?.node).toBeNull();
        expect(codes(r)).toEqual(['NOT_FOUND']);
        return;
      }
      const node = r.body.data.node;
      expect(node.code).toBe(code);
      const errors = new Map((r.body.errors ?? []).map((e) => [String(e.path?.slice(1).join('.')), e.extensions?.code]));
      if (cell === '-') {
        for (const f of ['warningLevel', 'warningReason', 'warnings']) expect({ f, value: node[f], code: errors.get(f) }).toEqual({ f, value: null, code: 'FORBIDDEN' });
        expect(errors.size).toBe(3);
      } else {
        expect(r.body.errors).toBeUndefined();
        const history = await app.sql("select level::text, lifted_date is null as active from warning where unit_id = $1 order by issued_date desc, id desc", [unitId]);
        expect(node.warnings).toEqual(history.map((h) => ({ __typename: 'Warning', level: h.level, active: h.active })));
        expect(node.warningLevel).toBe(history.find((h) => h.active)?.level ?? null);
      }
    });
  }
});

describe('lists, counted against SQL with roles whose scope cuts them', () => {
  for (const [as, [where]] of Object.entries(REACH)) {
    test(`${as}: rectifications, their filters, and warnings`, async () => {
      const expectIds = async (table: string, extra = '') => (await app.sql(`select id from ${table} where ${where}${extra} order by id`)).map((r) => r.id);

      const rect = await walk(as, 'rectifications');
      const inReach = await expectIds('rectification');
      expect(rect.ids).toEqual(inReach);
      expect(rect.total).toBe(inReach.length);

      const overdue = await walk(as, 'rectifications', ', filter: { statuses: [OVERDUE, PENDING] }');
      const expected = await expectIds('rectification', " and status <> 'COMPLETED' and (deadline < '2026-03-10' or status = 'PENDING')");
      expect(overdue.ids).toEqual(expected);
      expect(overdue.total).toBe(expected.length);

      const external = await walk(as, 'rectifications', ', filter: { origin: EXTERNAL, overdue: true }');
      expect(external.ids).toEqual(await expectIds('rectification', " and origin = 'EXTERNAL' and status <> 'COMPLETED' and deadline < '2026-03-10'"));

      const warnings = await walk(as, 'warnings');
      expect(warnings.ids).toEqual(await expectIds('warning'));
      expect(warnings.total).toBe(warnings.ids.length);
      const active = await walk(as, 'warnings', ', filter: { active: true, levels: [RED, ORANGE, YELLOW] }');
      expect(active.ids).toEqual(await expectIds('warning', ' and lifted_date is null'));
    });
  }

  test('a subtree filter outside the reach gives nothing, and leaks nothing', async () => {
    const hx = await app.gid('Unit', "select id from unit where code = 'HX'");
    const r = await app.gql('qs-discipline', 'query($u: ID) { rectifications(filter: { unitSubtree: $u }) { totalCount } warnings(filter: { unitSubtree: $u }) { totalCount } rectificationLedger(unitSubtree: $u) { selfFoundTotal externalTotal } }', { u: hx });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({ rectifications: { totalCount: 0 }, warnings: { totalCount: 0 }, rectificationLedger: { selfFoundTotal: 0, externalTotal: 0 } });
  });
});

describe('the leader in charge reads the copies (双向抄告), whatever the account\'s roles', () => {
  let deputy: number;
  let leaderCz: string;

  beforeAll(async () => {
    // the county deputy in charge of the finance bureau (and of the natural-resources bureau)
    deputy = (await app.sql("select oic.official_id as id from official_in_charge_unit oic join unit u on u.id = oic.unit_id where u.code = 'QS-CZ'"))[0].id;
    const acc = await app.gql('secadmin', 'mutation($i: AccountCreateInput!) { accountCreate(input: $i) { account { id } userErrors { message } } }', {
      i: { username: 'leader-cz', displayName: '分管副县长', kind: 'PERSON', official: gid('Official', deputy) },
    });
    expect(acc.body.data.accountCreate.userErrors).toEqual([]);
    leaderCz = acc.body.data.accountCreate.account.id;
    // and, as a unit account, a village of 东岭镇 (nothing to do with the finance bureau)
    const g = await app.gql('secadmin', 'mutation($i: RoleGrantCreateInput!) { roleGrantCreate(input: $i) { userErrors { message } } }', { i: { account: leaderCz, role: 'UNIT', unitCode: 'QS-DL-02' } });
    expect(g.body.data.roleGrantCreate.userErrors).toEqual([]);
    // a rectification of that village, recorded by its township
    const village = await app.gid('Unit', "select id from unit where code = 'QS-DL-02'");
    const made = await mutate('dongling-party', 'rectificationCreate', { responsibleUnit: village, problem: '村民小组账目不清', measures: '清理账目并公开', deadline: '2026-06-30', origin: 'SELF_FOUND', source: 'DAILY_SUPERVISION' });
    expect(made.body.data.rectificationCreate.userErrors).toEqual([]);
  });

  test('it lists the rectifications of the units its official is in charge of, and of its own unit grant, and no others', async () => {
    const where = "(unit_path like (select path from unit where code = 'QS-CZ') || '%' or unit_path like (select path from unit where code = 'QS-ZR') || '%' or unit_path = (select path from unit where code = 'QS-DL-02'))";
    const expected = (await app.sql(`select id from rectification where ${where} order by id`)).map((r) => r.id);
    const got = await walk('leader-cz', 'rectifications');
    expect(got.ids).toEqual(expected);
    expect(got.total).toBe(expected.length);
    const codesSeen = (await app.sql('select distinct u.code from rectification r join unit u on u.id = r.unit_id where r.id = any($1) order by 1', [expected])).map((r) => r.code);
    expect(codesSeen).toEqual(['QS-CZ', 'QS-DL-02', 'QS-ZR']);

    const LEDGER = '{ rectificationLedger { rows { status selfFound external } selfFoundTotal externalTotal } }';
    const ledger = (await app.gql('leader-cz', LEDGER)).body.data.rectificationLedger;
    const [{ self, ext }] = await app.sql(`select count(*) filter (where origin = 'SELF_FOUND')::int as self, count(*) filter (where origin = 'EXTERNAL')::int as ext from rectification where ${where}`);
    expect([ledger.selfFoundTotal, ledger.externalTotal]).toEqual([self, ext]);
  });

  test('a copied row is read in full; the unit\'s own fields keep their rules; other units\' rows do not exist for it', async () => {
    const cz = (await app.sql("select r.id from rectification r where r.unit_path = (select path from unit where code = 'QS-CZ') and exists (select 1 from rectification_report p where p.rectification_id = r.id) order by r.id limit 1"))[0].id;
    const r = await app.gql('leader-cz', `query($id: ID!) { rectification(id: $id) { ${selection('Rectification')} responsibleUnit { code warningLevel } copiedTo { id } reports { id month } } }`, { id: gid('Rectification', cz) });
    const node = r.body.data.rectification;
    expect(node.id).toBe(gid('Rectification', cz));
    expect(node.responsibleUnit.code).toBe('QS-CZ');
    expect(node.copiedTo.map((o: Json) => o.id)).toContain(gid('Official', deputy));
    expect(node.viewerCan).toEqual({ __typename: 'RectificationViewerCan' });
    // its roles do not reach the finance bureau: the unit's warning stays denied
    expect(node.responsibleUnit.warningLevel).toBeNull();
    expect((r.body.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['rectification.responsibleUnit.warningLevel', 'FORBIDDEN']]);
    // its reports are read too, by id
    const rep = node.reports[0];
    expect(rep).toBeDefined();
    const byNode = await app.gql('leader-cz', `query($id: ID!) { node(id: $id) { ... on RectificationReport { month rectification { id } } } }`, { id: rep.id });
    expect(byNode.body.data.node).toEqual({ month: rep.month, rectification: { id: node.id } });

    const can = await app.gql('leader-cz', 'query($id: ID!) { rectification(id: $id) { viewerCan { update start report verify } } }', { id: gid('Rectification', cz) });
    expect(can.body.data.rectification.viewerCan).toEqual({ update: false, start: false, report: false, verify: false });

    for (const code of ['QS-JY', 'QS-DL-01', 'HX']) {
      const other = (await app.sql("select id from rectification where unit_path like (select path from unit where code = $1) || '%' order by id limit 1", [code]))[0].id;
      const o = await app.gql('leader-cz', 'query($id: ID!) { rectification(id: $id) { id } node(id: $id) { id } }', { id: gid('Rectification', other) });
      expect({ code, data: o.body.data, codes: codes(o) }).toEqual({ code, data: { rectification: null, node: null }, codes: ['NOT_FOUND', 'NOT_FOUND'] });
    }
  });

  test('reading is all: it files no progress on a copy, and verifies nothing', async () => {
    const cz = (await app.sql("select id from rectification where unit_path = (select path from unit where code = 'QS-CZ') and status = 'IN_PROGRESS' order by id limit 1"))[0].id;
    const before = await app.fingerprint();
    const r = await mutate('leader-cz', 'rectificationReport', { rectification: gid('Rectification', cz), month: '2026-03', content: '领导批示', percent: 50 }, 'report { id }');
    expect(r.body.data.rectificationReport.userErrors.map((e: Json) => e.code)).toEqual(['FORBIDDEN']);
    expect(r.body.data.rectificationReport.report).toBeNull();
    const v = await mutate('leader-cz', 'rectificationVerify', { id: gid('Rectification', cz), version: 1, passed: true });
    expect(codes(v)).toEqual(['FORBIDDEN']);
    expect(await app.fingerprint()).toBe(before);
    // its own unit grant still files for its own village
    const own = (await app.sql("select id from rectification where unit_path = (select path from unit where code = 'QS-DL-02') order by id limit 1"))[0].id;
    const started = await mutate('leader-cz', 'rectificationStart', { id: gid('Rectification', own), version: 1 });
    expect(started.body.data.rectificationStart.userErrors).toEqual([]);
  });

  test('an account linked to a leader in charge, with no grant at all, reads the copies and nothing else', async () => {
    const other = (await app.sql("select oic.official_id as id from official_in_charge_unit oic join unit u on u.id = oic.unit_id where u.code = 'QS-JY'"))[0].id;
    const acc = await app.gql('secadmin', 'mutation($i: AccountCreateInput!) { accountCreate(input: $i) { userErrors { message } } }', {
      i: { username: 'leader-jy', displayName: '分管副县长（教育卫健）', kind: 'PERSON', official: gid('Official', other) },
    });
    expect(acc.body.data.accountCreate.userErrors).toEqual([]);
    const where = "(unit_path like (select path from unit where code = 'QS-JY') || '%' or unit_path like (select path from unit where code = 'QS-WJ') || '%')";
    const expected = (await app.sql(`select id from rectification where ${where} order by id`)).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(1);
    expect((await walk('leader-jy', 'rectifications')).ids).toEqual(expected);
    // the copies are of rectifications only: warnings and units stay closed to it
    const w = await app.gql('leader-jy', '{ warnings { totalCount } units { totalCount } }');
    expect(codes(w).sort()).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    // and an account linked to no leader in charge reads none
    const plain = await app.gql('secadmin', 'mutation($i: AccountCreateInput!) { accountCreate(input: $i) { userErrors { message } } }', { i: { username: 'nobody-linked', displayName: '未关联', kind: 'PERSON' } });
    expect(plain.body.data.accountCreate.userErrors).toEqual([]);
    const none = await app.gql('nobody-linked', '{ rectifications { totalCount } rectificationLedger { selfFoundTotal } }');
    expect(codes(none)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });
});

describe('who may write', () => {
  const MUTATIONS: { name: string; roles: string[]; record: string }[] = [
    { name: 'rectificationCreate', roles: ['qs-party', 'qs-discipline', 'qs-team1', 'qs-team2', 'dongling-party'], record: 'rectification { id }' },
    { name: 'rectificationUpdate', roles: ['qs-party', 'qs-discipline', 'qs-team1', 'qs-team2', 'dongling-party'], record: 'rectification { id }' },
    { name: 'rectificationStart', roles: ['qs-party', 'qs-discipline', 'qs-team1', 'qs-team2', 'qs-finance', 'dongling-party'], record: 'rectification { id }' },
    { name: 'rectificationReport', roles: ['qs-party', 'qs-finance', 'dongling-party'], record: 'report { id }' },
    { name: 'rectificationReportUpdate', roles: ['qs-party', 'qs-finance', 'dongling-party'], record: 'report { id }' },
    { name: 'rectificationVerify', roles: ['qs-discipline', 'qs-team1', 'qs-team2'], record: 'rectification { id }' },
    { name: 'unitWarningSet', roles: ['qs-discipline', 'qs-team1', 'qs-team2'], record: 'unit { id }' },
  ];

  async function inputs(): Promise<Record<string, Json>> {
    const zr = (await app.sql("select id, version from rectification where unit_path = (select path from unit where code = 'QS-ZR') and status = 'IN_PROGRESS' order by id limit 1"))[0];
    const rep = (await app.sql("select id, version from rectification_report where unit_path = (select path from unit where code = 'QS-ZR') order by id desc limit 1"))[0];
    const unit = (await app.sql("select id, version from unit where code = 'QS-ZR'"))[0];
    return {
      rectificationCreate: { responsibleUnit: gid('Unit', unit.id), problem: '问题', measures: '措施', deadline: '2026-12-31', origin: 'SELF_FOUND', source: 'DAILY_SUPERVISION' },
      rectificationUpdate: { id: gid('Rectification', zr.id), version: zr.version, measures: '新措施' },
      rectificationStart: { id: gid('Rectification', zr.id), version: zr.version },
      rectificationReport: { rectification: gid('Rectification', zr.id), month: '2026-03', content: '进展', percent: 50 },
      rectificationReportUpdate: { id: gid('RectificationReport', rep.id), version: rep.version, content: '进展', percent: 50 },
      rectificationVerify: { id: gid('Rectification', zr.id), version: zr.version, passed: true },
      unitWarningSet: { id: gid('Unit', unit.id), version: unit.version, level: 'ORANGE', reason: '降为橙色' },
    };
  }

  test('every other demo account is refused at the mutation (FORBIDDEN), and nothing changes', async () => {
    const all = ACCOUNTS.map((a) => a.username);
    const input = await inputs();
    for (const m of MUTATIONS) {
      for (const as of all.filter((a) => !m.roles.includes(a))) {
        const before = await app.fingerprint();
        const r = await mutate(as, m.name, input[m.name], m.record);
        expect({ m: m.name, as, data: r.body.data?.[m.name] ?? null, codes: codes(r) }).toEqual({ m: m.name, as, data: null, codes: ['FORBIDDEN'] });
        expect(await app.fingerprint()).toBe(before);
      }
    }
  });

  test('writers whose reach does not include the row get NOT_FOUND, and nothing changes', async () => {
    const input = await inputs();
    // the natural-resources bureau is supervised by team 2, not team 1; it is not the finance bureau, nor in 东岭镇
    const outside: [string, string][] = [
      ['qs-team1', 'rectificationCreate'], ['qs-team1', 'rectificationUpdate'], ['qs-team1', 'rectificationStart'], ['qs-team1', 'rectificationVerify'], ['qs-team1', 'unitWarningSet'],
      ['qs-finance', 'rectificationStart'], ['qs-finance', 'rectificationReport'], ['qs-finance', 'rectificationReportUpdate'],
      ['dongling-party', 'rectificationCreate'], ['dongling-party', 'rectificationUpdate'], ['dongling-party', 'rectificationReport'], ['dongling-party', 'rectificationReportUpdate'],
    ];
    for (const [as, name] of outside) {
      const m = MUTATIONS.find((x) => x.name === name)!;
      const before = await app.fingerprint();
      const r = await mutate(as, name, input[name], m.record);
      expect(r.body.errors).toBeUndefined();
      const payload = r.body.data[name];
      expect({ as, name, codes: payload.userErrors.map((e: Json) => e.code) }).toEqual({ as, name, codes: ['NOT_FOUND'] });
      expect(await app.fingerprint()).toBe(before);
    }
  });

  test('a reader of the row whose roles may not make this change gets FORBIDDEN as a user error', async () => {
    // an account holding DISCIPLINE_COMMISSION at 东岭镇 and UNIT at the natural-resources bureau:
    // the unit grant reads the bureau's rectification and may file on it, but not edit or verify it
    const acc = await app.gql('secadmin', 'mutation($i: AccountCreateInput!) { accountCreate(input: $i) { account { id } } }', { i: { username: 'mixed-rect', displayName: '混合', kind: 'PERSON' } });
    const id = acc.body.data.accountCreate.account.id;
    for (const i of [{ account: id, role: 'DISCIPLINE_COMMISSION', unitCode: 'QS-DL' }, { account: id, role: 'UNIT', unitCode: 'QS-ZR' }]) {
      const g = await app.gql('secadmin', 'mutation($i: RoleGrantCreateInput!) { roleGrantCreate(input: $i) { userErrors { message } } }', { i });
      expect(g.body.data.roleGrantCreate.userErrors).toEqual([]);
    }
    const input = await inputs();
    for (const name of ['rectificationUpdate', 'rectificationVerify']) {
      const before = await app.fingerprint();
      const r = await mutate('mixed-rect', name, input[name]);
      expect({ name, codes: r.body.data[name].userErrors.map((e: Json) => e.code) }).toEqual({ name, codes: ['FORBIDDEN'] });
      expect(await app.fingerprint()).toBe(before);
    }
  });
});
