import { startTestApp, type TestApp, type GqlResult, codes } from './support/app';

/**
 * Inspection tours (巡察), findings, hand-over, monthly reports and the INSPECTION_GROUP role,
 * against the demo county over a simulated calendar. The clock starts on 2026-03-10 (UTC+8), so
 * the demo tour (a month ago → two months ahead) runs from 2026-02-10 to 2026-05-10 and the
 * account qs-inspection, bound to it, reaches 西河乡 and 南山镇 until then.
 */
let current = new Date('2026-03-10T02:00:00Z');
const setToday = (d: string) => (current = new Date(`${d}T02:00:00Z`));
const TODAY = '2026-03-10';

let app: TestApp;

const ALL_ACCOUNTS = ['qs-party', 'qs-discipline', 'qs-team1', 'qs-team2', 'qs-finance', 'qs-org', 'qs-petition', 'sysadmin', 'secadmin', 'auditor', 'dongling-party', 'qs-inspection'];
/** Accounts whose roles may not call the tour and finding queries at all. */
const NO_TOUR_ROLE = ['qs-org', 'qs-petition', 'sysadmin', 'secadmin', 'auditor'];

const UE = 'userErrors { field message code }';
const TOUR = `id version round name organizerUnit { code } startDate endDate status
  members { name post isLeader official { id } } leader { name isLeader } units { code }
  findings { totalCount } monthlyReports { totalCount nodes { month } } viewerCan { update addUnit recordFinding fileReport }`;
const FINDING = `id version tour { id } unit { code } item { code } category { code } severity description foundOn handedOver handedOverOn
  clue { id } rectificationOrdered rectifications { id } viewerCan { readDescription handOver }`;
const REPORT = 'id version tour { id } month text filedOn filedByRole';

const M = {
  tourCreate: `mutation($input: InspectionTourCreateInput!) { inspectionTourCreate(input: $input) { tour { ${TOUR} } ${UE} } }`,
  tourUpdate: `mutation($input: InspectionTourUpdateInput!) { inspectionTourUpdate(input: $input) { tour { ${TOUR} } ${UE} } }`,
  addUnit: `mutation($input: InspectionTourAddUnitInput!) { inspectionTourAddUnit(input: $input) { tour { ${TOUR} } ${UE} } }`,
  record: `mutation($input: InspectionFindingRecordInput!) { inspectionFindingRecord(input: $input) { finding { ${FINDING} } ${UE} } }`,
  handOver: `mutation($input: InspectionFindingHandOverInput!) { inspectionFindingHandOver(input: $input) { finding { ${FINDING} } ${UE} } }`,
  report: `mutation($input: InspectionReportFileInput!) { inspectionReportFile(input: $input) { report { ${REPORT} } ${UE} } }`,
  grant: `mutation($input: RoleGrantCreateInput!) { roleGrantCreate(input: $input) { grant { id role tourName unitCode teamCode active } ${UE} } }`,
  accountCreate: `mutation($input: AccountCreateInput!) { accountCreate(input: $input) { account { id username } ${UE} } }`,
};

const unitGid = (code: string) => app.gid('Unit', 'select id from unit where code = $1', [code]);
const officialGid = (code: string, i: number) =>
  app.gid('Official', 'select o.id from official o join unit u on u.id = o.unit_id where u.code = $1 order by o.id offset $2 limit 1', [code, i]);
const tourGid = (name: string) => app.gid('InspectionTour', 'select id from inspection_tour where name = $1', [name]);
const itemGid = (code: string) => app.gid('ProblemItem', 'select id from problem_item where code = $1', [code]);
const categoryGid = (code: string) => app.gid('ProblemCategory', 'select id from problem_category where code = $1', [code]);
const findingGid = (tourName: string, unitCode: string, itemCode: string) =>
  app.gid(
    'InspectionFinding',
    `select f.id from inspection_finding f join inspection_tour t on t.id = f.tour_id join unit u on u.id = f.unit_id join problem_item i on i.id = f.item_id
      where t.name = $1 and u.code = $2 and i.code = $3 order by f.id limit 1`,
    [tourName, unitCode, itemCode],
  );
const keyOfGid = (gid: string) => Number(Buffer.from(gid, 'base64url').toString('utf8').split(':')[1]);
const versionOf = async (table: string, gid: string) => (await app.sql(`select version from ${table} where id = $1`, [keyOfGid(gid)]))[0].version as number;

/** Runs a request that must be refused and asserts the database is unchanged. */
async function refused(as: string, query: string, variables: Record<string, unknown>): Promise<GqlResult> {
  const before = await app.fingerprint();
  const r = await app.gql(as, query, variables);
  expect(await app.fingerprint()).toBe(before);
  return r;
}

/** The single user error of a refused mutation (the payload's object is null). */
function userError(r: GqlResult, field: string): { field: string[]; message: string; code: string } {
  expect(r.body.errors).toBeUndefined();
  const payload = r.body.data[field];
  expect(Object.entries(payload).filter(([k, v]) => k !== 'userErrors' && v !== null)).toEqual([]);
  expect(payload.userErrors).toHaveLength(1);
  return payload.userErrors[0];
}

function ok(r: GqlResult, field: string) {
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data[field].userErrors).toEqual([]);
  return r.body.data[field];
}

const DEMO = '县委第一巡察组对西河乡、南山镇党委开展常规巡察';
const SPECIAL = '县委专项巡察组对财政局和东岭村开展专项巡察';
const PLANNED = '县委第二巡察组对教育局开展常规巡察';

beforeAll(async () => {
  app = await startTestApp({ clock: { now: () => current } });
  // a second tour, running, over units of team 1 (QS-CZ), of the finance bureau's account and of 东岭镇 (QS-DL-01)
  const special = await app.gql('qs-discipline', M.tourCreate, {
    input: {
      round: '2026年专项巡察',
      name: SPECIAL,
      organizerUnit: await unitGid('QS'),
      startDate: '2026-03-01',
      endDate: '2026-04-30',
      members: [await officialGid('QS-JW', 2), await officialGid('QS-JW', 3)],
      leader: await officialGid('QS-JW', 2),
      units: [await unitGid('QS-CZ'), await unitGid('QS-DL-01')],
    },
  });
  const tour = ok(special, 'inspectionTourCreate').tour;
  for (const [unit, item, severity, description] of [
    ['QS-CZ', '2.3', 'GENERAL', '（虚构）财政局机关存在违规发放加班补贴问题。'],
    ['QS-CZ', '5.1', 'SERIOUS', '（虚构）涉农资金拨付审核把关不严，个别项目存在套取资金嫌疑。'],
    ['QS-DL-01', '5.2', 'GENERAL', '（虚构）东岭村集体资金支出审批手续不全。'],
  ]) {
    ok(await app.gql('qs-discipline', M.record, { input: { tour: tour.id, unit: await unitGid(unit), item: await itemGid(item), severity, description, foundOn: '2026-03-05' } }), 'inspectionFindingRecord');
  }
  const handed = await findingGid(SPECIAL, 'QS-CZ', '5.1');
  ok(await app.gql('qs-discipline', M.handOver, { input: { id: handed, version: 1 } }), 'inspectionFindingHandOver');
  ok(await app.gql('qs-discipline', M.report, { input: { tour: tour.id, month: '2026-03', text: '（虚构）三月份专项巡察进展。' } }), 'inspectionReportFile');
  // a third tour, planned for the summer, over the education bureau (team 1)
  ok(
    await app.gql('qs-discipline', M.tourCreate, {
      input: {
        round: '2026年第二轮巡察',
        name: PLANNED,
        organizerUnit: await unitGid('QS'),
        startDate: '2026-06-01',
        endDate: '2026-07-31',
        members: [await officialGid('QS-JW', 5)],
        leader: await officialGid('QS-JW', 5),
        units: [await unitGid('QS-JY')],
      },
    }),
    'inspectionTourCreate',
  );
});
afterAll(async () => app?.stop());

// ---------------------------------------------------------------------------------------------
// Counts computed with SQL from the grants, independently of the server's code.

const REACH_CTE = `with g as (
  select g.role, g.team_id, g.tour_id, u.path as unit_path
    from role_grant g join account a on a.id = g.account_id left join unit u on u.id = g.unit_id
   where a.username = $1 and not a.disabled and g.revoked_at is null),
 team_paths as (
  select su.path from g join supervision_assignment sa on sa.team_id = g.team_id join unit su on su.id = sa.unit_id
   where g.role = 'DISPATCHED_TEAM' and sa.valid_from <= $2::date and (sa.valid_to is null or sa.valid_to >= $2::date)),
 running_group_tours as (
  select t.id from g join inspection_tour t on t.id = g.tour_id
   where g.role = 'INSPECTION_GROUP' and t.start_date <= $2::date and t.end_date >= $2::date)`;

/** Whether a row at `col` (a unit path) is reached by PC/DC (subtree), DT (assigned subtrees) or UNIT (exact). */
const reachedSql = (col: string) => `(
  exists (select 1 from g where g.role in ('PARTY_COMMITTEE', 'DISCIPLINE_COMMISSION') and ${col} like g.unit_path || '%')
  or exists (select 1 from g where g.role = 'UNIT' and ${col} = g.unit_path)
  or exists (select 1 from team_paths p where ${col} like p.path || '%'))`;

async function sqlTourCount(username: string, today: string): Promise<number> {
  const rows = await app.sql(
    `${REACH_CTE} select count(*)::int as n from inspection_tour t where
       exists (select 1 from g where g.role in ('PARTY_COMMITTEE', 'DISCIPLINE_COMMISSION') and t.unit_path like g.unit_path || '%')
       or exists (select 1 from inspection_tour_unit tu where tu.tour_id = t.id and ${reachedSql('tu.unit_path')})
       or t.id in (select id from running_group_tours)`,
    [username, today],
  );
  return rows[0].n;
}

async function sqlFindingCount(username: string, today: string, extra = 'true', params: unknown[] = []): Promise<number> {
  const rows = await app.sql(
    `${REACH_CTE} select count(*)::int as n from inspection_finding f join problem_item i on i.id = f.item_id join problem_category c on c.id = i.category_id
      where (${reachedSql('f.unit_path')} or f.tour_id in (select id from running_group_tours)) and ${extra}`,
    [username, today, ...params],
  );
  return rows[0].n;
}

// ---------------------------------------------------------------------------------------------

describe('the common-problem list', () => {
  test('5 categories and 23 items in order, for every business role; nothing for the others', async () => {
    const q = '{ problemCategories { id code name sortOrder items { id code name sortOrder category { code } } } }';
    for (const account of ALL_ACCOUNTS) {
      const r = await app.gql(account, q);
      if (['qs-petition', 'sysadmin', 'secadmin', 'auditor'].includes(account)) {
        expect({ account, data: r.body.data?.problemCategories ?? null, codes: codes(r) }).toEqual({ account, data: null, codes: ['FORBIDDEN'] });
        continue;
      }
      expect({ account, errors: r.body.errors }).toEqual({ account, errors: undefined });
      const cats = r.body.data.problemCategories;
      expect(cats.map((c: any) => c.code)).toEqual(['1', '2', '3', '4', '5']);
      expect(cats.flatMap((c: any) => c.items).length).toBe(23);
      expect(cats[0].name).toBe('落实党的路线方针政策和党中央重大决策部署方面');
      for (const c of cats) {
        expect(c.items.map((i: any) => i.sortOrder)).toEqual(c.items.map((_: any, k: number) => k + 1));
        for (const i of c.items) expect(i.category.code).toBe(c.code);
      }
    }
    const [{ n }] = await app.sql('select count(*)::int as n from problem_item');
    expect(n).toBe(23);
  });

  test('a category and an item by node(id): business roles read them, administrators get NOT_FOUND', async () => {
    const cat = await categoryGid('5');
    const item = await itemGid('5.1');
    for (const account of ALL_ACCOUNTS) {
      const r = await app.gql(account, 'query($c: ID!, $i: ID!) { c: node(id: $c) { ... on ProblemCategory { code items { code } } } i: node(id: $i) { ... on ProblemItem { code name category { code } } } }', { c: cat, i: item });
      if (['qs-petition', 'sysadmin', 'secadmin', 'auditor'].includes(account)) {
        expect({ account, data: r.body.data, codes: codes(r) }).toEqual({ account, data: { c: null, i: null }, codes: ['NOT_FOUND', 'NOT_FOUND'] });
      } else {
        expect({ account, errors: r.body.errors }).toEqual({ account, errors: undefined });
        expect(r.body.data.c.items).toHaveLength(4);
        expect(r.body.data.i).toEqual({ code: '5.1', name: '侵占、挪用、虚报冒领惠民惠农资金', category: { code: '5' } });
      }
    }
  });
});

describe('reading tours, findings and reports, role by role', () => {
  type Want = 'value' | 'FORBIDDEN' | 'NOT_FOUND';
  const forbiddenToAll = (w: Record<string, Want>) => ({ ...w, ...Object.fromEntries(NO_TOUR_ROLE.map((a) => [a, 'FORBIDDEN' as Want])) });
  const DEMO_READERS: Record<string, Want> = forbiddenToAll({
    'qs-party': 'value',
    'qs-discipline': 'value',
    'qs-team1': 'NOT_FOUND',
    'qs-team2': 'NOT_FOUND',
    'qs-finance': 'NOT_FOUND',
    'dongling-party': 'NOT_FOUND',
    'qs-inspection': 'value',
  });
  const SPECIAL_READERS: Record<string, Want> = forbiddenToAll({
    'qs-party': 'value',
    'qs-discipline': 'value',
    'qs-team1': 'value',
    'qs-team2': 'NOT_FOUND',
    'qs-finance': 'value',
    'dongling-party': 'value',
    'qs-inspection': 'NOT_FOUND',
  });

  function expectRefused(account: string, r: GqlResult, root: string, want: Want) {
    expect({ account, data: r.body.data?.[root] ?? null, codes: codes(r) }).toEqual({ account, data: null, codes: [want] });
    expect(r.body.errors![0].path).toEqual([root]);
  }

  test('inspectionTour(id): every field, for every account', async () => {
    const q = `query($id: ID!) { inspectionTour(id: $id) { ${TOUR} } }`;
    const demo = await tourGid(DEMO);
    const special = await tourGid(SPECIAL);
    for (const account of ALL_ACCOUNTS) {
      const r = await app.gql(account, q, { id: demo });
      if (DEMO_READERS[account] !== 'value') {
        expectRefused(account, r, 'inspectionTour', DEMO_READERS[account]);
        continue;
      }
      expect({ account, errors: r.body.errors }).toEqual({ account, errors: undefined });
      const t = r.body.data.inspectionTour;
      expect(t).toMatchObject({ round: '2026年第一轮巡察', name: DEMO, startDate: '2026-02-10', endDate: '2026-05-10', status: 'IN_PROGRESS' });
      expect(t.units.map((u: any) => u.code)).toEqual(['QS-XH', 'QS-NS']);
      expect(t.members).toHaveLength(3);
      expect(t.members[0].isLeader).toBe(true);
      expect(t.leader).toEqual({ name: t.members[0].name, isLeader: true });
      expect(t.members.map((m: any) => m.post)).toEqual(['县纪委副书记', '信访室主任', '办公室主任']);
      expect(t.findings.totalCount).toBe(6);
      expect(t.monthlyReports.totalCount).toBe(1);
      if (account === 'qs-inspection') {
        // the group's own members belong to the commission and the organisation department: outside its reach
        expect(t.organizerUnit).toBeNull();
        expect(t.members.every((m: any) => m.official === null)).toBe(true);
        expect(t.viewerCan).toEqual({ update: false, addUnit: false, recordFinding: true, fileReport: true });
      } else {
        expect(t.organizerUnit).toEqual({ code: 'QS' });
        expect(t.members.every((m: any) => m.official !== null)).toBe(true);
        const dc = account === 'qs-discipline';
        expect(t.viewerCan).toEqual({ update: dc, addUnit: dc, recordFinding: dc, fileReport: dc });
      }
    }
    for (const account of ALL_ACCOUNTS) {
      const r = await app.gql(account, q, { id: special });
      if (SPECIAL_READERS[account] !== 'value') {
        expectRefused(account, r, 'inspectionTour', SPECIAL_READERS[account]);
        continue;
      }
      expect({ account, errors: r.body.errors }).toEqual({ account, errors: undefined });
      const t = r.body.data.inspectionTour;
      // each account sees the inspected units and findings in its own reach
      const units: Record<string, string[]> = { 'qs-team1': ['QS-CZ'], 'qs-finance': ['QS-CZ'], 'dongling-party': ['QS-DL-01'] };
      expect({ account, units: t.units.map((u: any) => u.code) }).toEqual({ account, units: units[account] ?? ['QS-CZ', 'QS-DL-01'] });
      const findings: Record<string, number> = { 'qs-team1': 2, 'qs-finance': 2, 'dongling-party': 1 };
      expect({ account, findings: t.findings.totalCount }).toEqual({ account, findings: findings[account] ?? 3 });
      // the inspected unit's own account does not read the monthly reports
      expect({ account, reports: t.monthlyReports.totalCount }).toEqual({ account, reports: account === 'qs-finance' ? 0 : 1 });
      const county = ['qs-party', 'qs-discipline'].includes(account);
      expect(t.organizerUnit).toEqual(county ? { code: 'QS' } : null);
      // the group's members are commission staff: their registry records only for the county's readers
      expect({ account, officials: t.members.map((m: any) => m.official !== null) }).toEqual({ account, officials: [county, county] });
      expect(t.members.map((m: any) => m.isLeader)).toEqual([true, false]);
      const dc = account === 'qs-discipline';
      expect({ account, can: t.viewerCan }).toEqual({ account, can: { update: dc, addUnit: dc, recordFinding: dc, fileReport: dc } });
    }
  });

  test('a finding through node(id): description withheld from the inspected unit, the clue from party committee and unit', async () => {
    const q = `query($id: ID!) { node(id: $id) { __typename ... on InspectionFinding { ${FINDING} } } }`;
    const demoHanded = await findingGid(DEMO, 'QS-XH', '5.1');
    const specialHanded = await findingGid(SPECIAL, 'QS-CZ', '5.1');
    const cases: [string, Record<string, Want>][] = [
      [demoHanded, DEMO_READERS],
      // the finance bureau's finding: not in 东岭镇's reach
      [specialHanded, { ...SPECIAL_READERS, 'dongling-party': 'NOT_FOUND' }],
    ];
    for (const [id, readers] of cases) {
      for (const account of ALL_ACCOUNTS) {
        const r = await app.gql(account, q, { id });
        if (readers[account] !== 'value') {
          // no role to read findings and no row: node(id) cannot tell them apart
          expect({ account, data: r.body.data?.node ?? null, codes: codes(r) }).toEqual({ account, data: null, codes: ['NOT_FOUND'] });
          continue;
        }
        const f = r.body.data.node;
        expect(f.__typename).toBe('InspectionFinding');
        expect(f.category.code).toBe('5');
        expect(f.item.code).toBe('5.1');
        expect(f.severity).toBe('SERIOUS');
        expect(f.handedOver).toBe(true);
        expect(f.rectificationOrdered).toBe(false);
        const errs = new Map((r.body.errors ?? []).map((e) => [e.path!.slice(1).join('.'), e.extensions?.code]));
        const unit = account === 'qs-finance';
        const party = ['qs-party', 'dongling-party'].includes(account);
        if (unit) {
          expect({ account, description: f.description, code: errs.get('description') }).toEqual({ account, description: null, code: 'FORBIDDEN' });
        } else {
          expect({ account, description: typeof f.description, code: errs.get('description') }).toEqual({ account, description: 'string', code: undefined });
        }
        if (unit || party) {
          expect({ account, clue: f.clue, code: errs.get('clue') }).toEqual({ account, clue: null, code: 'FORBIDDEN' });
        } else {
          expect({ account, clue: typeof f.clue?.id, code: errs.get('clue') }).toEqual({ account, clue: 'string', code: undefined });
        }
        expect({ account, errors: errs.size }).toEqual({ account, errors: (unit ? 2 : party ? 1 : 0) });
        expect(f.viewerCan).toEqual({ readDescription: !unit, handOver: false });
      }
    }
  });

  test('inspectionFinding(id): value, FORBIDDEN for roles without findings, NOT_FOUND out of reach', async () => {
    const id = await findingGid(SPECIAL, 'QS-DL-01', '5.2');
    const want: Record<string, Want> = { ...SPECIAL_READERS, 'qs-team1': 'NOT_FOUND', 'qs-finance': 'NOT_FOUND' };
    for (const account of ALL_ACCOUNTS) {
      const r = await app.gql(account, `query($id: ID!) { inspectionFinding(id: $id) { unit { code } tour { name } } }`, { id });
      if (want[account] === 'value') {
        expect({ account, errors: r.body.errors }).toEqual({ account, errors: undefined });
        expect(r.body.data.inspectionFinding).toEqual({ unit: { code: 'QS-DL-01' }, tour: { name: SPECIAL } });
      } else expectRefused(account, r, 'inspectionFinding', want[account]);
    }
  });

  test('a monthly report through node(id): the tour\'s readers except the inspected unit', async () => {
    const id = await app.gid('InspectionMonthlyReport', 'select r.id from inspection_monthly_report r join inspection_tour t on t.id = r.tour_id where t.name = $1', [SPECIAL]);
    for (const account of ALL_ACCOUNTS) {
      const r = await app.gql(account, `query($id: ID!) { node(id: $id) { ... on InspectionMonthlyReport { ${REPORT} } } }`, { id });
      if (SPECIAL_READERS[account] === 'value' && account !== 'qs-finance') {
        expect({ account, errors: r.body.errors }).toEqual({ account, errors: undefined });
        expect(r.body.data.node).toMatchObject({ month: '2026-03', filedByRole: 'DISCIPLINE_COMMISSION', filedOn: TODAY, text: '（虚构）三月份专项巡察进展。' });
      } else expect({ account, data: r.body.data?.node ?? null, codes: codes(r) }).toEqual({ account, data: null, codes: ['NOT_FOUND'] });
    }
  });

  test('lists: totalCount equals the rows each account reaches, counted with SQL from its grants', async () => {
    const q = '{ inspectionTours(first: 100) { totalCount nodes { name } } inspectionFindings(first: 100) { totalCount nodes { id unit { code } } } }';
    const expectedTours: Record<string, string[]> = {
      'qs-party': [DEMO, SPECIAL, PLANNED],
      'qs-discipline': [DEMO, SPECIAL, PLANNED],
      'qs-team1': [SPECIAL, PLANNED],
      'qs-team2': [],
      'qs-finance': [SPECIAL],
      'dongling-party': [SPECIAL],
      'qs-inspection': [DEMO],
    };
    for (const account of ALL_ACCOUNTS) {
      const r = await app.gql(account, q);
      if (NO_TOUR_ROLE.includes(account)) {
        expect({ account, data: r.body.data, codes: codes(r) }).toEqual({ account, data: { inspectionTours: null, inspectionFindings: null }, codes: ['FORBIDDEN', 'FORBIDDEN'] });
        continue;
      }
      expect({ account, errors: r.body.errors }).toEqual({ account, errors: undefined });
      const { inspectionTours: tours, inspectionFindings: findings } = r.body.data;
      expect({ account, tours: tours.nodes.map((t: any) => t.name) }).toEqual({ account, tours: expectedTours[account] });
      expect({ account, tours: tours.totalCount }).toEqual({ account, tours: await sqlTourCount(account, TODAY) });
      expect({ account, findings: findings.totalCount }).toEqual({ account, findings: await sqlFindingCount(account, TODAY) });
      expect(findings.nodes).toHaveLength(findings.totalCount);
    }
    // the cut is real: the party committee of 东岭镇 sees one of the nine findings, the finance bureau two
    expect(await sqlFindingCount('qs-discipline', TODAY)).toBe(9);
    expect(await sqlFindingCount('dongling-party', TODAY)).toBe(1);
    expect(await sqlFindingCount('qs-finance', TODAY)).toBe(2);
  });

  test('pages: keyset pagination keeps counts and rows consistent', async () => {
    const first = await app.gql('qs-discipline', '{ inspectionFindings(first: 4) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }');
    const page = first.body.data.inspectionFindings;
    expect(page.totalCount).toBe(9);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await app.gql('qs-discipline', 'query($a: String) { inspectionFindings(first: 10, after: $a) { totalCount pageInfo { hasNextPage } nodes { id } } }', { a: page.pageInfo.endCursor });
    expect(next.body.data.inspectionFindings.nodes).toHaveLength(5);
    expect(next.body.data.inspectionFindings.pageInfo.hasNextPage).toBe(false);
  });

  test('findings by category, unit, tour, severity and hand-over, as SQL counts them', async () => {
    const q = 'query($f: InspectionFindingFilter) { inspectionFindings(filter: $f, first: 100) { totalCount nodes { category { code } unit { code } severity handedOver } } }';
    for (const account of ['qs-discipline', 'qs-party', 'qs-team1', 'qs-finance', 'dongling-party', 'qs-inspection']) {
      for (const cat of ['1', '2', '3', '4', '5']) {
        const r = await app.gql(account, q, { f: { category: await categoryGid(cat) } });
        expect(r.body.errors).toBeUndefined();
        const c = r.body.data.inspectionFindings;
        expect(c.nodes.every((n: any) => n.category.code === cat)).toBe(true);
        expect({ account, cat, n: c.totalCount }).toEqual({ account, cat, n: await sqlFindingCount(account, TODAY, 'c.code = $3', [cat]) });
      }
    }
    const byCat = await app.gql('qs-discipline', q, { f: { category: await categoryGid('5') } });
    expect(byCat.body.data.inspectionFindings.totalCount).toBe(4);
    const serious = await app.gql('qs-discipline', q, { f: { severity: 'SERIOUS', handedOver: true } });
    expect(serious.body.data.inspectionFindings.totalCount).toBe(2);
    const xh = await app.gql('qs-discipline', q, { f: { unit: await unitGid('QS-XH'), tour: await tourGid(DEMO) } });
    expect(xh.body.data.inspectionFindings.totalCount).toBe(3);
    // a tour outside the caller's reach filters to nothing, it is not an error
    const none = await app.gql('qs-team2', q, { f: { tour: await tourGid(DEMO) } });
    expect(none.body.data.inspectionFindings.totalCount).toBe(0);
  });

  test('tour filters: status, activeOn, unitSubtree', async () => {
    const q = 'query($f: InspectionTourFilter) { inspectionTours(filter: $f) { totalCount nodes { name status } } }';
    const names = async (as: string, f: object) => (await app.gql(as, q, { f })).body.data.inspectionTours.nodes.map((t: any) => t.name);
    expect(await names('qs-discipline', { status: 'PLANNED' })).toEqual([PLANNED]);
    expect(await names('qs-discipline', { status: 'IN_PROGRESS' })).toEqual([DEMO, SPECIAL]);
    expect(await names('qs-discipline', { status: 'FINISHED' })).toEqual([]);
    expect(await names('qs-discipline', { activeOn: '2026-05-05' })).toEqual([DEMO]);
    expect(await names('qs-discipline', { activeOn: '2026-06-15' })).toEqual([PLANNED]);
    expect(await names('qs-discipline', { unitSubtree: await unitGid('QS-DL') })).toEqual([SPECIAL]);
    expect(await names('qs-discipline', { unitSubtree: await unitGid('QS-XH') })).toEqual([DEMO]);
    expect(await names('qs-team1', { unitSubtree: await unitGid('QS') })).toEqual([SPECIAL, PLANNED]);
    expect(await names('dongling-party', { status: 'IN_PROGRESS' })).toEqual([SPECIAL]);
  });

  test('RoleGrant.tourName: the group reads it on its own viewer, the security administrator on accounts', async () => {
    const own = await app.gql('qs-inspection', '{ viewer { grants { role tourName unitCode teamCode } scopes { role kind units { code } } } }');
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.viewer.grants).toEqual([{ role: 'INSPECTION_GROUP', tourName: `2026年第一轮巡察：${DEMO}`, unitCode: null, teamCode: null }]);
    expect(own.body.data.viewer.scopes).toEqual([{ role: 'INSPECTION_GROUP', kind: 'SUBTREE', units: [{ code: 'QS-XH' }, { code: 'QS-NS' }] }]);
    const sec = await app.gql('secadmin', '{ accounts(filter: { role: INSPECTION_GROUP }) { totalCount nodes { username grants { role tourName } } } }');
    expect(sec.body.errors).toBeUndefined();
    expect(sec.body.data.accounts.nodes).toEqual([{ username: 'qs-inspection', grants: [{ role: 'INSPECTION_GROUP', tourName: `2026年第一轮巡察：${DEMO}` }] }]);
    const party = await app.gql('qs-party', '{ viewer { grants { role tourName } } }');
    expect(party.body.data.viewer.grants).toEqual([{ role: 'PARTY_COMMITTEE', tourName: null }]);
  });
});

describe('the INSPECTION_GROUP reach: the tour\'s units while it runs, and nothing else', () => {
  const REACH_Q = `{
    units(first: 100) { totalCount nodes { code name warningLevel } }
    officials(first: 100) { totalCount nodes { name post rank unit { code } } }
    inspectionTours { totalCount }
    inspectionFindings { totalCount }
  }`;
  const XH_NS = ['QS-XH', 'QS-XH-01', 'QS-XH-02', 'QS-XH-03', 'QS-NS', 'QS-NS-01', 'QS-NS-02', 'QS-NS-03'];

  afterEach(() => setToday(TODAY));

  test('while the tour runs: the tour\'s units and their subtrees, their officials\' basic fields, its own tour and findings', async () => {
    const r = await app.gql('qs-inspection', REACH_Q);
    const d = r.body.data;
    expect(d.units.nodes.map((u: any) => u.code).sort()).toEqual([...XH_NS].sort());
    expect(d.units.totalCount).toBe(8);
    // the warning is no basic field: denied on every row
    expect(d.units.nodes.every((u: any) => u.warningLevel === null)).toBe(true);
    const errs = (r.body.errors ?? []).map((e) => [e.extensions?.code, e.path!.slice(-1)[0]]);
    expect(errs).toEqual(d.units.nodes.map(() => ['FORBIDDEN', 'warningLevel']));
    const [{ n: officials }] = await app.sql(
      "select count(*)::int as n from official o where exists (select 1 from unit u where u.code in ('QS-XH', 'QS-NS') and o.unit_path like u.path || '%')",
    );
    expect(d.officials.totalCount).toBe(officials);
    expect(d.officials.nodes.every((o: any) => XH_NS.includes(o.unit.code) && o.name && o.post && o.rank)).toBe(true);
    expect(d.inspectionTours.totalCount).toBe(1);
    expect(d.inspectionFindings.totalCount).toBe(6);
  });

  test('contact fields, sanctions, integrity status, relations and pledges stay denied; other units and records do not exist', async () => {
    const xhPrincipal = await app.gid('Official', "select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-XH' and o.is_principal");
    const r = await app.gql('qs-inspection', `query($id: ID!) { official(id: $id) { name post unit { code } identityNumber phone sanctions { totalCount } integrityStatus { inInfluencePeriod } pledges { totalCount } viewerCan { readContact readSanctions update } } }`, { id: xhPrincipal });
    const o = r.body.data.official;
    expect(o.name).toBeTruthy();
    expect(o.unit).toEqual({ code: 'QS-XH' });
    expect(o.viewerCan).toEqual({ readContact: false, readSanctions: false, update: false });
    const denied = (r.body.errors ?? []).map((e) => `${e.extensions?.code}:${e.path!.join('.')}`).sort();
    expect(denied).toEqual(['identityNumber', 'integrityStatus', 'phone', 'pledges', 'sanctions'].map((f) => `FORBIDDEN:official.${f}`));
    for (const f of ['identityNumber', 'phone', 'sanctions', 'integrityStatus', 'pledges']) expect(o[f]).toBeNull();
    // asked on its own: where the list is declared non-null, its denial nulls the official as for every role without it
    const rel = await app.gql('qs-inspection', 'query($id: ID!) { official(id: $id) { relations { id } } }', { id: xhPrincipal });
    expect((rel.body.errors ?? []).map((e) => [e.extensions?.code, e.path!.join('.')])).toEqual([['FORBIDDEN', 'official.relations']]);
    expect(rel.body.data.official?.relations ?? null).toBeNull();

    const cz = await app.gql('qs-inspection', '{ unit(code: "QS-CZ") { code } }');
    expect({ data: cz.body.data.unit, codes: codes(cz) }).toEqual({ data: null, codes: ['NOT_FOUND'] });
    const czOfficial = await app.gid('Official', "select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-CZ' limit 1");
    const oc = await app.gql('qs-inspection', 'query($id: ID!) { official(id: $id) { name } }', { id: czOfficial });
    expect({ data: oc.body.data.official, codes: codes(oc) }).toEqual({ data: null, codes: ['NOT_FOUND'] });
    const special = await app.gql('qs-inspection', 'query($id: ID!) { inspectionTour(id: $id) { name } }', { id: await tourGid(SPECIAL) });
    expect({ data: special.body.data.inspectionTour, codes: codes(special) }).toEqual({ data: null, codes: ['NOT_FOUND'] });
    const parent = await app.gql('qs-inspection', '{ unit(code: "QS-XH") { parent { code } } }');
    expect(parent.body.data.unit.parent).toBeNull();
    // the other modules do not list the role: their records are refused as a whole
    for (const q of ['{ sanctions { totalCount } }', '{ letters { totalCount } }', '{ pledges { totalCount } }', '{ dispatchedTeams { totalCount } }', '{ assessments { totalCount } }']) {
      const x = await app.gql('qs-inspection', q);
      expect({ q, codes: codes(x) }).toEqual({ q, codes: ['FORBIDDEN'] });
    }
  });

  test('before the tour starts and after it ends: nothing at all', async () => {
    const tourId = await tourGid(DEMO);
    const xh = await unitGid('QS-XH');
    for (const day of ['2026-02-09', '2026-05-11', '2026-12-31']) {
      setToday(day);
      const r = await app.gql('qs-inspection', REACH_Q);
      expect({ day, errors: r.body.errors }).toEqual({ day, errors: undefined });
      expect({ day, units: r.body.data.units.totalCount, officials: r.body.data.officials.totalCount, tours: r.body.data.inspectionTours.totalCount, findings: r.body.data.inspectionFindings.totalCount }).toEqual({ day, units: 0, officials: 0, tours: 0, findings: 0 });
      for (const [q, vars, root] of [
        ['query($id: ID!) { inspectionTour(id: $id) { name } }', { id: tourId }, 'inspectionTour'],
        ['query($id: ID!) { node(id: $id) { id } }', { id: xh }, 'node'],
        ['{ unit(code: "QS-XH") { code } }', {}, 'unit'],
      ] as const) {
        const x = await app.gql('qs-inspection', q, vars);
        expect({ day, root, data: x.body.data?.[root] ?? null, codes: codes(x) }).toEqual({ day, root, data: null, codes: ['NOT_FOUND'] });
      }
      const scope = await app.gql('qs-inspection', '{ viewer { scopes { role kind units { code } } } }');
      expect(scope.body.data.viewer.scopes).toEqual([{ role: 'INSPECTION_GROUP', kind: 'NONE', units: [] }]);
      expect(await sqlTourCount('qs-inspection', day)).toBe(0);
      // and it writes nothing
      const w = await refused('qs-inspection', M.record, { input: { tour: tourId, unit: xh, item: await itemGid('2.4'), severity: 'MINOR', description: '（虚构）' } });
      expect(userError(w, 'inspectionFindingRecord')).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'tour'] });
    }
    // the first and the last day belong to the tour
    for (const day of ['2026-02-10', '2026-05-10']) {
      setToday(day);
      const r = await app.gql('qs-inspection', '{ units { totalCount } inspectionTours { totalCount nodes { status } } }');
      expect({ day, units: r.body.data.units.totalCount, tours: r.body.data.inspectionTours.nodes }).toEqual({ day, units: 8, tours: [{ status: 'IN_PROGRESS' }] });
    }
  });

  test('a grant for a planned tour reaches nothing until the tour starts', async () => {
    const account = ok(await app.gql('secadmin', M.accountCreate, { input: { username: 'qs-inspection-2', displayName: '县委第二巡察组', kind: 'PERSON' } }), 'accountCreate').account;
    const grant = ok(await app.gql('secadmin', M.grant, { input: { account: account.id, role: 'INSPECTION_GROUP', tourId: await tourGid(PLANNED) } }), 'roleGrantCreate').grant;
    expect(grant).toMatchObject({ role: 'INSPECTION_GROUP', tourName: `2026年第二轮巡察：${PLANNED}`, unitCode: null, teamCode: null, active: true });
    const q = '{ units { totalCount nodes { code } } inspectionTours { totalCount nodes { name status } } }';
    const before = await app.gql('qs-inspection-2', q);
    expect(before.body.data).toEqual({ units: { totalCount: 0, nodes: [] }, inspectionTours: { totalCount: 0, nodes: [] } });
    setToday('2026-06-01');
    const during = await app.gql('qs-inspection-2', q);
    expect(during.body.data.units.nodes.map((u: any) => u.code)).toEqual(['QS-JY']);
    expect(during.body.data.inspectionTours.nodes).toEqual([{ name: PLANNED, status: 'IN_PROGRESS' }]);
    expect(await sqlTourCount('qs-inspection-2', '2026-06-01')).toBe(1);
    setToday('2026-08-01');
    const after = await app.gql('qs-inspection-2', q);
    expect(after.body.data.units.totalCount).toBe(0);
  });
});

describe('recording findings and handing them over', () => {
  afterEach(() => setToday(TODAY));

  test('the group records a finding on its own tour while it runs; the description stays its own business', async () => {
    const tour = await tourGid(DEMO);
    const r = await app.gql('qs-inspection', M.record, {
      input: { tour, unit: await unitGid('QS-NS'), item: await itemGid('2.4'), severity: 'GENERAL', description: '  （虚构）镇政府部分报表层层加码、重复填报。  ' },
    });
    const f = ok(r, 'inspectionFindingRecord').finding;
    expect(f).toMatchObject({ unit: { code: 'QS-NS' }, item: { code: '2.4' }, category: { code: '2' }, severity: 'GENERAL', foundOn: TODAY, handedOver: false, description: '（虚构）镇政府部分报表层层加码、重复填报。', version: 1 });
    expect(f.viewerCan).toEqual({ readDescription: true, handOver: true });
    const audit = await app.sql("select action, outcome, fields from audit_log where account_username = 'qs-inspection' and action = 'inspectionFindingRecord' order by id desc limit 1");
    expect(audit[0].outcome).toBe('ALLOWED');
    const [{ n }] = await app.sql('select count(*)::int as n from inspection_finding where tour_id = $1', [keyOfGid(tour)]);
    expect(n).toBe(7);
  });

  test('refused findings change nothing', async () => {
    const demo = await tourGid(DEMO);
    const special = await tourGid(SPECIAL);
    const planned = await tourGid(PLANNED);
    const base = { item: await itemGid('1.1'), severity: 'MINOR', description: '（虚构）问题描述。' };
    const cases: [string, Record<string, unknown>, string, string[]][] = [
      // another tour's units and tours are out of the group's reach
      ['qs-inspection', { ...base, tour: special, unit: await unitGid('QS-CZ') }, 'NOT_FOUND', ['input', 'tour']],
      ['qs-inspection', { ...base, tour: demo, unit: await unitGid('QS-CZ') }, 'NOT_FOUND', ['input', 'unit']],
      // a village below an inspected township is in reach, but findings name an inspected unit
      ['qs-inspection', { ...base, tour: demo, unit: await unitGid('QS-XH-01') }, 'BAD_USER_INPUT', ['input', 'unit']],
      ['qs-inspection', { ...base, tour: demo, unit: await unitGid('QS-XH'), foundOn: '2026-02-01' }, 'BAD_USER_INPUT', ['input', 'foundOn']],
      ['qs-inspection', { ...base, tour: demo, unit: await unitGid('QS-XH'), foundOn: '2026-03-11' }, 'BAD_USER_INPUT', ['input', 'foundOn']],
      ['qs-inspection', { ...base, tour: demo, unit: await unitGid('QS-XH'), item: 'not-an-id' }, 'BAD_USER_INPUT', ['input', 'item']],
      ['qs-inspection', { ...base, tour: demo, unit: await unitGid('QS-XH'), item: Buffer.from('ProblemItem:99999').toString('base64url') }, 'NOT_FOUND', ['input', 'item']],
      ['qs-inspection', { ...base, tour: demo, unit: await unitGid('QS-XH'), description: '   ' }, 'BAD_USER_INPUT', ['input', 'description']],
      ['qs-inspection', { ...base, tour: demo, unit: await unitGid('QS-XH'), description: '' }, 'BAD_USER_INPUT', ['input', 'description']],
      // nothing is found before a tour starts
      ['qs-discipline', { ...base, tour: planned, unit: await unitGid('QS-JY') }, 'CONFLICT', []],
      ['qs-discipline', { ...base, tour: 'bogus', unit: await unitGid('QS-JY') }, 'BAD_USER_INPUT', ['input', 'tour']],
    ];
    for (const [as, input, code, field] of cases) {
      const r = await refused(as, M.record, { input });
      expect({ input, e: userError(r, 'inspectionFindingRecord') }).toMatchObject({ input, e: { code, field } });
    }
    // roles that may not write findings are refused as a whole
    for (const as of ['qs-party', 'qs-team1', 'qs-finance', 'qs-org', 'sysadmin']) {
      const r = await refused(as, M.record, { input: { ...base, tour: special, unit: await unitGid('QS-CZ') } });
      expect({ as, data: r.body.data?.inspectionFindingRecord ?? null, codes: codes(r) }).toEqual({ as, data: null, codes: ['FORBIDDEN'] });
    }
  });

  test('hand-over creates a problem clue from the tour, read by the group and the commission, not by the party committee', async () => {
    const id = await findingGid(DEMO, 'QS-XH', '2.3');
    const version = await versionOf('inspection_finding', id);
    const subject = await officialGid('QS-XH', 0);
    const r = await app.gql('qs-inspection', M.handOver, { input: { id, version, subjects: [subject] } });
    const f = ok(r, 'inspectionFindingHandOver').finding;
    expect(f).toMatchObject({ handedOver: true, handedOverOn: TODAY, version: version + 1 });
    expect(f.viewerCan.handOver).toBe(false);
    expect(f.clue).not.toBeNull();
    const [clue] = await app.sql('select c.id, c.source, c.inspection_tour_id, c.unit_path, c.details, c.status, c.received_on::text as received_on from problem_clue c where c.id = $1', [keyOfGid(f.clue.id)]);
    expect(clue).toMatchObject({ source: 'INSPECTION_TOUR', inspection_tour_id: keyOfGid(await tourGid(DEMO)), status: 'RECEIVED', received_on: TODAY });
    expect(clue.details).toBe('（虚构）乡机关食堂存在超标准接待、以会议名义公款吃喝问题。');
    const [{ n: subjects }] = await app.sql('select count(*)::int as n from problem_clue_subject where clue_id = $1 and official_id = $2', [clue.id, keyOfGid(subject)]);
    expect(subjects).toBe(1);
    const [{ finding_clue }] = await app.sql('select clue_id as finding_clue from inspection_finding where id = $1', [keyOfGid(id)]);
    expect(finding_clue).toBe(clue.id);

    const cq = 'query($id: ID!) { node(id: $id) { ... on ProblemClue { summary source } } }';
    for (const as of ['qs-inspection', 'qs-discipline']) {
      const c = await app.gql(as, cq, { id: f.clue.id });
      expect({ as, errors: c.body.errors }).toEqual({ as, errors: undefined });
      expect(c.body.data.node).toEqual({ summary: '巡察移交：西河乡违反中央八项规定精神问题（违规吃喝、收送礼金、公车私用等）', source: 'INSPECTION_TOUR' });
    }
    for (const as of ['qs-party', 'qs-finance', 'qs-team1']) {
      const c = await app.gql(as, cq, { id: f.clue.id });
      expect({ as, data: c.body.data?.node ?? null, codes: codes(c) }).toEqual({ as, data: null, codes: ['NOT_FOUND'] });
    }
    // the list of clues of the group: the two its tour handed over
    const list = await app.gql('qs-inspection', '{ clues { totalCount nodes { source } } }');
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data.clues.totalCount).toBe(2);
    expect(list.body.data.clues.nodes.every((c: any) => c.source === 'INSPECTION_TOUR')).toBe(true);

    // once only; a stale version is a conflict too
    const again = await refused('qs-inspection', M.handOver, { input: { id, version: version + 1 } });
    expect(userError(again, 'inspectionFindingHandOver')).toMatchObject({ code: 'CONFLICT', field: ['input', 'id'] });
    const stale = await refused('qs-discipline', M.handOver, { input: { id: await findingGid(DEMO, 'QS-NS', '1.4'), version: 7 } });
    expect(userError(stale, 'inspectionFindingHandOver')).toMatchObject({ code: 'CONFLICT', field: ['input', 'version'] });
  });

  test('refused hand-overs change nothing', async () => {
    const ns = await findingGid(DEMO, 'QS-NS', '4.1');
    const cz = await findingGid(SPECIAL, 'QS-CZ', '2.3');
    const cases: [string, Record<string, unknown>, string, string[]][] = [
      ['qs-inspection', { id: cz, version: 1 }, 'NOT_FOUND', ['input', 'id']],
      ['qs-inspection', { id: 'nope', version: 1 }, 'BAD_USER_INPUT', ['input', 'id']],
      ['qs-inspection', { id: ns, version: 1, subjects: [await officialGid('QS-CZ', 0)] }, 'NOT_FOUND', ['input', 'subjects.0']],
      // a subject of another inspected unit is in reach, but not of this finding's unit
      ['qs-inspection', { id: ns, version: 1, subjects: [await officialGid('QS-XH', 0)] }, 'BAD_USER_INPUT', ['input', 'subjects.0']],
      ['qs-inspection', { id: ns, version: 1, summary: '' }, 'BAD_USER_INPUT', ['input', 'summary']],
    ];
    for (const [as, input, code, field] of cases) {
      const r = await refused(as, M.handOver, { input });
      expect({ input, e: userError(r, 'inspectionFindingHandOver') }).toMatchObject({ input, e: { code, field } });
    }
    // after the tour the group can no longer hand anything over
    setToday('2026-05-11');
    const late = await refused('qs-inspection', M.handOver, { input: { id: ns, version: 1 } });
    expect(userError(late, 'inspectionFindingHandOver')).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'id'] });
  });
});

describe('rectifications ordered from findings', () => {
  test('rectificationOrdered for every reader of the finding; the rectification rows under the rectification rules', async () => {
    const id = await findingGid(DEMO, 'QS-XH', '3.3');
    const before = await app.gql('qs-discipline', `query($id: ID!) { inspectionFinding(id: $id) { rectificationOrdered rectifications { id } } }`, { id });
    expect(before.body.data.inspectionFinding).toEqual({ rectificationOrdered: false, rectifications: [] });
    const created = await app.gql('qs-discipline', 'mutation($input: RectificationCreateInput!) { rectificationCreate(input: $input) { rectification { id } userErrors { field code } } }', {
      input: {
        responsibleUnit: await unitGid('QS-XH'),
        problem: '（虚构）杨柳村党支部组织生活不规范',
        measures: '（虚构）规范“三会一课”记录，开展专题组织生活会',
        deadline: '2026-06-30',
        origin: 'EXTERNAL',
        source: 'INSPECTION_FINDING',
        sourceFinding: id,
      },
    });
    const rectification = ok(created, 'rectificationCreate').rectification;
    for (const [as, rows] of [['qs-discipline', [rectification.id]], ['qs-party', [rectification.id]], ['qs-inspection', []]] as const) {
      const r = await app.gql(as, `query($id: ID!) { inspectionFinding(id: $id) { rectificationOrdered rectifications { id } } }`, { id });
      expect({ as, errors: r.body.errors }).toEqual({ as, errors: undefined });
      expect({ as, f: r.body.data.inspectionFinding }).toEqual({ as, f: { rectificationOrdered: true, rectifications: rows.map((x) => ({ id: x })) } });
    }
  });
});

describe('monthly rectification reports', () => {
  afterEach(() => setToday(TODAY));

  test('the group files this month\'s report; one per month; never a future month; not before the tour', async () => {
    const tour = await tourGid(DEMO);
    const r = ok(await app.gql('qs-inspection', M.report, { input: { tour, month: '2026-03', text: '（虚构）三月份整改进展：已督促西河乡完成3项整改。' } }), 'inspectionReportFile');
    expect(r.report).toMatchObject({ month: '2026-03', filedOn: TODAY, filedByRole: 'INSPECTION_GROUP', tour: { id: tour }, version: 1 });

    const cases: [string, Record<string, unknown>, string, string[]][] = [
      ['qs-inspection', { tour, month: '2026-03', text: '（虚构）重复报送' }, 'CONFLICT', ['input', 'month']],
      ['qs-discipline', { tour, month: '2026-03', text: '（虚构）重复报送' }, 'CONFLICT', ['input', 'month']],
      ['qs-inspection', { tour, month: '2026-04', text: '（虚构）未来月份' }, 'BAD_USER_INPUT', ['input', 'month']],
      ['qs-discipline', { tour, month: '2027-01', text: '（虚构）未来月份' }, 'BAD_USER_INPUT', ['input', 'month']],
      ['qs-inspection', { tour, month: '2026-01', text: '（虚构）巡察之前' }, 'BAD_USER_INPUT', ['input', 'month']],
      ['qs-inspection', { tour, month: '2026-13', text: '（虚构）' }, 'BAD_USER_INPUT', ['input', 'month']],
      ['qs-inspection', { tour, month: '2026-02', text: '' }, 'BAD_USER_INPUT', ['input', 'text']],
      ['qs-inspection', { tour: await tourGid(SPECIAL), month: '2026-03', text: '（虚构）' }, 'NOT_FOUND', ['input', 'tour']],
      ['qs-discipline', { tour: await tourGid(PLANNED), month: '2026-03', text: '（虚构）' }, 'CONFLICT', []],
    ];
    for (const [as, input, code, field] of cases) {
      const x = await refused(as, M.report, { input });
      expect({ as, input, e: userError(x, 'inspectionReportFile') }).toMatchObject({ as, input, e: { code, field } });
    }
    for (const as of ['qs-party', 'qs-team1', 'qs-finance', 'secadmin']) {
      const x = await refused(as, M.report, { input: { tour, month: '2026-02', text: '（虚构）' } });
      expect({ as, codes: codes(x) }).toEqual({ as, codes: ['FORBIDDEN'] });
    }
    // the next month opens with the calendar
    setToday('2026-04-02');
    const april = ok(await app.gql('qs-inspection', M.report, { input: { tour, month: '2026-04', text: '（虚构）四月份整改进展。' } }), 'inspectionReportFile');
    expect(april.report.filedOn).toBe('2026-04-02');
    // after the tour, the commission files the following months; the group no longer can
    setToday('2026-06-03');
    const late = await refused('qs-inspection', M.report, { input: { tour, month: '2026-05', text: '（虚构）' } });
    expect(userError(late, 'inspectionReportFile')).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'tour'] });
    const dc = ok(await app.gql('qs-discipline', M.report, { input: { tour, month: '2026-05', text: '（虚构）五月份整改进展。' } }), 'inspectionReportFile');
    expect(dc.report.filedByRole).toBe('DISCIPLINE_COMMISSION');
    const list = await app.gql('qs-discipline', 'query($id: ID!) { inspectionTour(id: $id) { status monthlyReports { totalCount nodes { month filedByRole } } } }', { id: tour });
    expect(list.body.data.inspectionTour).toEqual({
      status: 'FINISHED',
      monthlyReports: {
        totalCount: 4,
        nodes: [
          { month: '2026-02', filedByRole: 'INSPECTION_GROUP' },
          { month: '2026-03', filedByRole: 'INSPECTION_GROUP' },
          { month: '2026-04', filedByRole: 'INSPECTION_GROUP' },
          { month: '2026-05', filedByRole: 'DISCIPLINE_COMMISSION' },
        ],
      },
    });
  });
});

describe('managing tours', () => {
  afterEach(() => setToday(TODAY));

  test('create, update with the version, add a unit; lifecycle by the calendar', async () => {
    const created = ok(
      await app.gql('qs-discipline', M.tourCreate, {
        input: {
          round: ' 2026年第三轮巡察 ',
          name: '县委第三巡察组对卫健局开展常规巡察',
          organizerUnit: await unitGid('QS'),
          startDate: '2026-09-01',
          endDate: '2026-10-31',
          members: [await officialGid('QS-JW', 3), await officialGid('QS-ZZB', 4)],
          leader: await officialGid('QS-ZZB', 4),
        },
      }),
      'inspectionTourCreate',
    ).tour;
    expect(created).toMatchObject({ round: '2026年第三轮巡察', status: 'PLANNED', version: 1, units: [], findings: { totalCount: 0 } });
    expect(created.leader.isLeader).toBe(true);
    expect(created.members[0].isLeader).toBe(true);
    expect(created.viewerCan).toEqual({ update: true, addUnit: true, recordFinding: false, fileReport: false });
    // a tour without units is visible to the commission and committee above its organiser only
    const t1 = await app.gql('qs-team2', 'query($id: ID!) { inspectionTour(id: $id) { name } }', { id: created.id });
    expect(codes(t1)).toEqual(['NOT_FOUND']);

    const added = ok(await app.gql('qs-discipline', M.addUnit, { input: { tour: created.id, version: 1, unit: await unitGid('QS-WJ') } }), 'inspectionTourAddUnit').tour;
    expect(added.units).toEqual([{ code: 'QS-WJ' }]);
    expect(added.version).toBe(2);
    const t2 = await app.gql('qs-team2', 'query($id: ID!) { inspectionTour(id: $id) { name units { code } } }', { id: created.id });
    expect(t2.body.data.inspectionTour.units).toEqual([{ code: 'QS-WJ' }]);

    const updated = ok(
      await app.gql('qs-discipline', M.tourUpdate, { input: { id: created.id, version: 2, startDate: '2026-08-15', name: '县委第三巡察组对卫健局党组开展常规巡察', members: [await officialGid('QS-JW', 3)], leader: await officialGid('QS-JW', 3) } }),
      'inspectionTourUpdate',
    ).tour;
    expect(updated).toMatchObject({ startDate: '2026-08-15', name: '县委第三巡察组对卫健局党组开展常规巡察', version: 3 });
    expect(updated.members).toHaveLength(1);

    const bad: [Record<string, unknown>, string, string[]][] = [
      [{ id: created.id, version: 2, name: '过期版本' }, 'CONFLICT', ['input', 'version']],
      [{ id: created.id, version: 3, endDate: '2026-08-01' }, 'BAD_USER_INPUT', ['input', 'endDate']],
      [{ id: created.id, version: 3, members: [await officialGid('QS-JW', 3)], leader: await officialGid('QS-JW', 4) }, 'BAD_USER_INPUT', ['input', 'leader']],
      [{ id: created.id, version: 3, members: [await officialGid('QS-JW', 3)] }, 'BAD_USER_INPUT', ['input', 'leader']],
      [{ id: created.id, version: 3, name: '  ' }, 'BAD_USER_INPUT', ['input', 'name']],
    ];
    for (const [input, code, field] of bad) {
      const r = await refused('qs-discipline', M.tourUpdate, { input });
      expect({ input, e: userError(r, 'inspectionTourUpdate') }).toMatchObject({ input, e: { code, field } });
    }
    const dup = await refused('qs-discipline', M.addUnit, { input: { tour: created.id, version: 3, unit: await unitGid('QS-WJ') } });
    expect(userError(dup, 'inspectionTourAddUnit')).toMatchObject({ code: 'CONFLICT', field: ['input', 'unit'] });

    // once started, the start date is history; once finished, the tour is closed
    setToday('2026-08-20');
    const moved = await refused('qs-discipline', M.tourUpdate, { input: { id: created.id, version: 3, startDate: '2026-08-16' } });
    expect(userError(moved, 'inspectionTourUpdate')).toMatchObject({ code: 'CONFLICT', field: ['input', 'startDate'] });
    const early = await refused('qs-discipline', M.tourUpdate, { input: { id: created.id, version: 3, endDate: '2026-08-19' } });
    expect(userError(early, 'inspectionTourUpdate')).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'endDate'] });
    setToday('2026-11-01');
    const closed = await refused('qs-discipline', M.tourUpdate, { input: { id: created.id, version: 3, name: '结束后修改' } });
    expect(userError(closed, 'inspectionTourUpdate')).toMatchObject({ code: 'CONFLICT' });
    const closedAdd = await refused('qs-discipline', M.addUnit, { input: { tour: created.id, version: 3, unit: await unitGid('QS-ZR') } });
    expect(userError(closedAdd, 'inspectionTourAddUnit')).toMatchObject({ code: 'CONFLICT' });
  });

  test('the leader changes within the group, with the version', async () => {
    const id = await tourGid(SPECIAL);
    const version = await versionOf('inspection_tour', id);
    const next = await officialGid('QS-JW', 3);
    const t = ok(await app.gql('qs-discipline', M.tourUpdate, { input: { id, version, leader: next } }), 'inspectionTourUpdate').tour;
    expect(t.version).toBe(version + 1);
    expect(t.members.map((m: any) => [m.official.id, m.isLeader])).toEqual([[next, true], [await officialGid('QS-JW', 2), false]]);
    const [{ n }] = await app.sql('select count(*)::int as n from inspection_group_member where tour_id = $1 and is_leader', [keyOfGid(id)]);
    expect(n).toBe(1);
    const outsider = await refused('qs-discipline', M.tourUpdate, { input: { id, version: version + 1, leader: await officialGid('QS-JW', 6) } });
    expect(userError(outsider, 'inspectionTourUpdate')).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'leader'] });
  });

  test('refused creations change nothing', async () => {
    const base = {
      round: '2026年第四轮巡察',
      name: '县委第四巡察组',
      organizerUnit: await unitGid('QS'),
      startDate: '2026-09-01',
      endDate: '2026-10-31',
      members: [await officialGid('QS-JW', 3)],
      leader: await officialGid('QS-JW', 3),
      units: [await unitGid('QS-ZR')],
    };
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ ...base, endDate: '2026-08-31' }, 'BAD_USER_INPUT', ['input', 'endDate']],
      [{ ...base, leader: await officialGid('QS-JW', 4) }, 'BAD_USER_INPUT', ['input', 'leader']],
      [{ ...base, members: [] }, 'BAD_USER_INPUT', ['input', 'members']],
      [{ ...base, members: [base.leader, base.leader] }, 'BAD_USER_INPUT', ['input', 'members.1']],
      [{ ...base, members: [Buffer.from('Official:999999').toString('base64url')] }, 'NOT_FOUND', ['input', 'members.0']],
      [{ ...base, organizerUnit: 'x' }, 'BAD_USER_INPUT', ['input', 'organizerUnit']],
      [{ ...base, units: [base.units[0], base.units[0]] }, 'BAD_USER_INPUT', ['input', 'units.1']],
      [{ ...base, units: [Buffer.from('Unit:999999').toString('base64url')] }, 'NOT_FOUND', ['input', 'units.0']],
      [{ ...base, round: '' }, 'BAD_USER_INPUT', ['input', 'round']],
    ];
    for (const [input, code, field] of cases) {
      const r = await refused('qs-discipline', M.tourCreate, { input });
      expect({ input, e: userError(r, 'inspectionTourCreate') }).toMatchObject({ input, e: { code, field } });
    }
    for (const as of ['qs-party', 'qs-team1', 'qs-finance', 'qs-inspection', 'sysadmin', 'secadmin']) {
      const r = await refused(as, M.tourCreate, { input: base });
      expect({ as, codes: codes(r) }).toEqual({ as, codes: ['FORBIDDEN'] });
    }
  });
});

describe('granting INSPECTION_GROUP', () => {
  test('requires a tour; an unknown tour is NOT_FOUND; other roles take no tour; a second tour may be granted', async () => {
    const account = ok(await app.gql('secadmin', M.accountCreate, { input: { username: 'qs-inspection-3', displayName: '巡察组（测试）', kind: 'PERSON' } }), 'accountCreate').account;
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ account: account.id, role: 'INSPECTION_GROUP' }, 'BAD_USER_INPUT', ['input', 'tourId']],
      [{ account: account.id, role: 'INSPECTION_GROUP', tourId: Buffer.from('InspectionTour:99999').toString('base64url') }, 'NOT_FOUND', ['input', 'tourId']],
      [{ account: account.id, role: 'INSPECTION_GROUP', tourId: await unitGid('QS') }, 'BAD_USER_INPUT', ['input', 'tourId']],
      [{ account: account.id, role: 'INSPECTION_GROUP', tourId: await tourGid(DEMO), unitCode: 'QS' }, 'BAD_USER_INPUT', ['input', 'unitCode']],
      [{ account: account.id, role: 'UNIT', unitCode: 'QS-CZ', tourId: await tourGid(DEMO) }, 'BAD_USER_INPUT', ['input', 'tourId']],
    ];
    for (const [input, code, field] of cases) {
      const r = await refused('secadmin', M.grant, { input });
      expect({ input, e: userError(r, 'roleGrantCreate') }).toMatchObject({ input, e: { code, field } });
    }
    const g = ok(await app.gql('secadmin', M.grant, { input: { account: account.id, role: 'INSPECTION_GROUP', tourId: await tourGid(DEMO) } }), 'roleGrantCreate').grant;
    expect(g.tourName).toBe(`2026年第一轮巡察：${DEMO}`);
    const again = await refused('secadmin', M.grant, { input: { account: account.id, role: 'INSPECTION_GROUP', tourId: await tourGid(DEMO) } });
    expect(userError(again, 'roleGrantCreate').code).toBe('CONFLICT');
    // a business role: it may be combined with another tour, never with an administrator role
    ok(await app.gql('secadmin', M.grant, { input: { account: account.id, role: 'INSPECTION_GROUP', tourId: await tourGid(SPECIAL) } }), 'roleGrantCreate');
    const admin = await refused('secadmin', M.grant, { input: { account: account.id, role: 'AUDIT_ADMIN' } });
    expect(userError(admin, 'roleGrantCreate')).toMatchObject({ code: 'CONFLICT', field: ['input', 'role'] });
    const sys = ok(await app.gql('secadmin', M.accountCreate, { input: { username: 'qs-sys-2', displayName: '系统管理员二', kind: 'PERSON' } }), 'accountCreate').account;
    ok(await app.gql('secadmin', M.grant, { input: { account: sys.id, role: 'SYSTEM_ADMIN' } }), 'roleGrantCreate');
    const mixed = await refused('secadmin', M.grant, { input: { account: sys.id, role: 'INSPECTION_GROUP', tourId: await tourGid(DEMO) } });
    expect(userError(mixed, 'roleGrantCreate')).toMatchObject({ code: 'CONFLICT', field: ['input', 'role'] });

    // the two grants reach both tours, each with its own findings only
    const r = await app.gql('qs-inspection-3', '{ inspectionTours { nodes { name } } units { totalCount } inspectionFindings { totalCount } }');
    expect(r.body.data.inspectionTours.nodes.map((t: any) => t.name)).toEqual([DEMO, SPECIAL]);
    expect(r.body.data.units.totalCount).toBe(8 + 2);
    expect(r.body.data.inspectionFindings.totalCount).toBe(await sqlFindingCount('qs-inspection-3', TODAY));
    // only the grant's holder: the security administrator grants, it does not read tours
    const sec = await app.gql('secadmin', '{ inspectionTours { totalCount } }');
    expect(codes(sec)).toEqual(['FORBIDDEN']);
  });

  test('revoking the grant takes effect on the next request', async () => {
    const [{ id }] = await app.sql("select g.id from role_grant g join account a on a.id = g.account_id where a.username = 'qs-inspection-3' and g.revoked_at is null order by g.id limit 1");
    const r = await app.gql('secadmin', 'mutation($input: RoleGrantRevokeInput!) { roleGrantRevoke(input: $input) { grant { active } userErrors { code } } }', { input: { id: Buffer.from(`RoleGrant:${id}`).toString('base64url') } });
    expect(r.body.data.roleGrantRevoke.grant.active).toBe(false);
    const after = await app.gql('qs-inspection-3', '{ inspectionTours { nodes { name } } }');
    expect(after.body.data.inspectionTours.nodes.map((t: any) => t.name)).toEqual([SPECIAL]);
  });
});
