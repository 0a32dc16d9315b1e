import { startTestApp, globalId, codes, type TestApp, type GqlResult } from './support/app';

/**
 * Problem clues: the lifecycle walked from receipt to 结案 (with 一案双查) and to 澄清正名, every
 * illegal step refused with nothing changed, bad input, and overdue / reminders over a simulated
 * calendar.
 */
const TODAY = '2026-06-15';
let current = new Date(`${TODAY}T04:00:00Z`);
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ clock: { now: () => current } });
});
afterAll(async () => app?.stop());

const accountGid = (username: string) => app.gid('Account', 'select id from account where username = $1', [username]);
const officialAt = (code: string, index: number) =>
  app.gid('Official', 'select o.id from official o join unit u on u.id = o.unit_id where u.code = $1 order by o.id offset $2 limit 1', [code, index]);
const unitGid = (code: string) => app.gid('Unit', 'select id from unit where code = $1', [code]);
const seedCampaign = () => app.gid('Campaign', 'select id from campaign order by id limit 1');
const seedBatch = (n: number) => app.gid('CampaignBatch', 'select id from campaign_batch where campaign_id = (select min(id) from campaign) and number = $1', [n]);
const keyOf = (gid: string) => Number(Buffer.from(gid, 'base64url').toString('utf8').split(':')[1]);

const CLUE = `id version status summary disposition dispositionReason decidedOn caseFiledOn concludedOn conclusion clearedOn clearingNote deadline receivedOn
  overdue reminderDue nextStatuses recoveredMoney details unit { code } subjects { id } campaign { id } batch { id number }
  handler { id displayName } decidedBy { id displayName } sanctions { id kind clue { id } } history { fromStatus toStatus occurredOn note account { displayName } }
  viewerCan { update transition recordRecoveredMoney }`;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const mut = (as: string, name: string, input: Record<string, unknown>): Promise<GqlResult> =>
  app.gql(as, `mutation($input: ${cap(name)}Input!) { ${name}(input: $input) { clue { ${CLUE} } userErrors { field message code } } }`, { input });

/** A mutation that must succeed; returns the clue. */
async function ok(as: string, name: string, input: Record<string, unknown>): Promise<any> {
  const r = await mut(as, name, input);
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data[name].userErrors).toEqual([]);
  return r.body.data[name].clue;
}

/** A mutation that must be refused with one user error, changing nothing in the database. */
async function refused(as: string, name: string, input: Record<string, unknown>, code: string, field?: string): Promise<{ field: string[]; message: string; code: string }> {
  const before = await app.fingerprint();
  const r = await mut(as, name, input);
  expect(r.body.errors).toBeUndefined();
  const p = r.body.data[name];
  expect(p.clue).toBeNull();
  expect(p.userErrors).toHaveLength(1);
  expect(p.userErrors[0].code).toBe(code);
  if (field) expect(p.userErrors[0].field).toEqual(['input', field]);
  expect(await app.fingerprint()).toBe(before);
  return p.userErrors[0];
}

const readClue = async (as: string, id: string) => {
  const r = await app.gql(as, `query($id: ID!) { clue(id: $id) { ${CLUE} } }`, { id });
  expect(r.body.errors).toBeUndefined();
  return r.body.data.clue;
};

/**
 * The lifecycle, written out here independently of the code: the mutations allowed from each
 * status. Every other lifecycle mutation must be refused with CONFLICT.
 */
const ALLOWED: Record<string, string[]> = {
  RECEIVED: ['clueDispose'],
  TALK_OR_INQUIRY_LETTER: ['clueFinishTalk', 'clueEscalate', 'clueClear'],
  PRELIMINARY_VERIFICATION: ['clueFileCase', 'clueClear'],
  SHELVED: ['clueReopen'],
  CASE_FILED: ['clueConcludeCase'],
  CLOSED: [],
  TALK_CONCLUDED: [],
  CASE_CONCLUDED: [],
  CLEARED: [],
};
const NEXT: Record<string, string[]> = {
  RECEIVED: ['TALK_OR_INQUIRY_LETTER', 'PRELIMINARY_VERIFICATION', 'SHELVED', 'CLOSED'],
  TALK_OR_INQUIRY_LETTER: ['TALK_CONCLUDED', 'PRELIMINARY_VERIFICATION', 'CLEARED'],
  PRELIMINARY_VERIFICATION: ['CASE_FILED', 'CLEARED'],
  SHELVED: ['RECEIVED'],
  CASE_FILED: ['CASE_CONCLUDED'],
  CLOSED: [],
  TALK_CONCLUDED: [],
  CASE_CONCLUDED: [],
  CLEARED: [],
};
const STEP_INPUTS: Record<string, Record<string, unknown>> = {
  clueDispose: { disposition: 'CLOSED', decidedOn: TODAY, reason: '（测试）' },
  clueFileCase: { filedOn: TODAY },
  clueConcludeCase: { concludedOn: TODAY, sanctions: [] },
  clueClear: { clearedOn: TODAY, note: '（测试）' },
  clueFinishTalk: { concludedOn: TODAY, conclusion: '（测试）' },
  clueEscalate: { decidedOn: TODAY, reason: '（测试）' },
  clueReopen: { reopenedOn: TODAY, reason: '（测试）' },
};

/** Every lifecycle mutation the table does not allow from the clue's status is refused with CONFLICT, nothing changed. */
async function illegalStepsRefused(as: string, clue: { id: string; version: number; status: string }) {
  for (const action of Object.keys(STEP_INPUTS)) {
    if (ALLOWED[clue.status].includes(action)) continue;
    const e = await refused(as, action, { id: clue.id, version: clue.version, ...STEP_INPUTS[action] }, 'CONFLICT', 'id');
    // the message names the current status and where the clue may go
    expect(e.message).toContain(`(${clue.status})`);
    for (const next of NEXT[clue.status]) expect(e.message).toContain(`(${next})`);
    if (!NEXT[clue.status].length) expect(e.message).toContain('final');
  }
  const now = await readClue(as, clue.id);
  expect(now.status).toBe(clue.status);
  expect(now.version).toBe(clue.version);
  expect(now.nextStatuses).toEqual(NEXT[clue.status]);
}

const SANCTION = `mutation($input: SanctionRecordInput!) { sanctionRecord(input: $input) { sanction { id } userErrors { field message code } } }`;
async function recordSanction(input: Record<string, unknown>): Promise<string> {
  const r = await app.gql('qs-discipline', SANCTION, {
    input: { decidingOrgan: '中共青山县纪律检查委员会', reasonSummary: '（测试）违规问题', caseFacts: '（测试）案情', fourForms: 'SECOND', decisionDate: '2026-06-01', effectiveDate: '2026-06-01', ...input },
  });
  expect(r.body.data.sanctionRecord.userErrors).toEqual([]);
  return r.body.data.sanctionRecord.sanction.id;
}

describe('a clue walked from receipt to 结案, with two sanctions and one leader held accountable (一案双查)', () => {
  let clue: any;
  let subject: string;
  let leader: string;
  const sanctions: string[] = [];

  test('clueRecord: received, with its campaign, batch, handler and deadline; the unit is the subject\'s', async () => {
    subject = await officialAt('QS-CZ', 8);
    leader = await officialAt('QS-CZ', 0);
    const handler = await accountGid('qs-team1');
    clue = await ok('qs-discipline', 'clueRecord', {
      source: 'PETITION',
      subjects: [subject],
      summary: '（测试）反映某科员违规收受礼金',
      details: '（测试）实名举报：春节期间收受购物卡3000元',
      receivedOn: '2026-05-04',
      campaign: await seedCampaign(),
      batch: await seedBatch(2),
      handler,
      deadline: '2026-08-31',
    });
    expect(clue).toMatchObject({
      version: 1,
      status: 'RECEIVED',
      disposition: null,
      receivedOn: '2026-05-04',
      deadline: '2026-08-31',
      overdue: false,
      reminderDue: false,
      unit: { code: 'QS-CZ' },
      subjects: [{ id: subject }],
      campaign: { id: await seedCampaign() },
      batch: { id: await seedBatch(2), number: 2 },
      handler: { id: handler, displayName: '第一派驻纪检监察组' },
      sanctions: [],
      viewerCan: { update: true, transition: true, recordRecoveredMoney: true },
      nextStatuses: NEXT.RECEIVED,
    });
    expect(clue.history).toEqual([{ fromStatus: null, toStatus: 'RECEIVED', occurredOn: '2026-05-04', note: null, account: { displayName: '青山县纪委监委' } }]);
    const rows = await app.sql('select c.unit_path, c.handler_id, array_agg(s.official_id) as subjects from problem_clue c join problem_clue_subject s on s.clue_id = c.id where c.id = $1 group by c.id', [keyOf(clue.id)]);
    expect(rows[0].subjects).toEqual([keyOf(subject)]);
    expect(rows[0].unit_path).toBe((await app.sql("select path from unit where code = 'QS-CZ'"))[0].path);
  });

  test('from RECEIVED: filing, concluding (a case never filed), clearing, finishing, escalating and reopening are refused', async () => {
    await illegalStepsRefused('qs-discipline', clue);
    const e = await refused('qs-discipline', 'clueConcludeCase', { id: clue.id, version: clue.version, concludedOn: TODAY, sanctions: [] }, 'CONFLICT', 'id');
    expect(e.message).toMatch(/已受理 \(RECEIVED\).*cannot move it to 结案 \(CASE_CONCLUDED\)/);
  });

  test('clueDispose → 初步核实, decided by the caller; a stale version and a decision before receipt are refused', async () => {
    await refused('qs-discipline', 'clueDispose', { id: clue.id, version: clue.version + 1, disposition: 'PRELIMINARY_VERIFICATION', decidedOn: '2026-05-10', reason: '予以初核' }, 'CONFLICT', 'version');
    await refused('qs-discipline', 'clueDispose', { id: clue.id, version: clue.version, disposition: 'PRELIMINARY_VERIFICATION', decidedOn: '2026-05-01', reason: '予以初核' }, 'BAD_USER_INPUT', 'decidedOn');
    await refused('qs-discipline', 'clueDispose', { id: clue.id, version: clue.version, disposition: 'PRELIMINARY_VERIFICATION', decidedOn: '2026-06-16', reason: '予以初核' }, 'BAD_USER_INPUT', 'decidedOn');
    await refused('qs-discipline', 'clueDispose', { id: clue.id, version: clue.version, disposition: 'PRELIMINARY_VERIFICATION', decidedOn: '2026-05-10', reason: '   ' }, 'BAD_USER_INPUT', 'reason');
    clue = await ok('qs-discipline', 'clueDispose', { id: clue.id, version: clue.version, disposition: 'PRELIMINARY_VERIFICATION', decidedOn: '2026-05-10', reason: '反映具体，予以初步核实' });
    expect(clue).toMatchObject({
      version: 2,
      status: 'PRELIMINARY_VERIFICATION',
      disposition: 'PRELIMINARY_VERIFICATION',
      dispositionReason: '反映具体，予以初步核实',
      decidedOn: '2026-05-10',
      decidedBy: { id: await accountGid('qs-discipline'), displayName: '青山县纪委监委' },
    });
  });

  test('from 初步核实: a second disposition, concluding a case that was never filed, finishing a talk and reopening are refused', async () => {
    await illegalStepsRefused('qs-discipline', clue);
    const e = await refused('qs-discipline', 'clueConcludeCase', { id: clue.id, version: clue.version, concludedOn: TODAY, sanctions: [] }, 'CONFLICT');
    expect(e.message).toContain('立案 (CASE_FILED) by clueFileCase');
  });

  test('clueFileCase → 立案; a filing date before the decision is refused', async () => {
    await refused('qs-discipline', 'clueFileCase', { id: clue.id, version: clue.version, filedOn: '2026-05-09' }, 'BAD_USER_INPUT', 'filedOn');
    clue = await ok('qs-discipline', 'clueFileCase', { id: clue.id, version: clue.version, filedOn: '2026-05-20' });
    expect(clue).toMatchObject({ status: 'CASE_FILED', caseFiledOn: '2026-05-20', nextStatuses: ['CASE_CONCLUDED'] });
    await illegalStepsRefused('qs-discipline', clue);
  });

  test('clueConcludeCase refuses sanctions that are not outcomes of the case, and a date before the filing', async () => {
    sanctions.push(await recordSanction({ official: subject, category: 'PARTY_DISCIPLINE', kind: 'WARNING', reasonSummary: '（测试）违规收受礼金' }));
    sanctions.push(await recordSanction({ official: subject, category: 'GOVERNMENT', kind: 'DEMERIT', reasonSummary: '（测试）违规收受礼金（政务处分）' }));
    // 一案双查: the bureau's principal held accountable for the same matter
    sanctions.push(await recordSanction({ official: leader, category: 'ACCOUNTABILITY', kind: 'ADMONISHMENT', fourForms: 'FIRST', reasonSummary: '（测试）履行“一岗双责”不力', primarySanction: sanctions[0] }));
    const unrelated = await recordSanction({ official: await officialAt('QS-CZ', 9), category: 'PARTY_DISCIPLINE', kind: 'WARNING' });
    const base = { id: clue.id, version: clue.version, concludedOn: '2026-06-10', conclusion: '给予党内警告、记过处分，对局长诫勉' };
    const e1 = await refused('qs-discipline', 'clueConcludeCase', { ...base, sanctions: [...sanctions, unrelated] }, 'BAD_USER_INPUT', 'sanctions');
    expect(e1.message).toContain(unrelated);
    // an accountability whose primary sanction is not linked is not an outcome of this case
    await refused('qs-discipline', 'clueConcludeCase', { ...base, sanctions: [sanctions[2]] }, 'BAD_USER_INPUT', 'sanctions');
    await refused('qs-discipline', 'clueConcludeCase', { ...base, concludedOn: '2026-05-19', sanctions }, 'BAD_USER_INPUT', 'concludedOn');
    await refused('qs-discipline', 'clueConcludeCase', { ...base, sanctions: [sanctions[0], sanctions[0]] }, 'BAD_USER_INPUT', 'sanctions');
    await refused('qs-discipline', 'clueConcludeCase', { ...base, sanctions: [globalId('Sanction', 999999)] }, 'NOT_FOUND', 'sanctions');
    await refused('qs-discipline', 'clueConcludeCase', { ...base, sanctions: [clue.id] }, 'BAD_USER_INPUT', 'sanctions');
    // a sanction outside the caller's reach (QS-ZR) for a dispatched team of QS-CZ
    const zr = await app.gid('Sanction', "select id from sanction where reason_summary = '严重违纪违法，涉嫌受贿'");
    await refused('qs-team1', 'clueConcludeCase', { ...base, sanctions: [sanctions[0], zr] }, 'NOT_FOUND', 'sanctions');
  });

  test('clueConcludeCase → 结案 with the two sanctions of the subject and the leader\'s accountability', async () => {
    clue = await ok('qs-discipline', 'clueConcludeCase', { id: clue.id, version: clue.version, concludedOn: '2026-06-10', conclusion: '给予党内警告、记过处分，对局长诫勉', sanctions });
    expect(clue).toMatchObject({ status: 'CASE_CONCLUDED', concludedOn: '2026-06-10', conclusion: '给予党内警告、记过处分，对局长诫勉', nextStatuses: [], overdue: false });
    expect(clue.sanctions.map((s: any) => s.id)).toEqual(sanctions);
    expect(clue.sanctions.map((s: any) => s.kind)).toEqual(['WARNING', 'DEMERIT', 'ADMONISHMENT']);
    for (const s of clue.sanctions) expect(s.clue).toEqual({ id: clue.id });
    const linked = await app.sql('select id from sanction where clue_id = $1 order by id', [keyOf(clue.id)]);
    expect(linked.map((r) => globalId('Sanction', r.id))).toEqual(sanctions);
    // the accountability names the subject's sanction: 一案双查, readable from the sanction side too
    const acc = await app.gql('qs-discipline', 'query($id: ID!) { sanction(id: $id) { primarySanction { id clue { id } } clue { id status subjects { id } } } }', { id: sanctions[2] });
    expect(acc.body.data.sanction).toEqual({ primarySanction: { id: sanctions[0], clue: { id: clue.id } }, clue: { id: clue.id, status: 'CASE_CONCLUDED', subjects: [{ id: subject }] } });
    expect(clue.history.map((h: any) => [h.fromStatus, h.toStatus, h.occurredOn])).toEqual([
      [null, 'RECEIVED', '2026-05-04'],
      ['RECEIVED', 'PRELIMINARY_VERIFICATION', '2026-05-10'],
      ['PRELIMINARY_VERIFICATION', 'CASE_FILED', '2026-05-20'],
      ['CASE_FILED', 'CASE_CONCLUDED', '2026-06-10'],
    ]);
  });

  test('after 结案: every step and every edit is refused; money recovered may still be recorded', async () => {
    await illegalStepsRefused('qs-discipline', clue);
    await refused('qs-discipline', 'clueUpdate', { id: clue.id, version: clue.version, summary: '改' }, 'CONFLICT', 'id');
    await refused('qs-discipline', 'clueRecordRecoveredMoney', { id: clue.id, version: clue.version, amount: -1 }, 'BAD_USER_INPUT', 'amount');
    await refused('qs-discipline', 'clueRecordRecoveredMoney', { id: clue.id, version: clue.version, amount: 10.005 }, 'BAD_USER_INPUT', 'amount');
    clue = await ok('qs-discipline', 'clueRecordRecoveredMoney', { id: clue.id, version: clue.version, amount: 3000.5 });
    expect(clue.recoveredMoney).toBe(3000.5);
    expect((await app.sql('select recovered_money from problem_clue where id = $1', [keyOf(clue.id)]))[0].recovered_money).toBe('3000.50');
    expect(clue.viewerCan).toEqual({ update: false, transition: false, recordRecoveredMoney: true });
  });

  test('a sanction already linked to a concluded case cannot be linked to another clue', async () => {
    let other = await ok('qs-discipline', 'clueRecord', {
      source: 'AUDIT', subjects: [subject], summary: '（测试）另一线索', receivedOn: '2026-05-05', handler: await accountGid('qs-discipline'), deadline: '2026-07-05',
    });
    other = await ok('qs-discipline', 'clueDispose', { id: other.id, version: other.version, disposition: 'PRELIMINARY_VERIFICATION', decidedOn: '2026-05-06', reason: '初核' });
    other = await ok('qs-discipline', 'clueFileCase', { id: other.id, version: other.version, filedOn: '2026-05-07' });
    const e = await refused('qs-discipline', 'clueConcludeCase', { id: other.id, version: other.version, concludedOn: '2026-06-01', sanctions: [sanctions[0]] }, 'CONFLICT', 'sanctions');
    expect(e.message).toContain('another clue');
  });
});

describe('a clue walked to 澄清正名 (cleared) by a dispatched team', () => {
  let clue: any;

  test('recorded by qs-team1 about an education-bureau official; 谈话函询; filing a case from a talk is refused', async () => {
    clue = await ok('qs-team1', 'clueRecord', {
      source: 'PETITION',
      subjects: [await officialAt('QS-JY', 5)],
      unit: await unitGid('QS-JY'),
      summary: '（测试）匿名反映某科员利用职务便利为亲属谋利',
      details: '（测试）匿名信，无具体时间地点',
      receivedOn: '2026-05-12',
      handler: await accountGid('qs-team1'),
      deadline: '2026-07-12',
    });
    expect(clue.unit).toEqual({ code: 'QS-JY' });
    clue = await ok('qs-team1', 'clueDispose', { id: clue.id, version: clue.version, disposition: 'TALK_OR_INQUIRY_LETTER', decidedOn: '2026-05-15', reason: '予以函询' });
    expect(clue.status).toBe('TALK_OR_INQUIRY_LETTER');
    await illegalStepsRefused('qs-team1', clue);
  });

  test('escalated to 初步核实, then cleared with the clearing note', async () => {
    await refused('qs-team1', 'clueEscalate', { id: clue.id, version: clue.version, decidedOn: '2026-05-14', reason: '函询说明与事实不符' }, 'BAD_USER_INPUT', 'decidedOn');
    clue = await ok('qs-team1', 'clueEscalate', { id: clue.id, version: clue.version, decidedOn: '2026-05-25', reason: '函询说明与反映不符，转初核' });
    expect(clue).toMatchObject({ status: 'PRELIMINARY_VERIFICATION', disposition: 'PRELIMINARY_VERIFICATION', decidedOn: '2026-05-25', dispositionReason: '函询说明与反映不符，转初核' });
    await illegalStepsRefused('qs-team1', clue);
    await refused('qs-team1', 'clueClear', { id: clue.id, version: clue.version, clearedOn: '2026-06-01', note: ' ' }, 'BAD_USER_INPUT', 'note');
    clue = await ok('qs-team1', 'clueClear', { id: clue.id, version: clue.version, clearedOn: '2026-06-01', note: '经核查反映问题失实，予以澄清正名' });
    expect(clue).toMatchObject({ status: 'CLEARED', clearedOn: '2026-06-01', clearingNote: '经核查反映问题失实，予以澄清正名', nextStatuses: [], sanctions: [] });
    expect(clue.history.map((h: any) => h.toStatus)).toEqual(['RECEIVED', 'TALK_OR_INQUIRY_LETTER', 'PRELIMINARY_VERIFICATION', 'CLEARED']);
    await illegalStepsRefused('qs-team1', clue);
  });
});

describe('the other branches: 暂存待查 and reopening, 予以了结, 谈话函询了结', () => {
  test('shelved (never overdue), reopened with a new deadline, then closed', async () => {
    let clue = await ok('qs-discipline', 'clueRecord', {
      source: 'MEDIA_EXPOSURE', subjects: [await officialAt('QS-DL', 6)], summary: '（测试）网帖反映', receivedOn: '2026-03-01', handler: await accountGid('qs-discipline'), deadline: '2026-04-01',
    });
    expect(clue).toMatchObject({ overdue: true, unit: { code: 'QS-DL' } });
    clue = await ok('qs-discipline', 'clueDispose', { id: clue.id, version: clue.version, disposition: 'SHELVED', decidedOn: '2026-03-10', reason: '暂不具备核查条件' });
    expect(clue).toMatchObject({ status: 'SHELVED', overdue: false, reminderDue: false });
    await illegalStepsRefused('qs-discipline', clue);
    await refused('qs-discipline', 'clueReopen', { id: clue.id, version: clue.version, reopenedOn: '2026-06-10', reason: '获得新证据', deadline: '2026-06-09' }, 'BAD_USER_INPUT', 'deadline');
    clue = await ok('qs-discipline', 'clueReopen', { id: clue.id, version: clue.version, reopenedOn: '2026-06-10', reason: '获得新证据', deadline: '2026-06-18' });
    expect(clue).toMatchObject({ status: 'RECEIVED', disposition: null, decidedOn: null, decidedBy: null, deadline: '2026-06-18', overdue: false, reminderDue: true });
    clue = await ok('qs-discipline', 'clueDispose', { id: clue.id, version: clue.version, disposition: 'CLOSED', decidedOn: '2026-06-12', reason: '经了解不属实，予以了结' });
    expect(clue).toMatchObject({ status: 'CLOSED', disposition: 'CLOSED', reminderDue: false });
    expect(clue.history.map((h: any) => h.toStatus)).toEqual(['RECEIVED', 'SHELVED', 'RECEIVED', 'CLOSED']);
    await illegalStepsRefused('qs-discipline', clue);
  });

  test('a talk or inquiry letter finished', async () => {
    let clue = await ok('qs-team2', 'clueRecord', {
      source: 'DAILY_SUPERVISION', subjects: [await officialAt('QS-WJ', 9)], summary: '（测试）反映考勤问题', receivedOn: '2026-06-01', handler: await accountGid('qs-team2'), deadline: '2026-06-30',
    });
    clue = await ok('qs-team2', 'clueDispose', { id: clue.id, version: clue.version, disposition: 'TALK_OR_INQUIRY_LETTER', decidedOn: '2026-06-02', reason: '谈话提醒' });
    await refused('qs-team2', 'clueFinishTalk', { id: clue.id, version: clue.version, concludedOn: '2026-06-03', conclusion: '' }, 'BAD_USER_INPUT', 'conclusion');
    clue = await ok('qs-team2', 'clueFinishTalk', { id: clue.id, version: clue.version, concludedOn: '2026-06-05', conclusion: '本人作出说明，予以了结' });
    expect(clue).toMatchObject({ status: 'TALK_CONCLUDED', concludedOn: '2026-06-05', conclusion: '本人作出说明，予以了结', viewerCan: { update: false, transition: false } });
    await illegalStepsRefused('qs-team2', clue);
  });
});

describe('bad input: a user error with a clear message, and nothing written', () => {
  const base = async (over: Record<string, unknown> = {}) => ({
    source: 'PETITION',
    subjects: [await officialAt('QS-CZ', 10)],
    summary: '（测试）反映问题',
    receivedOn: '2026-06-01',
    handler: await accountGid('qs-team1'),
    deadline: '2026-07-01',
    ...over,
  });

  test('a deadline before the date received', async () => {
    const e = await refused('qs-team1', 'clueRecord', await base({ deadline: '2026-05-31' }), 'BAD_USER_INPUT', 'deadline');
    expect(e.message).toContain('2026-06-01');
  });

  test('a date received in the future, an empty summary', async () => {
    await refused('qs-team1', 'clueRecord', await base({ receivedOn: '2026-06-16', deadline: '2026-07-16' }), 'BAD_USER_INPUT', 'receivedOn');
    await refused('qs-team1', 'clueRecord', await base({ summary: '  ' }), 'BAD_USER_INPUT', 'summary');
  });

  test('a subject outside the caller\'s scope is NOT_FOUND (qs-team1 and an official of QS-ZR)', async () => {
    const e = await refused('qs-team1', 'clueRecord', await base({ subjects: [await officialAt('QS-ZR', 3)] }), 'NOT_FOUND', 'subjects');
    expect(e.message).toMatch(/scope/);
    await refused('qs-team1', 'clueRecord', await base({ subjects: [], unit: await unitGid('QS-ZR') }), 'NOT_FOUND', 'unit');
  });

  test('subjects of two units with no common unit in reach, a subject outside the given unit, no subject nor unit, a subject twice', async () => {
    await refused('qs-team1', 'clueRecord', await base({ subjects: [await officialAt('QS-CZ', 10), await officialAt('QS-JY', 10)] }), 'BAD_USER_INPUT', 'unit');
    await refused('qs-team1', 'clueRecord', await base({ unit: await unitGid('QS-JY') }), 'BAD_USER_INPUT', 'subjects');
    await refused('qs-team1', 'clueRecord', await base({ subjects: [] }), 'BAD_USER_INPUT', 'unit');
    const s = await officialAt('QS-CZ', 10);
    await refused('qs-team1', 'clueRecord', await base({ subjects: [s, s] }), 'BAD_USER_INPUT', 'subjects');
  });

  test('a batch that belongs to another campaign, a batch without its campaign, a campaign that does not concern the unit', async () => {
    const created = await app.gql('qs-discipline', 'mutation($i: CampaignCreateInput!) { campaignCreate(input: $i) { campaign { id } userErrors { message } } }', {
      i: { name: '（测试）东岭镇村级“三资”专项整治', kind: 'SPECIAL_RECTIFICATION', theme: '村级财务', periodStart: '2026-01-01', periodEnd: '2026-12-31', leadUnit: await unitGid('QS-DL') },
    });
    const dl = created.body.data.campaignCreate.campaign.id;
    const b = await app.gql('qs-discipline', 'mutation($i: CampaignBatchAddInput!) { campaignBatchAdd(input: $i) { batch { id number } userErrors { message } } }', { i: { campaign: dl, name: '第一批', listedOn: '2026-03-01' } });
    const otherBatch = b.body.data.campaignBatchAdd.batch.id;
    const e = await refused('qs-discipline', 'clueRecord', await base({ campaign: await seedCampaign(), batch: otherBatch }), 'BAD_USER_INPUT', 'batch');
    expect(e.message).toContain('another campaign');
    await refused('qs-discipline', 'clueRecord', await base({ batch: await seedBatch(1) }), 'BAD_USER_INPUT', 'batch');
    await refused('qs-discipline', 'clueRecord', await base({ campaign: dl }), 'BAD_USER_INPUT', 'campaign');
    // editing: the batch of another campaign is refused as well
    const clue = await ok('qs-discipline', 'clueRecord', await base({ campaign: await seedCampaign(), batch: await seedBatch(1) }));
    await refused('qs-discipline', 'clueUpdate', { id: clue.id, version: clue.version, batch: otherBatch }, 'BAD_USER_INPUT', 'batch');
    await refused('qs-discipline', 'clueUpdate', { id: clue.id, version: clue.version, campaign: null }, 'BAD_USER_INPUT', 'batch');
    const moved = await ok('qs-discipline', 'clueUpdate', { id: clue.id, version: clue.version, campaign: null, batch: null });
    expect(moved).toMatchObject({ campaign: null, batch: null, version: clue.version + 1 });
  });

  test('a handler that cannot reach the clue, or is not a supervisor at all', async () => {
    await refused('qs-team1', 'clueRecord', await base({ handler: await accountGid('qs-team2') }), 'BAD_USER_INPUT', 'handler');
    await refused('qs-team1', 'clueRecord', await base({ handler: await accountGid('qs-party') }), 'BAD_USER_INPUT', 'handler');
    await refused('qs-team1', 'clueRecord', await base({ handler: globalId('Account', 99999) }), 'NOT_FOUND', 'handler');
    await refused('qs-team1', 'clueRecord', await base({ handler: await officialAt('QS-CZ', 1) }), 'BAD_USER_INPUT', 'handler');
  });

  test('clueUpdate: a deadline before the date received, a stale version, an out-of-scope clue', async () => {
    const clue = await ok('qs-team1', 'clueRecord', await base());
    await refused('qs-team1', 'clueUpdate', { id: clue.id, version: clue.version, deadline: '2026-05-01' }, 'BAD_USER_INPUT', 'deadline');
    await refused('qs-team1', 'clueUpdate', { id: clue.id, version: clue.version + 3, summary: '新摘要' }, 'CONFLICT', 'version');
    await refused('qs-team2', 'clueUpdate', { id: clue.id, version: clue.version, summary: '新摘要' }, 'NOT_FOUND', 'id');
    await refused('qs-team2', 'clueDispose', { id: clue.id, version: clue.version, disposition: 'CLOSED', decidedOn: TODAY, reason: '了结' }, 'NOT_FOUND', 'id');
    const updated = await ok('qs-team1', 'clueUpdate', { id: clue.id, version: clue.version, summary: '新摘要', details: '补充详情', deadline: '2026-07-20', handler: await accountGid('qs-discipline') });
    expect(updated).toMatchObject({ summary: '新摘要', details: '补充详情', deadline: '2026-07-20', version: clue.version + 1, handler: { displayName: '青山县纪委监委' } });
  });

  test('roles that may not write clues are refused by the rule table, nothing written', async () => {
    for (const who of ['qs-party', 'qs-finance', 'qs-org', 'sysadmin', 'secadmin', 'auditor', 'qs-petition', 'dongling-party']) {
      const before = await app.fingerprint();
      const r = await mut(who, 'clueRecord', await base());
      expect(r.body.data?.clueRecord ?? null).toBeNull();
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(await app.fingerprint()).toBe(before);
    }
  });
});

describe('overdue and reminders over a simulated calendar', () => {
  afterAll(() => {
    current = new Date(`${TODAY}T04:00:00Z`);
  });

  test('reminderDue from 5 days before the deadline, overdue the day after it, neither once final', async () => {
    let clue = await ok('qs-discipline', 'clueRecord', {
      source: 'BIG_DATA', subjects: [await officialAt('QS-NS-02', 2)], summary: '（测试）期限测试', receivedOn: '2026-06-15', handler: await accountGid('qs-discipline'), deadline: '2026-06-25',
    });
    const at = async (date: string) => {
      current = new Date(`${date}T01:00:00Z`);
      return readClue('qs-discipline', clue.id);
    };
    const overdueIds = async () => {
      const r = await app.gql('qs-discipline', '{ clues(first: 100, filter: { overdue: true }) { totalCount nodes { id } } }');
      return r.body.data.clues;
    };
    expect(await at('2026-06-19')).toMatchObject({ overdue: false, reminderDue: false });
    expect(await at('2026-06-20')).toMatchObject({ overdue: false, reminderDue: true });
    expect(await at('2026-06-25')).toMatchObject({ overdue: false, reminderDue: true });
    expect((await overdueIds()).nodes.map((n: any) => n.id)).not.toContain(clue.id);
    const late = await at('2026-06-26');
    expect(late).toMatchObject({ overdue: true, reminderDue: false });
    const list = await overdueIds();
    expect(list.nodes.map((n: any) => n.id)).toContain(clue.id);
    const sqlOverdue = (await app.sql("select count(*)::int as n from problem_clue where status in ('RECEIVED','TALK_OR_INQUIRY_LETTER','PRELIMINARY_VERIFICATION','CASE_FILED') and deadline < '2026-06-26'"))[0].n;
    expect(list.totalCount).toBe(sqlOverdue);
    const notOverdue = await app.gql('qs-discipline', '{ clues(first: 100, filter: { overdue: false }) { totalCount } }');
    expect(notOverdue.body.data.clues.totalCount + sqlOverdue).toBe((await app.sql('select count(*)::int as n from problem_clue'))[0].n);
    // on the day: a disposition dated today stops nothing; closing it ends the overdue state
    clue = await ok('qs-discipline', 'clueDispose', { id: clue.id, version: late.version, disposition: 'CLOSED', decidedOn: '2026-06-26', reason: '予以了结' });
    expect(clue).toMatchObject({ overdue: false, reminderDue: false });
  });
});
