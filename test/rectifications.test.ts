import { startTestApp, type TestApp, type GqlResult, codes } from './support/app';

/**
 * Rectifications (整改事项) over a simulated calendar: monthly reports, the lock once a month is
 * past, the deadline's reminder and overdue days, verification and write-off (对账销账); the two
 * ledgers (两本账); and every refused write leaves the database as it was.
 */

let current = new Date('2026-03-10T02:00:00Z');
/** Moves the service's clock to 10:00 China time on a calendar day. */
const setDay = (day: string) => {
  current = new Date(`${day}T02:00:00Z`);
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ clock: { now: () => current } });
});
afterAll(async () => app?.stop());

type Json = Record<string, any>;

const RECT = `id version status recordedStatus overdue reminderDue deadline registeredDate completedDate verifierName verificationNote verificationDate
  measures responsibleUnit { code } responsibleOfficial { id } copiedTo { id post }
  reports { id version month percent content locked reporterName } latestReport { month } viewerCan { update start report verify }`;

/** A mutation with its input, as an account; the payload's record and user errors are selected. */
async function mutate(as: string, name: string, input: Json, record = `rectification { ${RECT} }`): Promise<GqlResult> {
  const type = `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
  return app.gql(as, `mutation($i: ${type}!) { ${name}(input: $i) { ${record} userErrors { field message code } } }`, { i: input });
}

/** A mutation that must succeed; returns its payload. */
async function ok(as: string, name: string, input: Json, record?: string): Promise<Json> {
  const r = await mutate(as, name, input, record);
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data[name].userErrors).toEqual([]);
  return r.body.data[name];
}

/** A mutation that must be refused with one user error of `code`, writing nothing. */
async function refused(as: string, name: string, input: Json, code: string, record?: string): Promise<Json> {
  const before = await app.fingerprint();
  const r = await mutate(as, name, input, record);
  expect(r.body.errors).toBeUndefined();
  const payload = r.body.data[name];
  expect(payload.userErrors.map((e: Json) => e.code)).toEqual([code]);
  expect(Object.entries(payload).filter(([k, v]) => k !== 'userErrors' && v !== null)).toEqual([]);
  expect(await app.fingerprint()).toBe(before);
  return payload.userErrors[0];
}

async function read(as: string, id: string): Promise<Json> {
  const r = await app.gql(as, `query($id: ID!) { rectification(id: $id) { ${RECT} } }`, { id });
  expect(r.body.errors).toBeUndefined();
  return r.body.data.rectification;
}

const REPORT = 'report { id version month percent content locked reportedDate }';

describe('a rectification over a simulated calendar', () => {
  let id: string;
  let unitCz: string;
  let principalCz: string;
  let deputyInCharge: number;
  let marchReport: Json;

  beforeAll(async () => {
    unitCz = await app.gid('Unit', "select id from unit where code = 'QS-CZ'");
    principalCz = await app.gid('Official', "select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-CZ' and o.is_principal");
    deputyInCharge = (await app.sql("select oic.official_id as id from official_in_charge_unit oic join unit u on u.id = oic.unit_id where u.code = 'QS-CZ'"))[0].id;
  });

  test('2026-03-10: the dispatched team records it; a deadline before today is refused', async () => {
    setDay('2026-03-10');
    const input = {
      responsibleUnit: unitCz,
      responsibleOfficial: principalCz,
      problem: '专项资金拨付审批环节把关不严',
      measures: '建立拨付复核制度，逐笔核对',
      deadline: '2026-03-09',
      origin: 'EXTERNAL',
      source: 'DAILY_SUPERVISION',
    };
    const e = await refused('qs-team1', 'rectificationCreate', input, 'BAD_USER_INPUT');
    expect(e.field).toEqual(['input', 'deadline']);
    expect(e.message).toMatch(/deadline/);

    const created = await ok('qs-team1', 'rectificationCreate', { ...input, deadline: '2026-05-20' });
    const r = created.rectification;
    id = r.id;
    expect(r).toMatchObject({
      version: 1,
      status: 'PENDING',
      recordedStatus: 'PENDING',
      overdue: false,
      reminderDue: false,
      deadline: '2026-05-20',
      registeredDate: '2026-03-10',
      completedDate: null,
      responsibleUnit: { code: 'QS-CZ' },
      responsibleOfficial: { id: principalCz },
      reports: [],
      latestReport: null,
      viewerCan: { update: true, start: true, report: false, verify: false },
    });
    // 双向抄告: copied to the county deputy in charge of the finance bureau
    expect(r.copiedTo.map((o: Json) => o.id)).toEqual([Buffer.from(`Official:${deputyInCharge}`).toString('base64url')]);
    const [row] = await app.sql('select status, origin, source, registered_date::text as reg, found_date::text as found from rectification where id = $1', [Number(Buffer.from(id, 'base64url').toString().split(':')[1])]);
    expect(row).toEqual({ status: 'PENDING', origin: 'EXTERNAL', source: 'DAILY_SUPERVISION', reg: '2026-03-10', found: '2026-03-10' });
  });

  test('2026-03-10: progress on a PENDING item is refused; the unit starts it, then files March', async () => {
    await refused('qs-finance', 'rectificationReport', { rectification: id, month: '2026-03', content: '已着手', percent: 10 }, 'CONFLICT', REPORT);
    const stale = await refused('qs-finance', 'rectificationStart', { id, version: 2 }, 'CONFLICT');
    expect(stale.field).toEqual(['input', 'version']);
    const started = await ok('qs-finance', 'rectificationStart', { id, version: 1 });
    expect(started.rectification).toMatchObject({ status: 'IN_PROGRESS', version: 2, viewerCan: { update: false, start: false, report: true, verify: false } });
    await refused('qs-finance', 'rectificationStart', { id, version: 2 }, 'CONFLICT');

    // a future month is bad input; a past month is locked
    const future = await refused('qs-finance', 'rectificationReport', { rectification: id, month: '2026-04', content: '进展', percent: 20 }, 'BAD_USER_INPUT', REPORT);
    expect(future.field).toEqual(['input', 'month']);
    const past = await refused('qs-finance', 'rectificationReport', { rectification: id, month: '2026-02', content: '进展', percent: 20 }, 'CONFLICT', REPORT);
    expect(past.message).toMatch(/locked/);
    await refused('qs-finance', 'rectificationReport', { rectification: id, month: '2026-13', content: '进展', percent: 20 }, 'BAD_USER_INPUT', REPORT);
    await refused('qs-finance', 'rectificationReport', { rectification: id, month: '2026-03', content: '进展', percent: 120 }, 'BAD_USER_INPUT', REPORT);

    marchReport = (await ok('qs-finance', 'rectificationReport', { rectification: id, month: '2026-03', content: '已完成制度起草', percent: 30 }, REPORT)).report;
    expect(marchReport).toMatchObject({ month: '2026-03', percent: 30, locked: false, reportedDate: '2026-03-10', version: 1 });
    // one report per month
    await refused('qs-finance', 'rectificationReport', { rectification: id, month: '2026-03', content: '重复', percent: 35 }, 'CONFLICT', REPORT);
  });

  test('2026-03-25: the March report may still be edited, with its version', async () => {
    setDay('2026-03-25');
    await refused('qs-finance', 'rectificationReportUpdate', { id: marchReport.id, version: 7, content: '修改', percent: 40 }, 'CONFLICT', REPORT);
    const edited = await ok('qs-finance', 'rectificationReportUpdate', { id: marchReport.id, version: 1, content: '制度已印发', percent: 40 }, REPORT);
    expect(edited.report).toMatchObject({ percent: 40, content: '制度已印发', version: 2, reportedDate: '2026-03-25', locked: false });
    marchReport = edited.report;
  });

  test('2026-04-01: March is locked; April is filed; the unit cannot file for another unit', async () => {
    setDay('2026-04-01');
    const r = await read('qs-finance', id);
    expect(r.reports).toEqual([expect.objectContaining({ month: '2026-03', locked: true, percent: 40 })]);
    await refused('qs-finance', 'rectificationReportUpdate', { id: marchReport.id, version: 2, content: '补充', percent: 50 }, 'CONFLICT', REPORT);
    await refused('qs-finance', 'rectificationReport', { rectification: id, month: '2026-03', content: '补报', percent: 50 }, 'CONFLICT', REPORT);
    await refused('qs-party', 'rectificationReport', { rectification: id, month: '2026-03', content: '补报', percent: 50 }, 'CONFLICT', REPORT);

    const april = await ok('qs-finance', 'rectificationReport', { rectification: id, month: '2026-04', content: '逐笔核对完成一半', percent: 60 }, REPORT);
    expect(april.report).toMatchObject({ month: '2026-04', locked: false });

    // the education bureau's rectification does not exist for the finance bureau
    const jy = await app.gid('Rectification', "select r.id from rectification r join unit u on u.id = r.unit_id where u.code = 'QS-JY' and r.status = 'IN_PROGRESS' order by r.id limit 1");
    const e = await refused('qs-finance', 'rectificationReport', { rectification: jy, month: '2026-04', content: '越权', percent: 10 }, 'NOT_FOUND', REPORT);
    expect(e.field).toEqual(['input', 'rectification']);
    // and the county's party committee files for a unit of its subtree
    const byParty = await ok('qs-party', 'rectificationReport', { rectification: jy, month: '2026-04', content: '县委督促推进', percent: 70 }, REPORT);
    expect(byParty.report.month).toBe('2026-04');
  });

  test('2026-04-20: the team edits measures and deadline; a deadline before the record\'s creation is refused', async () => {
    setDay('2026-04-20');
    await refused('qs-team1', 'rectificationUpdate', { id, version: 1, measures: '新措施' }, 'CONFLICT');
    const e = await refused('qs-team1', 'rectificationUpdate', { id, version: 2, deadline: '2026-03-09' }, 'BAD_USER_INPUT');
    expect(e.field).toEqual(['input', 'deadline']);
    // the responsible official must be of the responsible unit, and within the editor's reach
    const jyOfficial = await app.gid('Official', "select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-JY' order by o.id limit 1");
    await refused('qs-team1', 'rectificationUpdate', { id, version: 2, responsibleOfficial: jyOfficial }, 'BAD_USER_INPUT');
    const zrOfficial = await app.gid('Official', "select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-ZR' order by o.id limit 1");
    await refused('qs-team1', 'rectificationUpdate', { id, version: 2, responsibleOfficial: zrOfficial }, 'NOT_FOUND');
    const cz2 = await app.gid('Official', "select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-CZ' and not o.is_principal order by o.id limit 1");
    // the unit files progress but does not edit the record
    const before = await app.fingerprint();
    const byUnit = await mutate('qs-finance', 'rectificationUpdate', { id, version: 2, measures: '自改措施' });
    expect(byUnit.body.data.rectificationUpdate).toBeNull();
    expect(codes(byUnit)).toEqual(['FORBIDDEN']);
    expect(await app.fingerprint()).toBe(before);
    const edited = await ok('qs-team1', 'rectificationUpdate', { id, version: 2, measures: '建立拨付复核制度，逐笔核对，按月通报', responsibleOfficial: cz2 });
    expect(edited.rectification).toMatchObject({ version: 3, measures: '建立拨付复核制度，逐笔核对，按月通报', responsibleOfficial: { id: cz2 }, deadline: '2026-05-20' });
  });

  test('reminderDue appears 5 days before the deadline; overdue the day after it', async () => {
    const expectations: [string, boolean, boolean, string][] = [
      ['2026-05-14', false, false, 'IN_PROGRESS'],
      ['2026-05-15', true, false, 'IN_PROGRESS'],
      ['2026-05-20', true, false, 'IN_PROGRESS'],
      ['2026-05-21', false, true, 'OVERDUE'],
    ];
    for (const [day, reminderDue, overdue, status] of expectations) {
      setDay(day);
      const r = await read('qs-team1', id);
      expect({ day, reminderDue: r.reminderDue, overdue: r.overdue, status: r.status, recordedStatus: r.recordedStatus }).toEqual({ day, reminderDue, overdue, status, recordedStatus: 'IN_PROGRESS' });
      // the OVERDUE filter is computed in SQL from the same day
      const l = await app.gql('qs-team1', '{ overdue: rectifications(first: 100, filter: { statuses: [OVERDUE] }) { totalCount nodes { id } } notOverdue: rectifications(first: 100, filter: { overdue: false }) { nodes { id } } }');
      expect(l.body.errors).toBeUndefined();
      expect(l.body.data.overdue.nodes.some((n: Json) => n.id === id)).toBe(overdue);
      expect(l.body.data.notOverdue.nodes.some((n: Json) => n.id === id)).toBe(!overdue);
      const [{ n }] = await app.sql(
        "select count(*)::int as n from rectification where status <> 'COMPLETED' and deadline < $1::date and (unit_path like (select path from unit where code = 'QS-CZ') || '%' or unit_path like (select path from unit where code = 'QS-JY') || '%')",
        [day],
      );
      expect(l.body.data.overdue.totalCount).toBe(n);
    }
  });

  test('2026-05-21: verification fails with a note and goes back to IN_PROGRESS; the unit may not verify', async () => {
    const before = await app.fingerprint();
    const byUnit = await mutate('qs-finance', 'rectificationVerify', { id, version: 3, passed: true });
    expect(byUnit.body.data.rectificationVerify).toBeNull();
    expect(codes(byUnit)).toEqual(['FORBIDDEN']);
    expect(byUnit.body.errors![0].path).toEqual(['rectificationVerify']);
    expect(await app.fingerprint()).toBe(before);

    const noNote = await refused('qs-team1', 'rectificationVerify', { id, version: 3, passed: false }, 'BAD_USER_INPUT');
    expect(noNote.field).toEqual(['input', 'note']);
    // team 2 does not supervise the finance bureau: the row does not exist for it
    await refused('qs-team2', 'rectificationVerify', { id, version: 3, passed: true }, 'NOT_FOUND');

    const failed = await ok('qs-team1', 'rectificationVerify', { id, version: 3, passed: false, note: '复核制度未覆盖历史拨付，继续整改' });
    expect(failed.rectification).toMatchObject({
      status: 'OVERDUE',
      recordedStatus: 'IN_PROGRESS',
      completedDate: null,
      verificationNote: '复核制度未覆盖历史拨付，继续整改',
      verificationDate: '2026-05-21',
      verifierName: '第一派驻纪检监察组',
      version: 4,
    });
  });

  test('2026-06-03: June is filed, the team verifies and writes it off; nothing more may be filed', async () => {
    setDay('2026-06-03');
    const june = (await ok('qs-finance', 'rectificationReport', { rectification: id, month: '2026-06', content: '全部整改到位', percent: 100 }, REPORT)).report;
    const done = await ok('qs-team1', 'rectificationVerify', { id, version: 4, passed: true, note: '经核查整改到位，予以销账' });
    expect(done.rectification).toMatchObject({
      status: 'COMPLETED',
      recordedStatus: 'COMPLETED',
      overdue: false,
      reminderDue: false,
      completedDate: '2026-06-03',
      verifierName: '第一派驻纪检监察组',
      viewerCan: { update: false, start: false, report: false, verify: false },
    });
    expect(done.rectification.reports.map((r: Json) => [r.month, r.locked])).toEqual([
      ['2026-03', true],
      ['2026-04', true],
      ['2026-06', true],
    ]);
    const [row] = await app.sql("select status, completed_date::text as d, verified_by_id = (select id from account where username = 'qs-team1') as by_team from rectification where id = $1", [Number(Buffer.from(id, 'base64url').toString().split(':')[1])]);
    expect(row).toEqual({ status: 'COMPLETED', d: '2026-06-03', by_team: true });

    // progress on a completed item, in this month or the next, edits, restarts and a second write-off are refused
    await refused('qs-finance', 'rectificationReportUpdate', { id: june.id, version: 1, content: '补充', percent: 100 }, 'CONFLICT', REPORT);
    setDay('2026-07-02');
    const e = await refused('qs-finance', 'rectificationReport', { rectification: id, month: '2026-07', content: '继续', percent: 100 }, 'CONFLICT', REPORT);
    expect(e.message).toMatch(/COMPLETED/);
    await refused('qs-team1', 'rectificationUpdate', { id, version: 5, measures: '再改' }, 'CONFLICT');
    await refused('qs-team1', 'rectificationVerify', { id, version: 5, passed: true }, 'CONFLICT');
    await refused('qs-finance', 'rectificationStart', { id, version: 5 }, 'CONFLICT');
    // and it stays COMPLETED whatever the date
    expect((await read('qs-discipline', id)).status).toBe('COMPLETED');
  });
});

describe('recording', () => {
  beforeAll(() => setDay('2026-07-02'));

  test('the initial status, the source and its reference, and the scope of the creator are checked', async () => {
    const zr = await app.gid('Unit', "select id from unit where code = 'QS-ZR'");
    const vetoed = await app.gid('Assessment', "select a.id from assessment a join unit u on u.id = a.unit_id where u.code = 'QS-ZR' and a.vetoed and a.period = 'YEAR_END'");
    const base = { responsibleUnit: zr, problem: '考核否决事项', measures: '逐项整改', deadline: '2026-12-31', origin: 'EXTERNAL', source: 'ASSESSMENT' };
    await refused('qs-team2', 'rectificationCreate', base, 'BAD_USER_INPUT');
    await refused('qs-team2', 'rectificationCreate', { ...base, source: 'DAILY_SUPERVISION', sourceAssessment: vetoed }, 'BAD_USER_INPUT');
    await refused('qs-team2', 'rectificationCreate', { ...base, sourceAssessment: vetoed, status: 'COMPLETED' }, 'BAD_USER_INPUT');
    await refused('qs-team2', 'rectificationCreate', { ...base, sourceAssessment: vetoed, status: 'OVERDUE' }, 'BAD_USER_INPUT');
    await refused('qs-team2', 'rectificationCreate', { ...base, sourceAssessment: vetoed, foundDate: '2026-07-03' }, 'BAD_USER_INPUT');
    await refused('qs-team2', 'rectificationCreate', { ...base, sourceAssessment: 'not-an-id' }, 'BAD_USER_INPUT');
    // team 1 does not reach the natural-resources bureau; the county's township committee neither
    await refused('qs-team1', 'rectificationCreate', { ...base, sourceAssessment: vetoed }, 'NOT_FOUND');
    await refused('dongling-party', 'rectificationCreate', { ...base, sourceAssessment: vetoed }, 'NOT_FOUND');
    // an assessment of another unit does not fit
    const czAssessment = await app.gid('Assessment', "select a.id from assessment a join unit u on u.id = a.unit_id where u.code = 'QS-CZ' order by a.id limit 1");
    await refused('qs-discipline', 'rectificationCreate', { ...base, sourceAssessment: czAssessment }, 'BAD_USER_INPUT');

    const made = await ok('qs-team2', 'rectificationCreate', { ...base, sourceAssessment: vetoed, status: 'IMMEDIATE', origin: 'EXTERNAL' }, 'rectification { status source sourceAssessment { vetoed unit { code } } }');
    expect(made.rectification).toEqual({ status: 'IMMEDIATE', source: 'ASSESSMENT', sourceAssessment: { vetoed: true, unit: { code: 'QS-ZR' } } });

    // a township's party committee records one for a village of its own
    const village = await app.gid('Unit', "select id from unit where code = 'QS-DL-02'");
    const dl = await ok('dongling-party', 'rectificationCreate', { responsibleUnit: village, problem: '村级工程项目未公开招标', measures: '补办程序并公开', deadline: '2026-09-30', origin: 'SELF_FOUND', source: 'DAILY_SUPERVISION', status: 'IN_PROGRESS' }, 'rectification { status copiedTo { post } responsibleUnit { code } }');
    // the county deputy in charge of 东岭镇 receives the copy of its villages' rectifications
    expect(dl.rectification).toEqual({ status: 'IN_PROGRESS', copiedTo: [{ post: '县委常委、宣传部部长' }], responsibleUnit: { code: 'QS-DL-02' } });

    // from a clue: only those who see clues may name one (the party committee never does), within their reach
    const [clue] = await app.sql("select c.id, u.code from problem_clue c join unit u on u.id = c.unit_id where u.code in ('QS-CZ', 'QS-JY') order by c.id limit 1");
    expect(clue).toBeDefined();
    const clueUnit = await app.gid('Unit', 'select id from unit where code = $1', [clue.code]);
    const fromClue = { responsibleUnit: clueUnit, problem: '线索反映问题属实部分', measures: '逐项整改', deadline: '2026-10-31', origin: 'EXTERNAL', source: 'CLUE', sourceClue: Buffer.from(`ProblemClue:${clue.id}`).toString('base64url') };
    await refused('qs-party', 'rectificationCreate', fromClue, 'NOT_FOUND');
    await refused('qs-team2', 'rectificationCreate', fromClue, 'NOT_FOUND');
    await refused('qs-team1', 'rectificationCreate', { ...fromClue, sourceClue: Buffer.from('ProblemClue:999999').toString('base64url') }, 'NOT_FOUND');
    await refused('qs-team1', 'rectificationCreate', { ...fromClue, sourceClue: vetoed }, 'BAD_USER_INPUT');
    await refused('qs-team1', 'rectificationCreate', { ...fromClue, source: 'DAILY_SUPERVISION' }, 'BAD_USER_INPUT');
    // and the campaign it belongs to must exist
    await refused('qs-team1', 'rectificationCreate', { ...fromClue, campaign: Buffer.from('Campaign:999999').toString('base64url') }, 'NOT_FOUND');
    await refused('qs-team1', 'rectificationCreate', { ...fromClue, campaign: clueUnit }, 'BAD_USER_INPUT');
    const [campaign] = await app.sql('select id from campaign order by id limit 1');
    const c = Buffer.from(`Campaign:${campaign.id}`).toString('base64url');
    const before = (await app.gql('qs-team1', 'query($c: ID) { rectifications(filter: { campaign: $c, source: CLUE }) { totalCount } }', { c })).body.data.rectifications.totalCount;
    const linked = await ok('qs-team1', 'rectificationCreate', { ...fromClue, campaign: c }, 'rectification { id source }');
    expect(linked.rectification.source).toBe('CLUE');
    const [row] = await app.sql('select source_clue_id, campaign_id from rectification where id = $1', [Number(Buffer.from(linked.rectification.id, 'base64url').toString().split(':')[1])]);
    expect(row).toEqual({ source_clue_id: clue.id, campaign_id: campaign.id });
    const after = (await app.gql('qs-team1', 'query($c: ID) { rectifications(filter: { campaign: $c, source: CLUE }) { totalCount } }', { c })).body.data.rectifications.totalCount;
    expect(after).toBe(before + 1);

    // the unit itself, the organisation department and the administrators record nothing
    for (const as of ['qs-finance', 'qs-org', 'sysadmin', 'qs-petition']) {
      const before = await app.fingerprint();
      const r = await mutate(as, 'rectificationCreate', { ...base, responsibleUnit: zr, source: 'DAILY_SUPERVISION' });
      expect(r.body.data.rectificationCreate).toBeNull();
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(await app.fingerprint()).toBe(before);
    }
  });
});

describe('the two ledgers (两本账)', () => {
  const EFFECTIVE = "case when status = 'COMPLETED' then 'COMPLETED' when deadline < $1::date then 'OVERDUE' else status::text end";
  const LEDGER = `query($u: ID, $p: RectificationLedgerPeriod, $c: ID) { rectificationLedger(unitSubtree: $u, period: $p, campaign: $c) { rows { status selfFound external } selfFoundTotal externalTotal } }`;

  /** The ledger counted independently in SQL, over rows matching `where` (params from $2). */
  async function expected(day: string, where: string, params: unknown[] = []) {
    const rows = await app.sql(`select origin::text as origin, ${EFFECTIVE} as s, count(*)::int as n from rectification where ${where} group by 1, 2`, [day, ...params]);
    const n = (o: string, s: string) => rows.find((r) => r.origin === o && r.s === s)?.n ?? 0;
    const statuses = ['IMMEDIATE', 'IN_PROGRESS', 'PENDING', 'OVERDUE', 'COMPLETED'];
    const out = statuses.map((s) => ({ status: s, selfFound: n('SELF_FOUND', s), external: n('EXTERNAL', s) }));
    return { rows: out, selfFoundTotal: out.reduce((a, r) => a + r.selfFound, 0), externalTotal: out.reduce((a, r) => a + r.external, 0) };
  }

  const under = (code: string, i: number) => `unit_path like (select path from unit where code = $${i}) || '%'`;

  test('counts by status, side by side, as each role may see them', async () => {
    setDay('2026-07-02');
    const cases: [string, string, unknown[]][] = [
      ['qs-discipline', under('QS', 2), ['QS']],
      ['qs-party', under('QS', 2), ['QS']],
      ['qs-team1', `(${under('', 2)} or ${under('', 3)})`, ['QS-CZ', 'QS-JY']],
      ['qs-team2', `(${under('', 2)} or ${under('', 3)})`, ['QS-ZR', 'QS-WJ']],
      ['dongling-party', under('QS-DL', 2), ['QS-DL']],
      ['qs-finance', 'unit_path = (select path from unit where code = $2)', ['QS-CZ']],
    ];
    for (const [as, where, params] of cases) {
      const r = await app.gql(as, LEDGER);
      expect(r.body.errors).toBeUndefined();
      expect({ as, ledger: r.body.data.rectificationLedger }).toEqual({ as, ledger: await expected('2026-07-02', where, params) });
    }
    // on the day the demo county was loaded, both ledgers hold rows and every status is present
    setDay('2026-03-10');
    const all = (await app.gql('qs-discipline', LEDGER)).body.data.rectificationLedger;
    expect(all).toEqual(await expected('2026-03-10', under('QS', 2), ['QS']));
    expect(all.selfFoundTotal).toBeGreaterThan(3);
    expect(all.externalTotal).toBeGreaterThan(3);
    for (const row of all.rows as Json[]) expect({ status: row.status, any: row.selfFound + row.external > 0 }).toEqual({ status: row.status, any: true });
    setDay('2026-07-02');

    for (const as of ['qs-org', 'sysadmin', 'secadmin', 'auditor', 'qs-petition']) {
      const r = await app.gql(as, LEDGER);
      expect(r.body.data.rectificationLedger).toBeNull();
      expect(codes(r)).toEqual(['FORBIDDEN']);
    }
  });

  test('by unit subtree, period over the date found, and campaign', async () => {
    const dl = await app.gid('Unit', "select id from unit where code = 'QS-DL'");
    let r = await app.gql('qs-discipline', LEDGER, { u: dl });
    expect(r.body.data.rectificationLedger).toEqual(await expected('2026-07-02', under('QS-DL', 2), ['QS-DL']));

    const p = { from: '2026-01-01', to: '2026-03-31' };
    r = await app.gql('qs-party', LEDGER, { p });
    expect(r.body.data.rectificationLedger).toEqual(await expected('2026-07-02', `${under('QS', 2)} and found_date between $3 and $4`, ['QS', p.from, p.to]));
    r = await app.gql('qs-party', LEDGER, { p: { from: '2026-04-01', to: '2026-03-01' } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);

    // campaign: the column is filled by the campaign's owner; here directly
    await app.sql("update rectification set campaign_id = 99999 where id in (select id from rectification order by id limit 4)");
    const campaign = Buffer.from('Campaign:99999').toString('base64url');
    r = await app.gql('qs-discipline', LEDGER, { c: campaign });
    const byCampaign = await expected('2026-07-02', 'campaign_id = 99999');
    expect(r.body.data.rectificationLedger).toEqual(byCampaign);
    expect(byCampaign.selfFoundTotal + byCampaign.externalTotal).toBe(4);
    const list = await app.gql('qs-discipline', 'query($c: ID) { rectifications(first: 100, filter: { campaign: $c }) { totalCount } }', { c: campaign });
    expect(list.body.data.rectifications.totalCount).toBe(4);
    const wrongType = await app.gql('qs-discipline', 'query($c: ID) { rectifications(filter: { campaign: $c }) { totalCount } }', { c: dl });
    expect(codes(wrongType)).toEqual(['BAD_USER_INPUT']);
  });

  test('the list filters agree with the ledger', async () => {
    const ledger = (await app.gql('qs-discipline', LEDGER)).body.data.rectificationLedger;
    for (const row of ledger.rows as Json[]) {
      for (const [origin, n] of [['SELF_FOUND', row.selfFound], ['EXTERNAL', row.external]] as const) {
        const r = await app.gql('qs-discipline', `{ rectifications(first: 100, filter: { statuses: [${row.status}], origin: ${origin} }) { totalCount nodes { status origin } } }`);
        expect(r.body.data.rectifications.totalCount).toBe(n);
        for (const node of r.body.data.rectifications.nodes) expect(node).toEqual({ status: row.status, origin });
      }
    }
    const assessed = await app.gql('qs-discipline', '{ rectifications(first: 100, filter: { source: ASSESSMENT }) { nodes { source responsibleUnit { code } } } }');
    expect(assessed.body.data.rectifications.nodes.length).toBeGreaterThan(0);
    for (const n of assessed.body.data.rectifications.nodes) expect(n).toEqual({ source: 'ASSESSMENT', responsibleUnit: { code: 'QS-ZR' } });
    // the demo county also has rectifications from a clue, and some in its campaign
    const [demo] = await app.sql("select count(*) filter (where source = 'CLUE' and source_clue_id is not null)::int as clue, count(*) filter (where campaign_id = (select min(id) from campaign))::int as campaign from rectification where registered_date <= '2026-03-10'");
    expect(demo.clue).toBeGreaterThan(0);
    expect(demo.campaign).toBeGreaterThan(0);
  });
});
