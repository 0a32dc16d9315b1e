import { startTestApp, type TestApp, type GqlResult, codes, globalId } from './support/app';

/**
 * 主体责任派单: the lifecycle of a dispatch list and the leader's fulfilment reports, walked
 * through a simulated first quarter of 2027 with a mutable clock (ctx.today is the date in
 * UTC+8; 02:00Z is 10:00 there). Every refused write is checked to leave the database as it was.
 */
let current = new Date('2027-01-05T02:00:00Z');
const setToday = (d: string) => {
  current = new Date(`${d}T02:00:00Z`);
};

let app: TestApp;
/** The education bureau's principal, the leader of the lists drafted here. */
let leaderId: number;
let leaderGid: string;
/** An account linked to that official, holding only a UNIT grant on its bureau. */
const LEADER = 'jy-chief';

beforeAll(async () => {
  app = await startTestApp({ clock: { now: () => current } });
  const [o] = await app.sql("select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-JY' and o.is_principal");
  leaderId = o.id;
  leaderGid = globalId('Official', leaderId);
  const [a] = await app.sql("insert into account (username, display_name, kind, official_id) values ($1, '青山县教育局局长', 'PERSON', $2) returning id", [LEADER, leaderId]);
  await app.sql("insert into role_grant (account_id, role, unit_id, granted_at) values ($1, 'UNIT', (select id from unit where code = 'QS-JY'), now())", [a.id]);
});
afterAll(async () => app?.stop());

const UE = 'userErrors { field message code }';
const REPORT = 'id version text percent done reportedDate';
const ITEM = `id version order task measures deadline overdue reminderDue entryLocked report { ${REPORT} }`;
const LIST = `id version year quarter kind title status issuedDate closedDate issuerName leaderName issuerUnit { code } leader { id } unit { code }
  items { ${ITEM} } viewerCan { editItems issue close report }`;

const M = {
  create: `mutation($input: DispatchListCreateInput!) { dispatchListCreate(input: $input) { list { ${LIST} } ${UE} } }`,
  addItem: `mutation($input: DispatchListAddItemInput!) { dispatchListAddItem(input: $input) { item { ${ITEM} list { id } } ${UE} } }`,
  updateItem: `mutation($input: DispatchListUpdateItemInput!) { dispatchListUpdateItem(input: $input) { item { ${ITEM} } ${UE} } }`,
  issue: `mutation($input: DispatchListIssueInput!) { dispatchListIssue(input: $input) { list { ${LIST} } ${UE} } }`,
  close: `mutation($input: DispatchListCloseInput!) { dispatchListClose(input: $input) { list { ${LIST} } ${UE} } }`,
  report: `mutation($input: DispatchItemReportInput!) { dispatchItemReport(input: $input) { report { ${REPORT} item { id overdue reminderDue } } ${UE} } }`,
};
const LIST_Q = `query($id: ID!) { dispatchList(id: $id) { ${LIST} } }`;

const unitGid = (code: string) => app.gid('Unit', 'select id from unit where code = $1', [code]);
const principalGid = (code: string) => app.gid('Official', 'select o.id from official o join unit u on u.id = o.unit_id where u.code = $1 and o.is_principal', [code]);
const countyOfficialGid = (index: number) => app.gid('Official', "select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS' order by o.id offset $1 limit 1", [index]);
const pk = (gid: string) => Number(Buffer.from(gid, 'base64url').toString('utf8').split(':')[1]);

async function refused(as: string, query: string, variables: Record<string, unknown>): Promise<GqlResult> {
  const before = await app.fingerprint();
  const r = await app.gql(as, query, variables);
  expect(await app.fingerprint()).toBe(before);
  return r;
}

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

async function readList(as: string, id: string) {
  const r = await app.gql(as, LIST_Q, { id });
  expect(r.body.errors).toBeUndefined();
  return r.body.data.dispatchList;
}

describe('a regular quarterly list, from draft through a simulated quarter to closing', () => {
  let listId: string;
  let listVersion: number;
  const items: Record<string, { id: string; version: number }> = {};

  test('the county committee drafts a REGULAR Q1 list for the education bureau principal; the leader does not see a draft', async () => {
    setToday('2027-01-05');
    const created = ok(await app.gql('qs-party', M.create, { input: { leader: leaderGid, year: 2027, quarter: 1, kind: 'REGULAR', title: '2027年第一季度主体责任派单（教育局）' } }), 'dispatchListCreate');
    const l = created.list;
    expect(l).toMatchObject({ year: 2027, quarter: 1, kind: 'REGULAR', status: 'DRAFT', issuedDate: null, closedDate: null, issuerName: '青山县', issuerUnit: { code: 'QS' }, leader: { id: leaderGid }, unit: { code: 'QS-JY' }, items: [] });
    expect(l.viewerCan).toEqual({ editItems: true, issue: true, close: false, report: false });
    listId = l.id;
    listVersion = l.version;
    const [row] = await app.sql('select issuer_path, unit_path, leader_id, status from dispatch_list where id = $1', [pk(listId)]);
    expect(row).toEqual({ issuer_path: (await app.sql("select path from unit where code = 'QS'"))[0].path, unit_path: (await app.sql("select path from unit where code = 'QS-JY'"))[0].path, leader_id: leaderId, status: 'DRAFT' });

    const asLeader = await app.gql(LEADER, LIST_Q, { id: listId });
    expect(asLeader.body.data.dispatchList).toBeNull();
    expect(codes(asLeader)).toEqual(['NOT_FOUND']);
    const mine = await app.gql(LEADER, '{ viewer { myDispatchLists { totalCount } } dispatchLists { totalCount } }');
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data).toEqual({ viewer: { myDispatchLists: { totalCount: 0 } }, dispatchLists: { totalCount: 0 } });
    // the discipline commission and the team supervising the bureau read drafts too
    for (const as of ['qs-discipline', 'qs-team1']) expect((await readList(as, listId)).status).toBe('DRAFT');
  });

  test('items: deadlines inside the quarter or up to 15 days after it; anything else is refused and nothing is written', async () => {
    const add = async (task: string, deadline: string) => {
      const p = ok(await app.gql('qs-party', M.addItem, { input: { list: listId, task, measures: `${task}的措施要求`, deadline } }), 'dispatchListAddItem');
      expect(p.item.list.id).toBe(listId);
      items[deadline] = { id: p.item.id, version: p.item.version };
      return p.item;
    };
    expect((await add('专题研究党风廉政建设', '2027-01-20')).order).toBe(1);
    expect((await add('开展廉政谈话', '2027-02-20')).order).toBe(2);
    expect((await add('督促整改反馈问题', '2027-03-31')).order).toBe(3);
    const last = await add('报告一岗双责履责情况', '2027-04-15');
    expect(last).toMatchObject({ order: 4, overdue: false, reminderDue: false, entryLocked: false, report: null });

    for (const [deadline, why] of [['2027-04-16', 'after'], ['2026-12-31', 'before the quarter'], ['2027-07-01', 'another quarter']]) {
      const r = await refused('qs-party', M.addItem, { input: { list: listId, task: '越界事项', measures: '措施', deadline } });
      const e = userError(r, 'dispatchListAddItem');
      expect({ why, code: e.code, field: e.field }).toEqual({ why, code: 'BAD_USER_INPUT', field: ['input', 'deadline'] });
    }
    // inside the quarter, but already past
    setToday('2027-01-08');
    const past = userError(await refused('qs-party', M.addItem, { input: { list: listId, task: '过期事项', measures: '措施', deadline: '2027-01-07' } }), 'dispatchListAddItem');
    expect(past).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'deadline'] });
    const outOfBounds = userError(await refused('qs-party', M.updateItem, { input: { id: items['2027-03-31'].id, version: items['2027-03-31'].version, deadline: '2027-04-30' } }), 'dispatchListUpdateItem');
    expect(outOfBounds).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'deadline'] });
    setToday('2027-01-05');
  });

  test('editing items in DRAFT: text, deadline and order; a stale version is a CONFLICT', async () => {
    const it = items['2027-04-15'];
    const moved = ok(await app.gql('qs-party', M.updateItem, { input: { id: it.id, version: it.version, order: 1, measures: '书面报告履责情况' } }), 'dispatchListUpdateItem');
    expect(moved.item).toMatchObject({ order: 1, measures: '书面报告履责情况', deadline: '2027-04-15' });
    const l = await readList('qs-party', listId);
    expect(l.items.map((i: { deadline: string; order: number }) => [i.order, i.deadline])).toEqual([[1, '2027-04-15'], [2, '2027-01-20'], [3, '2027-02-20'], [4, '2027-03-31']]);
    for (const i of l.items) items[i.deadline] = { id: i.id, version: i.version };

    const stale = userError(await refused('qs-party', M.updateItem, { input: { id: it.id, version: it.version, task: '过时的修改' } }), 'dispatchListUpdateItem');
    expect(stale).toMatchObject({ code: 'CONFLICT', field: ['input', 'version'] });
    const badOrder = userError(await refused('qs-party', M.updateItem, { input: { id: it.id, version: items['2027-04-15'].version, order: 9 } }), 'dispatchListUpdateItem');
    expect(badOrder).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'order'] });
  });

  test('issuing: a stale version or a date in the future is refused; then DRAFT → ISSUED and the leader sees it', async () => {
    expect(userError(await refused('qs-party', M.issue, { input: { id: listId, version: listVersion + 5 } }), 'dispatchListIssue')).toMatchObject({ code: 'CONFLICT', field: ['input', 'version'] });
    expect(userError(await refused('qs-party', M.issue, { input: { id: listId, version: listVersion, issuedDate: '2027-01-06' } }), 'dispatchListIssue')).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'issuedDate'] });
    const issued = ok(await app.gql('qs-party', M.issue, { input: { id: listId, version: listVersion } }), 'dispatchListIssue').list;
    expect(issued).toMatchObject({ status: 'ISSUED', issuedDate: '2027-01-05' });
    expect(issued.viewerCan).toEqual({ editItems: false, issue: false, close: false, report: false });
    listVersion = issued.version;

    const asLeader = await readList(LEADER, listId);
    expect(asLeader).toMatchObject({ status: 'ISSUED', leaderName: expect.any(String), issuerName: '青山县' });
    // the leader holds a UNIT grant on its bureau only: the county stays outside its reach, its own bureau's officials do not
    expect(asLeader.issuerUnit).toBeNull();
    expect(asLeader.leader).toEqual({ id: leaderGid });
    expect(asLeader.unit).toEqual({ code: 'QS-JY' });
    expect(asLeader.viewerCan).toEqual({ editItems: false, issue: false, close: false, report: true });
    const mine = await app.gql(LEADER, '{ viewer { myDispatchLists { totalCount nodes { id } } } dispatchLists { totalCount nodes { id } } }');
    expect(mine.body.data.viewer.myDispatchLists).toEqual({ totalCount: 1, nodes: [{ id: listId }] });
    expect(mine.body.data.dispatchLists).toEqual({ totalCount: 1, nodes: [{ id: listId }] });
  });

  test('after ISSUED: items are fixed, it cannot be issued again, and it cannot be closed during the quarter', async () => {
    const add = userError(await refused('qs-party', M.addItem, { input: { list: listId, task: '补充事项', measures: '措施', deadline: '2027-03-15' } }), 'dispatchListAddItem');
    expect(add.code).toBe('CONFLICT');
    const it = items['2027-01-20'];
    const edit = userError(await refused('qs-party', M.updateItem, { input: { id: it.id, version: it.version, task: '改任务' } }), 'dispatchListUpdateItem');
    expect(edit.code).toBe('CONFLICT');
    expect(userError(await refused('qs-party', M.issue, { input: { id: listId, version: listVersion } }), 'dispatchListIssue').code).toBe('CONFLICT');
    expect(userError(await refused('qs-party', M.close, { input: { id: listId, version: listVersion } }), 'dispatchListClose').code).toBe('CONFLICT');
  });

  test('only the leader reports: the issuer is FORBIDDEN, accounts that cannot see the list get NOT_FOUND', async () => {
    const input = { item: items['2027-01-20'].id, text: '已召开专题会议', percent: 50 };
    expect(userError(await refused('qs-party', M.report, { input }), 'dispatchItemReport')).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'item'] });
    expect(userError(await refused('qs-discipline', M.report, { input }), 'dispatchItemReport')).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'item'] });
    for (const as of ['qs-deputy', 'qs-finance', 'dongling-party', 'qs-team2']) {
      expect({ as, e: userError(await refused(as, M.report, { input }), 'dispatchItemReport') }).toMatchObject({ as, e: { code: 'NOT_FOUND', field: ['input', 'item'] } });
    }
    // the three administrators never reach supervision records: refused by the rules themselves
    const admin = await refused('sysadmin', M.report, { input });
    expect(codes(admin)).toEqual(['FORBIDDEN']);
  });

  const itemState = async (deadline: string) => {
    const l = await readList(LEADER, listId);
    return l.items.find((i: { deadline: string }) => i.deadline === deadline) as { overdue: boolean; reminderDue: boolean; entryLocked: boolean; report: { id: string; version: number; text: string; percent: number | null; done: boolean; reportedDate: string } | null };
  };

  test('item due 01-20: reminder from 01-15, a report, a revision (version required), done clears the reminder, entry locks after the deadline', async () => {
    setToday('2027-01-14');
    expect(await itemState('2027-01-20')).toMatchObject({ reminderDue: false, overdue: false, entryLocked: false, report: null });
    setToday('2027-01-15');
    expect(await itemState('2027-01-20')).toMatchObject({ reminderDue: true, overdue: false });

    const first = ok(await app.gql(LEADER, M.report, { input: { item: items['2027-01-20'].id, text: '已召开专题会议，纪要起草中', percent: 50 } }), 'dispatchItemReport').report;
    expect(first).toMatchObject({ text: '已召开专题会议，纪要起草中', percent: 50, done: false, reportedDate: '2027-01-15' });
    // not done yet: the reminder stays
    expect(await itemState('2027-01-20')).toMatchObject({ reminderDue: true, overdue: false });

    setToday('2027-01-18');
    const noVersion = userError(await refused(LEADER, M.report, { input: { item: items['2027-01-20'].id, text: '修订', done: true } }), 'dispatchItemReport');
    expect(noVersion).toMatchObject({ code: 'CONFLICT', field: ['input', 'version'] });
    const stale = userError(await refused(LEADER, M.report, { input: { item: items['2027-01-20'].id, version: first.version + 1, text: '修订', done: true } }), 'dispatchItemReport');
    expect(stale).toMatchObject({ code: 'CONFLICT', field: ['input', 'version'] });
    const badPercent = userError(await refused(LEADER, M.report, { input: { item: items['2027-01-20'].id, version: first.version, text: '修订', done: true, percent: 80 } }), 'dispatchItemReport');
    expect(badPercent).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'percent'] });

    const revised = ok(await app.gql(LEADER, M.report, { input: { item: items['2027-01-20'].id, version: first.version, text: '专题会议已召开，纪要已印发', done: true } }), 'dispatchItemReport').report;
    expect(revised).toMatchObject({ id: first.id, text: '专题会议已召开，纪要已印发', percent: 100, done: true, reportedDate: '2027-01-18' });
    expect(revised.version).toBe(first.version + 1);
    expect(await itemState('2027-01-20')).toMatchObject({ reminderDue: false, overdue: false });
    expect(await app.sql('select count(*)::int as n from dispatch_item_report where item_id = $1', [pk(items['2027-01-20'].id)])).toEqual([{ n: 1 }]);

    // on the deadline itself entry is still open
    setToday('2027-01-20');
    expect(await itemState('2027-01-20')).toMatchObject({ entryLocked: false });
    setToday('2027-01-21');
    expect(await itemState('2027-01-20')).toMatchObject({ entryLocked: true, overdue: false, reminderDue: false });
    const locked = userError(await refused(LEADER, M.report, { input: { item: items['2027-01-20'].id, version: revised.version, text: '再次修订', done: true } }), 'dispatchItemReport');
    expect(locked).toMatchObject({ code: 'CONFLICT', field: ['input', 'item'] });
  });

  test('item due 02-20, never reported: reminder 02-15 to 02-20, overdue and locked from 02-21', async () => {
    for (const [day, reminderDue, overdue] of [['2027-02-14', false, false], ['2027-02-15', true, false], ['2027-02-20', true, false], ['2027-02-21', false, true]] as const) {
      setToday(day);
      expect({ day, ...(await itemState('2027-02-20')) }).toMatchObject({ day, reminderDue, overdue, entryLocked: overdue, report: null });
    }
    const late = userError(await refused(LEADER, M.report, { input: { item: items['2027-02-20'].id, text: '迟报', percent: 100 } }), 'dispatchItemReport');
    expect(late).toMatchObject({ code: 'CONFLICT', field: ['input', 'item'] });
    // the issuer and the supervisors see the same derived state
    for (const as of ['qs-party', 'qs-discipline', 'qs-team1']) {
      const l = await readList(as, listId);
      expect(l.items.find((i: { deadline: string }) => i.deadline === '2027-02-20')).toMatchObject({ overdue: true, reminderDue: false, entryLocked: true });
    }
  });

  test('item due 03-31 reported done; the grace item due 04-15 keeps the list open after the quarter; then it closes', async () => {
    setToday('2027-03-26');
    expect(await itemState('2027-03-31')).toMatchObject({ reminderDue: true });
    expect(await itemState('2027-04-15')).toMatchObject({ reminderDue: false });
    ok(await app.gql(LEADER, M.report, { input: { item: items['2027-03-31'].id, text: '反馈问题已全部整改', percent: 100 } }), 'dispatchItemReport');
    expect(await itemState('2027-03-31')).toMatchObject({ reminderDue: false, report: { done: true, percent: 100 } });

    setToday('2027-04-01');
    let l = await readList('qs-party', listId);
    // the quarter is over, but the item due 04-15 is still open for reports
    expect(l.viewerCan.close).toBe(false);
    const early = userError(await refused('qs-party', M.close, { input: { id: listId, version: l.version } }), 'dispatchListClose');
    expect(early.code).toBe('CONFLICT');
    expect(early.message).toContain('2027-04-15');

    setToday('2027-04-10');
    expect(await itemState('2027-04-15')).toMatchObject({ reminderDue: true, overdue: false });
    expect((await readList('qs-party', listId)).viewerCan.close).toBe(false);
    setToday('2027-04-16');
    expect(await itemState('2027-04-15')).toMatchObject({ reminderDue: false, overdue: true, entryLocked: true });
    expect((await readList('qs-party', listId)).viewerCan.close).toBe(true);

    // the leader may not close it
    const byLeader = await refused(LEADER, M.close, { input: { id: listId, version: l.version } });
    expect(byLeader.body.data.dispatchListClose).toBeNull();
    expect(codes(byLeader)).toEqual(['FORBIDDEN']);

    l = ok(await app.gql('qs-party', M.close, { input: { id: listId, version: l.version } }), 'dispatchListClose').list;
    expect(l).toMatchObject({ status: 'CLOSED', closedDate: '2027-04-16' });
    expect(l.viewerCan).toEqual({ editItems: false, issue: false, close: false, report: false });
    // overdue items stay overdue in the record of a closed list
    expect(l.items.map((i: { deadline: string; overdue: boolean }) => [i.deadline, i.overdue])).toEqual([['2027-04-15', true], ['2027-01-20', false], ['2027-02-20', true], ['2027-03-31', false]]);

    expect(userError(await refused('qs-party', M.close, { input: { id: listId, version: l.version } }), 'dispatchListClose').code).toBe('CONFLICT');
    const rep = await itemState('2027-03-31');
    expect(userError(await refused(LEADER, M.report, { input: { item: items['2027-03-31'].id, version: rep.report!.version, text: '关闭后修订', done: true } }), 'dispatchItemReport').code).toBe('CONFLICT');
    expect((await readList(LEADER, listId)).status).toBe('CLOSED');
  });
});

describe('regular and additional lists, and who a list may be issued to', () => {
  beforeAll(() => setToday('2027-01-05'));

  test('a second REGULAR list for the same leader and quarter is a CONFLICT; ADDITIONAL lists may be several', async () => {
    const input = { leader: leaderGid, year: 2027, quarter: 1, kind: 'REGULAR', title: '重复的季度派单' };
    const dup = userError(await refused('qs-party', M.create, { input }), 'dispatchListCreate');
    expect(dup).toMatchObject({ code: 'CONFLICT', field: ['input', 'kind'] });
    for (const n of [1, 2]) {
      const l = ok(await app.gql('qs-party', M.create, { input: { ...input, kind: 'ADDITIONAL', title: `适时增派单 ${n}` } }), 'dispatchListCreate').list;
      expect(l).toMatchObject({ kind: 'ADDITIONAL', status: 'DRAFT', quarter: 1 });
    }
    expect(await app.sql("select kind, count(*)::int as n from dispatch_list where leader_id = $1 and year = 2027 and quarter = 1 group by kind order by kind", [leaderId])).toEqual([{ kind: 'REGULAR', n: 1 }, { kind: 'ADDITIONAL', n: 2 }]);
    // the next quarter's regular list is a different one
    ok(await app.gql('qs-party', M.create, { input: { ...input, quarter: 2 } }), 'dispatchListCreate');
  });

  test('a leader outside the issuer\'s subtree does not exist for it (NOT_FOUND user error)', async () => {
    const czChief = await principalGid('QS-CZ');
    const dl = userError(await refused('dongling-party', M.create, { input: { leader: czChief, year: 2027, quarter: 1, kind: 'REGULAR', title: '越界派单' } }), 'dispatchListCreate');
    expect(dl).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'leader'] });
    const viaIssuer = userError(await refused('qs-party', M.create, { input: { issuerUnit: await unitGid('QS-DL'), leader: czChief, year: 2027, quarter: 1, kind: 'ADDITIONAL', title: '越界派单' } }), 'dispatchListCreate');
    expect(viaIssuer).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'leader'] });
    const outsideIssuer = userError(await refused('dongling-party', M.create, { input: { issuerUnit: await unitGid('QS'), leader: await principalGid('QS-DL-01'), year: 2027, quarter: 1, kind: 'ADDITIONAL', title: '越界派单' } }), 'dispatchListCreate');
    expect(outsideIssuer).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'issuerUnit'] });
    // a county deputy is in the county's subtree but not in 东岭镇's
    const dep = userError(await refused('dongling-party', M.create, { input: { leader: await countyOfficialGid(3), year: 2027, quarter: 1, kind: 'ADDITIONAL', title: '越界派单' } }), 'dispatchListCreate');
    expect(dep).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'leader'] });
  });

  test('other bad input: a staff member is not a leader, a quarter already over, a list without items, bad ids, roles that may not write', async () => {
    const staff = await app.gid('Official', "select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-JY' and o.rank = 'STAFF' order by o.id limit 1");
    expect(userError(await refused('qs-party', M.create, { input: { leader: staff, year: 2027, quarter: 1, kind: 'ADDITIONAL', title: '派给科员' } }), 'dispatchListCreate')).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'leader'] });
    expect(userError(await refused('qs-party', M.create, { input: { leader: leaderGid, year: 2026, quarter: 3, kind: 'ADDITIONAL', title: '过期季度' } }), 'dispatchListCreate')).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'quarter'] });
    expect(userError(await refused('qs-party', M.create, { input: { leader: leaderGid, year: 2027, quarter: 5, kind: 'ADDITIONAL', title: '第五季度' } }), 'dispatchListCreate')).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'quarter'] });
    expect(userError(await refused('qs-party', M.create, { input: { leader: leaderGid, year: 2027, quarter: 1, kind: 'ADDITIONAL', title: '   ' } }), 'dispatchListCreate')).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'title'] });
    expect(userError(await refused('qs-party', M.create, { input: { leader: await unitGid('QS-JY'), year: 2027, quarter: 1, kind: 'ADDITIONAL', title: '单位当领导' } }), 'dispatchListCreate')).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'leader'] });

    const empty = ok(await app.gql('qs-party', M.create, { input: { leader: leaderGid, year: 2027, quarter: 1, kind: 'ADDITIONAL', title: '空派单' } }), 'dispatchListCreate').list;
    expect(userError(await refused('qs-party', M.issue, { input: { id: empty.id, version: empty.version } }), 'dispatchListIssue').code).toBe('CONFLICT');

    for (const as of ['qs-discipline', 'qs-team1', 'qs-finance', 'qs-org', 'qs-deputy', LEADER, 'sysadmin']) {
      const r = await refused(as, M.create, { input: { leader: leaderGid, year: 2027, quarter: 1, kind: 'ADDITIONAL', title: '无权派单' } });
      expect({ as, data: r.body.data?.dispatchListCreate ?? null, codes: codes(r) }).toEqual({ as, data: null, codes: ['FORBIDDEN'] });
    }
    // dongling-party may not add items to, or issue, a list the county drafted: it cannot see it
    const addOther = userError(await refused('dongling-party', M.addItem, { input: { list: empty.id, task: '事项', measures: '措施', deadline: '2027-02-01' } }), 'dispatchListAddItem');
    expect(addOther).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'list'] });
  });

  test('the default issuing unit is the caller\'s party-committee unit nearest above the leader', async () => {
    const l = ok(await app.gql('dongling-party', M.create, { input: { leader: await principalGid('QS-DL-02'), year: 2027, quarter: 1, kind: 'REGULAR', title: '石桥村第一季度派单' } }), 'dispatchListCreate').list;
    expect(l).toMatchObject({ issuerUnit: { code: 'QS-DL' }, unit: { code: 'QS-DL-02' }, issuerName: '东岭镇' });
    // the county committee reaches 东岭镇's lists (its reach includes their issuing unit)
    expect((await readList('qs-party', l.id)).issuerUnit).toEqual({ code: 'QS-DL' });
  });
});
