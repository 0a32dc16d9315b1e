import { startTestApp, type TestApp, globalId, codes } from './support/app';

/**
 * The warning history (黄橙红预警): unitWarningSet keeps every warning from issue to lifting, the
 * unit keeps its current level and reason, and the history is read as the Unit warning fields are.
 */

let current = new Date('2026-03-10T02:00:00Z');
const setDay = (day: string) => {
  current = new Date(`${day}T02:00:00Z`);
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ clock: { now: () => current } });
});
afterAll(async () => app?.stop());

type Json = Record<string, any>;

const HISTORY = 'warningLevel warningReason warnings { level reason issuedDate issuerName liftedDate lifterName liftReason active unit { code } }';

async function unitRow(code: string): Promise<{ id: string; version: number }> {
  const [u] = await app.sql('select id, version from unit where code = $1', [code]);
  return { id: globalId('Unit', u.id), version: u.version };
}

async function setWarning(as: string, input: Json) {
  return app.gql(as, `mutation($i: UnitWarningSetInput!) { unitWarningSet(input: $i) { unit { version ${HISTORY} } userErrors { field message code } } }`, { i: input });
}

async function refused(as: string, input: Json, code: string) {
  const before = await app.fingerprint();
  const r = await setWarning(as, input);
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data.unitWarningSet.unit).toBeNull();
  expect(r.body.data.unitWarningSet.userErrors.map((e: Json) => e.code)).toEqual([code]);
  expect(await app.fingerprint()).toBe(before);
}

test('the demo county\'s warnings have their history, and each unit\'s current warning is the one in force', async () => {
  const r = await app.gql('qs-discipline', `{ zr: unit(code: "QS-ZR") { ${HISTORY} } xh: unit(code: "QS-XH") { ${HISTORY} } jy: unit(code: "QS-JY") { ${HISTORY} } }`);
  expect(r.body.errors).toBeUndefined();
  const { zr, xh, jy } = r.body.data;
  expect(zr.warningLevel).toBe('RED');
  expect(zr.warnings.map((w: Json) => [w.level, w.active])).toEqual([['RED', true], ['YELLOW', false]]);
  expect(zr.warnings[0]).toMatchObject({ reason: zr.warningReason, liftedDate: null, issuerName: '第二派驻纪检监察组' });
  // the yellow warning was replaced by the red one on the day it was issued
  expect(zr.warnings[1].liftedDate).toBe(zr.warnings[0].issuedDate);
  expect(zr.warnings[1].liftReason).toMatch(/红色/);
  expect(xh.warningLevel).toBe('YELLOW');
  expect(xh.warnings.map((w: Json) => [w.level, w.active, w.reason])).toEqual([['YELLOW', true, xh.warningReason]]);
  // an earlier warning, lifted after rectification
  expect(jy.warningLevel).toBeNull();
  expect(jy.warnings).toEqual([expect.objectContaining({ level: 'ORANGE', active: false, lifterName: '青山县纪委监委', liftReason: '整改到位，经研究予以解除' })]);

  const mismatched = await app.sql(`
    select u.code from unit u left join warning w on w.unit_id = u.id and w.lifted_date is null
     where (u.warning_level is distinct from w.level) or (u.warning_reason is distinct from w.reason)`);
  expect(mismatched).toEqual([]);
});

test('issuing, raising and lifting a warning writes its history', async () => {
  setDay('2026-03-10');
  let u = await unitRow('QS-WJ');
  const yellow = await setWarning('qs-team2', { id: u.id, version: u.version, level: 'YELLOW', reason: '医药购销领域问题线索集中' });
  expect(yellow.body.data.unitWarningSet.userErrors).toEqual([]);
  expect(yellow.body.data.unitWarningSet.unit).toMatchObject({
    warningLevel: 'YELLOW',
    warningReason: '医药购销领域问题线索集中',
    warnings: [{ level: 'YELLOW', reason: '医药购销领域问题线索集中', issuedDate: '2026-03-10', issuerName: '第二派驻纪检监察组', liftedDate: null, lifterName: null, liftReason: null, active: true, unit: { code: 'QS-WJ' } }],
  });

  // the same level and reason again changes nothing in the history
  u = await unitRow('QS-WJ');
  const count = async () => (await app.sql("select count(*)::int as n from warning where unit_id = (select id from unit where code = 'QS-WJ')"))[0].n;
  const again = await setWarning('qs-team2', { id: u.id, version: u.version, level: 'YELLOW', reason: '医药购销领域问题线索集中' });
  expect(again.body.data.unitWarningSet.userErrors).toEqual([]);
  expect(await count()).toBe(1);

  // raised to red by the commission: the yellow one closes today
  setDay('2026-04-15');
  u = await unitRow('QS-WJ');
  const red = await setWarning('qs-discipline', { id: u.id, version: u.version, level: 'RED', reason: '发生系统性腐败问题' });
  expect(red.body.data.unitWarningSet.userErrors).toEqual([]);
  const afterRed = red.body.data.unitWarningSet.unit;
  expect(afterRed.warningLevel).toBe('RED');
  expect(afterRed.warnings).toEqual([
    expect.objectContaining({ level: 'RED', issuedDate: '2026-04-15', issuerName: '青山县纪委监委', active: true, liftedDate: null }),
    expect.objectContaining({ level: 'YELLOW', issuedDate: '2026-03-10', liftedDate: '2026-04-15', lifterName: '青山县纪委监委', liftReason: '改为红色预警 (replaced by a RED warning)', active: false }),
  ]);

  // lifted by the team, with a reason
  setDay('2026-06-01');
  u = await unitRow('QS-WJ');
  const lifted = await setWarning('qs-team2', { id: u.id, version: u.version, level: null, reason: '整改到位，予以解除' });
  expect(lifted.body.data.unitWarningSet.userErrors).toEqual([]);
  const afterLift = lifted.body.data.unitWarningSet.unit;
  expect([afterLift.warningLevel, afterLift.warningReason]).toEqual([null, null]);
  expect(afterLift.warnings.map((w: Json) => [w.level, w.liftedDate, w.lifterName, w.liftReason, w.active])).toEqual([
    ['RED', '2026-06-01', '第二派驻纪检监察组', '整改到位，予以解除', false],
    ['YELLOW', '2026-04-15', '青山县纪委监委', '改为红色预警 (replaced by a RED warning)', false],
  ]);

  // lifting when nothing is in force writes no history
  setDay('2026-06-02');
  u = await unitRow('QS-WJ');
  const none = await setWarning('qs-team2', { id: u.id, version: u.version, level: null });
  expect(none.body.data.unitWarningSet.userErrors).toEqual([]);
  expect(await count()).toBe(2);
  const rows = await app.sql("select level::text, issued_date::text as i, lifted_date::text as l, issued_by_id = (select id from account where username = 'qs-team2') as by_team from warning where unit_id = (select id from unit where code = 'QS-WJ') order by id");
  expect(rows).toEqual([
    { level: 'YELLOW', i: '2026-03-10', l: '2026-04-15', by_team: true },
    { level: 'RED', i: '2026-04-15', l: '2026-06-01', by_team: false },
  ]);
});

test('bad input, a stale version, an out-of-scope unit and a role without the right write nothing', async () => {
  const u = await unitRow('QS-WJ');
  await refused('qs-team2', { id: u.id, version: u.version, level: 'ORANGE' }, 'BAD_USER_INPUT');
  await refused('qs-team2', { id: u.id, version: u.version, level: 'ORANGE', reason: '   ' }, 'BAD_USER_INPUT');
  await refused('qs-team2', { id: u.id, version: u.version - 1, level: 'ORANGE', reason: '理由' }, 'CONFLICT');
  // the health bureau is supervised by team 2, not team 1
  await refused('qs-team1', { id: u.id, version: u.version, level: 'ORANGE', reason: '理由' }, 'NOT_FOUND');
  await refused('qs-team2', { id: globalId('Unit', 999999), version: 1, level: 'ORANGE', reason: '理由' }, 'NOT_FOUND');
  await refused('qs-team2', { id: globalId('Official', 1), version: 1, level: 'ORANGE', reason: '理由' }, 'BAD_USER_INPUT');
  for (const as of ['qs-party', 'qs-finance', 'qs-org', 'sysadmin', 'dongling-party']) {
    const before = await app.fingerprint();
    const r = await setWarning(as, { id: u.id, version: u.version, level: 'ORANGE', reason: '理由' });
    expect({ as, data: r.body.data?.unitWarningSet ?? null, codes: codes(r) }).toEqual({ as, data: null, codes: ['FORBIDDEN'] });
    expect(await app.fingerprint()).toBe(before);
  }
});

describe('warnings(filter)', () => {
  const LIST = 'query($f: WarningFilter, $a: String) { warnings(first: 2, after: $a, filter: $f) { totalCount pageInfo { hasNextPage endCursor } nodes { id level active unit { code } } } }';

  async function all(as: string, f: Json | null): Promise<{ ids: number[]; total: number }> {
    const ids: number[] = [];
    let a: string | null = null;
    let total = 0;
    for (;;) {
      const r: any = await app.gql(as, LIST, { f, a });
      expect(r.body.errors).toBeUndefined();
      total = r.body.data.warnings.totalCount;
      ids.push(...r.body.data.warnings.nodes.map((n: Json) => Number(Buffer.from(n.id, 'base64url').toString().split(':')[1])));
      if (!r.body.data.warnings.pageInfo.hasNextPage) break;
      a = r.body.data.warnings.pageInfo.endCursor;
    }
    return { ids, total };
  }

  const sqlIds = async (where: string, params: unknown[] = []) => (await app.sql(`select id from warning where ${where} order by id`, params)).map((r) => r.id);
  const under = (code: string) => `unit_path like (select path from unit where code = '${code}') || '%'`;

  test('each role lists the warnings of its reach; filters by subtree, level and whether in force', async () => {
    const cases: [string, string][] = [
      ['qs-discipline', under('QS')],
      ['qs-party', under('QS')],
      ['qs-team2', `(${under('QS-ZR')} or ${under('QS-WJ')})`],
      ['qs-team1', `(${under('QS-CZ')} or ${under('QS-JY')})`],
      ['dongling-party', under('QS-DL')],
      ['qs-finance', "unit_path = (select path from unit where code = 'QS-CZ')"],
    ];
    for (const [as, where] of cases) {
      const got = await all(as, null);
      const expected = await sqlIds(where);
      expect({ as, ids: got.ids, total: got.total }).toEqual({ as, ids: expected, total: expected.length });
      const inForce = await all(as, { active: true });
      expect({ as, ids: inForce.ids }).toEqual({ as, ids: await sqlIds(`${where} and lifted_date is null`) });
      const past = await all(as, { active: false, levels: ['RED', 'YELLOW'] });
      expect({ as, ids: past.ids }).toEqual({ as, ids: await sqlIds(`${where} and lifted_date is not null and level in ('RED', 'YELLOW')`) });
    }
    const zr = await app.gid('Unit', "select id from unit where code = 'QS-ZR'");
    const sub = await all('qs-discipline', { unitSubtree: zr });
    expect(sub.ids).toEqual(await sqlIds(under('QS-ZR')));
    expect(sub.total).toBe(2);
    // team 1 asks for team 2's bureau: nothing, and no error that would tell it exists
    const cut = await all('qs-team1', { unitSubtree: zr });
    expect(cut).toEqual({ ids: [], total: 0 });
  });

  test('the unit reads its own warnings only; other roles do not read them at all', async () => {
    setDay('2026-06-10');
    const cz = await unitRow('QS-CZ');
    const set = await setWarning('qs-team1', { id: cz.id, version: cz.version, level: 'YELLOW', reason: '预算执行问题较多' });
    expect(set.body.data.unitWarningSet.userErrors).toEqual([]);
    const own = await app.gql('qs-finance', '{ warnings { totalCount nodes { level unit { code } issuerName } } }');
    expect(own.body.data.warnings).toEqual({ totalCount: 1, nodes: [{ level: 'YELLOW', unit: { code: 'QS-CZ' }, issuerName: '第一派驻纪检监察组' }] });
    const zrWarning = await app.gid('Warning', "select id from warning where unit_id = (select id from unit where code = 'QS-ZR') order by id limit 1");
    const foreign = await app.gql('qs-finance', 'query($id: ID!) { node(id: $id) { id } }', { id: zrWarning });
    expect([foreign.body.data.node, codes(foreign)]).toEqual([null, ['NOT_FOUND']]);

    for (const as of ['qs-org', 'sysadmin', 'secadmin', 'auditor', 'qs-petition']) {
      const r = await app.gql(as, 'query($id: ID!) { warnings { totalCount } node(id: $id) { id } }', { id: zrWarning });
      expect({ as, data: r.body.data, codes: codes(r).sort() }).toEqual({ as, data: { warnings: null, node: null }, codes: ['FORBIDDEN', 'NOT_FOUND'] });
    }
    // the organisation department sees the unit, not its warnings
    const org = await app.gql('qs-org', '{ unit(code: "QS-ZR") { code warningLevel warnings { level } } }');
    expect(org.body.data.unit).toEqual({ code: 'QS-ZR', warningLevel: null, warnings: null });
    expect((org.body.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['unit.warningLevel', 'FORBIDDEN'],
      ['unit.warnings', 'FORBIDDEN'],
    ]);
  });
});
