import PgBoss from 'pg-boss';
import type { MikroORM } from '@mikro-orm/postgresql';
import { computeReminders } from '../modules/reminders/reminder.service';
import { localDate, type Clock } from '../common/context';
import { jobBacklogGauge } from '../ops/metrics';
import { deliverDueEvents } from '../outbox/outbox.service';

export const REMINDERS_QUEUE = 'reminders-compute';
export const OUTBOX_QUEUE = 'outbox-deliver';
/** How often due webhook events are looked for. */
const OUTBOX_INTERVAL_MS = 5_000;

/**
 * Scheduled work on PostgreSQL (pg-boss, its own schema `pgboss`): the daily reminder and
 * overdue computation at 01:00 China time, and the same on demand. Several API instances may
 * run it: pg-boss hands each job to one worker, and the computation is idempotent.
 */
export interface JobRunner {
  /** Queues a computation and waits for it (bounded); returns the reminders created. */
  runRemindersNow(timeoutMs?: number): Promise<number>;
  alive(): boolean;
  /** Sets the backlog gauge (jobs waiting) for /metrics. */
  reportBacklog(): Promise<void>;
  stop(): Promise<void>;
}

export async function startJobRunner(opts: { url: string; orm: MikroORM; clock: Clock; log: (m: string) => void }): Promise<JobRunner> {
  const boss = new PgBoss({ connectionString: opts.url, schema: 'pgboss', max: 2 });
  let running = false;
  boss.on('error', (e) => opts.log(`job runner error: ${e instanceof Error ? e.message : String(e)}`));
  await boss.start();
  running = true;
  await boss.createQueue(REMINDERS_QUEUE);
  await boss.work<{ today?: string }>(REMINDERS_QUEUE, async ([job]) => {
    const today = job?.data?.today ?? localDate(opts.clock.now());
    const r = await computeReminders(opts.orm.em.fork(), today);
    opts.log(`reminders computed for ${today}: ${r.created} new`);
    return { created: r.created };
  });
  await boss.schedule(REMINDERS_QUEUE, '0 1 * * *', {}, { tz: 'Asia/Shanghai' });

  // Webhook delivery: a job every few seconds (pg-boss's cron has minute granularity,
  // so a timer queues it; the stately policy keeps at most one queued and one running across instances).
  await boss.createQueue(OUTBOX_QUEUE, { name: OUTBOX_QUEUE, policy: 'stately' });
  await boss.work(OUTBOX_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    const r = await deliverDueEvents(opts.orm.em.fork(), opts.clock.now());
    if (r.delivered || r.failed || r.dead) opts.log(`webhooks: ${r.delivered} delivered, ${r.failed} failed, ${r.dead} dead-lettered`);
    return r;
  });
  const outboxTimer = setInterval(() => {
    if (running) boss.send(OUTBOX_QUEUE, {}, { retryLimit: 0 }).catch(() => undefined);
  }, OUTBOX_INTERVAL_MS);
  outboxTimer.unref();

  return {
    async runRemindersNow(timeoutMs = 30_000) {
      const id = await boss.send(REMINDERS_QUEUE, { today: localDate(opts.clock.now()) });
      if (!id) throw new Error('the reminder job was not queued');
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const job = await boss.getJobById<{ today: string }>(REMINDERS_QUEUE, id, { includeArchive: true });
        if (job?.state === 'completed') return Number((job.output as { created?: number } | null)?.created ?? 0);
        if (job?.state === 'failed') throw new Error('the reminder job failed');
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('the reminder job did not finish in time');
    },
    alive: () => running,
    async reportBacklog() {
      jobBacklogGauge.set({ queue: REMINDERS_QUEUE }, await boss.getQueueSize(REMINDERS_QUEUE).catch(() => 0));
      jobBacklogGauge.set({ queue: OUTBOX_QUEUE }, await boss.getQueueSize(OUTBOX_QUEUE).catch(() => 0));
    },
    async stop() {
      running = false;
      clearInterval(outboxTimer);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
