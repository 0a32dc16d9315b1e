import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp, type TestApp, codes } from './support/app';
import { startJobRunner } from '../src/jobs/runner';

/** Reminders: computed daily and on demand from every record with a deadline, listed per account, pushed over graphql-ws. */
let app: TestApp;
let current = new Date('2026-09-27T02:00:00Z');
const clock = { now: () => current };

beforeAll(async () => {
  app = await startTestApp({ clock });
});
afterAll(async () => app?.stop());

const REMINDERS = '{ viewer { reminders(first: 100) { totalCount nodes { id kind recordType title dueDate readAt } } } }';
const count = async (sql: string, params: unknown[] = []) => Number((await app.sql(sql, params))[0].n);

function subscribe(as: string | null, query: string) {
  const received: any[] = [];
  const closed: { code?: number } = {};
  const client = createClient({
    url: app.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: async () => (as ? { authorization: `Bearer ${await app.token(as)}` } : {}),
    retryAttempts: 0,
    lazy: false,
    on: { closed: (e) => (closed.code = (e as { code?: number }).code) },
  });
  const errors: unknown[] = [];
  const ready = new Promise<void>((resolve) => {
    client.on('connected', () => resolve());
    client.on('closed', () => resolve());
  });
  const dispose = client.subscribe({ query }, { next: (v) => received.push(v), error: (e) => errors.push(e), complete: () => undefined });
  return { received, errors, closed, ready, stop: async () => { dispose(); await client.dispose(); } };
}

test('on demand: due-soon and overdue items of signed letters reach the reporting unit, once', async () => {
  const before = await count('select count(*)::int as n from reminder');
  expect(before).toBe(0);
  const run = await app.gql('sysadmin', 'mutation { remindersCompute { created } }');
  expect(run.body.errors).toBeUndefined();
  const created = run.body.data.remindersCompute.created;
  // independently: for each letter item not complete, the UNIT accounts of its unit (the demo has one, qs-finance on QS-CZ)
  const expected = await count(
    `select count(*)::int as n from responsibility_item i join responsibility_letter l on l.id = i.letter_id
      join role_grant g on g.unit_id = l.unit_id and g.role = 'UNIT' and g.revoked_at is null
     where l.status in ('SIGNED', 'PUBLISHED') and coalesce(i.progress_percent, 0) < 100 and i.deadline <= date '2026-09-27' + 5`,
  );
  expect(created).toBeGreaterThanOrEqual(expected);
  expect(expected).toBeGreaterThan(0);

  const fin = await app.gql('qs-finance', REMINDERS);
  // the finance bureau also has rectification reminders; the letter items are counted here
  const nodes = fin.body.data.viewer.reminders.nodes.filter((n: any) => n.recordType === 'ResponsibilityItem');
  expect(nodes.length).toBe(expected);
  expect(nodes.filter((n: any) => n.kind === 'DUE_SOON').map((n: any) => n.dueDate)).toEqual(['2026-09-30']);
  expect(nodes.filter((n: any) => n.kind === 'OVERDUE').map((n: any) => n.dueDate).sort()).toEqual(['2026-03-30', '2026-06-30']);

  // nobody else's reminders leak into a viewer's list
  const party = await app.gql('qs-party', REMINDERS);
  expect(party.body.data.viewer.reminders.totalCount).toBe(0);

  // idempotent
  const again = await app.gql('sysadmin', 'mutation { remindersCompute { created } }');
  expect(again.body.data.remindersCompute.created).toBe(0);
  expect(codes(await app.gql('qs-discipline', 'mutation { remindersCompute { created } }'))).toEqual(['FORBIDDEN']);
});

test('a reminder becomes due on the fifth day before the deadline, not earlier', async () => {
  // 2026-12-15 is the self-chosen item's deadline: nothing for it on 12-09, due on 12-10
  current = new Date('2026-12-09T02:00:00Z');
  await app.gql('sysadmin', 'mutation { remindersCompute { created } }');
  expect(await count("select count(*)::int as n from reminder where due_date = '2026-12-15'")).toBe(0);
  current = new Date('2026-12-10T02:00:00Z');
  await app.gql('sysadmin', 'mutation { remindersCompute { created } }');
  expect(await count("select count(*)::int as n from reminder where due_date = '2026-12-15' and kind = 'DUE_SOON'")).toBeGreaterThan(0);
  current = new Date('2026-12-16T02:00:00Z');
  await app.gql('sysadmin', 'mutation { remindersCompute { created } }');
  expect(await count("select count(*)::int as n from reminder where due_date = '2026-12-15' and kind = 'OVERDUE'")).toBeGreaterThan(0);
  current = new Date('2026-09-27T02:00:00Z');
});

test('mark read: own reminders only', async () => {
  const fin = await app.gql('qs-finance', REMINDERS);
  const id = fin.body.data.viewer.reminders.nodes[0].id;
  const r = await app.gql('qs-finance', 'mutation($i: ReminderMarkReadInput!) { reminderMarkRead(input: $i) { reminders { readAt } userErrors { code } } }', { i: { ids: [id] } });
  expect(r.body.data.reminderMarkRead.reminders[0].readAt).toEqual(expect.any(String));
  const unread = await app.gql('qs-finance', '{ viewer { reminders(unreadOnly: true) { totalCount } } }');
  expect(unread.body.data.viewer.reminders.totalCount).toBe(fin.body.data.viewer.reminders.totalCount - 1);
  const before = await app.fingerprint();
  const other = await app.gql('qs-party', 'mutation($i: ReminderMarkReadInput!) { reminderMarkRead(input: $i) { userErrors { code field } } }', { i: { ids: [id] } });
  expect(other.body.data.reminderMarkRead.userErrors[0].code).toBe('BAD_USER_INPUT');
  expect(await app.fingerprint()).toBe(before);
});

test('subscription: a new reminder is pushed to its account only; unauthenticated and non-subscription operations are refused', async () => {
  const fin = subscribe('qs-finance', 'subscription { reminderCreated { kind recordType title dueDate } }');
  const party = subscribe('qs-party', 'subscription { reminderCreated { kind } }');
  const anon = subscribe(null, 'subscription { reminderCreated { kind } }');
  const query = subscribe('qs-finance', '{ viewer { account { username } } }');
  await Promise.all([fin.ready, party.ready, anon.ready, query.ready]);
  await new Promise((r) => setTimeout(r, 200));
  // a new deadline: an item due in three days on a published QS-CZ letter
  const letter = (await app.sql("select l.id from responsibility_letter l join unit u on u.id = l.unit_id where u.code = 'QS-CZ' and l.status = 'PUBLISHED' order by l.id limit 1"))[0];
  const path = (await app.sql("select path from unit where code = 'QS-CZ'"))[0].path;
  await app.sql("insert into responsibility_item (letter_id, unit_path, kind, content, measures, deadline) values ($1, $2, 'SELF_CHOSEN', '（虚构）新增事项', '措施', date '2026-09-30')", [letter.id, path]);
  await app.gql('sysadmin', 'mutation { remindersCompute { created } }');
  for (let i = 0; i < 50 && fin.received.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  expect(fin.received.map((m) => m.data?.reminderCreated)).toEqual([{ kind: 'DUE_SOON', recordType: 'ResponsibilityItem', title: '（虚构）新增事项', dueDate: '2026-09-30' }]);
  expect(party.received).toEqual([]);
  expect(anon.received).toEqual([]);
  expect(anon.closed.code).toBe(4403);
  expect(query.errors.length + query.received.filter((m) => m.errors).length).toBeGreaterThan(0);
  await Promise.all([fin.stop(), party.stop(), anon.stop(), query.stop()]);
});

test('the daily job runs on PostgreSQL (pg-boss) and can be run on demand', async () => {
  current = new Date('2027-01-05T02:00:00Z');
  const runner = await startJobRunner({ url: app.dbUrl, orm: app.orm, clock, log: () => undefined });
  try {
    expect(runner.alive()).toBe(true);
    const created = await runner.runRemindersNow();
    expect(created).toBeGreaterThanOrEqual(0);
    const schedules = await app.sql("select name, cron, timezone from pgboss.schedule");
    expect(schedules).toEqual([{ name: 'reminders-compute', cron: '0 1 * * *', timezone: 'Asia/Shanghai' }]);
  } finally {
    await runner.stop();
    current = new Date('2026-09-27T02:00:00Z');
  }
});

test('every source of deadlines feeds reminders to its own recipients: clue handlers, rectification units, dispatch-list leaders', async () => {
  const fresh = await startTestApp();
  try {
    const run = await fresh.gql('sysadmin', 'mutation { remindersCompute { created } }');
    expect(run.body.errors).toBeUndefined();
    const byType = Object.fromEntries((await fresh.sql('select record_type, count(*)::int as n from reminder group by 1')).map((r) => [r.record_type, r.n]));
    for (const t of ['ResponsibilityItem', 'ProblemClue', 'Rectification', 'DispatchItem']) expect({ t, some: (byType[t] ?? 0) > 0 }).toEqual({ t, some: true });
    // clue reminders go to the clue's handler, and to nobody else
    const wrongClue = await fresh.sql("select r.id from reminder r join problem_clue c on c.id = r.record_id where r.record_type = 'ProblemClue' and r.account_id <> c.handler_id");
    expect(wrongClue).toEqual([]);
    // dispatch reminders go to the account linked to the list's leader
    const wrongDispatch = await fresh.sql("select r.id from reminder r join dispatch_item i on i.id = r.record_id join account a on a.id = r.account_id where r.record_type = 'DispatchItem' and a.official_id is distinct from i.leader_id");
    expect(wrongDispatch).toEqual([]);
    // the leader sees them as its own reminders
    const deputy = await fresh.gql('qs-deputy', '{ viewer { reminders(first: 100) { nodes { recordType } } } }');
    expect(deputy.body.data.viewer.reminders.nodes.some((n: { recordType: string }) => n.recordType === 'DispatchItem')).toBe(true);
    // a clue reminder's title carries no content of the clue
    const titles = (await fresh.sql("select r.title, c.summary from reminder r join problem_clue c on c.id = r.record_id where r.record_type = 'ProblemClue'")) as { title: string; summary: string }[];
    for (const t of titles) expect(t.title.includes(t.summary)).toBe(false);
  } finally {
    await fresh.stop();
  }
});
