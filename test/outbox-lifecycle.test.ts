import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startTestApp, type TestApp, codes } from './support/app';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliverDueEvents, enqueuePetitionEvent } from '../src/outbox/outbox.service';
import { PetitionStatus } from '../src/modules/petitions/petition.enums';

/**
 * The petition system end to end: a real HTTP receiver on 127.0.0.1 submits a petition with an
 * API key, retries it, and receives signed status webhooks as the petition office registers it,
 * turns it into a clue and concludes it; it answers 500 once and sees the redelivery.
 */
let app: TestApp;
const BASE = 1000;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}

let secret = '';
const received: Received[] = [];
const script: number[] = [];
let server: Server;
let hookUrl = '';

/** The receiver a petition system runs: the verification is the one docs/petition-integration.md shows. */
function verify(sec: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', sec).update(`${timestamp}.${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) && Math.abs(Date.now() / 1000 - Number(timestamp)) < 600;
}

const seen = new Set<string>();
const statusByPetition = new Map<string, string>();

beforeAll(async () => {
  app = await startTestApp();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const ok = verify(secret, String(req.headers['x-timestamp']), body, String(req.headers['x-signature']));
      received.push({ headers: req.headers, body, signatureValid: ok });
      if (!ok) return res.writeHead(401).end();
      const status = script.shift() ?? 200;
      if (status === 200) {
        const id = String(req.headers['x-event-id']);
        if (!seen.has(id)) {
          seen.add(id);
          const e = JSON.parse(body);
          statusByPetition.set(e.petition.id, e.petition.status);
        }
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/petition-status`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await app?.stop();
});

const SUBMIT = `mutation($input: PetitionSubmitInput!) { petitionSubmit(input: $input) { receiptCode petition { id version status } userErrors { field code message } } }`;
const ACT = (name: string, extra = '') => `mutation($input: ${name.charAt(0).toUpperCase() + name.slice(1)}Input!) { ${name}(input: $input) { petition { id version status } userErrors { field code message } } }${extra}`;
const deliver = (ms = 5000) => deliverDueEvents(app.orm.em.fork() as EntityManager, new Date(Date.now() + ms), { retryBaseMs: BASE, timeoutMs: 3000 });

test('submit with an API key, retry, signed webhooks through the lifecycle, a 500 answered by a redelivery', async () => {
  const systemGid = await app.gid('Account', "select id from account where username = 'qs-petition'");
  const key = await app.gql('secadmin', 'mutation($a: ID!) { apiKeyCreate(input: { account: $a }) { plainKey userErrors { code } } }', { a: systemGid });
  expect(key.body.errors).toBeUndefined();
  const apiKey = key.body.data.apiKeyCreate.plainKey as string;
  expect(apiKey).toBeTruthy();
  const hook = await app.gql('secadmin', 'mutation($i: WebhookEndpointSetInput!) { webhookEndpointSet(input: $i) { secret userErrors { code } } }', { i: { account: systemGid, url: hookUrl } });
  secret = hook.body.data.webhookEndpointSet.secret;
  expect(secret).toMatch(/^whsec_/);

  const asSystem = (query: string, variables?: Record<string, unknown>) => app.gql(null, query, variables, { authorization: `ApiKey ${apiKey}` });
  const input = {
    externalId: 'XF-2026-000123',
    channel: 'ONLINE',
    receivedAt: new Date().toISOString(),
    reporter: { name: '举报人甲乙', phone: '13800138000' },
    subject: { unitCode: 'QS-CZ', name: '青山县财政局' },
    content: '（虚构）反映某单位违规发放津贴补贴问题，涉及多名工作人员。',
  };
  const first = await asSystem(SUBMIT, { input });
  expect(first.body.errors).toBeUndefined();
  const sub = first.body.data.petitionSubmit;
  expect(sub.userErrors).toEqual([]);
  expect(sub.receiptCode).toMatch(/^\d{16}$/);
  const retry = await asSystem(SUBMIT, { input });
  expect(retry.body.data.petitionSubmit.petition.id).toBe(sub.petition.id);
  expect(retry.body.data.petitionSubmit.receiptCode).toBe(sub.receiptCode);
  const pid = sub.petition.id as string;
  expect(Number((await app.sql('select count(*)::int as n from outbox_event')).at(0).n)).toBe(1);

  // the first webhook (RECEIVED) meets a 500
  script.push(500);
  expect(await deliver()).toEqual({ delivered: 0, failed: 1, dead: 0 });

  const office = 'qs-petition-office';
  let version = sub.petition.version;
  const reg = await app.gql(office, ACT('petitionRegister'), { input: { id: pid, version } });
  expect(reg.body.data.petitionRegister.userErrors).toEqual([]);
  version = reg.body.data.petitionRegister.petition.version;
  const clue = await app.gql(office, ACT('petitionCreateClue'), { input: { id: pid, version, summary: '（虚构）违规发放津贴补贴' } });
  expect(clue.body.data.petitionCreateClue.userErrors).toEqual([]);
  version = clue.body.data.petitionCreateClue.petition.version;
  const feedback = '经核查，反映的问题部分属实，已责成整改并追回违规发放款项。';
  const done = await app.gql(office, ACT('petitionConclude'), { input: { id: pid, version, feedback } });
  expect(done.body.data.petitionConclude.userErrors).toEqual([]);

  // the RECEIVED event is due again after the back-off; the rest go out in order
  expect(await deliver(5000 + BASE)).toEqual({ delivered: 4, failed: 0, dead: 0 });
  expect(await deliver(60_000)).toEqual({ delivered: 0, failed: 0, dead: 0 });

  const events = await app.sql('select event_id from outbox_event order by id');
  expect(received.map((r) => r.headers['x-event-id'])).toEqual([events[0].event_id, ...events.map((e: any) => e.event_id)]);
  expect(received.every((r) => r.signatureValid)).toBe(true);
  const bodies = received.map((r) => JSON.parse(r.body));
  expect(bodies.map((b) => b.petition.status)).toEqual(['RECEIVED', 'RECEIVED', 'REGISTERED', 'CLUE_CREATED', 'CONCLUDED']);
  expect(bodies.every((b) => b.petition.id === pid && b.petition.externalId === 'XF-2026-000123')).toBe(true);
  expect(bodies.map((b) => b.petition.feedback)).toEqual([null, null, null, null, feedback]);
  for (const r of received) {
    expect(r.body).not.toContain('举报人甲乙');
    expect(r.body).not.toContain('13800138000');
    expect(r.body).not.toContain(sub.receiptCode);
    expect(r.body).not.toContain('津贴');
  }
  expect(statusByPetition.get(pid)).toBe('CONCLUDED');
  expect(seen.size).toBe(4);

  // the office redelivers the conclusion; the receiver sees the same id and drops it
  const redo = await app.gql(office, 'mutation($id: ID!) { outboxRedeliver(input: { eventId: $id }) { event { state } userErrors { code } } }', { id: events[3].event_id });
  expect(redo.body.data.outboxRedeliver).toEqual({ event: { state: 'PENDING' }, userErrors: [] });
  expect(await deliver(120_000)).toEqual({ delivered: 1, failed: 0, dead: 0 });
  expect(received.at(-1)!.headers['x-event-id']).toBe(events[3].event_id);
  expect(seen.size).toBe(4);

  // polling gives the same statuses with the API key
  const poll = await asSystem('{ myPetitionEvents(first: 10) { totalCount nodes { eventId status feedback petitionId } } }');
  expect(poll.body.errors).toBeUndefined();
  expect(poll.body.data.myPetitionEvents.nodes.map((n: any) => n.status)).toEqual(['RECEIVED', 'REGISTERED', 'CLUE_CREATED', 'CONCLUDED']);
  expect(JSON.stringify(poll.body)).not.toContain('举报人甲乙');

  // the reporter checks the result with the receipt code, without an account
  const pub = await app.gql(null, 'query($c: String!) { petitionStatus(receiptCode: $c) { found status feedback } }', { c: sub.receiptCode });
  expect(pub.body.data.petitionStatus).toEqual({ found: true, status: 'CONCLUDED', feedback });

  // a revoked key can neither submit nor poll
  const keyId = (await app.sql('select id from api_key order by id desc limit 1'))[0].id;
  await app.gql('secadmin', 'mutation($id: ID!) { apiKeyRevoke(input: { id: $id }) { userErrors { code } } }', { id: Buffer.from(`ApiKey:${keyId}`).toString('base64url') });
  const after = await asSystem('{ myPetitionEvents(first: 1) { totalCount } }');
  expect(codes(after)).toEqual(['UNAUTHENTICATED']);
});

test('the receiver snippet of docs/petition-integration.md verifies real webhooks and drops a repeated event id', async () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'petition-integration.md'), 'utf8');
  const m = /<!-- receiver-snippet:start -->\s*```js\n([\s\S]*?)```\s*<!-- receiver-snippet:end -->/.exec(doc);
  expect(m).not.toBeNull();
  const file = join(mkdtempSync(join(tmpdir(), 'lz-receiver-')), 'receiver.js');
  writeFileSync(file, m![1]);
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const child = spawn(process.execPath, [file], { env: { ...process.env, LIANZHENG_WEBHOOK_SECRET: secret, PORT: String(port), HOST: '127.0.0.1' } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  try {
    for (let i = 0; i < 50; i++) {
      const up = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' }).then((r) => r.status).catch(() => 0);
      if (up === 401) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const systemGid = await app.gid('Account', "select id from account where username = 'qs-petition'");
    const set = await app.gql('secadmin', 'mutation($i: WebhookEndpointSetInput!) { webhookEndpointSet(input: $i) { secret userErrors { code } } }', { i: { account: systemGid, url: `http://127.0.0.1:${port}/` } });
    expect(set.body.data.webhookEndpointSet).toEqual({ secret: null, userErrors: [] });
    const p = (await app.sql("select id, system_account_id from petition where external_id = 'XF-2026-000123'"))[0];
    const e = await app.orm.em.fork().transactional((em) => enqueuePetitionEvent(em as EntityManager, { petitionId: p.id, systemAccountId: p.system_account_id, status: PetitionStatus.CONCLUDED, feedback: '已办结（重发）' }));
    expect(await deliver(1000)).toEqual({ delivered: 1, failed: 0, dead: 0 });
    await app.gql('qs-petition-office', 'mutation($id: ID!) { outboxRedeliver(input: { eventId: $id }) { userErrors { code } } }', { id: e!.eventId });
    expect(await deliver(2000)).toEqual({ delivered: 1, failed: 0, dead: 0 });
    await new Promise((r) => setTimeout(r, 100));
    expect(out.trim().split('\n')).toEqual([`XF-2026-000123 CONCLUDED #${e!.sequence} 已办结（重发）`]);

    // a wrong secret is refused by the snippet and retried by the service
    const rot = await app.gql('secadmin', 'mutation($i: WebhookEndpointRotateSecretInput!) { webhookEndpointRotateSecret(input: $i) { secret } }', { i: { account: systemGid } });
    expect(rot.body.data.webhookEndpointRotateSecret.secret).toMatch(/^whsec_/);
    await app.orm.em.fork().transactional((em) => enqueuePetitionEvent(em as EntityManager, { petitionId: p.id, systemAccountId: p.system_account_id, status: PetitionStatus.CONCLUDED, feedback: null }));
    expect(await deliver(3000)).toEqual({ delivered: 0, failed: 1, dead: 0 });
    const last = (await app.sql('select last_status from outbox_event order by id desc limit 1'))[0];
    expect(last.last_status).toBe(401);
  } finally {
    child.kill();
  }
});
