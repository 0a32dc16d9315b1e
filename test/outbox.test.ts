import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createHmac, timingSafeEqual, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp, type TestApp, codes } from './support/app';
import { deliverDueEvents, enqueuePetitionEvent, backoffMs, MAX_ATTEMPTS } from '../src/outbox/outbox.service';
import { PetitionStatus } from '../src/modules/petitions/petition.enums';
import { registry } from '../src/ops/metrics';
import { startJobRunner } from '../src/jobs/runner';

/**
 * Status back to the petition system: the outbox written in the status change's transaction,
 * signed webhooks to a real receiver on 127.0.0.1 with back-off, dead letters and redelivery,
 * polling, and the subscription.
 */
let app: TestApp;
const BASE = 1000;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}

/** The petition system's side: verifies each signature, records event ids, answers from a script. */
class Receiver {
  server!: Server;
  url = '';
  secret = '';
  received: Received[] = [];
  /** Status codes to answer with, in order; 200 once the script runs out. */
  script: number[] = [];

  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const ts = String(req.headers['x-timestamp'] ?? '');
        const expected = Buffer.from(`sha256=${createHmac('sha256', this.secret).update(`${ts}.${body}`).digest('hex')}`);
        const given = Buffer.from(String(req.headers['x-signature'] ?? ''));
        const signatureValid = expected.length === given.length && timingSafeEqual(expected, given);
        this.received.push({ headers: req.headers, body, signatureValid });
        res.statusCode = signatureValid ? (this.script.shift() ?? 200) : 401;
        res.end('ok');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/lianzheng`;
  }

  ids() {
    return this.received.map((r) => r.headers['x-event-id']);
  }

  stop() {
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

const receiver = new Receiver();
let systemId: number;
let financeId: number;
let petitionId: number;
let otherPetitionId: number;
let systemGid: string;

const one = async <T = any>(sql: string, params: unknown[] = []) => (await app.sql<T>(sql, params))[0];

async function insertPetition(unitCode: string, externalId: string): Promise<number> {
  const u = await one<{ id: number; path: string }>('select id, path from unit where code = $1', [unitCode]);
  const code = String(Math.floor(Math.random() * 1e15)).padStart(16, '7');
  const r = await one<{ id: number }>(
    `insert into petition (system_account_id, external_id, content_hash, channel, received_at, received_on, anonymous, content, unit_id, unit_path, receipt_code, accept_deadline)
     values ($1, $2, 'h', 'ONLINE', now(), current_date, true, '反映内容', $3, $4, $5, current_date + 7) returning id`,
    [systemId, externalId, u.id, u.path, code],
  );
  return r.id;
}

/** Enqueues in a transaction of its own, as a status change would. */
async function enqueue(petition: number, status: PetitionStatus, feedback: string | null = null, account = systemId) {
  return app.orm.em.fork().transactional((em) => enqueuePetitionEvent(em as EntityManager, { petitionId: petition, systemAccountId: account, status, feedback }));
}

const deliver = (now: Date) => deliverDueEvents(app.orm.em.fork() as EntityManager, now, { retryBaseMs: BASE, timeoutMs: 3000 });

const SET = `mutation($input: WebhookEndpointSetInput!) { webhookEndpointSet(input: $input) { secret endpoint { url secretSetAt account { username } } userErrors { field code message } } }`;
const ROTATE = `mutation($input: WebhookEndpointRotateSecretInput!) { webhookEndpointRotateSecret(input: $input) { secret endpoint { url } userErrors { field code } } }`;
const REDELIVER = `mutation($id: ID!) { outboxRedeliver(input: { eventId: $id }) { event { eventId state attempts } userErrors { field code message } } }`;
const MINE = `query($after: String) { myPetitionEvents(first: 100, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { eventId sequence petitionId externalId status feedback occurredAt state } } }`;

beforeAll(async () => {
  app = await startTestApp();
  await receiver.start();
  systemId = (await one<{ id: number }>("select id from account where username = 'qs-petition'")).id;
  financeId = (await one<{ id: number }>("select id from account where username = 'qs-finance'")).id;
  systemGid = await app.gid('Account', "select id from account where username = 'qs-petition'");
  petitionId = await insertPetition('QS-CZ', 'EXT-CZ-1');
  otherPetitionId = await insertPetition('QS-DL-01', 'EXT-DL-1');
  // a petition office of the Dongling township: the finance bureau's petitions are out of its scope
  await app.sql(
    "insert into role_grant (account_id, role, unit_id, granted_at) select a.id, 'PETITION_OFFICE', u.id, now() from account a, unit u where a.username = 'dongling-party' and u.code = 'QS-DL'",
  );
});
afterAll(async () => {
  await receiver.stop();
  await app?.stop();
});

test('webhookEndpointSet: SECURITY_ADMIN only, http(s) only, a PETITION_SYSTEM account only; the secret is shown once and stored sealed', async () => {
  const before = await app.fingerprint();
  const byOther = await app.gql('qs-discipline', SET, { input: { account: systemGid, url: receiver.url } });
  expect(byOther.body.data.webhookEndpointSet).toBeNull();
  expect(codes(byOther)).toEqual(['FORBIDDEN']);
  expect(byOther.body.errors![0].path).toEqual(['webhookEndpointSet']);
  const bySystem = await app.gql('qs-petition', SET, { input: { account: systemGid, url: receiver.url } });
  expect(codes(bySystem)).toEqual(['FORBIDDEN']);

  const ftp = await app.gql('secadmin', SET, { input: { account: systemGid, url: 'ftp://127.0.0.1/x' } });
  expect(ftp.body.data.webhookEndpointSet.userErrors).toEqual([expect.objectContaining({ field: ['input', 'url'], code: 'BAD_USER_INPUT' })]);
  const creds = await app.gql('secadmin', SET, { input: { account: systemGid, url: 'https://user:pw@example.org/x' } });
  expect(creds.body.data.webhookEndpointSet.userErrors[0].code).toBe('BAD_USER_INPUT');
  const notSystem = await app.gql('secadmin', SET, { input: { account: await app.gid('Account', 'select $1::int as id', [financeId]), url: receiver.url } });
  expect(notSystem.body.data.webhookEndpointSet.userErrors).toEqual([expect.objectContaining({ field: ['input', 'account'], code: 'BAD_USER_INPUT' })]);
  const badId = await app.gql('secadmin', SET, { input: { account: 'nope', url: receiver.url } });
  expect(badId.body.data.webhookEndpointSet.userErrors[0].code).toBe('BAD_USER_INPUT');
  const rotateNone = await app.gql('secadmin', ROTATE, { input: { account: systemGid } });
  expect(rotateNone.body.data.webhookEndpointRotateSecret.userErrors).toEqual([{ field: ['input', 'account'], code: 'NOT_FOUND' }]);
  expect(await app.fingerprint()).toBe(before);

  const ok = await app.gql('secadmin', SET, { input: { account: systemGid, url: receiver.url } });
  expect(ok.body.errors).toBeUndefined();
  const p = ok.body.data.webhookEndpointSet;
  expect(p.userErrors).toEqual([]);
  expect(p.endpoint).toEqual(expect.objectContaining({ url: receiver.url, account: { username: 'qs-petition' } }));
  expect(p.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  receiver.secret = p.secret;
  const row = await one('select * from webhook_endpoint where account_id = $1', [systemId]);
  expect(JSON.stringify(row)).not.toContain(p.secret);
  expect(JSON.stringify(row)).not.toContain(p.secret.slice(6));

  // setting the URL again keeps the secret and never shows it
  const again = await app.gql('secadmin', SET, { input: { account: systemGid, url: receiver.url } });
  expect(again.body.data.webhookEndpointSet.secret).toBeNull();
  expect((await one('select secret_enc from webhook_endpoint where account_id = $1', [systemId])).secret_enc).toBe(row.secret_enc);
  // no type of the schema exposes the secret
  const intro = await app.gql('secadmin', '{ __type(name: "WebhookEndpoint") { fields { name } } }');
  expect(intro.body.data.__type.fields.map((f: any) => f.name).sort()).toEqual(['account', 'secretSetAt', 'url']);
});

test('an event is written only if its transaction commits, and carries the status and feedback only', async () => {
  const before = Number((await one('select count(*)::int as n from outbox_event')).n);
  await expect(
    app.orm.em.fork().transactional(async (em) => {
      await enqueuePetitionEvent(em as EntityManager, { petitionId, systemAccountId: systemId, status: PetitionStatus.REGISTERED });
      throw new Error('rolled back');
    }),
  ).rejects.toThrow('rolled back');
  expect(Number((await one('select count(*)::int as n from outbox_event')).n)).toBe(before);
  expect(await app.orm.em.fork().transactional((em) => enqueuePetitionEvent(em as EntityManager, { petitionId, systemAccountId: null, status: PetitionStatus.REGISTERED }))).toBeNull();
  expect(Number((await one('select count(*)::int as n from outbox_event')).n)).toBe(before);

  const e = await enqueue(petitionId, PetitionStatus.REGISTERED);
  const row = await one('select * from outbox_event where event_id = $1', [e!.eventId]);
  expect(row.account_id).toBe(systemId);
  expect(row.petition_id).toBe(petitionId);
  expect(Object.keys(row.payload).sort()).toEqual(['externalId', 'feedback', 'occurredAt', 'petitionId', 'status']);
  expect(row.payload).toEqual(expect.objectContaining({ status: 'REGISTERED', feedback: null, externalId: 'EXT-CZ-1' }));
});

test('delivery: signed POST, 500 then retried after the back-off, then delivered; the same event id both times', async () => {
  await app.sql('update outbox_event set delivered_at = now() where delivered_at is null');
  receiver.received = [];
  receiver.script = [500];
  const e = await enqueue(petitionId, PetitionStatus.CLUE_CREATED);
  const t0 = new Date(Date.now() + 1000);
  const metric = async (result: string) => {
    const m = (await registry.getSingleMetric('lianzheng_webhook_deliveries_total')!.get()).values.find((v) => v.labels.result === result);
    return m?.value ?? 0;
  };
  const failedBefore = await metric('failed');
  const deliveredBefore = await metric('delivered');

  expect(await deliver(t0)).toEqual({ delivered: 0, failed: 1, dead: 0 });
  let row = await one('select * from outbox_event where event_id = $1', [e!.eventId]);
  expect(row).toEqual(expect.objectContaining({ attempts: 1, last_status: 500, delivered_at: null, dead_at: null }));
  expect(new Date(row.next_attempt_at).getTime()).toBe(t0.getTime() + backoffMs(1, BASE));
  // not due yet
  expect(await deliver(new Date(t0.getTime() + BASE - 1))).toEqual({ delivered: 0, failed: 0, dead: 0 });
  expect(await deliver(new Date(t0.getTime() + BASE))).toEqual({ delivered: 1, failed: 0, dead: 0 });
  row = await one('select * from outbox_event where event_id = $1', [e!.eventId]);
  expect(row).toEqual(expect.objectContaining({ attempts: 2, last_status: 200, dead_at: null }));
  expect(row.delivered_at).not.toBeNull();
  // nothing more to send
  expect(await deliver(new Date(t0.getTime() + 3_600_000))).toEqual({ delivered: 0, failed: 0, dead: 0 });

  expect(receiver.ids()).toEqual([e!.eventId, e!.eventId]);
  for (const r of receiver.received) {
    expect(r.signatureValid).toBe(true);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['x-timestamp']).toMatch(/^\d{10}$/);
    expect(r.headers['x-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const body = JSON.parse(r.body);
    expect(body).toEqual({
      eventId: e!.eventId,
      type: 'petition.status_changed',
      sequence: e!.sequence,
      occurredAt: expect.any(String),
      petition: { id: e!.petitionId, externalId: 'EXT-CZ-1', status: 'CLUE_CREATED', feedback: null },
    });
    expect(r.body).not.toContain('反映内容');
  }
  expect(await metric('failed')).toBe(failedBefore + 1);
  expect(await metric('delivered')).toBe(deliveredBefore + 1);
});

test('an endpoint that is down loses nothing: retried with growing delays, dead-lettered after the last try, redelivered by the petition office', async () => {
  receiver.received = [];
  const down = 'http://127.0.0.1:9/unreachable';
  await app.gql('secadmin', SET, { input: { account: systemGid, url: down } });
  const e = await enqueue(petitionId, PetitionStatus.CONCLUDED, '经核查，反映问题部分属实，已依规处理。');
  let now = new Date(Date.now() + 2000);
  const delays: number[] = [];
  for (let i = 1; i <= MAX_ATTEMPTS; i++) {
    const r = await deliver(now);
    const row = await one('select * from outbox_event where event_id = $1', [e!.eventId]);
    expect(row.attempts).toBe(i);
    expect(row.last_status).toBeNull();
    if (i < MAX_ATTEMPTS) {
      expect(r).toEqual({ delivered: 0, failed: 1, dead: 0 });
      const next = new Date(row.next_attempt_at);
      delays.push(next.getTime() - now.getTime());
      now = next;
    } else {
      expect(r).toEqual({ delivered: 0, failed: 0, dead: 1 });
      expect(row.dead_at).not.toBeNull();
    }
  }
  expect(delays).toEqual([1, 3, 12, 60, 180, 360, 720].map((f) => f * BASE));
  expect(await deliver(new Date(now.getTime() + 86_400_000))).toEqual({ delivered: 0, failed: 0, dead: 0 });

  // the dead-letter list, in the petition office's scope
  const DEAD = '{ petitionOutboxEvents(state: DEAD, first: 50) { totalCount nodes { eventId state attempts lastError deadAt status feedback } } }';
  const disc = await app.gql('qs-discipline', DEAD);
  expect(disc.body.errors).toBeUndefined();
  expect(disc.body.data.petitionOutboxEvents.totalCount).toBe(Number((await one('select count(*)::int as n from outbox_event where dead_at is not null')).n));
  expect(disc.body.data.petitionOutboxEvents.nodes).toEqual([expect.objectContaining({ eventId: e!.eventId, state: 'DEAD', attempts: MAX_ATTEMPTS, status: 'CONCLUDED' })]);
  const dl = await app.gql('dongling-party', DEAD);
  expect(dl.body.data.petitionOutboxEvents.totalCount).toBe(0);
  const all = await app.gql('qs-discipline', '{ petitionOutboxEvents(first: 100) { totalCount } }');
  expect(all.body.data.petitionOutboxEvents.totalCount).toBe(Number((await one('select count(*)::int as n from outbox_event')).n));
  for (const who of ['qs-petition', 'qs-finance', 'secadmin']) {
    const r = await app.gql(who, DEAD);
    expect(codes(r)).toEqual(['FORBIDDEN']);
  }

  // refused redeliveries change nothing
  const before = await app.fingerprint();
  for (const who of ['qs-petition', 'qs-party', 'secadmin']) {
    const r = await app.gql(who, REDELIVER, { id: e!.eventId });
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(r.body.errors![0].path).toEqual(['outboxRedeliver']);
  }
  const outOfScope = await app.gql('dongling-party', REDELIVER, { id: e!.eventId });
  expect(outOfScope.body.data.outboxRedeliver.userErrors).toEqual([expect.objectContaining({ field: ['input', 'eventId'], code: 'NOT_FOUND' })]);
  const unknown = await app.gql('qs-discipline', REDELIVER, { id: randomUUID() });
  expect(unknown.body.data.outboxRedeliver.userErrors[0].code).toBe('NOT_FOUND');
  const malformed = await app.gql('qs-discipline', REDELIVER, { id: 'not-a-uuid' });
  expect(malformed.body.data.outboxRedeliver.userErrors[0].code).toBe('BAD_USER_INPUT');
  expect(await app.fingerprint()).toBe(before);

  // the endpoint is back; the office redelivers
  await app.gql('secadmin', SET, { input: { account: systemGid, url: receiver.url } });
  const red = await app.gql('qs-discipline', REDELIVER, { id: e!.eventId });
  expect(red.body.data.outboxRedeliver).toEqual({ event: { eventId: e!.eventId, state: 'PENDING', attempts: 0 }, userErrors: [] });
  const t = new Date(Date.now() + 5000);
  expect(await deliver(t)).toEqual({ delivered: 1, failed: 0, dead: 0 });
  expect(receiver.ids()).toEqual([e!.eventId]);
  expect(receiver.received[0].signatureValid).toBe(true);
  expect(JSON.parse(receiver.received[0].body).petition).toEqual(expect.objectContaining({ status: 'CONCLUDED', feedback: '经核查，反映问题部分属实，已依规处理。' }));

  // a delivered event redelivered: the receiver sees the same X-Event-Id again and can drop it
  const again = await app.gql('qs-discipline', REDELIVER, { id: e!.eventId });
  expect(again.body.data.outboxRedeliver.userErrors).toEqual([]);
  expect(await deliver(new Date(t.getTime() + 1000))).toEqual({ delivered: 1, failed: 0, dead: 0 });
  expect(receiver.ids()).toEqual([e!.eventId, e!.eventId]);
  expect(new Set(receiver.ids()).size).toBe(1);
});

test('rotation: a new secret at once, the next webhook is signed with it', async () => {
  const before = await app.fingerprint();
  const refused = await app.gql('qs-petition', ROTATE, { input: { account: systemGid } });
  expect(codes(refused)).toEqual(['FORBIDDEN']);
  expect(await app.fingerprint()).toBe(before);
  const r = await app.gql('secadmin', ROTATE, { input: { account: systemGid } });
  const secret = r.body.data.webhookEndpointRotateSecret.secret;
  expect(secret).toMatch(/^whsec_/);
  expect(secret).not.toBe(receiver.secret);
  const old = receiver.secret;
  receiver.secret = secret;
  receiver.received = [];
  const e = await enqueue(petitionId, PetitionStatus.TRANSFERRED);
  expect(await deliver(new Date(Date.now() + 10_000))).toEqual({ delivered: 1, failed: 0, dead: 0 });
  expect(receiver.ids()).toEqual([e!.eventId]);
  expect(receiver.received[0].signatureValid).toBe(true);
  const { headers, body } = receiver.received[0];
  const withOld = `sha256=${createHmac('sha256', old).update(`${headers['x-timestamp']}.${body}`).digest('hex')}`;
  expect(headers['x-signature']).not.toBe(withOld);
});

test('polling: myPetitionEvents lists the calling system\'s events only, in order, status and feedback only; others are refused', async () => {
  // an event for another account must not show up
  await enqueue(otherPetitionId, PetitionStatus.REGISTERED, null, financeId);
  const r = await app.gql('qs-petition', MINE);
  expect(r.body.errors).toBeUndefined();
  const c = r.body.data.myPetitionEvents;
  const expected = await app.sql('select event_id from outbox_event where account_id = $1 order by id', [systemId]);
  expect(c.totalCount).toBe(expected.length);
  expect(c.nodes.map((n: any) => n.eventId)).toEqual(expected.map((x: any) => x.event_id));
  expect(c.nodes.every((n: any) => n.externalId === 'EXT-CZ-1')).toBe(true);
  const seqs = c.nodes.map((n: any) => n.sequence);
  expect([...seqs].sort((a: number, b: number) => a - b)).toEqual(seqs);
  // the cursor resumes after the last event seen
  const next = await app.gql('qs-petition', MINE, { after: c.pageInfo.endCursor });
  expect(next.body.data.myPetitionEvents.nodes).toEqual([]);
  // the event type has no field about the reporter or the content
  const intro = await app.gql('qs-petition', '{ __type(name: "PetitionEvent") { fields { name } } }');
  expect(intro.body.data.__type.fields.map((f: any) => f.name).filter((n: string) => /report|content|name|phone|identity|address|receipt/i.test(n))).toEqual([]);

  for (const who of ['qs-discipline', 'secadmin', 'qs-finance']) {
    const x = await app.gql(who, MINE);
    expect(x.body.data.myPetitionEvents).toBeNull();
    expect(codes(x)).toEqual(['FORBIDDEN']);
  }
  expect(codes(await app.gql(null, MINE))).toEqual(['UNAUTHENTICATED']);
});

function subscribe(as: string | null, query: string) {
  const received: any[] = [];
  const errors: unknown[] = [];
  const client = createClient({
    url: app.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: async () => (as ? { authorization: `Bearer ${await app.token(as)}` } : {}),
    retryAttempts: 0,
    lazy: false,
  });
  const ready = new Promise<void>((resolve) => {
    client.on('connected', () => resolve());
    client.on('closed', () => resolve());
  });
  const dispose = client.subscribe({ query }, { next: (v) => received.push(v), error: (e) => errors.push(e), complete: () => undefined });
  return { received, errors, ready, stop: async () => { dispose(); await client.dispose(); } };
}

const waitFor = async (cond: () => boolean, ms = 3000) => {
  const until = Date.now() + ms;
  while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
};

test('subscription: petitionStatusChanged reaches the submitting system after commit, nothing on rollback, nobody else', async () => {
  const SUB = 'subscription { petitionStatusChanged { eventId status feedback externalId } }';
  const sys = subscribe('qs-petition', SUB);
  const disc = subscribe('qs-discipline', SUB);
  await Promise.all([sys.ready, disc.ready]);
  await new Promise((r) => setTimeout(r, 150));

  // a rolled-back change is never announced
  await app.orm.em.fork().transactional(async (em) => {
    await enqueuePetitionEvent(em as EntityManager, { petitionId, systemAccountId: systemId, status: PetitionStatus.REGISTERED });
    throw new Error('rollback');
  }).catch(() => undefined);
  // another system's event is not sent to this one
  await enqueue(otherPetitionId, PetitionStatus.REGISTERED, null, financeId);
  const e = await enqueue(petitionId, PetitionStatus.CONCLUDED, '已办结');
  await waitFor(() => sys.received.length >= 1);
  await new Promise((r) => setTimeout(r, 200));
  expect(sys.received).toEqual([{ data: { petitionStatusChanged: { eventId: e!.eventId, status: 'CONCLUDED', feedback: '已办结', externalId: 'EXT-CZ-1' } } }]);
  // the filter keys on the caller's account: a commission account hears nothing, not even a status
  expect(disc.received.filter((m) => m.data?.petitionStatusChanged)).toEqual([]);
  await sys.stop();
  await disc.stop();
});

test('the pg-boss worker delivers due events every few seconds', async () => {
  await app.sql('update outbox_event set delivered_at = now() where delivered_at is null and dead_at is null');
  receiver.received = [];
  const e = await enqueue(petitionId, PetitionStatus.REGISTERED);
  const runner = await startJobRunner({ url: app.dbUrl, orm: app.orm, clock: { now: () => new Date() }, log: () => undefined });
  try {
    const deliveredAt = async () => (await one('select delivered_at from outbox_event where event_id = $1', [e!.eventId])).delivered_at;
    for (let i = 0; i < 100 && !(await deliveredAt()); i++) await new Promise((r) => setTimeout(r, 200));
    const row = await one('select delivered_at, attempts from outbox_event where event_id = $1', [e!.eventId]);
    expect(row.delivered_at).not.toBeNull();
    expect(row.attempts).toBe(1);
    expect(receiver.ids()).toEqual([e!.eventId]);
    expect(receiver.received[0].signatureValid).toBe(true);
  } finally {
    await runner.stop();
  }
}, 40_000);
