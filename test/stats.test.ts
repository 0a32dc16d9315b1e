import ExcelJS from 'exceljs';
import { startTestApp, codes, type TestApp } from './support/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

const unitGid = (code: string) => app.gid('Unit', 'select id from unit where code = $1', [code]);
const accountGid = (username: string) => app.gid('Account', 'select id from account where username = $1', [username]);
const official = (where: string, params: unknown[]) =>
  app.gid('Official', `select o.id from official o join unit u on u.id = o.unit_id where ${where} order by o.id limit 1`, params);

/** Runs a mutation; expects no error and no user error; returns the named object of the payload. */
async function ok(as: string, name: string, inputType: string, input: Record<string, unknown>, field: string, selection = 'id version'): Promise<any> {
  const r = await app.gql(as, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${field} { ${selection} } userErrors { field message code } } }`, { input });
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data[name].userErrors).toEqual([]);
  return r.body.data[name][field];
}

const FIG = 'value display lastYear lastYearDisplay changePercent';
const STATS = `query($unit: ID!, $period: StatisticsPeriodInput!, $campaign: ID) {
  statistics(unit: $unit, period: $period, campaign: $campaign) {
    unit { code } period { from to } lastYearPeriod { from to } masked
    cluesFound { ${FIG} } problemsFound { ${FIG} } fixedAtOnce { ${FIG} } beingFixed { ${FIG} } waiting { ${FIG} } completed { ${FIG} }
    moneyRecovered { value lastYear changePercent }
    peopleDisciplined { ${FIG} } peopleHeldAccountable { ${FIG} } leadersHeldAccountable { ${FIG} } casesTransferredToJudiciary { ${FIG} }
    typicalCasesNamed { ${FIG} } petitionsReceived { ${FIG} } cluesVerified { ${FIG} } casesFiled { ${FIG} } casesConcluded { ${FIG} } peopleSanctioned { ${FIG} }
    fourForms { form figure { ${FIG} } } bySanctionKind { kind figure { ${FIG} } }
  }
}`;
const EXPORT = `query($unit: ID!, $period: StatisticsPeriodInput!, $format: StatisticsExportFormat!, $campaign: ID) {
  statisticsExport(unit: $unit, period: $period, format: $format, campaign: $campaign) { fileName mimeType contentBase64 }
}`;
const YEAR = { from: '2022-01-01', to: '2022-12-31' };

/** The unmasked figure of (current, last year), with the change the API must compute. */
const fig = (value: number, lastYear: number, changePercent: number | null) => ({ value, display: String(value), lastYear, lastYearDisplay: String(lastYear), changePercent });

let campaign: string;
let otherCampaign: string;

describe('a county\'s figures over two consecutive years, entered through the public API', () => {
  test('no record of the demo county falls in 2021 or 2022, so the fixture alone decides the figures', async () => {
    const [r] = await app.sql(`select
      (select count(*) from problem_clue where received_on between '2021-01-01' and '2022-12-31' or case_filed_on between '2021-01-01' and '2022-12-31' or concluded_on between '2021-01-01' and '2022-12-31')::int as clues,
      (select count(*) from problem_clue_event where occurred_on between '2021-01-01' and '2022-12-31')::int as events,
      (select count(*) from sanction where decision_date between '2021-01-01' and '2022-12-31')::int as sanctions,
      (select count(*) from rectification where found_date between '2021-01-01' and '2022-12-31')::int as rects,
      (select count(*) from petition where received_on between '2021-01-01' and '2022-12-31')::int as petitions`);
    expect(r).toEqual({ clues: 0, events: 0, sanctions: 0, rects: 0, petitions: 0 });
  });

  test('fixture: clues, sanctions, rectifications (API); petitions (SQL: petition systems push only today\'s petitions)', async () => {
    const cz = "u.code = 'QS-CZ'";
    const P1 = await official(`${cz} and o.is_principal`, []);
    const [S1, S2, S3] = await Promise.all([0, 1, 2].map((i) =>
      app.gid('Official', `select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-CZ' and not o.is_principal and o.rank = 'STAFF' order by o.id offset ${i} limit 1`)));
    const J1 = await official(`u.code = 'QS-JY' and not o.is_principal and o.rank = 'STAFF'`, []);
    const P2 = await official(`u.code = 'QS-JY' and o.is_principal`, []);
    const D1 = await official(`u.code = 'QS-DL-01'`, []);
    const handler = await accountGid('qs-discipline');
    const camp = await ok('qs-discipline', 'campaignCreate', 'CampaignCreateInput', {
      name: '（测试）2022 专项整治', kind: 'SPECIAL_RECTIFICATION', theme: '（测试）群众身边不正之风', periodStart: '2022-01-01', periodEnd: '2022-12-31', leadUnit: await unitGid('QS'),
    }, 'campaign');
    campaign = camp.id;

    const clue = async (subject: string, receivedOn: string, extra: Record<string, unknown> = {}) =>
      ok('qs-discipline', 'clueRecord', 'ClueRecordInput', { source: 'PETITION', subjects: [subject], summary: '（测试）线索', receivedOn, handler, deadline: `${receivedOn.slice(0, 4)}-12-31`, ...extra }, 'clue');
    const step = (name: string, type: string, input: Record<string, unknown>) => ok('qs-discipline', name, type, input, 'clue');
    const pv = (c: any, on: string) => step('clueDispose', 'ClueDisposeInput', { id: c.id, version: c.version, disposition: 'PRELIMINARY_VERIFICATION', decidedOn: on, reason: '初核' });
    const sanction = (o: string, category: string, kind: string, fourForms: string, decisionDate: string, publiclyNamed = false) =>
      ok('qs-discipline', 'sanctionRecord', 'SanctionRecordInput', {
        official: o, category, kind, fourForms, decisionDate, effectiveDate: decisionDate, decidingOrgan: '青山县纪委', publiclyNamed, reasonSummary: '（测试）违反纪律',
      }, 'sanction');
    const money = (c: any, amount: number) => step('clueRecordRecoveredMoney', 'ClueRecordRecoveredMoneyInput', { id: c.id, version: c.version, amount });

    // 2022
    let c1 = await clue(S1, '2022-02-01', { campaign });
    c1 = await pv(c1, '2022-02-10');
    c1 = await step('clueFileCase', 'ClueFileCaseInput', { id: c1.id, version: c1.version, filedOn: '2022-03-01' });
    const s1 = await sanction(S1, 'PARTY_DISCIPLINE', 'WARNING', 'SECOND', '2022-05-20');
    c1 = await step('clueConcludeCase', 'ClueConcludeCaseInput', { id: c1.id, version: c1.version, concludedOn: '2022-06-01', sanctions: [s1.id] });
    await money(c1, 12345.67);
    const c2 = await clue(S2, '2022-03-05');
    await pv(c2, '2022-03-10');
    await clue(J1, '2022-04-01', { unit: await unitGid('QS-JY') });
    const c4 = await clue(D1, '2022-05-01');
    const c4t = await step('clueDispose', 'ClueDisposeInput', { id: c4.id, version: c4.version, disposition: 'TALK_OR_INQUIRY_LETTER', decidedOn: '2022-05-02', reason: '函询' });
    // escalated from the talk: verified as well
    await step('clueEscalate', 'ClueEscalateInput', { id: c4t.id, version: c4t.version, decidedOn: '2022-05-20', reason: '转初核' });
    await money(await clue(S3, '2022-06-01'), 100);
    await sanction(S1, 'GOVERNMENT', 'DEMERIT', 'SECOND', '2022-05-20');
    await sanction(P1, 'ACCOUNTABILITY', 'ADMONISHMENT', 'FIRST', '2022-07-01', true);
    await sanction(S3, 'ACCOUNTABILITY', 'ADMONISHMENT', 'FIRST', '2022-07-01');
    await sanction(J1, 'JUDICIAL', 'TRANSFERRED_TO_JUDICIARY', 'FOURTH', '2022-08-01', true);
    await sanction(D1, 'PARTY_DISCIPLINE', 'WARNING', 'SECOND', '2022-09-01');
    // a revoked sanction is no outcome: it counts nowhere
    const gone = await sanction(S2, 'PARTY_DISCIPLINE', 'WARNING', 'SECOND', '2022-10-01');
    await ok('qs-discipline', 'sanctionRevoke', 'SanctionRevokeInput', { id: gone.id, version: gone.version, revokedDate: '2022-11-01', reason: '（测试）申诉成立' }, 'sanction');

    // 2021
    let d1 = await clue(S2, '2021-02-01');
    d1 = await pv(d1, '2021-02-05');
    d1 = await step('clueFileCase', 'ClueFileCaseInput', { id: d1.id, version: d1.version, filedOn: '2021-03-01' });
    const t1 = await sanction(S2, 'PARTY_DISCIPLINE', 'SERIOUS_WARNING', 'SECOND', '2021-04-20');
    d1 = await step('clueConcludeCase', 'ClueConcludeCaseInput', { id: d1.id, version: d1.version, concludedOn: '2021-05-01', sanctions: [t1.id] });
    await money(d1, 10000);
    await clue(J1, '2021-07-01', { unit: await unitGid('QS-JY') });
    await sanction(P2, 'ACCOUNTABILITY', 'ADMONISHMENT', 'FIRST', '2021-06-01');
    await sanction(J1, 'EDUCATION', 'REMINDER_TALK', 'FIRST', '2021-06-01');

    // rectifications: found in 2022 (5) and 2021 (2)
    const rect = async (unit: string, status: string, foundDate: string) =>
      ok('qs-discipline', 'rectificationCreate', 'RectificationCreateInput', {
        responsibleUnit: await unitGid(unit), problem: '（测试）问题', measures: '（测试）措施', deadline: '2099-12-31', status, origin: 'SELF_FOUND', source: 'DAILY_SUPERVISION', foundDate,
      }, 'rectification');
    await rect('QS-CZ', 'IMMEDIATE', '2022-02-01');
    await rect('QS-JY', 'IMMEDIATE', '2022-03-01');
    await rect('QS-CZ', 'IN_PROGRESS', '2022-04-01');
    await rect('QS-DL-01', 'PENDING', '2022-05-01');
    const r5 = await rect('QS-CZ', 'IN_PROGRESS', '2022-06-01');
    await ok('qs-discipline', 'rectificationVerify', 'RectificationVerifyInput', { id: r5.id, version: r5.version, passed: true, note: '（测试）验收通过' }, 'rectification');
    await rect('QS-CZ', 'IMMEDIATE', '2021-02-01');
    await rect('QS-CZ', 'PENDING', '2021-03-01');

    // petitions: history rows with past received dates
    const petition = (unit: string, on: string, n: number) =>
      app.sql(
        `insert into petition (content_hash, channel, received_at, received_on, anonymous, content, unit_id, unit_path, receipt_code, accept_deadline)
         select md5($3), 'LETTER', $2::date, $2::date, true, '（测试）信访', u.id, u.path, lpad($3, 16, '9'), $2::date + 15 from unit u where u.code = $1`,
        [unit, on, String(n)],
      );
    await petition('QS-CZ', '2022-01-10', 1);
    await petition('QS-CZ', '2022-02-10', 2);
    await petition('QS-DL-01', '2022-03-10', 3);
    for (let i = 0; i < 4; i++) await petition('QS-JY', `2021-0${i + 1}-15`, 10 + i);

    // a campaign led in a township: out of a dispatched team's reach
    const [dl] = await app.sql(`insert into campaign (name, kind, theme, period_start, period_end, lead_unit_id, unit_path)
      select '（测试）东岭专项', 'SPECIAL_ACTION', '（测试）', '2022-01-01', '2022-12-31', id, path from unit where code = 'QS-DL' returning id`);
    otherCampaign = Buffer.from(`Campaign:${dl.id}`).toString('base64url');
  }, 60_000);

  test('DISCIPLINE_COMMISSION: exact counts, money and year-on-year percentages for the county', async () => {
    const r = await app.gql('qs-discipline', STATS, { unit: await unitGid('QS'), period: YEAR });
    expect(r.body.errors).toBeUndefined();
    const s = r.body.data.statistics;
    expect(s).toMatchObject({
      unit: { code: 'QS' },
      period: YEAR,
      lastYearPeriod: { from: '2021-01-01', to: '2021-12-31' },
      masked: false,
      cluesFound: fig(5, 2, 150),
      cluesVerified: fig(3, 1, 200),
      casesFiled: fig(1, 1, 0),
      casesConcluded: fig(1, 1, 0),
      moneyRecovered: { value: '12445.67', lastYear: '10000.00', changePercent: 24.5 },
      problemsFound: fig(5, 2, 150),
      fixedAtOnce: fig(2, 1, 100),
      beingFixed: fig(1, 0, null),
      waiting: fig(1, 1, 0),
      completed: fig(1, 0, null),
      peopleDisciplined: fig(2, 1, 100),
      peopleHeldAccountable: fig(2, 1, 100),
      leadersHeldAccountable: fig(1, 1, 0),
      casesTransferredToJudiciary: fig(1, 0, null),
      typicalCasesNamed: fig(2, 0, null),
      petitionsReceived: fig(3, 4, -25),
      peopleSanctioned: fig(5, 3, 66.7),
    });
    expect(s.fourForms).toEqual([
      { form: 'FIRST', figure: fig(2, 2, 0) },
      { form: 'SECOND', figure: fig(3, 1, 200) },
      { form: 'THIRD', figure: fig(0, 0, null) },
      { form: 'FOURTH', figure: fig(1, 0, null) },
    ]);
    const kinds = Object.fromEntries(s.bySanctionKind.filter((k: any) => k.figure.value || k.figure.lastYear).map((k: any) => [k.kind, [k.figure.value, k.figure.lastYear]]));
    expect(kinds).toEqual({ WARNING: [2, 0], SERIOUS_WARNING: [0, 1], DEMERIT: [1, 0], ADMONISHMENT: [2, 1], REMINDER_TALK: [0, 1], TRANSFERRED_TO_JUDICIARY: [1, 0] });
    expect(s.bySanctionKind).toHaveLength(25);
  });

  test('a shorter period: only the first half of each year', async () => {
    const r = await app.gql('qs-discipline', STATS, { unit: await unitGid('QS'), period: { from: '2022-01-01', to: '2022-06-30' } });
    const s = r.body.data.statistics;
    expect(s.lastYearPeriod).toEqual({ from: '2021-01-01', to: '2021-06-30' });
    // 2021-07-01 clue falls outside last year's half
    expect(s.cluesFound).toEqual(fig(5, 1, 400));
    expect(s.peopleSanctioned).toEqual(fig(1, 3, -66.7));
  });

  test('a campaign: only its clues and the sanctions of their cases', async () => {
    const r = await app.gql('qs-discipline', STATS, { unit: await unitGid('QS'), period: YEAR, campaign });
    const s = r.body.data.statistics;
    expect(s).toMatchObject({
      cluesFound: fig(1, 0, null), cluesVerified: fig(1, 0, null), casesFiled: fig(1, 0, null), casesConcluded: fig(1, 0, null),
      moneyRecovered: { value: '12345.67', lastYear: '0.00', changePercent: null },
      peopleSanctioned: fig(1, 0, null), peopleDisciplined: fig(1, 0, null), problemsFound: fig(0, 0, null), petitionsReceived: fig(0, 0, null),
    });
  });

  test('PARTY_COMMITTEE: the aggregates of its subtree (clues included), 1 and 2 shown as "<3"', async () => {
    const r = await app.gql('qs-party', STATS, { unit: await unitGid('QS'), period: YEAR });
    expect(r.body.errors).toBeUndefined();
    const s = r.body.data.statistics;
    const masked = { value: null, display: '<3', lastYear: null, lastYearDisplay: '<3', changePercent: null };
    expect(s.masked).toBe(true);
    expect(s.cluesFound).toEqual({ value: 5, display: '5', lastYear: null, lastYearDisplay: '<3', changePercent: null });
    expect(s.casesFiled).toEqual(masked);
    expect(s.peopleDisciplined).toEqual(masked);
    expect(s.casesTransferredToJudiciary).toEqual({ value: null, display: '<3', lastYear: 0, lastYearDisplay: '0', changePercent: null });
    expect(s.peopleSanctioned).toEqual({ value: 5, display: '5', lastYear: 3, lastYearDisplay: '3', changePercent: 66.7 });
    expect(s.petitionsReceived).toEqual({ value: 3, display: '3', lastYear: 4, lastYearDisplay: '4', changePercent: -25 });
    expect(s.fourForms[1].figure).toEqual({ value: 3, display: '3', lastYear: null, lastYearDisplay: '<3', changePercent: null });
    expect(s.moneyRecovered.value).toBe('12445.67');
  });

  test('the party committee of a township: its subtree only; the county is NOT_FOUND', async () => {
    const r = await app.gql('dongling-party', STATS, { unit: await unitGid('QS-DL'), period: YEAR });
    expect(r.body.data.statistics).toMatchObject({
      masked: true,
      cluesFound: { value: null, display: '<3' },
      petitionsReceived: { value: null, display: '<3', lastYear: 0 },
      problemsFound: { value: null, display: '<3' },
      peopleSanctioned: { value: null, display: '<3' },
    });
    const out = await app.gql('dongling-party', STATS, { unit: await unitGid('QS'), period: YEAR });
    expect(out.body.data.statistics).toBeNull();
    expect(codes(out)).toEqual(['NOT_FOUND']);
  });

  test('DISPATCHED_TEAM: only its assigned units are counted (checked against SQL)', async () => {
    const r = await app.gql('qs-team1', STATS, { unit: await unitGid('QS-CZ'), period: YEAR });
    const s = r.body.data.statistics;
    const [c] = await app.sql(`select count(*) filter (where received_on >= '2022-01-01')::int as cur, count(*) filter (where received_on < '2022-01-01')::int as prev
      from problem_clue where unit_path like (select path from unit where code = 'QS-CZ') || '%' and received_on between '2021-01-01' and '2022-12-31'`);
    expect(s.masked).toBe(false);
    expect([s.cluesFound.value, s.cluesFound.lastYear]).toEqual([c.cur, c.prev]);
    expect(s.cluesFound.value).toBe(3);
    expect(s.petitionsReceived).toEqual(fig(2, 0, null));
    const county = await app.gql('qs-team1', STATS, { unit: await unitGid('QS'), period: YEAR });
    expect(county.body.data.statistics).toBeNull();
    expect(codes(county)).toEqual(['NOT_FOUND']);
  });

  test('bad input: a period ending before it starts, a campaign out of scope, a role without statistics', async () => {
    const qs = await unitGid('QS');
    const back = await app.gql('qs-discipline', STATS, { unit: qs, period: { from: '2022-12-31', to: '2022-01-01' } });
    expect(back.body.data.statistics).toBeNull();
    expect(codes(back)).toEqual(['BAD_USER_INPUT']);
    const camp = await app.gql('qs-team1', STATS, { unit: await unitGid('QS-CZ'), period: YEAR, campaign: otherCampaign });
    expect(camp.body.data.statistics).toBeNull();
    expect(codes(camp)).toEqual(['NOT_FOUND']);
    for (const who of ['qs-finance', 'qs-org', 'sysadmin']) {
      const r = await app.gql(who, STATS, { unit: qs, period: YEAR });
      expect(r.body.data?.statistics ?? null).toBeNull();
      expect(codes(r)).toEqual(['FORBIDDEN']);
    }
  });

  test('the .xlsx export opens with exceljs and holds the same numbers; the party committee\'s is masked too', async () => {
    const qs = await unitGid('QS');
    const stats = (await app.gql('qs-discipline', STATS, { unit: qs, period: YEAR })).body.data.statistics;
    const r = await app.gql('qs-discipline', EXPORT, { unit: qs, period: YEAR, format: 'XLSX' });
    expect(r.body.errors).toBeUndefined();
    const f = r.body.data.statisticsExport;
    expect(f.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(f.fileName).toBe('statistics-QS-2022-01-01-2022-12-31.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.contentBase64, 'base64') as never);
    const ws = wb.worksheets[0];
    const rows = new Map<string, unknown[]>();
    ws.eachRow((row) => {
      const v = row.values as unknown[];
      rows.set(String(v[1]), v.slice(2, 5));
    });
    const row = (prefix: string) => [...rows.entries()].find(([k]) => k.startsWith(prefix))![1];
    expect(row('发现问题线索')).toEqual([stats.cluesFound.value, stats.cluesFound.lastYear, 150]);
    expect(row('清理问题资金')).toEqual([12445.67, 10000, 24.5]);
    expect(row('处分人数')).toEqual([5, 3, 66.7]);
    expect(row('受理信访举报')).toEqual([3, 4, -25]);
    expect(row('移送司法机关')).toEqual([1, 0, undefined]);

    const pc = await app.gql('qs-party', EXPORT, { unit: qs, period: YEAR, format: 'XLSX' });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(pc.body.data.statisticsExport.contentBase64, 'base64') as never);
    const found: unknown[][] = [];
    wb2.worksheets[0].eachRow((r2) => found.push((r2.values as unknown[]).slice(1)));
    expect(found.find((v) => String(v[0]).startsWith('立案'))!.slice(1, 3)).toEqual(['<3', '<3']);
  });

  test('the CSV export holds the same numbers', async () => {
    const r = await app.gql('qs-party', EXPORT, { unit: await unitGid('QS'), period: YEAR, format: 'CSV' });
    const f = r.body.data.statisticsExport;
    expect(f.mimeType).toBe('text/csv; charset=utf-8');
    const text = Buffer.from(f.contentBase64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n').map((l) => l.split(','));
    const line = (prefix: string) => lines.find((l) => l[0].startsWith(prefix))!.slice(1);
    expect(line('发现问题线索')).toEqual(['5', '<3', '']);
    expect(line('处分人数')).toEqual(['5', '3', '66.7']);
    expect(line('受理信访举报')).toEqual(['3', '4', '-25.0']);
    expect(line('立案')).toEqual(['<3', '<3', '']);
  });
});
