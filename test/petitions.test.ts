import { startTestApp, codes, type TestApp, type GqlResult } from './support/app';
import { WorkCalendar, addWorkingDays } from '../src/modules/petitions/working-days';
import { setPetitionKeys, petitionKeys } from '../src/modules/petitions/reporter-crypto';
import { reencryptPetitions } from '../src/modules/petitions/reencrypt';
import { trigramJaccard } from '../src/modules/petitions/similarity';
import { reminderSources } from '../src/modules/reminders/reminder.sources';
import { parsePetitionKeys } from '../src/config';
import { identityCheckDigit } from '../src/common/validators';
import { createLogger, logger, setLogger } from '../src/ops/logger';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Petitions pushed in by a petition system with an API key: the key's lifecycle, idempotent
 * submission, the reporter sealed at rest and shown to the petition office alone (with recusal),
 * the lifecycle and its statutory working-day deadlines, the public status check, repeats.
 */
const TODAY = '2026-06-15';
const current = new Date(`${TODAY}T04:00:00Z`);
let app: TestApp;
let key = '';
beforeAll(async () => {
  app = await startTestApp({ clock: { now: () => current } });
});
afterAll(async () => app?.stop());

const REPORTER_NAME = '柯一帆测试举报人';
const idNo = (first17: string) => first17 + identityCheckDigit(first17);
const REPORTER_ID = idNo('33010219850312123');
const keyOf = (gid: string) => Number(Buffer.from(gid, 'base64url').toString('utf8').split(':')[1]);
const accountGid = (username: string) => app.gid('Account', 'select id from account where username = $1', [username]);

const withKey = (k: string, query: string, variables?: Record<string, unknown>) => app.gql(null, query, variables, { authorization: `ApiKey ${k}` });
const SUBMIT = `mutation($input: PetitionSubmitInput!) { petitionSubmit(input: $input) { receiptCode petition { id status externalId } userErrors { field message code } } }`;
const submit = (input: Record<string, unknown>, k = key) => withKey(k, SUBMIT, { input });

async function subjectOfficial(): Promise<{ id: number; identityNumber: string }> {
  const [o] = await app.sql("select o.id, o.identity_number from official o join unit u on u.id = o.unit_id where u.code = 'QS-CZ' and o.identity_number is not null order by o.id limit 1");
  return { id: o.id, identityNumber: o.identity_number };
}

const baseInput = (over: Record<string, unknown> = {}) => ({
  externalId: `EXT-${Math.random().toString(36).slice(2)}`,
  channel: 'HOTLINE_12388',
  receivedAt: '2026-06-12T02:00:00Z',
  reporter: { name: REPORTER_NAME, phone: '13912345678', identityNumber: REPORTER_ID, address: '青山县测试路1号' },
  subject: { unitCode: 'QS-CZ', name: '青山县财政局' },
  content: '反映财政局某科室违规发放津贴补贴，涉及多人，请予核查。',
  ...over,
});

async function createAccount(username: string, kind = 'PERSON', official?: string): Promise<string> {
  const r = await app.gql('secadmin', 'mutation($i: AccountCreateInput!) { accountCreate(input: $i) { account { id } userErrors { code message } } }', { i: { username, displayName: username, kind, official } });
  expect(r.body.data.accountCreate.userErrors).toEqual([]);
  return r.body.data.accountCreate.account.id;
}
async function grant(account: string, role: string, unitCode?: string) {
  const r = await app.gql('secadmin', 'mutation($i: RoleGrantCreateInput!) { roleGrantCreate(input: $i) { grant { id } userErrors { code message } } }', { i: { account, role, unitCode } });
  expect(r.body.data.roleGrantCreate.userErrors).toEqual([]);
}
async function createKey(account: string): Promise<{ id: string; plain: string }> {
  const r = await app.gql('secadmin', 'mutation($i: ApiKeyCreateInput!) { apiKeyCreate(input: $i) { plainKey apiKey { id prefix revokedAt } userErrors { code message } } }', { i: { account } });
  expect(r.body.data.apiKeyCreate.userErrors).toEqual([]);
  return { id: r.body.data.apiKeyCreate.apiKey.id, plain: r.body.data.apiKeyCreate.plainKey };
}
const revokeKey = (id: string) => app.gql('secadmin', 'mutation($i: ApiKeyRevokeInput!) { apiKeyRevoke(input: $i) { apiKey { revokedAt } userErrors { code } } }', { i: { id } });
const WHO = '{ viewer { account { username } } }';

describe('API keys', () => {
  test('created once by SECURITY_ADMIN, stored as a hash, rotated with two valid keys, revoked → 401 audited', async () => {
    const qsPetition = await accountGid('qs-petition');
    const first = await createKey(qsPetition);
    expect(first.plain).toMatch(/^lzk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const stored = await app.sql('select prefix, hash from api_key where id = $1', [keyOf(first.id)]);
    expect(first.plain).toContain(stored[0].prefix);
    expect(first.plain.includes(stored[0].hash)).toBe(false);
    expect(JSON.stringify(await app.sql('select * from api_key'))).not.toContain(first.plain.split('_').slice(2).join('_'));

    expect((await withKey(first.plain, WHO)).body.data.viewer.account.username).toBe('qs-petition');
    const second = await createKey(qsPetition);
    // rotation: both valid at once
    expect((await withKey(first.plain, WHO)).body.data.viewer.account.username).toBe('qs-petition');
    expect((await withKey(second.plain, WHO)).body.data.viewer.account.username).toBe('qs-petition');
    // a third is refused while two are valid
    const fp = await app.fingerprint();
    const third = await app.gql('secadmin', 'mutation($i: ApiKeyCreateInput!) { apiKeyCreate(input: $i) { plainKey userErrors { code } } }', { i: { account: qsPetition } });
    expect(third.body.data.apiKeyCreate).toEqual({ plainKey: null, userErrors: [{ code: 'CONFLICT' }] });
    expect(await app.fingerprint()).toBe(fp);

    expect((await revokeKey(first.id)).body.data.apiKeyRevoke.userErrors).toEqual([]);
    const before = Number((await app.sql('select coalesce(max(id), 0) as id from audit_log'))[0].id);
    const fp2 = await app.fingerprint();
    const refused = await withKey(first.plain, WHO);
    expect(refused.status).toBe(401);
    expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
    const unknown = await withKey('lzk_AAAAAAAAAAAA_' + 'A'.repeat(43), WHO);
    expect(unknown.status).toBe(401);
    expect(await app.fingerprint()).toBe(fp2);
    const audit = await app.sql("select action, outcome, detail::text from audit_log where id > $1 and action = 'AUTHENTICATE'", [before]);
    expect(audit).toHaveLength(2);
    expect(audit.every((a: any) => a.outcome === 'DENIED')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(first.plain);
    expect((await withKey(second.plain, WHO)).body.data.viewer.account.username).toBe('qs-petition');
    key = second.plain;
  });

  test('only SECURITY_ADMIN manages keys; person accounts get none', async () => {
    const fp = await app.fingerprint();
    const r = await app.gql('qs-discipline', 'mutation($i: ApiKeyCreateInput!) { apiKeyCreate(input: $i) { plainKey } }', { i: { account: await accountGid('qs-petition') } });
    expect(r.body.data.apiKeyCreate).toBeNull();
    expect(codes(r)).toEqual(['FORBIDDEN']);
    const p = await app.gql('secadmin', 'mutation($i: ApiKeyCreateInput!) { apiKeyCreate(input: $i) { plainKey userErrors { code field } } }', { i: { account: await accountGid('qs-party') } });
    expect(p.body.data.apiKeyCreate.userErrors[0].code).toBe('BAD_USER_INPUT');
    expect(await app.fingerprint()).toBe(fp);
  });
});

let petitionId = '';
let receipt = '';
describe('petitionSubmit', () => {
  test('submits, retries idempotently, refuses the same id with other content', async () => {
    const input = baseInput({ externalId: 'QS-EXT-100' });
    const r = await submit(input);
    expect(r.body.errors).toBeUndefined();
    const out = r.body.data.petitionSubmit;
    expect(out.userErrors).toEqual([]);
    expect(out.receiptCode).toMatch(/^\d{16}$/);
    expect(out.petition.status).toBe('RECEIVED');
    petitionId = out.petition.id;
    receipt = out.receiptCode;
    const again = await submit(input);
    expect(again.body.data.petitionSubmit.petition.id).toBe(petitionId);
    expect(again.body.data.petitionSubmit.receiptCode).toBe(receipt);
    expect(Number((await app.sql("select count(*)::int as n from petition where external_id = 'QS-EXT-100'"))[0].n)).toBe(1);

    const fp = await app.fingerprint();
    const other = await submit({ ...input, content: input.content + '补充' });
    expect(other.body.data.petitionSubmit.petition).toBeNull();
    expect(other.body.data.petitionSubmit.userErrors).toEqual([{ field: ['input', 'externalId'], message: expect.any(String), code: 'CONFLICT' }]);
    expect(await app.fingerprint()).toBe(fp);
    // deadlines: received Friday 2026-06-12; Friday 06-19 is a holiday in the 2026 calendar
    const [row] = await app.sql('select accept_deadline::text, acceptance_notice_deadline::text, subject_unresolved from petition where id = $1', [keyOf(petitionId)]);
    expect(row.accept_deadline).toBe('2026-06-22');
    expect(row.acceptance_notice_deadline).toBe(addWorkingDays('2026-06-12', 15));
    expect(row.subject_unresolved).toBe(false);
  });

  test('the reporter is ciphertext in PostgreSQL', async () => {
    const [row] = await app.sql('select to_jsonb(p)::text as t, reporter_key_id from petition p where id = $1', [keyOf(petitionId)]);
    expect(row.t).not.toContain(REPORTER_NAME);
    expect(row.t).not.toContain(REPORTER_ID);
    expect(row.t).not.toContain('13912345678');
    expect(row.reporter_key_id).toBe(petitionKeys()[0].id);
  });

  test('bad input: phone, identity number, unknown channel, revoked key; nothing written', async () => {
    const fp = await app.fingerprint();
    const phone = await submit(baseInput({ reporter: { name: 'x', phone: '1391234567' } }));
    expect(phone.body.data.petitionSubmit.userErrors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'reporter', 'phone'] });
    expect(JSON.stringify(phone.body)).not.toContain('1391234567');
    const badId = REPORTER_ID.slice(0, 17) + (REPORTER_ID[17] === '1' ? '2' : '1');
    const ident = await submit(baseInput({ reporter: { name: 'x', identityNumber: badId } }));
    expect(ident.body.data.petitionSubmit.userErrors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'reporter', 'identityNumber'] });
    expect(JSON.stringify(ident.body)).not.toContain(badId);
    const channel = await submit(baseInput({ channel: 'PIGEON' }));
    expect(codes(channel)).toEqual(['BAD_USER_INPUT']);
    expect(await app.fingerprint()).toBe(fp);
  });

  test('an unknown subject code is kept as text and flagged; an official by identity number is resolved', async () => {
    const r = await submit(baseInput({ reporter: null, subject: { unitCode: 'QS-NOPE', name: '不存在的局' } }));
    const id = keyOf(r.body.data.petitionSubmit.petition.id);
    const [row] = await app.sql('select subject_text, subject_unresolved, subject_unit_id, anonymous, reporter_enc from petition where id = $1', [id]);
    expect(row).toEqual({ subject_text: 'QS-NOPE 不存在的局', subject_unresolved: true, subject_unit_id: null, anonymous: true, reporter_enc: null });
    const o = await subjectOfficial();
    const r2 = await submit(baseInput({ subject: { officialIdentityNumber: o.identityNumber }, content: '反映某干部收受管理服务对象礼金，金额较大。' }));
    const [row2] = await app.sql('select subject_official_id, subject_unresolved from petition where id = $1', [keyOf(r2.body.data.petitionSubmit.petition.id)]);
    expect(row2).toEqual({ subject_official_id: o.id, subject_unresolved: false });
  });

  test('only PETITION_SYSTEM submits', async () => {
    const fp = await app.fingerprint();
    const r = await app.gql('qs-discipline', SUBMIT, { input: baseInput() });
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(await app.fingerprint()).toBe(fp);
  });
});

const READ = (f: string) => `query($id: ID!) { petition(id: $id) { id status ${f} } }`;
describe('reporter protection', () => {
  test('PETITION_OFFICE reads the reporter, audited; every other role gets null + FORBIDDEN or NOT_FOUND and the name nowhere', async () => {
    const before = Number((await app.sql('select coalesce(max(id), 0) as id from audit_log'))[0].id);
    const ok = await app.gql('qs-petition-office', READ('reporter { name phone identityNumber address }'), { id: petitionId });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.petition.reporter).toEqual({ name: REPORTER_NAME, phone: '13912345678', identityNumber: REPORTER_ID, address: '青山县测试路1号' });
    const audit = await app.sql("select fields::text as f, outcome, account_username from audit_log where id > $1", [before]);
    expect(audit.some((a: any) => a.account_username === 'qs-petition-office' && a.f.includes('reporter') && a.f.includes('ALLOWED'))).toBe(true);

    const dc = await app.gql('qs-discipline', READ('content reporter { name }'), { id: petitionId });
    expect(dc.body.data.petition.content).toContain('津贴');
    expect(dc.body.data.petition.reporter).toBeNull();
    expect(dc.body.errors!.map((e: any) => [e.extensions.code, e.path])).toEqual([['FORBIDDEN', ['petition', 'reporter']]]);
    expect(JSON.stringify(dc.body)).not.toContain(REPORTER_NAME);

    const ps = await withKey(key, READ('content reporter { name }'), { id: petitionId });
    expect(ps.body.data.petition.status).toBe('RECEIVED');
    expect(ps.body.data.petition.content).toBeNull();
    expect(ps.body.data.petition.reporter).toBeNull();
    expect(ps.body.errors!.map((e: any) => [e.extensions.code, e.path[1]]).sort()).toEqual([['FORBIDDEN', 'content'], ['FORBIDDEN', 'reporter']]);
    expect(JSON.stringify(ps.body)).not.toContain(REPORTER_NAME);

    for (const as of ['qs-party', 'qs-team1', 'qs-finance', 'qs-org', 'sysadmin', 'secadmin', 'auditor', 'dongling-party']) {
      const r = await app.gql(as, READ('reporter { name }'), { id: petitionId });
      expect(r.body.data.petition).toBeNull();
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codes(r)[0]);
      expect(JSON.stringify(r.body)).not.toContain(REPORTER_NAME);
      const list = await app.gql(as, '{ petitions { totalCount edges { node { id } } } }');
      expect(list.body.data.petitions).toBeNull();
    }
    const log = (await app.sql("select (to_jsonb(a) - 'hash' - 'prev_hash')::text as t from audit_log a")).map((r: any) => r.t).join('\n');
    expect(log).not.toContain(REPORTER_NAME);
    expect(log).not.toContain(REPORTER_ID);
  });

  test('no log line holds a reporter detail, whatever the outcome', async () => {
    const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'lz-pet-')), 'app.log');
    const previous = logger();
    setLogger(createLogger({ level: 'trace', destination: logFile }));
    try {
      await submit(baseInput({ externalId: 'LOG-1' }));
      await submit(baseInput({ externalId: 'LOG-1', content: '不同内容' }));
      await submit(baseInput({ reporter: { name: REPORTER_NAME, phone: '1391234567' } }));
      for (const as of ['qs-petition-office', 'qs-discipline', 'qs-finance']) await app.gql(as, READ('reporter { name phone identityNumber }'), { id: petitionId });
      await app.gql('qs-petition-office', '{ petitions { edges { node { reporter { name } } } } }');
    } finally {
      setLogger(previous);
    }
    const text = readFileSync(logFile, 'utf8');
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [REPORTER_NAME, REPORTER_ID, '13912345678', '1391234567', '青山县测试路']) expect(text).not.toContain(secret);
  });

  test('recusal: a PETITION_OFFICE account linked to the subject official, and one with a grant at the subject unit', async () => {
    const o = await subjectOfficial();
    const r = await submit(baseInput({ subject: { officialIdentityNumber: o.identityNumber }, content: '反映该干部违规操办婚丧喜庆事宜，借机敛财。' }));
    const pid = r.body.data.petitionSubmit.petition.id;
    const linked = await createAccount('po-linked', 'PERSON', Buffer.from(`Official:${o.id}`).toString('base64url'));
    await grant(linked, 'PETITION_OFFICE', 'QS');
    const before = Number((await app.sql('select coalesce(max(id), 0) as id from audit_log'))[0].id);
    const a = await app.gql('po-linked', READ('content reporter { name }'), { id: pid });
    expect(a.body.data.petition.reporter).toBeNull();
    expect(a.body.errors!.map((e: any) => [e.extensions.code, e.path])).toEqual([['FORBIDDEN', ['petition', 'reporter']]]);
    expect(JSON.stringify(a.body)).not.toContain(REPORTER_NAME);

    const unitAcc = await createAccount('po-of-cz');
    await grant(unitAcc, 'PETITION_OFFICE', 'QS');
    await grant(unitAcc, 'UNIT', 'QS-CZ');
    for (const id of [pid, petitionId]) {
      const b = await app.gql('po-of-cz', READ('reporter { name }'), { id });
      expect(b.body.data.petition.reporter).toBeNull();
      expect(b.body.errors!.map((e: any) => [e.extensions.code, e.path])).toEqual([['FORBIDDEN', ['petition', 'reporter']]]);
      expect(JSON.stringify(b.body)).not.toContain(REPORTER_NAME);
    }
    const denied = await app.sql("select account_username, fields::text as f from audit_log where id > $1 and fields::text like '%reporter%'", [before]);
    expect([...new Set(denied.filter((d: any) => d.f.includes('DENIED')).map((d: any) => d.account_username))].sort()).toEqual(['po-linked', 'po-of-cz']);
  });
});

describe('lifecycle and deadlines', () => {
  const LC = 'petition { id version status registeredOn transferredOn concludedOn feedback clue { id source } } userErrors { field code message }';
  const m = (name: string, input: Record<string, unknown>, as = 'qs-petition-office'): Promise<GqlResult> =>
    app.gql(as, `mutation($input: ${name.charAt(0).toUpperCase() + name.slice(1)}Input!) { ${name}(input: $input) { ${LC} } }`, { input });

  test('RECEIVED → REGISTERED → CLUE_CREATED → CONCLUDED; illegal steps refused with nothing changed', async () => {
    const fp = await app.fingerprint();
    const early = await m('petitionConclude', { id: petitionId, version: 1, feedback: '已办结' });
    expect(early.body.data.petitionConclude.userErrors[0].code).toBe('CONFLICT');
    const foreign = await m('petitionRegister', { id: petitionId, version: 1 }, 'qs-discipline');
    expect(codes(foreign)).toEqual(['FORBIDDEN']);
    expect(await app.fingerprint()).toBe(fp);

    let p = (await m('petitionRegister', { id: petitionId, version: 1, reporterNotified: true })).body.data.petitionRegister.petition;
    expect(p).toMatchObject({ status: 'REGISTERED', registeredOn: TODAY });
    const stale = await m('petitionCreateClue', { id: petitionId, version: 1, summary: 'x' });
    expect(stale.body.data.petitionCreateClue.userErrors[0].code).toBe('CONFLICT');
    p = (await m('petitionCreateClue', { id: petitionId, version: p.version, summary: '财政局违规发放津贴补贴' })).body.data.petitionCreateClue.petition;
    expect(p.status).toBe('CLUE_CREATED');
    expect(p.clue).toBeNull(); // the petition office does not read clues; the link is there
    const [row] = await app.sql('select c.source, c.details from petition p join problem_clue c on c.id = p.clue_id where p.id = $1', [keyOf(petitionId)]);
    expect(row.source).toBe('PETITION');
    expect(row.details).not.toContain(REPORTER_NAME);
    const dc = await app.gql('qs-discipline', READ('clue { source }'), { id: petitionId });
    expect(dc.body.data.petition.clue).toEqual({ source: 'PETITION' });
    p = (await m('petitionConclude', { id: petitionId, version: p.version, feedback: '经核查，反映问题部分属实，已作处理。' })).body.data.petitionConclude.petition;
    expect(p).toMatchObject({ status: 'CONCLUDED', concludedOn: TODAY });
  });

  test('transfer to a lower commission; a department is refused', async () => {
    const r = await submit(baseInput({ reporter: null, content: '反映东岭镇某站所工作人员吃拿卡要。', subject: { unitCode: 'QS-DL' } }));
    const id = r.body.data.petitionSubmit.petition.id;
    const reg = (await m('petitionRegister', { id, version: 1 })).body.data.petitionRegister.petition;
    const fp = await app.fingerprint();
    for (const unitCode of ['QS-CZ', 'QS']) {
      const bad = await m('petitionTransfer', { id, version: reg.version, unitCode });
      expect(bad.body.data.petitionTransfer.userErrors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'unitCode'] });
    }
    const both = await m('petitionTransfer', { id, version: reg.version, unitCode: 'QS-DL', teamCode: 'QS-T1' });
    expect(both.body.data.petitionTransfer.userErrors[0].code).toBe('BAD_USER_INPUT');
    expect(await app.fingerprint()).toBe(fp);
    const ok = await m('petitionTransfer', { id, version: reg.version, unitCode: 'QS-DL' });
    expect(ok.body.data.petitionTransfer.petition).toMatchObject({ status: 'TRANSFERRED', transferredOn: TODAY });
  });

  test('transfer to a dispatched team', async () => {
    const r = await submit(baseInput({ reporter: null, content: '反映教育局食堂采购价格明显高于市场价。', subject: { unitCode: 'QS-JY' } }));
    const id = r.body.data.petitionSubmit.petition.id;
    const reg = (await m('petitionRegister', { id, version: 1 })).body.data.petitionRegister.petition;
    const t = await m('petitionTransfer', { id, version: reg.version, teamCode: 'QS-T1', note: '请派驻组核查' });
    expect(t.body.data.petitionTransfer.petition).toMatchObject({ status: 'TRANSFERRED', transferredOn: TODAY });
  });

  test('working days over a calendar with a holiday and a make-up working day', () => {
    const cal = new WorkCalendar([{ year: 2026, holidays: [{ date: '2026-09-25', name: '中秋节' }, { date: '2026-10-01', name: '国庆节' }], workdays: [{ date: '2026-09-27', name: '调休上班' }] }]);
    // Thu 09-24 → Fri 25 holiday, Sat 26 no, Sun 27 make-up (1), Mon 28 (2), Tue 29 (3), Wed 30 (4), Thu 10-01 holiday, Fri 10-02 (5)
    expect(cal.addWorkingDays('2026-09-24', 5)).toBe('2026-10-02');
    expect(cal.addWorkingDays('2026-09-24', 1)).toBe('2026-09-27');
    expect(cal.isWorkingDay('2026-09-26')).toBe(false);
    // the loaded 2026 file: National Day week
    expect(addWorkingDays('2026-09-24', 5)).toBe('2026-10-08');
    expect(addWorkingDays('2026-06-12', 5)).toBe('2026-06-22');
  });

  test('overdue petitions listed for the petition office, counted within its reach, and reminded', async () => {
    await submit(baseInput({ reporter: null, receivedAt: '2026-06-01T02:00:00Z', content: '反映自然资源局某干部违规插手工程项目。', subject: { unitCode: 'QS-ZR' } }));
    const t = TODAY;
    const expected = (path: string) =>
      app.sql(`select count(*)::int as n from petition p where p.unit_path like $2 || '%' and ((p.status = 'RECEIVED' and p.accept_deadline < $1::date) or (not p.anonymous and p.status <> 'CONCLUDED' and p.acceptance_notified_on is null and p.acceptance_notice_deadline < $1::date) or (not p.anonymous and p.status <> 'CONCLUDED' and p.result_notice_deadline < $1::date))`, [t, path]);
    const [{ path: qs }] = await app.sql("select path from unit where code = 'QS'");
    const r = await app.gql('qs-petition-office', '{ petitions(filter: {overdue: true}) { totalCount edges { node { id overdue acceptDeadline } } } }');
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.petitions.totalCount).toBe((await expected(qs))[0].n);
    expect(r.body.data.petitions.totalCount).toBeGreaterThan(0);
    expect(r.body.data.petitions.edges.every((e: any) => e.node.overdue)).toBe(true);
    // a petition office is bound to a unit with a commission (county or township), not a department
    const dlOffice = await createAccount('po-dl');
    const fp = await app.fingerprint();
    const refused = await app.gql('secadmin', 'mutation($i: RoleGrantCreateInput!) { roleGrantCreate(input: $i) { grant { id } userErrors { code field } } }', { i: { account: dlOffice, role: 'PETITION_OFFICE', unitCode: 'QS-CZ' } });
    expect(refused.body.data.roleGrantCreate).toEqual({ grant: null, userErrors: [{ code: 'BAD_USER_INPUT', field: ['input', 'unitCode'] }] });
    expect(await app.fingerprint()).toBe(fp);
    // the township's petition office sees only its subtree
    await grant(dlOffice, 'PETITION_OFFICE', 'QS-DL');
    await submit(baseInput({ reporter: null, content: '反映东岭镇某村集体资金使用不公开。', subject: { unitCode: 'QS-DL-01' } }));
    const [{ path: dl }] = await app.sql("select path from unit where code = 'QS-DL'");
    const all = await app.gql('po-dl', '{ petitions { totalCount edges { node { id unit { code } } } } }');
    const inScope = Number((await app.sql("select count(*)::int as n from petition where unit_path like $1 || '%'", [dl]))[0].n);
    expect(inScope).toBeGreaterThan(0);
    expect(all.body.data.petitions.totalCount).toBe(inScope);
    expect(all.body.data.petitions.edges.every((e: any) => e.node.unit.code.startsWith('QS-DL'))).toBe(true);
    expect(inScope).toBeLessThan(Number((await app.sql('select count(*)::int as n from petition'))[0].n));
    const dlOverdue = await app.gql('po-dl', '{ petitions(filter: {overdue: true}) { totalCount } }');
    expect(dlOverdue.body.data.petitions.totalCount).toBe((await expected(dl))[0].n);
    const source = reminderSources().find((s) => s.recordType === 'Petition')!;
    const due = await source.due(app.orm.em.fork() as never, TODAY);
    const [{ id: officeId }] = await app.sql("select id from account where username = 'qs-petition-office'");
    expect(due.some((d) => d.account_id === officeId && d.kind === 'OVERDUE')).toBe(true);
    expect(JSON.stringify(due)).not.toContain('自然资源局某干部');
  });

  test('a petition system lists only its own petitions, status only', async () => {
    const r = await withKey(key, '{ petitions(filter: {submittedByMe: true}) { totalCount edges { node { id status externalId } } } }');
    const [{ id: sys }] = await app.sql("select id from account where username = 'qs-petition'");
    expect(r.body.data.petitions.totalCount).toBe(Number((await app.sql('select count(*)::int as n from petition where system_account_id = $1', [sys]))[0].n));
    const c = await withKey(key, '{ petitions { edges { node { content } } } }');
    expect(c.body.errors!.every((e: any) => e.extensions.code === 'FORBIDDEN')).toBe(true);
  });
});

describe('public status check', () => {
  const Q = 'query($c: String!) { petitionStatus(receiptCode: $c) { found status feedback } }';
  test('existing and missing codes answer the same shape; wrong shape is BAD_USER_INPUT', async () => {
    const hit = await app.gql(null, Q, { c: receipt });
    expect(hit.body.data.petitionStatus).toEqual({ found: true, status: 'CONCLUDED', feedback: '经核查，反映问题部分属实，已作处理。' });
    const missing = await app.gql(null, Q, { c: '0000000000000000' });
    expect(missing.body.data.petitionStatus).toEqual({ found: false, status: null, feedback: null });
    expect(Object.keys(missing.body.data.petitionStatus)).toEqual(Object.keys(hit.body.data.petitionStatus));
    const fp = await app.fingerprint();
    const bad = await app.gql(null, Q, { c: '12345' });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(await app.fingerprint()).toBe(fp);
  });

  test('rate limited per client address', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 15; i++) {
      const r = await app.gql(null, Q, { c: '1111111111111111' });
      seen.push(codes(r)[0] ?? 'OK');
    }
    expect(seen).toContain('RATE_LIMITED');
  });
});

describe('duplicates and re-encryption', () => {
  test('near-identical content about the same subject within 90 days is flagged, not merged', async () => {
    const content = '反映卫生健康局某科长长期在工作日午间饮酒，影响工作，请查处。';
    const a = await submit(baseInput({ reporter: null, content, subject: { unitCode: 'QS-WJ' } }));
    const b = await submit(baseInput({ reporter: null, content: content.replace('，请查处。', '，请查处！ '), subject: { unitCode: 'QS-WJ' } }));
    const c = await submit(baseInput({ reporter: null, content: '反映卫生健康局采购设备程序不规范。', subject: { unitCode: 'QS-WJ' } }));
    const ids = [a, b, c].map((r) => r.body.data.petitionSubmit.petition.id);
    expect(trigramJaccard(content, content + '!')).toBeGreaterThanOrEqual(0.8);
    const q = '{ petitions(filter: {probableRepeat: true}) { edges { node { id probableRepeatOf { id } } } } }';
    const r = await app.gql('qs-petition-office', q);
    const rows = r.body.data.petitions.edges.map((e: any) => e.node);
    expect(rows).toContainEqual({ id: ids[1], probableRepeatOf: { id: ids[0] } });
    expect(rows.map((x: any) => x.id)).not.toContain(ids[2]);
    expect(rows.map((x: any) => x.id)).not.toContain(ids[0]);
  });

  test('re-encryption rewrites every row with the current key', async () => {
    const old = petitionKeys();
    const fresh = parsePetitionKeys(`k2:${Buffer.alloc(32, 7).toString('base64')}`)[0];
    setPetitionKeys([fresh, ...old]);
    try {
      const before = await app.sql('select id, reporter_enc from petition where reporter_enc is not null order by id');
      const n = await reencryptPetitions(app.orm.em.fork() as never);
      expect(n).toBe(before.length);
      const after = await app.sql('select id, reporter_key_id, reporter_enc from petition where reporter_enc is not null order by id');
      expect(after.every((r: any) => r.reporter_key_id === 'k2')).toBe(true);
      expect(after.map((r: any) => r.reporter_enc)).not.toEqual(before.map((r: any) => r.reporter_enc));
      // the old key may now go: the petition office still reads the reporter
      setPetitionKeys([fresh]);
      const ok = await app.gql('qs-petition-office', READ('reporter { name }'), { id: petitionId });
      expect(ok.body.data.petition.reporter).toEqual({ name: REPORTER_NAME });
      expect(await reencryptPetitions(app.orm.em.fork() as never)).toBe(0);
    } finally {
      setPetitionKeys(old);
    }
  });
});
