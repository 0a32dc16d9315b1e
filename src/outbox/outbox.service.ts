import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { loadConfig } from '../config';
import type { RequestContext } from '../common/context';
import { pubSub } from '../common/pubsub';
import { Node } from '../common/relay';
import { connectionOf, validatePageArgs, type ConnectionArgs, type ConnectionShape } from '../common/connection';
import { conflict, invalid, missing } from '../common/errors';
import { Role } from '../authz/roles';
import type { Viewer } from '../authz/viewer';
import { logger } from '../ops/logger';
import { webhookDeliveriesTotal } from '../ops/metrics';
import { Account } from '../modules/accounts/account.entity';
import type { PetitionStatus } from '../modules/petitions/petition.enums';
import { canSealSecrets, newWebhookSecret, openSecret, sealSecret, signWebhook } from './outbox.crypto';
import { OutboxState, PetitionEvent, WebhookEndpoint } from './outbox.types';

export const PETITION_EVENT_TOPIC = 'PETITION_STATUS_CHANGED';
export const PETITION_EVENT_TYPE = 'petition.status_changed';
/** Attempts before an event is dead-lettered. */
export const MAX_ATTEMPTS = 8;
/** Delay after the n-th failed attempt, in multiples of the base (10 s: 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h). */
const BACKOFF_FACTORS = [1, 3, 12, 60, 180, 360, 720];
/** A claimed event is not claimed again by another worker for this long (longer than a batch can take). */
const CLAIM_LEASE_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;
const BATCH = 20;

/** The petition office (信访室) and the discipline commission handle petitions and their deliveries. */
export const OFFICE_ROLES: readonly Role[] = [Role.PETITION_OFFICE, Role.DISCIPLINE_COMMISSION];

let retryBaseMs: number | null = null;
function defaultRetryBaseMs(): number {
  retryBaseMs ??= loadConfig(process.env).outboxRetryBaseMs;
  return retryBaseMs;
}

/** Delay before the next attempt after `attempts` failed ones. */
export function backoffMs(attempts: number, baseMs = defaultRetryBaseMs()): number {
  return baseMs * BACKOFF_FACTORS[Math.min(Math.max(attempts, 1), BACKOFF_FACTORS.length) - 1];
}

interface OutboxRow {
  id: number;
  event_id: string;
  account_id: number;
  petition_id: number;
  type: string;
  payload: { petitionId: string; externalId: string | null; status: PetitionStatus; feedback: string | null; occurredAt: string };
  created_at: Date | string;
  attempts: number;
  next_attempt_at: Date | string | null;
  delivered_at: Date | string | null;
  dead_at: Date | string | null;
  last_status: number | null;
  last_error: string | null;
}

const asDate = (v: Date | string | null): Date | null => (v == null ? null : v instanceof Date ? v : new Date(v));

function toEvent(r: OutboxRow): PetitionEvent {
  const p = typeof r.payload === 'string' ? (JSON.parse(r.payload) as OutboxRow['payload']) : r.payload;
  const state = r.delivered_at ? OutboxState.DELIVERED : r.dead_at ? OutboxState.DEAD : OutboxState.PENDING;
  return Object.assign(new PetitionEvent(), {
    id: r.id,
    accountId: r.account_id,
    petitionKey: r.petition_id,
    eventId: r.event_id,
    sequence: r.id,
    petitionId: p.petitionId,
    externalId: p.externalId ?? null,
    status: p.status,
    feedback: p.feedback ?? null,
    occurredAt: new Date(p.occurredAt),
    state,
    attempts: r.attempts,
    nextAttemptAt: state === OutboxState.PENDING ? asDate(r.next_attempt_at) : null,
    deliveredAt: asDate(r.delivered_at),
    deadAt: asDate(r.dead_at),
    lastStatus: r.last_status,
    lastError: r.last_error,
  });
}

/** The JSON a webhook carries: the status and the feedback text, never anything about the reporter. */
export function webhookBody(e: PetitionEvent): string {
  return JSON.stringify({
    eventId: e.eventId,
    type: PETITION_EVENT_TYPE,
    sequence: e.sequence,
    occurredAt: e.occurredAt.toISOString(),
    petition: { id: e.petitionId, externalId: e.externalId, status: e.status, feedback: e.feedback },
  });
}

/** Events written in a transaction still open, keyed by its root transaction. */
const pendingPublications = new WeakMap<object, PetitionEvent[]>();

const publish = (event: PetitionEvent) => pubSub.publish(PETITION_EVENT_TOPIC, { accountId: event.accountId, event });

/** Publishes a transaction's events once it has committed, and forgets them on rollback. */
const publishOnCommit: EventSubscriber = {
  afterTransactionCommit(args: TransactionEventArgs) {
    const events = args.transaction ? pendingPublications.get(args.transaction as object) : undefined;
    if (!events) return;
    pendingPublications.delete(args.transaction as object);
    for (const e of events) publish(e);
  },
  afterTransactionRollback(args: TransactionEventArgs) {
    if (args.transaction) pendingPublications.delete(args.transaction as object);
  },
};

/**
 * Publishes once the outermost transaction `em` runs in has committed (nothing on rollback),
 * or at once outside a transaction: subscribers never hear of a change that did not happen.
 */
function publishAfterCommit(em: EntityManager, event: PetitionEvent): void {
  let trx = em.getTransactionContext() as { parentTransaction?: unknown } | undefined;
  if (!trx) return publish(event);
  // a nested transaction is a savepoint: only the root's commit makes the change real
  for (;;) {
    const parent = (trx as Record<symbol, unknown>)[Object.getOwnPropertySymbols(trx).find((x) => x.description === 'parentTransaction') ?? Symbol()];
    if (!parent) break;
    trx = parent as typeof trx;
  }
  em.getEventManager().registerSubscriber(publishOnCommit);
  const list = pendingPublications.get(trx as object) ?? [];
  list.push(event);
  pendingPublications.set(trx as object, list);
}

export interface PetitionEventInput {
  petitionId: number;
  /** The petition system that submitted the petition; null or undefined: nothing to send. */
  systemAccountId: number | null | undefined;
  status: PetitionStatus;
  feedback?: string | null;
  /** The source system's own id of the petition, echoed so it can match the event. */
  externalId?: string | null;
  occurredAt?: Date;
}

/**
 * Records a status event for the petition system that submitted the petition, in the caller's
 * transaction (call it with the transaction's `em` on every status change): the event exists
 * if and only if the change committed. It is delivered later by deliverDueEvents, and
 * published to `petitionStatusChanged` subscribers once the transaction commits.
 */
export async function enqueuePetitionEvent(em: EntityManager, input: PetitionEventInput): Promise<PetitionEvent | null> {
  if (input.systemAccountId == null) return null;
  // the petition row is flushed in this transaction before its status event is written
  const externalId =
    input.externalId !== undefined
      ? input.externalId
      : ((await em.execute<{ external_id: string | null }[]>('select external_id from petition where id = ?', [input.petitionId]))[0]?.external_id ?? null);
  const payload = {
    petitionId: Node.globalId('Petition', input.petitionId),
    externalId,
    status: input.status,
    feedback: input.feedback ?? null,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
  };
  const rows = await em.execute<OutboxRow[]>(
    `insert into outbox_event (event_id, account_id, petition_id, type, payload)
     values (?, ?, ?, ?, ?::jsonb) returning *`,
    [randomUUID(), input.systemAccountId, input.petitionId, PETITION_EVENT_TYPE, JSON.stringify(payload)],
  );
  const event = toEvent(rows[0]);
  publishAfterCommit(em, event);
  return event;
}

export interface DeliveryResult {
  delivered: number;
  failed: number;
  dead: number;
}

interface EndpointRow {
  account_id: number;
  url: string;
  secret_key_id: string;
  secret_enc: string;
}

async function attempt(url: string, secret: string, event: PetitionEvent, now: Date, timeoutMs: number): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const body = webhookBody(event);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  try {
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'lianzheng-webhook/1',
        'x-event-id': event.eventId,
        'x-event-type': PETITION_EVENT_TYPE,
        'x-timestamp': timestamp,
        'x-signature': signWebhook(secret, timestamp, body),
      },
      body,
    });
    await res.arrayBuffer().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, status: res.status, error: ok ? null : `HTTP ${res.status}` };
  } catch (e) {
    const err = e as { name?: string; cause?: { code?: string } };
    const reason = err.name === 'TimeoutError' ? 'timeout' : (err.cause?.code ?? err.name ?? 'network error');
    return { ok: false, status: null, error: String(reason).slice(0, 100) };
  }
}

/**
 * Delivers every due event whose petition system has a webhook endpoint: claims a batch (other
 * workers skip it), POSTs each signed event, and records the outcome. 2xx: delivered. Anything
 * else: retried with exponential back-off, and dead-lettered after MAX_ATTEMPTS. Events of one
 * system go out in order; systems are served side by side. Safe to run from several instances.
 */
export async function deliverDueEvents(em: EntityManager, now: Date = new Date(), opts: { retryBaseMs?: number; timeoutMs?: number; limit?: number } = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: 0, failed: 0, dead: 0 };
  const base = opts.retryBaseMs ?? defaultRetryBaseMs();
  const claimed = await em.execute<OutboxRow[]>(
    `update outbox_event e set next_attempt_at = ?::timestamptz + make_interval(secs => ?)
      where e.id in (
        select o.id from outbox_event o join webhook_endpoint w on w.account_id = o.account_id
         where o.delivered_at is null and o.dead_at is null and o.next_attempt_at <= ?::timestamptz
         order by o.id limit ? for update of o skip locked)
      returning e.*`,
    [now.toISOString(), CLAIM_LEASE_MS / 1000, now.toISOString(), opts.limit ?? BATCH],
  );
  if (!claimed.length) return result;
  const endpoints = await em.execute<EndpointRow[]>(
    'select account_id, url, secret_key_id, secret_enc from webhook_endpoint where account_id in (?)',
    [[...new Set(claimed.map((r) => r.account_id))]],
  );
  const byAccount = new Map<number, OutboxRow[]>();
  for (const r of claimed.sort((a, b) => a.id - b.id)) byAccount.set(r.account_id, [...(byAccount.get(r.account_id) ?? []), r]);

  await Promise.all(
    [...byAccount.entries()].map(async ([accountId, rows]) => {
      const ep = endpoints.find((x) => x.account_id === accountId);
      if (!ep) return;
      let secret: string;
      try {
        secret = openSecret(ep.secret_key_id, ep.secret_enc, accountId);
      } catch (e) {
        // a key removed from PETITION_KEYS too early: the events wait (claimed) until the key is back or the secret rotated
        logger().error({ accountId, keyId: ep.secret_key_id, err: (e as Error).message }, 'webhook secret cannot be opened');
        return;
      }
      for (const row of rows) {
        const event = toEvent(row);
        const r = await attempt(ep.url, secret, event, now, opts.timeoutMs ?? REQUEST_TIMEOUT_MS);
        const attempts = row.attempts + 1;
        if (r.ok) {
          await em.execute(
            'update outbox_event set attempts = ?, delivered_at = ?::timestamptz, last_status = ?, last_error = null where id = ?',
            [attempts, now.toISOString(), r.status, row.id],
          );
          result.delivered++;
          webhookDeliveriesTotal.inc({ result: 'delivered' });
        } else if (attempts >= MAX_ATTEMPTS) {
          await em.execute(
            'update outbox_event set attempts = ?, dead_at = ?::timestamptz, last_status = ?, last_error = ? where id = ?',
            [attempts, now.toISOString(), r.status, r.error, row.id],
          );
          result.dead++;
          webhookDeliveriesTotal.inc({ result: 'dead' });
          logger().warn({ eventId: event.eventId, attempts, status: r.status, error: r.error }, 'webhook event dead-lettered');
        } else {
          const next = new Date(now.getTime() + backoffMs(attempts, base));
          await em.execute(
            'update outbox_event set attempts = ?, next_attempt_at = ?::timestamptz, last_status = ?, last_error = ? where id = ?',
            [attempts, next.toISOString(), r.status, r.error, row.id],
          );
          result.failed++;
          webhookDeliveriesTotal.inc({ result: 'failed' });
          logger().info({ eventId: event.eventId, attempts, status: r.status, error: r.error }, 'webhook delivery failed; will retry');
        }
      }
    }),
  );
  return result;
}

/** SQL predicate on `column` for the unit paths the viewer's grants of `roles` reach. */
function scopeSql(viewer: Viewer, roles: readonly Role[], column: string): { sql: string; params: unknown[] } {
  const likes: string[] = [];
  const exact: string[] = [];
  for (const g of viewer.grants) {
    if (!roles.includes(g.role)) continue;
    if (g.kind === 'ALL') return { sql: 'true', params: [] };
    if (g.kind === 'UNIT') exact.push(...g.paths);
    if (g.kind === 'SUBTREE') likes.push(...g.paths.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  }
  if (!likes.length && !exact.length) return { sql: 'false', params: [] };
  const ors = [...exact.map(() => `${column} = ?`), ...likes.map(() => `${column} like ?`)];
  return { sql: `(${ors.join(' or ')})`, params: [...exact, ...likes] };
}

function stateSql(state: OutboxState | null | undefined): string {
  if (state === OutboxState.DELIVERED) return 'e.delivered_at is not null';
  if (state === OutboxState.DEAD) return 'e.dead_at is not null';
  if (state === OutboxState.PENDING) return 'e.delivered_at is null and e.dead_at is null';
  return 'true';
}

async function page(em: EntityManager, from: string, where: string, params: unknown[], args: ConnectionArgs): Promise<ConnectionShape<PetitionEvent>> {
  const { size, backward, afterId, beforeId } = validatePageArgs(args);
  const conds = [where];
  const p = [...params];
  if (afterId !== undefined) (conds.push('e.id > ?'), p.push(afterId));
  if (beforeId !== undefined) (conds.push('e.id < ?'), p.push(beforeId));
  const rows = size === 0 ? [] : await em.execute<OutboxRow[]>(`select e.* from ${from} where ${conds.join(' and ')} order by e.id ${backward ? 'desc' : 'asc'} limit ?`, [...p, size + 1]);
  const more = rows.length > size;
  const pageRows = more ? rows.slice(0, size) : rows;
  if (backward) pageRows.reverse();
  const nodes = pageRows.map(toEvent);
  return connectionOf(nodes, { more, backward, afterId, beforeId }, async () =>
    Number((await em.execute<{ n: number }[]>(`select count(*)::int as n from ${from} where ${where}`, params))[0].n),
  );
}

export class OutboxService {
  /** The caller's own events (a petition system), oldest first: the polling counterpart of the webhooks. */
  static mine(ctx: RequestContext, args: ConnectionArgs) {
    return page(ctx.em, 'outbox_event e', 'e.account_id = ?', [ctx.viewer.account!.id], args);
  }

  /** Events of petitions the petition office or commission reaches, by delivery state (the dead-letter list). */
  static forOffice(ctx: RequestContext, state: OutboxState | null | undefined, args: ConnectionArgs) {
    const scope = scopeSql(ctx.viewer, OFFICE_ROLES, 'p.unit_path');
    return page(ctx.em, 'outbox_event e join petition p on p.id = e.petition_id', `${scope.sql} and ${stateSql(state)}`, scope.params, args);
  }

  /**
   * Makes a delivered or dead-lettered event due again, with a fresh set of attempts. The receiver
   * sees the same X-Event-Id, so a repeat is harmless to it. Out of scope or recused: NOT_FOUND.
   */
  static async redeliver(ctx: RequestContext, em: EntityManager, eventId: string): Promise<PetitionEvent> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(eventId)) throw invalid('eventId', 'not a valid event id (a UUID)');
    const found = await em.execute<{ id: number; unit_path: string; subject_official_id: number | null }[]>(
      'select e.id, p.unit_path, p.subject_official_id from outbox_event e join petition p on p.id = e.petition_id where e.event_id = ?::uuid for update of e',
      [eventId],
    );
    const row = found[0];
    if (!row || !ctx.viewer.reaches(OFFICE_ROLES, row.unit_path) || ctx.viewer.recusedFrom([row.subject_official_id])) {
      throw missing('eventId', 'No such event');
    }
    const rows = await em.execute<OutboxRow[]>(
      'update outbox_event set delivered_at = null, dead_at = null, attempts = 0, next_attempt_at = ?::timestamptz, last_error = null where id = ? returning *',
      [ctx.now.toISOString(), row.id],
    );
    return toEvent(rows[0]);
  }
}

function toEndpoint(r: { id: number; account_id: number; url: string; secret_set_at: Date | string }, account: Account): WebhookEndpoint {
  return Object.assign(new WebhookEndpoint(), { id: r.id, accountId: r.account_id, account, url: r.url, secretSetAt: asDate(r.secret_set_at)! });
}

function checkUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw invalid('url', 'not a valid URL');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw invalid('url', 'the URL must use https (or http)');
  if (u.username || u.password) throw invalid('url', 'the URL must not carry a user name or password');
  return u.toString();
}

const NO_KEYS = 'PETITION_KEYS is not configured: a webhook signing secret cannot be stored';

async function petitionSystemAccount(em: EntityManager, accountGid: string): Promise<Account> {
  const decoded = accountGid ? Buffer.from(accountGid, 'base64url').toString('utf8') : '';
  const m = /^Account:([1-9]\d{0,9})$/.exec(decoded);
  if (!m) throw invalid('account', 'not a valid Account id');
  const account = await em.findOne(Account, { id: Number(m[1]) });
  const holds = account
    ? await em.execute<{ n: number }[]>("select count(*)::int as n from role_grant where account_id = ? and role = 'PETITION_SYSTEM' and revoked_at is null", [account.id])
    : [{ n: 0 }];
  if (!account) throw missing('account', 'No such account');
  if (!Number(holds[0].n)) throw invalid('account', 'The account does not hold the PETITION_SYSTEM role');
  return account;
}

export class WebhookEndpointService {
  /**
   * Sets the URL a petition system receives its events at. The first time, a signing secret is
   * issued and returned (the only time it is shown); later calls change the URL and keep the secret.
   */
  static async set(em: EntityManager, accountGid: string, rawUrl: string): Promise<{ endpoint: WebhookEndpoint; secret: string | null }> {
    const url = checkUrl(rawUrl);
    const account = await petitionSystemAccount(em, accountGid);
    const existing = await em.execute<{ id: number }[]>('select id from webhook_endpoint where account_id = ? for update', [account.id]);
    if (existing.length) {
      const rows = await em.execute<any[]>('update webhook_endpoint set url = ?, updated_at = now() where id = ? returning id, account_id, url, secret_set_at', [url, existing[0].id]);
      return { endpoint: toEndpoint(rows[0], account), secret: null };
    }
    if (!canSealSecrets()) throw conflict(NO_KEYS);
    const secret = newWebhookSecret();
    const sealed = sealSecret(secret, account.id);
    const rows = await em.execute<any[]>(
      'insert into webhook_endpoint (account_id, url, secret_key_id, secret_enc) values (?, ?, ?, ?) returning id, account_id, url, secret_set_at',
      [account.id, url, sealed.keyId, sealed.enc],
    );
    return { endpoint: toEndpoint(rows[0], account), secret };
  }

  /** Issues a new signing secret at once; the old one stops signing with the next attempt. */
  static async rotate(em: EntityManager, accountGid: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const account = await petitionSystemAccount(em, accountGid);
    if (!canSealSecrets()) throw conflict(NO_KEYS);
    const secret = newWebhookSecret();
    const sealed = sealSecret(secret, account.id);
    const rows = await em.execute<any[]>(
      'update webhook_endpoint set secret_key_id = ?, secret_enc = ?, secret_set_at = now(), updated_at = now() where account_id = ? returning id, account_id, url, secret_set_at',
      [sealed.keyId, sealed.enc, account.id],
    );
    if (!rows.length) throw missing('account', 'The account has no webhook endpoint: set one first');
    return { endpoint: toEndpoint(rows[0], account), secret };
  }
}
