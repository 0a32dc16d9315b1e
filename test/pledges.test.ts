import { startTestApp, type TestApp, type GqlResult, codes } from './support/app';
import { localDate } from '../src/common/context';

let app: TestApp;
const today = localDate(new Date());
const Y = Number(today.slice(0, 4));
const paths: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  for (const r of await app.sql<{ code: string; path: string }>('select code, path from unit')) paths[r.code] = r.path;
});
afterAll(async () => app?.stop());

const READERS = ['qs-party', 'qs-discipline', 'qs-team1', 'qs-team2', 'qs-finance', 'qs-org', 'dongling-party'] as const;
const NO_PLEDGES = ['qs-petition', 'sysadmin', 'secadmin', 'auditor'] as const;

/** The SQL predicate on pledge.unit_path for each reader, written independently of the service. */
function scopeSql(account: (typeof READERS)[number]): { where: string; params: string[] } {
  switch (account) {
    case 'qs-party':
    case 'qs-discipline':
    case 'qs-org':
      return { where: 'unit_path like $1', params: [`${paths.QS}%`] };
    case 'dongling-party':
      return { where: 'unit_path like $1', params: [`${paths['QS-DL']}%`] };
    case 'qs-team1':
      return { where: '(unit_path like $1 or unit_path like $2)', params: [`${paths['QS-CZ']}%`, `${paths['QS-JY']}%`] };
    case 'qs-team2':
      return { where: '(unit_path like $1 or unit_path like $2)', params: [`${paths['QS-ZR']}%`, `${paths['QS-WJ']}%`] };
    case 'qs-finance':
      return { where: 'unit_path = $1', params: [paths['QS-CZ']] };
  }
}

const count = async (sql: string, params: unknown[] = []) => Number((await app.sql<{ n: string }>(sql, params))[0].n);

const pledgeOf = (unitCode: string, year: number) =>
  app.gid('Pledge', 'select p.id from pledge p join unit u on u.id = p.unit_id where u.code = $1 and p.year = $2 order by p.id limit 1', [unitCode, year]);

const officialOf = (unitCode: string, index: number) =>
  app.gid('Official', 'select o.id from official o join unit u on u.id = o.unit_id where u.code = $1 order by o.id offset $2 limit 1', [unitCode, index]);

const PLEDGE_FIELDS = 'id version year title items signedDate disclosed disclosureChannel disclosedDate evaluated evaluationGrade evaluationComment evaluatedDate unit { code } official { id name }';

const CREATE = `mutation($input: PledgeCreateInput!) { pledgeCreate(input: $input) { pledge { ${PLEDGE_FIELDS} } userErrors { field message code } } }`;
const DISCLOSE = `mutation($input: PledgeDiscloseInput!) { pledgeDisclose(input: $input) { pledge { ${PLEDGE_FIELDS} } userErrors { field message code } } }`;
const EVALUATE = `mutation($input: PledgeEvaluateInput!) { pledgeEvaluate(input: $input) { pledge { ${PLEDGE_FIELDS} } userErrors { field message code } } }`;

/** Runs a request that must change nothing, and checks that the database is unchanged afterwards. */
async function unchanged(as: string, query: string, variables: Record<string, unknown>): Promise<GqlResult> {
  const before = await app.fingerprint();
  const r = await app.gql(as, query, variables);
  expect(await app.fingerprint()).toBe(before);
  return r;
}

function userError(r: GqlResult, field: string) {
  expect(r.body.errors).toBeUndefined();
  const payload = r.body.data[field];
  expect(payload.pledge).toBeNull();
  expect(payload.userErrors).toHaveLength(1);
  return payload.userErrors[0] as { field: string[]; message: string; code: string };
}

describe('reading pledges', () => {
  test('each reader lists exactly the pledges of its scope; counts match an independent SQL count', async () => {
    expect(await count('select count(*) as n from pledge')).toBe(40);
    for (const account of READERS) {
      const { where, params } = scopeSql(account);
      const expected = await count(`select count(*) as n from pledge where ${where}`, params);
      const r = await app.gql(account, '{ pledges(first: 100) { totalCount nodes { id unit { path } official { name } } } }');
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.pledges.totalCount).toBe(expected);
      expect(r.body.data.pledges.nodes).toHaveLength(expected);
      const ids = (await app.sql<{ id: number }>(`select id from pledge where ${where} order by id`, params)).map((x) => Buffer.from(`Pledge:${x.id}`).toString('base64url'));
      expect(r.body.data.pledges.nodes.map((n: any) => n.id)).toEqual(ids);
      for (const n of r.body.data.pledges.nodes) expect(n.official.name).toEqual(expect.any(String));
    }
    // the cutting roles see strictly less than the whole county
    expect(await count(`select count(*) as n from pledge where ${scopeSql('dongling-party').where}`, scopeSql('dongling-party').params)).toBe(10);
    expect(await count(`select count(*) as n from pledge where ${scopeSql('qs-finance').where}`, scopeSql('qs-finance').params)).toBe(2);
  });

  test('pages of a cut list hold only in-scope rows, and totalCount does not change from page to page', async () => {
    const { where, params } = scopeSql('qs-team1');
    const expected = (await app.sql<{ id: number }>(`select id from pledge where ${where} order by id`, params)).map((x) => x.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: GqlResult = await app.gql('qs-team1', 'query($after: String) { pledges(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id unit { code } } } }', { after });
      expect(r.body.errors).toBeUndefined();
      const c = r.body.data.pledges;
      expect(c.totalCount).toBe(expected.length);
      for (const n of c.nodes) expect(['QS-CZ', 'QS-JY']).toContain(n.unit.code);
      seen.push(...c.nodes.map((n: any) => n.id));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected.map((id) => Buffer.from(`Pledge:${id}`).toString('base64url')));
  });

  test('filters: year, disclosed, unit subtree and official, always within the scope', async () => {
    const q = 'query($f: PledgeFilter) { pledges(filter: $f, first: 100) { totalCount nodes { year disclosed unit { code } } } }';
    let r = await app.gql('qs-party', q, { f: { year: Y, disclosed: false } });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.pledges.totalCount).toBe(await count('select count(*) as n from pledge where year = $1 and disclosed_date is null', [Y]));
    expect(r.body.data.pledges.totalCount).toBeGreaterThan(0);
    for (const n of r.body.data.pledges.nodes) expect([n.year, n.disclosed]).toEqual([Y, false]);

    r = await app.gql('qs-party', q, { f: { disclosed: true } });
    expect(r.body.data.pledges.totalCount).toBe(await count('select count(*) as n from pledge where disclosed_date is not null'));

    const dl = await app.gid('Unit', "select id from unit where code = 'QS-DL'");
    r = await app.gql('qs-party', q, { f: { unitSubtree: dl } });
    expect(r.body.data.pledges.totalCount).toBe(10);
    // a subtree outside the caller's scope gives nothing, not its rows
    r = await app.gql('qs-team1', q, { f: { unitSubtree: dl } });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.pledges.totalCount).toBe(0);

    const czPrincipal = await officialOf('QS-CZ', 0);
    r = await app.gql('qs-finance', q, { f: { official: czPrincipal } });
    expect(r.body.data.pledges.totalCount).toBe(2);
    r = await app.gql('dongling-party', q, { f: { official: czPrincipal } });
    expect(r.body.data.pledges.totalCount).toBe(0);

    r = await app.gql('qs-party', q, { f: { official: dl } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });

  test('pledge(id): value in scope, NOT_FOUND out of scope, FORBIDDEN for roles without pledges', async () => {
    const id = await pledgeOf('QS-CZ', Y - 1);
    const [row] = await app.sql('select p.title, p.year, p.signed_date::text as signed, o.name from pledge p join official o on o.id = p.official_id where p.id = $1', [Buffer.from(id, 'base64url').toString().split(':')[1]]);
    const q = `query($id: ID!) { pledge(id: $id) { ${PLEDGE_FIELDS} } }`;
    for (const account of ['qs-party', 'qs-discipline', 'qs-team1', 'qs-finance', 'qs-org']) {
      const r = await app.gql(account, q, { id });
      expect(r.body.errors).toBeUndefined();
      const p = r.body.data.pledge;
      expect(p).toMatchObject({ id, title: row.title, year: Y - 1, signedDate: row.signed, unit: { code: 'QS-CZ' }, official: { name: row.name }, disclosed: true, evaluated: true });
      expect(p.items).toHaveLength(10);
      expect(p.evaluationGrade).toEqual(expect.any(String));
    }
    for (const account of ['qs-team2', 'dongling-party']) {
      const r = await app.gql(account, q, { id });
      expect(r.body.data.pledge).toBeNull();
      expect(codes(r)).toEqual(['NOT_FOUND']);
      expect(r.body.errors![0].path).toEqual(['pledge']);
      const n = await app.gql(account, 'query($id: ID!) { node(id: $id) { id } }', { id });
      expect(n.body.data.node).toBeNull();
      expect(codes(n)).toEqual(['NOT_FOUND']);
    }
    for (const account of NO_PLEDGES) {
      const r = await app.gql(account, q, { id });
      expect(r.body.data?.pledge ?? null).toBeNull();
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(r.body.errors![0].path).toEqual(['pledge']);
      const l = await app.gql(account, '{ pledges { totalCount } }');
      expect(l.body.data).toEqual({ pledges: null });
      expect(codes(l)).toEqual(['FORBIDDEN']);
      expect(l.body.errors![0].path).toEqual(['pledges']);
      // node() is open to every account, but no pledge row exists for these roles
      const n = await app.gql(account, 'query($id: ID!) { node(id: $id) { id } }', { id });
      expect(n.body.data.node).toBeNull();
      expect(codes(n)).toEqual(['NOT_FOUND']);
    }
    const anon = await app.gql(null, q, { id });
    expect(codes(anon)).toEqual(['UNAUTHENTICATED']);
    const n = await app.gql('qs-finance', `query($id: ID!) { node(id: $id) { ... on Pledge { title unit { code } } } }`, { id });
    expect(n.body.data.node).toEqual({ title: row.title, unit: { code: 'QS-CZ' } });
  });

  test('in-scope and out-of-scope pledges interleaved in one request each get their own answer', async () => {
    const ids: string[] = [];
    for (const [i, c] of ['QS-CZ', 'QS-DL', 'QS-JY', 'QS-DL-01', 'QS-CZ', 'QS-ZR'].entries()) ids.push(await pledgeOf(c, i % 2 ? Y : Y - 1));
    const q = `query(${ids.map((_, i) => `$i${i}: ID!`).join(', ')}) { ${ids.map((_, i) => `p${i}: pledge(id: $i${i}) { unit { code } }`).join(' ')} }`;
    const vars = Object.fromEntries(ids.map((id, i) => [`i${i}`, id]));
    const r = await app.gql('dongling-party', q, vars);
    expect(r.body.data).toEqual({ p0: null, p1: { unit: { code: 'QS-DL' } }, p2: null, p3: { unit: { code: 'QS-DL-01' } }, p4: null, p5: null });
    expect(r.body.errors!.map((e) => [e.path![0], e.extensions!.code]).sort()).toEqual([['p0', 'NOT_FOUND'], ['p2', 'NOT_FOUND'], ['p4', 'NOT_FOUND'], ['p5', 'NOT_FOUND']]);
    const t = await app.gql('qs-team1', q, vars);
    expect(t.body.data).toEqual({ p0: { unit: { code: 'QS-CZ' } }, p1: null, p2: { unit: { code: 'QS-JY' } }, p3: null, p4: { unit: { code: 'QS-CZ' } }, p5: null });
  });

  test('Official.pledges: read by every pledge reader, FORBIDDEN for SYSTEM_ADMIN while the official stays readable', async () => {
    const id = await officialOf('QS-CZ', 0);
    const q = 'query($id: ID!) { official(id: $id) { name pledges { totalCount nodes { year unit { code } } } y: pledges(filter: { year: ' + (Y - 1) + ' }) { totalCount } } }';
    for (const account of ['qs-party', 'qs-discipline', 'qs-team1', 'qs-finance', 'qs-org']) {
      const r = await app.gql(account, q, { id });
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.official.pledges.totalCount).toBe(2);
      expect(r.body.data.official.y.totalCount).toBe(1);
    }
    const sa = await app.gql('sysadmin', q, { id });
    expect(sa.body.data.official.name).toEqual(expect.any(String));
    expect(sa.body.data.official.pledges).toBeNull();
    expect(sa.body.data.official.y).toBeNull();
    expect(sa.body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual(expect.arrayContaining([[['official', 'pledges'], 'FORBIDDEN'], [['official', 'y'], 'FORBIDDEN']]));
    expect(sa.body.errors).toHaveLength(2);
    // across a list of officials, every row is answered for itself
    const list = await app.gql('sysadmin', '{ officials(first: 5) { nodes { name pledges { totalCount } } } }');
    expect(list.body.data.officials.nodes.every((o: any) => o.name && o.pledges === null)).toBe(true);
    expect(codes(list).every((c) => c === 'FORBIDDEN')).toBe(true);
    expect(codes(list)).toHaveLength(5);
    const dl = await app.gql('dongling-party', '{ officials(first: 100) { nodes { unit { code } pledges { totalCount } } } }');
    expect(dl.body.errors).toBeUndefined();
    const principals = dl.body.data.officials.nodes.filter((o: any) => o.pledges.totalCount > 0);
    expect(principals).toHaveLength(5);
  });
});

describe('the pledge lifecycle (UNIT on its own officials)', () => {
  let pledgeId: string;

  test('create, disclose, evaluate', async () => {
    const official = await officialOf('QS-CZ', 3);
    const r = await app.gql('qs-finance', CREATE, {
      input: { official, year: Y - 1, title: ' 廉政承诺书 ', items: ['不收受礼品礼金', ' 不违规兼职 '], signedDate: `${Y - 2}-12-15` },
    });
    expect(r.body.errors).toBeUndefined();
    const c = r.body.data.pledgeCreate;
    expect(c.userErrors).toEqual([]);
    expect(c.pledge).toMatchObject({
      version: 1, year: Y - 1, title: '廉政承诺书', items: ['不收受礼品礼金', '不违规兼职'], signedDate: `${Y - 2}-12-15`,
      disclosed: false, disclosureChannel: null, disclosedDate: null, evaluated: false, evaluationGrade: null, unit: { code: 'QS-CZ' }, official: { id: official },
    });
    pledgeId = c.pledge.id;
    const key = Number(Buffer.from(pledgeId, 'base64url').toString().split(':')[1]);
    const [row] = await app.sql('select p.unit_path, p.items, o.unit_path as official_path from pledge p join official o on o.id = p.official_id where p.id = $1', [key]);
    expect(row.unit_path).toBe(paths['QS-CZ']);
    expect(row.unit_path).toBe(row.official_path);
    expect(row.items).toEqual(['不收受礼品礼金', '不违规兼职']);

    // the new row is in scope for the finance bureau's team, not for the other one
    expect((await app.gql('qs-team1', 'query($id: ID!) { pledge(id: $id) { title } }', { id: pledgeId })).body.data.pledge.title).toBe('廉政承诺书');
    expect(codes(await app.gql('qs-team2', 'query($id: ID!) { pledge(id: $id) { title } }', { id: pledgeId }))).toEqual(['NOT_FOUND']);

    const d = await app.gql('qs-finance', DISCLOSE, { input: { id: pledgeId, version: 1, channel: 'BULLETIN_BOARD', disclosedDate: `${Y - 1}-01-05` } });
    expect(d.body.data.pledgeDisclose.userErrors).toEqual([]);
    expect(d.body.data.pledgeDisclose.pledge).toMatchObject({ version: 2, disclosed: true, disclosureChannel: 'BULLETIN_BOARD', disclosedDate: `${Y - 1}-01-05`, evaluated: false });

    const e = await app.gql('qs-finance', EVALUATE, { input: { id: pledgeId, version: 2, grade: 'GOOD', comment: '践诺情况较好', evaluatedDate: `${Y - 1}-12-20` } });
    expect(e.body.data.pledgeEvaluate.userErrors).toEqual([]);
    expect(e.body.data.pledgeEvaluate.pledge).toMatchObject({ version: 3, evaluated: true, evaluationGrade: 'GOOD', evaluationComment: '践诺情况较好', evaluatedDate: `${Y - 1}-12-20` });
    const [saved] = await app.sql('select version, disclosure_channel, disclosed_date::text as dd, evaluation_grade, evaluated_date::text as ed from pledge where id = $1', [key]);
    expect(saved).toEqual({ version: 3, disclosure_channel: 'BULLETIN_BOARD', dd: `${Y - 1}-01-05`, evaluation_grade: 'GOOD', ed: `${Y - 1}-12-20` });
  });

  test('refused writes change nothing', async () => {
    const own = await officialOf('QS-CZ', 2);
    const other = await officialOf('QS-JY', 2);
    const base = { official: own, year: Y - 1, title: '廉政承诺', items: ['不收受礼品礼金'], signedDate: `${Y - 1}-03-01` };

    let e = userError(await unchanged('qs-finance', CREATE, { input: { ...base, items: [] } }), 'pledgeCreate');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'items'] });
    e = userError(await unchanged('qs-finance', CREATE, { input: { ...base, items: ['一', ''] } }), 'pledgeCreate');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(e.field.slice(0, 2)).toEqual(['input', 'items']);
    e = userError(await unchanged('qs-finance', CREATE, { input: { ...base, items: ['一', '   '] } }), 'pledgeCreate');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'items', '1'] });
    e = userError(await unchanged('qs-finance', CREATE, { input: { ...base, items: Array.from({ length: 31 }, (_, i) => `第${i + 1}项`) } }), 'pledgeCreate');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'items'] });
    e = userError(await unchanged('qs-finance', CREATE, { input: { ...base, title: '  ' } }), 'pledgeCreate');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'title'] });
    // signed in a wrong year: the year after, two years before, or a month too early
    for (const signedDate of [`${Y}-01-02`, `${Y - 3}-06-01`, `${Y - 2}-11-30`]) {
      e = userError(await unchanged('qs-finance', CREATE, { input: { ...base, signedDate } }), 'pledgeCreate');
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'signedDate'] });
    }
    e = userError(await unchanged('qs-finance', CREATE, { input: { ...base, year: Y + 1, signedDate: `${Y + 1}-01-10` } }), 'pledgeCreate');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'signedDate'] });
    // another unit's official does not exist for the finance bureau
    e = userError(await unchanged('qs-finance', CREATE, { input: { ...base, official: other } }), 'pledgeCreate');
    expect(e).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'official'] });
    e = userError(await unchanged('qs-finance', CREATE, { input: { ...base, official: await app.gid('Unit', "select id from unit where code = 'QS-CZ'") } }), 'pledgeCreate');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'official'] });
    // a second pledge with the same title for the same official and year
    const dup = await app.gql('qs-finance', CREATE, { input: { ...base, official: await officialOf('QS-CZ', 3), title: '廉政承诺书' } });
    expect(userError(dup, 'pledgeCreate')).toMatchObject({ code: 'CONFLICT' });

    // roles other than UNIT may not write pledges, whatever their reach
    for (const account of ['qs-party', 'qs-discipline', 'qs-team1', 'qs-org', 'sysadmin', 'dongling-party']) {
      const r = await unchanged(account, CREATE, { input: base });
      expect(Object.values(r.body.data ?? {})).toEqual([null]);
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(r.body.errors![0].path).toEqual(['pledgeCreate']);
    }

    // a fresh pledge to walk the lifecycle's refusals
    const created = await app.gql('qs-finance', CREATE, { input: base });
    expect(created.body.data.pledgeCreate.userErrors).toEqual([]);
    const id = created.body.data.pledgeCreate.pledge.id;

    e = userError(await unchanged('qs-finance', EVALUATE, { input: { id, version: 1, grade: 'GOOD', evaluatedDate: `${Y - 1}-12-01` } }), 'pledgeEvaluate');
    expect(e).toMatchObject({ code: 'CONFLICT', field: ['input', 'id'] });
    e = userError(await unchanged('qs-finance', DISCLOSE, { input: { id, version: 1, channel: 'WEBSITE', disclosedDate: `${Y - 1}-02-28` } }), 'pledgeDisclose');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'disclosedDate'] });
    e = userError(await unchanged('qs-finance', DISCLOSE, { input: { id, version: 7, channel: 'WEBSITE', disclosedDate: `${Y - 1}-03-02` } }), 'pledgeDisclose');
    expect(e).toMatchObject({ code: 'CONFLICT', field: ['input', 'version'] });
    for (const account of ['qs-party', 'qs-team1']) {
      const r = await unchanged(account, DISCLOSE, { input: { id, version: 1, channel: 'WEBSITE', disclosedDate: `${Y - 1}-03-02` } });
      expect(codes(r)).toEqual(['FORBIDDEN']);
    }

    const ok = await app.gql('qs-finance', DISCLOSE, { input: { id, version: 1, channel: 'WEBSITE', disclosedDate: `${Y - 1}-03-02` } });
    expect(ok.body.data.pledgeDisclose.userErrors).toEqual([]);
    e = userError(await unchanged('qs-finance', DISCLOSE, { input: { id, version: 2, channel: 'TV', disclosedDate: `${Y - 1}-03-05` } }), 'pledgeDisclose');
    expect(e).toMatchObject({ code: 'CONFLICT', field: ['input', 'id'] });
    e = userError(await unchanged('qs-finance', EVALUATE, { input: { id, version: 1, grade: 'GOOD', evaluatedDate: `${Y - 1}-12-01` } }), 'pledgeEvaluate');
    expect(e).toMatchObject({ code: 'CONFLICT', field: ['input', 'version'] });
    e = userError(await unchanged('qs-finance', EVALUATE, { input: { id, version: 2, grade: 'GOOD', evaluatedDate: `${Y - 1}-03-01` } }), 'pledgeEvaluate');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'evaluatedDate'] });
    const ev = await app.gql('qs-finance', EVALUATE, { input: { id, version: 2, grade: 'EXCELLENT', evaluatedDate: `${Y - 1}-12-01` } });
    expect(ev.body.data.pledgeEvaluate.userErrors).toEqual([]);
    expect(ev.body.data.pledgeEvaluate.pledge).toMatchObject({ version: 3, evaluated: true, evaluationComment: null });
    e = userError(await unchanged('qs-finance', EVALUATE, { input: { id, version: 3, grade: 'POOR', evaluatedDate: `${Y - 1}-12-02` } }), 'pledgeEvaluate');
    expect(e).toMatchObject({ code: 'CONFLICT', field: ['input', 'id'] });

    // another unit's pledge cannot be disclosed by the finance bureau: it does not exist for it
    const jy = await pledgeOf('QS-JY', Y);
    const jyVersion = (await app.sql('select version from pledge where id = $1', [Number(Buffer.from(jy, 'base64url').toString().split(':')[1])]))[0].version;
    e = userError(await unchanged('qs-finance', DISCLOSE, { input: { id: jy, version: jyVersion, channel: 'WEBSITE', disclosedDate: today } }), 'pledgeDisclose');
    expect(e).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'id'] });
  });

  test('dates may not lie in the future: signed today, disclosed today, not tomorrow', async () => {
    const tomorrow = localDate(new Date(Date.now() + 86400_000));
    const official = await officialOf('QS-CZ', 4);
    const input = { official, year: Y, title: '廉政十项承诺', items: ['严守政治纪律和政治规矩'], signedDate: today };
    if (tomorrow.startsWith(String(Y))) {
      const e = userError(await unchanged('qs-finance', CREATE, { input: { ...input, signedDate: tomorrow } }), 'pledgeCreate');
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'signedDate'] });
    }
    const created = await app.gql('qs-finance', CREATE, { input });
    expect(created.body.data.pledgeCreate.userErrors).toEqual([]);
    const id = created.body.data.pledgeCreate.pledge.id;
    const e = userError(await unchanged('qs-finance', DISCLOSE, { input: { id, version: 1, channel: 'TV', disclosedDate: tomorrow } }), 'pledgeDisclose');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'disclosedDate'] });
    const ok = await app.gql('qs-finance', DISCLOSE, { input: { id, version: 1, channel: 'TV', disclosedDate: today } });
    expect(ok.body.data.pledgeDisclose.userErrors).toEqual([]);
    expect(ok.body.data.pledgeDisclose.pledge).toMatchObject({ disclosed: true, disclosedDate: today, disclosureChannel: 'TV' });
  });
});
