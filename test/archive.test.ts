import { startTestApp, globalId, type TestApp, codes } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

async function official(code: string, i: number): Promise<{ id: number; gid: string; post: string; unitId: number }> {
  const rows = await app.sql('select o.id, o.post, o.unit_id from official o join unit u on u.id = o.unit_id where u.code = $1 order by o.id', [code]);
  return { id: rows[i].id, gid: globalId('Official', rows[i].id), post: rows[i].post, unitId: rows[i].unit_id };
}

const ARCHIVE = `query($id: ID!) { integrityArchive(official: $id) {
  official { id name post }
  postsHeld { post rank isPrincipal current unit { code } inChargeUnits { code } }
  postHistoryRecorded
  responsibilityLetters { id year status }
  pledges(first: 50) { totalCount nodes { id year evaluationComment } }
  sanctions(first: 50) { totalCount nodes { id kind inInfluencePeriod influencePeriodEnd } }
  clues(first: 50) { totalCount nodes { id status disposition history { toStatus } } }
  integrityOpinions(first: 50) { totalCount nodes { id answer status } }
  warnings { id level reason unit { code } }
} }`;

const n = async (sql: string, params: unknown[]) => (await app.sql(sql, params))[0].n as number;

test('the discipline commission reads the whole archive in one query', async () => {
  const zr0 = await official('QS-ZR', 0); // principal of the natural-resources bureau: a red warning, an accountability sanction
  const r = await app.gql('qs-discipline', ARCHIVE, { id: zr0.gid });
  expect(r.body.errors).toBeUndefined();
  const a = r.body.data.integrityArchive;
  expect(a.official.id).toBe(zr0.gid);
  expect(a.postsHeld).toHaveLength(1);
  expect(a.postsHeld[0]).toMatchObject({ post: zr0.post, isPrincipal: true, current: true, unit: { code: 'QS-ZR' } });
  expect(a.postHistoryRecorded).toBe(false);
  expect(a.responsibilityLetters.length).toBe(await n('select count(*)::int as n from responsibility_letter where principal_id = $1', [zr0.id]));
  expect(a.responsibilityLetters.length).toBeGreaterThan(0);
  expect(a.pledges.totalCount).toBe(await n('select count(*)::int as n from pledge where official_id = $1', [zr0.id]));
  expect(a.sanctions.totalCount).toBe(await n('select count(*)::int as n from sanction where official_id = $1', [zr0.id]));
  expect(a.sanctions.totalCount).toBeGreaterThan(0);
  expect(a.clues.totalCount).toBe(await n('select count(*)::int as n from problem_clue_subject where official_id = $1', [zr0.id]));
  const warnings = await n(
    'select count(*)::int as n from warning where unit_id = $1 or unit_id in (select unit_id from official_in_charge_unit where official_id = $2)',
    [zr0.unitId, zr0.id],
  );
  expect(a.warnings.length).toBe(warnings);
  expect(a.warnings.length).toBeGreaterThan(0);
  expect(a.warnings.some((w: any) => w.unit.code === 'QS-ZR')).toBe(true);

  // the subject of a concluded case: its clue, its dispositions and the opinions given about it
  const zr2 = await official('QS-ZR', 2);
  const s = await app.gql('qs-discipline', ARCHIVE, { id: zr2.gid });
  expect(s.body.errors).toBeUndefined();
  const b = s.body.data.integrityArchive;
  expect(b.clues.totalCount).toBe(await n('select count(*)::int as n from problem_clue_subject where official_id = $1', [zr2.id]));
  expect(b.clues.nodes[0].history.map((h: any) => h.toStatus)).toContain('CASE_CONCLUDED');
  expect(b.integrityOpinions.totalCount).toBe(await n('select count(*)::int as n from integrity_opinion where official_id = $1', [zr2.id]));
  expect(b.integrityOpinions.totalCount).toBe(1);
  expect(b.sanctions.nodes.some((x: any) => x.kind === 'EXPULSION_FROM_PARTY' && x.inInfluencePeriod)).toBe(true);
  expect(b.postsHeld[0].isPrincipal).toBe(false);
  expect(b.warnings).toEqual([]);
});

test('a dispatched team reads the archive of officials of its units, without the commission\'s replies', async () => {
  const cz4 = await official('QS-CZ', 4);
  const r = await app.gql('qs-team1', ARCHIVE, { id: cz4.gid });
  const a = r.body.data.integrityArchive;
  expect(a.official.id).toBe(cz4.gid);
  expect(a.sanctions.totalCount).toBe(await n('select count(*)::int as n from sanction where official_id = $1', [cz4.id]));
  expect(a.sanctions.totalCount).toBeGreaterThan(0);
  expect(a.integrityOpinions).toBeNull();
  expect(codes(r)).toEqual(['FORBIDDEN']);
  expect(r.body.errors![0].path).toEqual(['integrityArchive', 'integrityOpinions']);

  // outside its units: NOT_FOUND, never FORBIDDEN
  const zr0 = await official('QS-ZR', 0);
  const out = await app.gql('qs-team1', ARCHIVE, { id: zr0.gid });
  expect(out.body.data.integrityArchive).toBeNull();
  expect(codes(out)).toEqual(['NOT_FOUND']);
  const unknown = await app.gql('qs-discipline', ARCHIVE, { id: globalId('Official', 999999) });
  expect(unknown.body.data.integrityArchive).toBeNull();
  expect(codes(unknown)).toEqual(['NOT_FOUND']);
});

test('a clue about the reader is left out of the archive (recusal)', async () => {
  const cz6 = await official('QS-CZ', 6);
  const clues = await n('select count(*)::int as n from problem_clue_subject where official_id = $1', [cz6.id]);
  expect(clues).toBeGreaterThan(0);
  const [acct] = await app.sql("insert into account (username, display_name, kind, official_id) values ('recused-team', '回避测试', 'PERSON', $1) returning id", [cz6.id]);
  await app.sql("insert into role_grant (account_id, role, team_id, granted_at) select $1, 'DISPATCHED_TEAM', team_id, now() from role_grant g join account a on a.id = g.account_id where a.username = 'qs-team1'", [acct.id]);
  const mine = await app.gql('recused-team', ARCHIVE, { id: cz6.gid });
  expect(mine.body.data.integrityArchive.clues.totalCount).toBe(0);
  const team = await app.gql('qs-team1', ARCHIVE, { id: cz6.gid });
  expect(team.body.data.integrityArchive.clues.totalCount).toBe(clues);
});

test('other roles are refused with FORBIDDEN', async () => {
  const cz4 = await official('QS-CZ', 4);
  for (const who of ['qs-party', 'qs-org', 'qs-finance', 'qs-petition', 'sysadmin', 'secadmin', 'auditor', 'dongling-party']) {
    const r = await app.gql(who, '{ integrityArchive(official: "' + cz4.gid + '") { official { id } } }');
    expect(r.body.data?.integrityArchive ?? null).toBeNull();
    expect(codes(r)).toEqual(['FORBIDDEN']);
  }
  const anon = await app.gql(null, '{ integrityArchive(official: "' + cz4.gid + '") { official { id } } }');
  expect(codes(anon)).toEqual(['UNAUTHENTICATED']);
});
