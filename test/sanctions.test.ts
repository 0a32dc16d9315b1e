import { startTestApp, globalId, codes, type TestApp, type GqlResult } from './support/app';

/** A fixed clock: the demo data and "today" agree, and influence periods do not move under the tests. */
const NOW = new Date('2026-06-15T04:00:00Z');
const TODAY = '2026-06-15';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ clock: { now: () => NOW } });
});
afterAll(async () => app?.stop());

const sid = (id: number) => globalId('Sanction', id);
const sanctionByReason = (reason: string) => app.gid('Sanction', 'select id from sanction where reason_summary = $1', [reason]);
const officialAt = (code: string, index: number) =>
  app.gid('Official', 'select o.id from official o join unit u on u.id = o.unit_id where u.code = $1 order by o.id offset $2 limit 1', [code, index]);
const unitId = (code: string) => app.gid('Unit', 'select id from unit where code = $1', [code]);
const pathOf = async (code: string): Promise<string> => (await app.sql('select path from unit where code = $1', [code]))[0].path;
/** Global ids of the sanctions an SQL statement selects (by id), in id order. */
const idsBySql = async (sql: string, params: unknown[] = []) => (await app.sql<{ id: number }>(`select id from sanction where ${sql} order by id`, params)).map((r) => sid(r.id));

/** Runs a request that must be refused, and asserts that nothing in the database changed. */
async function refused(fn: () => Promise<GqlResult>): Promise<GqlResult> {
  const before = await app.fingerprint();
  const r = await fn();
  expect(await app.fingerprint()).toBe(before);
  return r;
}

const LIST = `query($filter: SanctionFilter, $first: Int, $after: String) {
  sanctions(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id kind category status inInfluencePeriod decisionDate reasonSummary caseFacts evidenceRefs unit { code } viewerCan { readCaseFacts correct revoke } }
  }
}`;

/** Every visible sanction id for a filter, following the pages. */
async function allIds(as: string, filter?: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const r: GqlResult = await app.gql(as, `query($filter: SanctionFilter, $after: String) { sanctions(filter: $filter, first: 5, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }`, { filter, after });
    expect(r.body.errors).toBeUndefined();
    ids.push(...r.body.data.sanctions.nodes.map((n: { id: string }) => n.id));
    if (!r.body.data.sanctions.pageInfo.hasNextPage) return ids;
    after = r.body.data.sanctions.pageInfo.endCursor;
  }
}

const RECORD = `mutation($input: SanctionRecordInput!) {
  sanctionRecord(input: $input) {
    sanction { id version category kind decisionDate effectiveDate probationMonths influenceMonths influenceType influencePeriodEnd inInfluencePeriod status
      reasonSummary caseFacts evidenceRefs unit { code } official { id } subjectOrganisation { code } primarySanction { id } }
    userErrors { field message code }
  }
}`;
const CORRECT = `mutation($input: SanctionCorrectInput!) {
  sanctionCorrect(input: $input) {
    sanction { id version category kind probationMonths influenceType influencePeriodEnd status reasonSummary caseFacts }
    userErrors { field message code }
  }
}`;
const REVOKE = `mutation($input: SanctionRevokeInput!) {
  sanctionRevoke(input: $input) {
    sanction { id version status inInfluencePeriod revokedDate revokeReason viewerCan { correct revoke } }
    userErrors { field message code }
  }
}`;

const recordInput = (official: string, over: Record<string, unknown> = {}) => ({
  official,
  category: 'PARTY_DISCIPLINE',
  kind: 'WARNING',
  decisionDate: '2024-03-01',
  effectiveDate: '2024-03-10',
  fourForms: 'SECOND',
  decidingOrgan: '中共青山县纪律检查委员会',
  decisionNumber: '青纪处〔2024〕99号',
  reasonSummary: '（测试）违规收受礼品',
  caseFacts: '（测试）虚构案情',
  evidenceRefs: ['卷宗 T-001'],
  ...over,
});

describe('reading sanctions, per role', () => {
  test('PARTY_COMMITTEE reads rows and reason summaries, but case facts and evidence are null with FORBIDDEN at their paths', async () => {
    const total = (await app.sql('select count(*)::int as n from sanction'))[0].n;
    const r = await app.gql('qs-party', LIST, { first: 100 });
    expect(r.body.data.sanctions.totalCount).toBe(total);
    const nodes = r.body.data.sanctions.nodes;
    expect(nodes).toHaveLength(total);
    const reasons = new Map((await app.sql('select id, reason_summary from sanction')).map((x: any) => [sid(x.id), x.reason_summary]));
    nodes.forEach((n: any) => {
      expect(n.reasonSummary).toBe(reasons.get(n.id));
      expect(n.caseFacts).toBeNull();
      expect(n.evidenceRefs).toBeNull();
      expect(n.viewerCan).toEqual({ readCaseFacts: false, correct: false, revoke: false });
    });
    const errors = r.body.errors!;
    expect(errors).toHaveLength(2 * total);
    expect(new Set(errors.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    const paths = errors.map((e) => e.path!.join('.'));
    for (let i = 0; i < total; i++) {
      expect(paths).toContain(`sanctions.nodes.${i}.caseFacts`);
      expect(paths).toContain(`sanctions.nodes.${i}.evidenceRefs`);
    }
  });

  test('DISCIPLINE_COMMISSION reads case facts and evidence; it may correct and revoke what is not revoked', async () => {
    const rows = await app.sql('select id, case_facts, evidence_refs, revoked from sanction order by id');
    const r = await app.gql('qs-discipline', LIST, { first: 100 });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.sanctions.totalCount).toBe(rows.length);
    const byId = new Map(r.body.data.sanctions.nodes.map((n: any) => [n.id, n]));
    for (const row of rows) {
      const n: any = byId.get(sid(row.id));
      expect(n.caseFacts).toBe(row.case_facts);
      expect(n.evidenceRefs).toEqual(row.evidence_refs);
      expect(n.viewerCan).toEqual({ readCaseFacts: true, correct: !row.revoked, revoke: !row.revoked });
    }
  });

  test('a dispatched team sees only the sanctions of its assigned units (QS-CZ, QS-JY), with case facts', async () => {
    const [cz, jy] = [await pathOf('QS-CZ'), await pathOf('QS-JY')];
    const expected = await idsBySql('unit_path like $1 or unit_path like $2', [`${cz}%`, `${jy}%`]);
    expect(expected.length).toBeGreaterThan(0);
    const r = await app.gql('qs-team1', LIST, { first: 100 });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.sanctions.totalCount).toBe(expected.length);
    expect(r.body.data.sanctions.nodes.map((n: any) => n.id)).toEqual(expected);
    for (const n of r.body.data.sanctions.nodes) {
      expect(['QS-CZ', 'QS-JY']).toContain(n.unit.code);
      expect(n.caseFacts).toEqual(expect.any(String));
    }
    // pages follow the same scope
    expect(await allIds('qs-team1')).toEqual(expected);
  });

  test('dongling-party sees only the sanctions under QS-DL; totalCount equals an independent count', async () => {
    const dl = await pathOf('QS-DL');
    const n = (await app.sql('select count(*)::int as n from sanction where unit_path like $1', [`${dl}%`]))[0].n;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan((await app.sql('select count(*)::int as n from sanction'))[0].n);
    const r = await app.gql('dongling-party', LIST, { first: 100 });
    expect(r.body.data.sanctions.totalCount).toBe(n);
    expect(r.body.data.sanctions.nodes.map((x: any) => x.id)).toEqual(await idsBySql('unit_path like $1', [`${dl}%`]));
    for (const x of r.body.data.sanctions.nodes) expect(x.unit.code).toMatch(/^QS-DL(-\d\d)?$/);
  });

  test.each(['qs-finance', 'qs-org', 'sysadmin', 'secadmin', 'auditor', 'qs-petition'])('%s may not query sanctions (FORBIDDEN)', async (who) => {
    const r = await app.gql(who, LIST, { first: 10 });
    expect(r.body.data?.sanctions ?? null).toBeNull();
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(r.body.errors![0].path).toEqual(['sanctions']);
    const one = await app.gql(who, 'query($id: ID!) { sanction(id: $id) { id } }', { id: await sanctionByReason('违规收受管理服务对象礼金') });
    expect(one.body.data?.sanction ?? null).toBeNull();
    expect(codes(one)).toEqual(['FORBIDDEN']);
  });

  test.each(['qs-finance', 'qs-org', 'sysadmin'])('%s sees the official, but Official.sanctions and integrityStatus are null with FORBIDDEN', async (who) => {
    const official = await officialAt('QS-CZ', 4);
    const r = await app.gql(who, 'query($id: ID!) { official(id: $id) { name sanctions { totalCount } integrityStatus { inInfluencePeriod } } }', { id: official });
    expect(r.body.data.official.name).toEqual(expect.any(String));
    expect(r.body.data.official.sanctions).toBeNull();
    expect(r.body.data.official.integrityStatus).toBeNull();
    expect(codes(r)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(r.body.errors!.map((e) => e.path!.join('.')).sort()).toEqual(['official.integrityStatus', 'official.sanctions']);
  });

  test.each(['secadmin', 'auditor', 'qs-petition'])('%s cannot reach officials nor sanctions by node id', async (who) => {
    const off = await app.gql(who, 'query($id: ID!) { official(id: $id) { name } }', { id: await officialAt('QS-CZ', 4) });
    expect(codes(off)).toEqual(['FORBIDDEN']);
    const node = await app.gql(who, 'query($id: ID!) { node(id: $id) { id } }', { id: await sanctionByReason('违规收受管理服务对象礼金') });
    expect(node.body.data.node).toBeNull();
    expect(codes(node)).toEqual(['NOT_FOUND']);
  });

  test('PARTY_COMMITTEE reads Official.sanctions without case facts, and not the integrity status', async () => {
    const official = await officialAt('QS-CZ', 4);
    const r = await app.gql('qs-party', 'query($id: ID!) { official(id: $id) { sanctions { totalCount nodes { kind reasonSummary caseFacts } } integrityStatus { inInfluencePeriod } } }', { id: official });
    expect(r.body.data.official.sanctions.totalCount).toBe(1);
    expect(r.body.data.official.sanctions.nodes[0]).toEqual({ kind: 'WARNING', reasonSummary: '违规收受管理服务对象礼金', caseFacts: null });
    expect(r.body.data.official.integrityStatus).toBeNull();
    expect(r.body.errors!.map((e) => [e.extensions?.code, e.path!.join('.')]).sort()).toEqual([
      ['FORBIDDEN', 'official.integrityStatus'],
      ['FORBIDDEN', 'official.sanctions.nodes.0.caseFacts'],
    ]);
  });

  test('a dispatched team reads Official.sanctions with case facts for an official of its units', async () => {
    const official = await officialAt('QS-CZ', 4);
    const facts = (await app.sql("select case_facts from sanction where reason_summary = '违规收受管理服务对象礼金'"))[0].case_facts;
    const r = await app.gql('qs-team1', 'query($id: ID!) { official(id: $id) { sanctions { totalCount nodes { caseFacts official { id } } } } }', { id: official });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.official.sanctions.nodes).toEqual([{ caseFacts: facts, official: { id: official } }]);
  });

  test('an out-of-scope sanction id answers null with NOT_FOUND (qs-team1, dongling-party), by lookup and by node', async () => {
    const zr = await sanctionByReason('严重违纪违法，涉嫌受贿');
    const cz = await sanctionByReason('违规收受管理服务对象礼金');
    for (const [who, id] of [['qs-team1', zr], ['dongling-party', cz]] as const) {
      const r = await app.gql(who, 'query($id: ID!) { sanction(id: $id) { id reasonSummary } }', { id });
      expect(r.body.data.sanction).toBeNull();
      expect(codes(r)).toEqual(['NOT_FOUND']);
      const n = await app.gql(who, 'query($id: ID!) { node(id: $id) { id } }', { id });
      expect(n.body.data.node).toBeNull();
      expect(codes(n)).toEqual(['NOT_FOUND']);
    }
    const inScope = await app.gql('qs-team1', 'query($id: ID!) { node(id: $id) { id ... on Sanction { reasonSummary } } }', { id: cz });
    expect(inScope.body.data.node).toEqual({ id: cz, reasonSummary: '违规收受管理服务对象礼金' });
    const malformed = await app.gql('qs-discipline', '{ sanction(id: "not-an-id") { id } }');
    expect(codes(malformed)).toEqual(['BAD_USER_INPUT']);
  });

  test('field rules are checked row by row: an account with PC on the county and a team grant sees case facts only on the team\'s rows', async () => {
    const [acc] = await app.sql("insert into account (username, display_name, kind) values ('qs-party-team1', '县委兼派驻组（测试）', 'PERSON') returning id");
    await app.sql("insert into role_grant (account_id, role, unit_id, granted_at) values ($1, 'PARTY_COMMITTEE', (select id from unit where code = 'QS'), now())", [acc.id]);
    await app.sql("insert into role_grant (account_id, role, team_id, granted_at) values ($1, 'DISPATCHED_TEAM', (select id from dispatched_team where code = 'QS-T1'), now())", [acc.id]);
    const teamPaths = [await pathOf('QS-CZ'), await pathOf('QS-JY')];
    const rows = await app.sql('select id, unit_path, case_facts from sanction order by id');
    const r = await app.gql('qs-party-team1', LIST, { first: 100 });
    const nodes = r.body.data.sanctions.nodes;
    expect(nodes).toHaveLength(rows.length);
    const forbidden = new Set(r.body.errors!.filter((e) => e.path![3] === 'caseFacts').map((e) => e.path![2]));
    let mixed = 0;
    rows.forEach((row: any, i: number) => {
      const team = teamPaths.some((p) => row.unit_path.startsWith(p));
      expect(nodes[i].id).toBe(sid(row.id));
      expect(nodes[i].caseFacts).toBe(team ? row.case_facts : null);
      expect(forbidden.has(i)).toBe(!team);
      expect(nodes[i].viewerCan.readCaseFacts).toBe(team);
      if (i > 0 && teamPaths.some((p) => rows[i - 1].unit_path.startsWith(p)) !== team) mixed++;
    });
    expect(mixed).toBeGreaterThan(1); // in-team and out-of-team rows interleave
  });
});

describe('filters return what SQL says', () => {
  const cases: [string, Record<string, unknown>, string, unknown[]][] = [
    ['categories', { categories: ['PARTY_DISCIPLINE', 'EDUCATION'] }, "category in ('PARTY_DISCIPLINE', 'EDUCATION')", []],
    ['kinds', { kinds: ['WARNING'] }, "kind = 'WARNING'", []],
    ['status REVOKED', { status: 'REVOKED' }, 'revoked', []],
    ['status EXPIRED', { status: 'EXPIRED' }, "not revoked and influence_type = 'UNTIL_DATE' and influence_end < $1", [TODAY]],
    ['status EFFECTIVE', { status: 'EFFECTIVE' }, "not revoked and not (influence_type = 'UNTIL_DATE' and influence_end < $1)", [TODAY]],
    ['decision date range', { decisionDateFrom: '2025-06-15', decisionDateTo: '2026-03-15' }, "decision_date between '2025-06-15' and '2026-03-15'", []],
    [
      'inInfluencePeriod true',
      { inInfluencePeriod: true },
      "not revoked and (influence_type in ('PERMANENT', 'UNTIL_UPDATED') or (influence_type = 'UNTIL_DATE' and effective_date <= $1 and influence_end >= $1))",
      [TODAY],
    ],
    [
      'inInfluencePeriod false',
      { inInfluencePeriod: false },
      "revoked or influence_type = 'NONE' or (influence_type = 'UNTIL_DATE' and (effective_date > $1 or influence_end < $1))",
      [TODAY],
    ],
    ['status and category together', { status: 'EFFECTIVE', categories: ['GOVERNMENT'] }, "category = 'GOVERNMENT' and not revoked and not (influence_type = 'UNTIL_DATE' and influence_end < $1)", [TODAY]],
  ];
  test.each(cases)('%s', async (_name, filter, sql, params) => {
    const expected = await idsBySql(sql, params);
    expect(expected.length).toBeGreaterThan(0);
    const r = await app.gql('qs-discipline', LIST, { filter, first: 100 });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.sanctions.nodes.map((n: any) => n.id)).toEqual(expected);
    expect(r.body.data.sanctions.totalCount).toBe(expected.length);
    if (filter.status) for (const n of r.body.data.sanctions.nodes) expect(n.status).toBe(filter.status);
    if (filter.inInfluencePeriod != null) for (const n of r.body.data.sanctions.nodes) expect(n.inInfluencePeriod).toBe(filter.inInfluencePeriod);
  });

  test('every status and influence value of the list agrees with the filters (the SQL twins of statusOn / inInfluenceOn)', async () => {
    const r = await app.gql('qs-discipline', LIST, { first: 100 });
    for (const status of ['EFFECTIVE', 'EXPIRED', 'REVOKED']) {
      const ids = await allIds('qs-discipline', { status });
      expect(ids).toEqual(r.body.data.sanctions.nodes.filter((n: any) => n.status === status).map((n: any) => n.id));
    }
    const inside = await allIds('qs-discipline', { inInfluencePeriod: true });
    expect(inside).toEqual(r.body.data.sanctions.nodes.filter((n: any) => n.inInfluencePeriod).map((n: any) => n.id));
  });

  test('inclusive date bounds', async () => {
    const [row] = await app.sql("select id, decision_date::text as d from sanction where reason_summary = '违规收受管理服务对象礼金'");
    const r = await app.gql('qs-discipline', LIST, { filter: { decisionDateFrom: row.d, decisionDateTo: row.d }, first: 100 });
    expect(r.body.data.sanctions.nodes.map((n: any) => n.id)).toEqual(await idsBySql('decision_date = $1', [row.d]));
    expect(r.body.data.sanctions.nodes.map((n: any) => n.id)).toContain(sid(row.id));
  });

  test('decisionDateFrom after decisionDateTo is a top-level BAD_USER_INPUT', async () => {
    const r = await app.gql('qs-discipline', LIST, { filter: { decisionDateFrom: '2026-01-02', decisionDateTo: '2026-01-01' }, first: 10 });
    expect(r.body.data?.sanctions ?? null).toBeNull();
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });

  test('unitSubtree and official, with the scope still applied', async () => {
    const dl = await pathOf('QS-DL');
    const r = await app.gql('qs-discipline', LIST, { filter: { unitSubtree: await unitId('QS-DL') }, first: 100 });
    expect(r.body.data.sanctions.nodes.map((n: any) => n.id)).toEqual(await idsBySql('unit_path like $1', [`${dl}%`]));
    // the county subtree, asked by a team: still only the team's units
    const cz = await pathOf('QS-CZ');
    const jy = await pathOf('QS-JY');
    const t = await app.gql('qs-team1', LIST, { filter: { unitSubtree: await unitId('QS'), categories: ['PARTY_DISCIPLINE'] }, first: 100 });
    expect(t.body.data.sanctions.nodes.map((n: any) => n.id)).toEqual(await idsBySql("category = 'PARTY_DISCIPLINE' and (unit_path like $1 or unit_path like $2)", [`${cz}%`, `${jy}%`]));
    // a subtree outside the team's units: nothing
    const none = await app.gql('qs-team1', LIST, { filter: { unitSubtree: await unitId('QS-ZR') }, first: 100 });
    expect(none.body.data.sanctions.totalCount).toBe(0);
    const official = await officialAt('QS-ZR', 2);
    const o = await app.gql('qs-discipline', LIST, { filter: { official }, first: 100 });
    expect(o.body.data.sanctions.nodes.map((n: any) => n.kind).sort()).toEqual(['EXPULSION_FROM_PARTY', 'TRANSFERRED_TO_JUDICIARY']);
    const hidden = await app.gql('qs-team1', LIST, { filter: { official }, first: 100 });
    expect(hidden.body.data.sanctions.totalCount).toBe(0);
  });
});

describe('integrity status', () => {
  test('computed from the sanctions in their influence period', async () => {
    const q = 'query($id: ID!) { official(id: $id) { integrityStatus { inInfluencePeriod influenceUntil permanent sanctionsInInfluence } viewerCan { readIntegrityStatus } } }';
    const expelled = await app.gql('qs-discipline', q, { id: await officialAt('QS-ZR', 2) });
    expect(expelled.body.data.official.integrityStatus).toEqual({ inInfluencePeriod: true, influenceUntil: null, permanent: true, sanctionsInInfluence: 2 });
    const warned = await app.gql('qs-team1', q, { id: await officialAt('QS-CZ', 4) });
    const [end] = await app.sql("select influence_end::text as e from sanction where reason_summary = '违规收受管理服务对象礼金'");
    expect(warned.body.data.official.integrityStatus).toEqual({ inInfluencePeriod: true, influenceUntil: end.e, permanent: false, sanctionsInInfluence: 1 });
    // a revoked sanction does not count
    const revoked = await app.gql('qs-discipline', q, { id: await officialAt('QS-CZ', 7) });
    expect(revoked.body.data.official.integrityStatus).toEqual({ inInfluencePeriod: false, influenceUntil: null, permanent: false, sanctionsInInfluence: 0 });
    // an expired one neither (西河乡 demotion, 26 months ago, 24 months)
    const expired = await app.gql('qs-discipline', q, { id: await officialAt('QS-XH', 9) });
    expect(expired.body.data.official.integrityStatus.inInfluencePeriod).toBe(false);
  });
});

describe('一案双查 links', () => {
  test('primarySanction and accountabilities from the demo data', async () => {
    const primary = await sanctionByReason('违规收受管理服务对象礼金');
    const acc = await sanctionByReason('履行“一岗双责”不力（一案双查）');
    const q = 'query($id: ID!) { sanction(id: $id) { id primarySanction { id } accountabilities { id kind } } }';
    const p = await app.gql('qs-team1', q, { id: primary });
    expect(p.body.errors).toBeUndefined();
    expect(p.body.data.sanction).toEqual({ id: primary, primarySanction: null, accountabilities: [{ id: acc, kind: 'ADMONISHMENT' }] });
    const a = await app.gql('qs-team1', q, { id: acc });
    expect(a.body.data.sanction).toEqual({ id: acc, primarySanction: { id: primary }, accountabilities: [] });
    // every demo link as SQL has it, through one list (accountabilities batched)
    const links = await app.sql('select id, primary_sanction_id from sanction where primary_sanction_id is not null order by id');
    expect(links.length).toBeGreaterThanOrEqual(3);
    const all = await app.gql('qs-discipline', '{ sanctions(first: 100) { nodes { id primarySanction { id } accountabilities { id } } } }');
    expect(all.body.errors).toBeUndefined();
    for (const n of all.body.data.sanctions.nodes) {
      const mine = links.filter((l: any) => sid(l.primary_sanction_id) === n.id).map((l: any) => sid(l.id));
      expect(n.accountabilities.map((x: any) => x.id)).toEqual(mine);
      const link = links.find((l: any) => sid(l.id) === n.id);
      expect(n.primarySanction).toEqual(link ? { id: sid(link.primary_sanction_id) } : null);
    }
    const dl = await app.gql('dongling-party', q, { id: await sanctionByReason('侵占集体资金') });
    expect(dl.body.data.sanction.accountabilities).toEqual([{ id: await sanctionByReason('村级财务监管失职（一案双查）'), kind: 'CIRCULATED_CRITICISM' }]);
  });

  test('a link across scopes shows only what each caller may see', async () => {
    const primary = await sanctionByReason('违规收受管理服务对象礼金');
    const r = await app.gql('qs-discipline', RECORD, {
      input: recordInput(await officialAt('QS-DL', 0), { category: 'ACCOUNTABILITY', kind: 'ADMONISHMENT', fourForms: 'FIRST', reasonSummary: '（测试）跨单位一案双查', primarySanction: primary }),
    });
    expect(r.body.data.sanctionRecord.userErrors).toEqual([]);
    const created = r.body.data.sanctionRecord.sanction;
    expect(created.primarySanction).toEqual({ id: primary });
    const q = 'query($id: ID!) { sanction(id: $id) { primarySanction { id } accountabilities { id } } }';
    const dl = await app.gql('dongling-party', q, { id: created.id });
    expect(dl.body.data.sanction.primarySanction).toBeNull();
    const team = await app.gql('qs-team1', q, { id: primary });
    expect(team.body.data.sanction.accountabilities.map((x: any) => x.id)).not.toContain(created.id);
    const dc = await app.gql('qs-discipline', q, { id: primary });
    expect(dc.body.data.sanction.accountabilities.map((x: any) => x.id)).toContain(created.id);
  });
});

describe('influence periods through sanctionRecord', () => {
  const cases: [string, Record<string, unknown>, string, string | null][] = [
    ['party WARNING: 12 months', { category: 'PARTY_DISCIPLINE', kind: 'WARNING' }, 'UNTIL_DATE', '2025-03-09'],
    ['government WARNING: 6 months', { category: 'GOVERNMENT', kind: 'WARNING' }, 'UNTIL_DATE', '2024-09-09'],
    ['PARTY_PROBATION 12: 12 + 24 months', { category: 'PARTY_DISCIPLINE', kind: 'PARTY_PROBATION', probationMonths: 12, fourForms: 'THIRD' }, 'UNTIL_DATE', '2027-03-09'],
    ['EXPULSION_FROM_PARTY: permanent', { category: 'PARTY_DISCIPLINE', kind: 'EXPULSION_FROM_PARTY', fourForms: 'FOURTH' }, 'PERMANENT', null],
    ['POST_ADJUSTMENT: 12 months by default', { category: 'ORGANISATIONAL', kind: 'POST_ADJUSTMENT' }, 'UNTIL_DATE', '2025-03-09'],
    ['POST_ADJUSTMENT: 18 months recorded', { category: 'ORGANISATIONAL', kind: 'POST_ADJUSTMENT', influenceMonths: 18 }, 'UNTIL_DATE', '2025-09-09'],
    ['ADMONISHMENT: 6 months', { category: 'ACCOUNTABILITY', kind: 'ADMONISHMENT', fourForms: 'FIRST' }, 'UNTIL_DATE', '2024-09-09'],
    ['EDUCATION: none', { category: 'EDUCATION', kind: 'REMINDER_TALK', fourForms: 'FIRST' }, 'NONE', null],
    ['TRANSFERRED_TO_JUDICIARY: until updated', { category: 'JUDICIAL', kind: 'TRANSFERRED_TO_JUDICIARY', fourForms: 'FOURTH' }, 'UNTIL_UPDATED', null],
  ];
  test.each(cases)('%s', async (_name, over, type, end) => {
    const official = await officialAt('QS-JY', 10);
    const r = await app.gql('qs-discipline', RECORD, { input: recordInput(official, over) });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.sanctionRecord.userErrors).toEqual([]);
    const s = r.body.data.sanctionRecord.sanction;
    expect(s).toMatchObject({ version: 1, influenceType: type, influencePeriodEnd: end, effectiveDate: '2024-03-10', unit: { code: 'QS-JY' }, official: { id: official }, subjectOrganisation: null });
    const permanentish = type === 'PERMANENT' || type === 'UNTIL_UPDATED';
    expect(s.inInfluencePeriod).toBe(permanentish || (end !== null && end >= TODAY));
    expect(s.status).toBe(type === 'UNTIL_DATE' && end! < TODAY ? 'EXPIRED' : 'EFFECTIVE');
    const id = Number(Buffer.from(s.id, 'base64url').toString().split(':')[1]);
    const [row] = await app.sql('select influence_type, influence_end::text as e, unit_path, official_id from sanction where id = $1', [id]);
    expect(row).toEqual({ influence_type: type, e: end, unit_path: await pathOf('QS-JY'), official_id: Number(Buffer.from(official, 'base64url').toString().split(':')[1]) });
  });

  test('a sanction decided today but effective later is not yet in its influence period, in the field, the filter and the integrity status', async () => {
    const official = await officialAt('QS-WJ', 11);
    const r = await app.gql('qs-discipline', RECORD, { input: recordInput(official, { decisionDate: TODAY, effectiveDate: '2026-07-01' }) });
    expect(r.body.data.sanctionRecord.userErrors).toEqual([]);
    const s = r.body.data.sanctionRecord.sanction;
    expect(s).toMatchObject({ influenceType: 'UNTIL_DATE', influencePeriodEnd: '2027-06-30', inInfluencePeriod: false, status: 'EFFECTIVE' });
    const inside = await allIds('qs-discipline', { inInfluencePeriod: true });
    const outside = await allIds('qs-discipline', { inInfluencePeriod: false });
    expect(inside).not.toContain(s.id);
    expect(outside).toContain(s.id);
    expect(inside).toEqual(
      await idsBySql("not revoked and (influence_type in ('PERMANENT', 'UNTIL_UPDATED') or (influence_type = 'UNTIL_DATE' and effective_date <= $1 and influence_end >= $1))", [TODAY]),
    );
    expect([...inside, ...outside].sort()).toEqual((await idsBySql('true')).sort());
    const st = await app.gql('qs-discipline', 'query($id: ID!) { official(id: $id) { integrityStatus { inInfluencePeriod sanctionsInInfluence } } }', { id: official });
    expect(st.body.data.official.integrityStatus).toEqual({ inInfluencePeriod: false, sanctionsInInfluence: 0 });
  });

  test('a party organisation is held accountable with subjectOrganisation; a team records within its units', async () => {
    const r = await app.gql('qs-discipline', RECORD, {
      input: { ...recordInput('', { category: 'ACCOUNTABILITY', kind: 'CIRCULATION', fourForms: 'FIRST', influenceMonths: 6 }), official: undefined, subjectOrganisation: await unitId('QS-NS') },
    });
    expect(r.body.data.sanctionRecord.userErrors).toEqual([]);
    expect(r.body.data.sanctionRecord.sanction).toMatchObject({ official: null, subjectOrganisation: { code: 'QS-NS' }, unit: { code: 'QS-NS' }, influenceType: 'UNTIL_DATE', influencePeriodEnd: '2024-09-09' });
    const t = await app.gql('qs-team1', RECORD, { input: recordInput(await officialAt('QS-CZ', 9)) });
    expect(t.body.data.sanctionRecord.userErrors).toEqual([]);
    expect(t.body.data.sanctionRecord.sanction).toMatchObject({ unit: { code: 'QS-CZ' }, caseFacts: '（测试）虚构案情' });
  });
});

describe('record → correct → revoke', () => {
  test('the full lifecycle, with versions', async () => {
    const official = await officialAt('QS-CZ', 10);
    const rec = await app.gql('qs-team1', RECORD, { input: recordInput(official, { decisionDate: '2026-01-05', effectiveDate: '2026-01-10' }) });
    expect(rec.body.data.sanctionRecord.userErrors).toEqual([]);
    const s = rec.body.data.sanctionRecord.sanction;
    expect(s).toMatchObject({ version: 1, kind: 'WARNING', influencePeriodEnd: '2027-01-09', status: 'EFFECTIVE', inInfluencePeriod: true });

    // correct to a serious warning: the period is recomputed
    const c1 = await app.gql('qs-team1', CORRECT, { input: { id: s.id, version: 1, kind: 'SERIOUS_WARNING', reasonSummary: '（测试）更正后的事由' } });
    expect(c1.body.data.sanctionCorrect.userErrors).toEqual([]);
    expect(c1.body.data.sanctionCorrect.sanction).toMatchObject({ version: 2, kind: 'SERIOUS_WARNING', influenceType: 'UNTIL_DATE', influencePeriodEnd: '2027-07-09', reasonSummary: '（测试）更正后的事由', caseFacts: '（测试）虚构案情' });

    // to party probation: needs the probation; then clear it when moving away
    const c2 = await app.gql('qs-discipline', CORRECT, { input: { id: s.id, version: 2, kind: 'PARTY_PROBATION', probationMonths: 24, caseFacts: null } });
    expect(c2.body.data.sanctionCorrect.userErrors).toEqual([]);
    expect(c2.body.data.sanctionCorrect.sanction).toMatchObject({ version: 3, probationMonths: 24, influencePeriodEnd: '2030-01-09', caseFacts: null });
    const c3 = await refused(() => app.gql('qs-discipline', CORRECT, { input: { id: s.id, version: 3, kind: 'WARNING' } }));
    expect(c3.body.data.sanctionCorrect).toEqual({ sanction: null, userErrors: [{ field: ['input', 'probationMonths'], message: expect.any(String), code: 'BAD_USER_INPUT' }] });
    const c4 = await app.gql('qs-discipline', CORRECT, { input: { id: s.id, version: 3, category: 'GOVERNMENT', kind: 'DEMERIT', probationMonths: null } });
    expect(c4.body.data.sanctionCorrect.sanction).toMatchObject({ version: 4, category: 'GOVERNMENT', kind: 'DEMERIT', probationMonths: null, influencePeriodEnd: '2027-01-09' });

    // stale version
    const stale = await refused(() => app.gql('qs-team1', CORRECT, { input: { id: s.id, version: 2, reasonSummary: '（测试）旧版本' } }));
    expect(stale.body.data.sanctionCorrect.sanction).toBeNull();
    expect(stale.body.data.sanctionCorrect.userErrors).toEqual([{ field: ['input', 'version'], message: expect.any(String), code: 'CONFLICT' }]);

    // revoked before the decision: refused
    const early = await refused(() => app.gql('qs-team1', REVOKE, { input: { id: s.id, version: 4, revokedDate: '2026-01-04', reason: '经复审撤销' } }));
    expect(early.body.data.sanctionRevoke.userErrors).toEqual([{ field: ['input', 'revokedDate'], message: expect.any(String), code: 'BAD_USER_INPUT' }]);

    const rev = await app.gql('qs-team1', REVOKE, { input: { id: s.id, version: 4, revokedDate: '2026-05-20', reason: '经复审，认定事实不清' } });
    expect(rev.body.data.sanctionRevoke.userErrors).toEqual([]);
    expect(rev.body.data.sanctionRevoke.sanction).toEqual({
      id: s.id,
      version: 5,
      status: 'REVOKED',
      inInfluencePeriod: false,
      revokedDate: '2026-05-20',
      revokeReason: '经复审，认定事实不清',
      viewerCan: { correct: false, revoke: false },
    });
    const [row] = await app.sql('select version, revoked, revoked_date::text as d from sanction where id = $1', [Number(Buffer.from(s.id, 'base64url').toString().split(':')[1])]);
    expect(row).toEqual({ version: 5, revoked: true, d: '2026-05-20' });

    // revoking twice, correcting a revoked sanction: CONFLICT, nothing changed
    const twice = await refused(() => app.gql('qs-team1', REVOKE, { input: { id: s.id, version: 5, revokedDate: '2026-05-21', reason: '再次撤销' } }));
    expect(twice.body.data.sanctionRevoke.userErrors).toEqual([{ field: ['input', 'id'], message: expect.any(String), code: 'CONFLICT' }]);
    const after = await refused(() => app.gql('qs-discipline', CORRECT, { input: { id: s.id, version: 5, reasonSummary: '（测试）撤销后更正' } }));
    expect(after.body.data.sanctionCorrect.userErrors).toEqual([{ field: ['input', 'id'], message: expect.any(String), code: 'CONFLICT' }]);
  });
});

describe('refused writes change nothing', () => {
  const badRecord: [string, () => Promise<Record<string, unknown>>, string[], string][] = [
    ['effective before decision', async () => recordInput(await officialAt('QS-CZ', 3), { decisionDate: '2024-03-10', effectiveDate: '2024-03-09' }), ['input', 'effectiveDate'], 'BAD_USER_INPUT'],
    ['kind not of the category', async () => recordInput(await officialAt('QS-CZ', 3), { category: 'GOVERNMENT', kind: 'SERIOUS_WARNING' }), ['input', 'kind'], 'BAD_USER_INPUT'],
    ['probation missing', async () => recordInput(await officialAt('QS-CZ', 3), { kind: 'PARTY_PROBATION' }), ['input', 'probationMonths'], 'BAD_USER_INPUT'],
    ['probation of 18 months', async () => recordInput(await officialAt('QS-CZ', 3), { kind: 'PARTY_PROBATION', probationMonths: 18 }), ['input', 'probationMonths'], 'BAD_USER_INPUT'],
    ['a recorded period on a fixed kind', async () => recordInput(await officialAt('QS-CZ', 3), { influenceMonths: 3 }), ['input', 'influenceMonths'], 'BAD_USER_INPUT'],
    ['empty reasonSummary', async () => recordInput(await officialAt('QS-CZ', 3), { reasonSummary: '' }), ['input', 'reasonSummary'], 'BAD_USER_INPUT'],
    ['blank reasonSummary', async () => recordInput(await officialAt('QS-CZ', 3), { reasonSummary: '   ' }), ['input', 'reasonSummary'], 'BAD_USER_INPUT'],
    ['malformed official id', async () => recordInput('not-an-id'), ['input', 'official'], 'BAD_USER_INPUT'],
    ['an official id of another type', async () => recordInput(await unitId('QS-CZ')), ['input', 'official'], 'BAD_USER_INPUT'],
    ['both subjects', async () => ({ ...recordInput(await officialAt('QS-CZ', 3)), subjectOrganisation: await unitId('QS-CZ') }), ['input', 'official'], 'BAD_USER_INPUT'],
    ['no subject', async () => ({ ...recordInput(''), official: null }), ['input', 'official'], 'BAD_USER_INPUT'],
    ['an organisation kind against an official', async () => recordInput(await officialAt('QS-CZ', 3), { category: 'ACCOUNTABILITY', kind: 'REORGANISATION', fourForms: 'FIRST' }), ['input', 'kind'], 'BAD_USER_INPUT'],
    ['a person kind against an organisation', async () => ({ ...recordInput(''), official: null, subjectOrganisation: await unitId('QS-CZ') }), ['input', 'kind'], 'BAD_USER_INPUT'],
    ['an unknown official', async () => recordInput(globalId('Official', 999999)), ['input', 'official'], 'NOT_FOUND'],
    ['a malformed primary sanction', async () => recordInput(await officialAt('QS-CZ', 3), { primarySanction: 'xyz' }), ['input', 'primarySanction'], 'BAD_USER_INPUT'],
  ];
  test.each(badRecord)('sanctionRecord: %s', async (_name, input, field, code) => {
    const i = await input();
    const r = await refused(() => app.gql('qs-discipline', RECORD, { input: i }));
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.sanctionRecord.sanction).toBeNull();
    expect(r.body.data.sanctionRecord.userErrors).toEqual([{ field, message: expect.any(String), code }]);
  });

  test('a team recording for an official outside its assigned units: NOT_FOUND user error', async () => {
    const r = await refused(async () => app.gql('qs-team1', RECORD, { input: recordInput(await officialAt('QS-ZR', 5)) }));
    expect(r.body.data.sanctionRecord).toEqual({ sanction: null, userErrors: [{ field: ['input', 'official'], message: expect.any(String), code: 'NOT_FOUND' }] });
  });

  test('a team linking to a primary sanction it may not see: NOT_FOUND user error', async () => {
    const hidden = await sanctionByReason('严重违纪违法，涉嫌受贿');
    const r = await refused(async () => app.gql('qs-team1', RECORD, { input: recordInput(await officialAt('QS-CZ', 3), { primarySanction: hidden }) }));
    expect(r.body.data.sanctionRecord.userErrors).toEqual([{ field: ['input', 'primarySanction'], message: expect.any(String), code: 'NOT_FOUND' }]);
  });

  test('a team correcting or revoking a sanction outside its units: NOT_FOUND user error', async () => {
    const id = await sanctionByReason('严重违纪违法，涉嫌受贿');
    const c = await refused(() => app.gql('qs-team1', CORRECT, { input: { id, version: 1, reasonSummary: '（测试）越权更正' } }));
    expect(c.body.data.sanctionCorrect.userErrors).toEqual([{ field: ['input', 'id'], message: expect.any(String), code: 'NOT_FOUND' }]);
    const other = await sanctionByReason('违规收受管理服务对象礼金');
    const v = await refused(() => app.gql('qs-team2', REVOKE, { input: { id: other, version: 1, revokedDate: TODAY, reason: '（测试）越权撤销' } }));
    expect(v.body.data.sanctionRevoke.userErrors).toEqual([{ field: ['input', 'id'], message: expect.any(String), code: 'NOT_FOUND' }]);
  });

  test.each(['qs-party', 'dongling-party', 'qs-finance', 'qs-org', 'sysadmin', 'secadmin'])('%s calling sanctionRecord / sanctionRevoke: FORBIDDEN', async (who) => {
    const official = await officialAt('QS-DL', 2);
    const r = await refused(() => app.gql(who, RECORD, { input: recordInput(official) }));
    expect(r.body.data?.sanctionRecord ?? null).toBeNull();
    expect(codes(r)).toEqual(['FORBIDDEN']);
    const id = await sanctionByReason('违规使用公务用车');
    const v = await refused(() => app.gql(who, REVOKE, { input: { id, version: 1, revokedDate: TODAY, reason: '（测试）' } }));
    expect(codes(v)).toEqual(['FORBIDDEN']);
  });

  test('an unknown enum value: a 400 response, nothing changed', async () => {
    const official = await officialAt('QS-CZ', 3);
    const literal = await refused(() =>
      app.gql(
        'qs-discipline',
        `mutation { sanctionRecord(input: { official: "${official}", category: PARTY_DISCIPLINE, kind: SCOLDING, decisionDate: "2024-03-01", effectiveDate: "2024-03-01", fourForms: FIRST, decidingOrgan: "县纪委", reasonSummary: "（测试）" }) { userErrors { code } } }`,
      ),
    );
    expect(literal.status).toBe(400);
    expect(codes(literal)[0]).toMatch(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/);
    const variable = await refused(() => app.gql('qs-discipline', RECORD, { input: recordInput(official, { kind: 'SCOLDING' }) }));
    expect(variable.status).toBe(400);
    expect(codes(variable)).toEqual(['BAD_USER_INPUT']);
  });

  test('malformed ids and bad dates on revoke', async () => {
    const bad = await refused(() => app.gql('qs-discipline', REVOKE, { input: { id: 'xyz', version: 1, revokedDate: TODAY, reason: '（测试）' } }));
    expect(bad.body.data.sanctionRevoke.userErrors).toEqual([{ field: ['input', 'id'], message: expect.any(String), code: 'BAD_USER_INPUT' }]);
    const id = await sanctionByReason('违规使用公务用车');
    const future = await refused(() => app.gql('qs-discipline', REVOKE, { input: { id, version: 1, revokedDate: '2026-06-16', reason: '（测试）' } }));
    expect(future.body.data.sanctionRevoke.userErrors).toEqual([{ field: ['input', 'revokedDate'], message: expect.any(String), code: 'BAD_USER_INPUT' }]);
    const empty = await refused(() => app.gql('qs-discipline', REVOKE, { input: { id, version: 1, revokedDate: TODAY, reason: '' } }));
    expect(empty.body.data.sanctionRevoke.userErrors).toEqual([{ field: ['input', 'reason'], message: expect.any(String), code: 'BAD_USER_INPUT' }]);
    const notADate = await refused(() => app.gql('qs-discipline', REVOKE, { input: { id, version: 1, revokedDate: '2026-02-30', reason: '（测试）' } }));
    expect(notADate.status).toBe(400);
    expect(codes(notADate)).toEqual(['BAD_USER_INPUT']);
    const demoRevoked = await sanctionByReason('违规出借财政资金');
    const again = await refused(() => app.gql('qs-discipline', REVOKE, { input: { id: demoRevoked, version: 1, revokedDate: TODAY, reason: '（测试）' } }));
    expect(again.body.data.sanctionRevoke.userErrors).toEqual([{ field: ['input', 'id'], message: expect.any(String), code: 'CONFLICT' }]);
  });

  test('correcting into an invalid combination, or linking a sanction to itself', async () => {
    const id = await sanctionByReason('违规使用公务用车');
    const kind = await refused(() => app.gql('qs-discipline', CORRECT, { input: { id, version: 1, kind: 'DEMERIT' } }));
    expect(kind.body.data.sanctionCorrect.userErrors).toEqual([{ field: ['input', 'kind'], message: expect.any(String), code: 'BAD_USER_INPUT' }]);
    const dates = await refused(() => app.gql('qs-discipline', CORRECT, { input: { id, version: 1, effectiveDate: '2000-01-01' } }));
    expect(dates.body.data.sanctionCorrect.userErrors).toEqual([{ field: ['input', 'effectiveDate'], message: expect.any(String), code: 'BAD_USER_INPUT' }]);
    const self = await refused(() => app.gql('qs-discipline', CORRECT, { input: { id, version: 1, primarySanction: id } }));
    expect(self.body.data.sanctionCorrect.userErrors).toEqual([{ field: ['input', 'primarySanction'], message: expect.any(String), code: 'BAD_USER_INPUT' }]);
    // a loop through the demo link: the primary sanction may not name its own accountability
    const primary = await sanctionByReason('侵占集体资金');
    const acc = await sanctionByReason('村级财务监管失职（一案双查）');
    const loop = await refused(() => app.gql('qs-discipline', CORRECT, { input: { id: primary, version: 1, primarySanction: acc } }));
    expect(loop.body.data.sanctionCorrect.userErrors).toEqual([{ field: ['input', 'primarySanction'], message: expect.any(String), code: 'BAD_USER_INPUT' }]);
  });
});
