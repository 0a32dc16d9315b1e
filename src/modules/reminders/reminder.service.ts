import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { pubSub } from '../../common/pubsub';
import { Reminder } from './reminder.entity';
import { reminderSources } from './reminder.sources';

export const REMINDER_TOPIC = 'REMINDER_CREATED';

export interface ComputeResult {
  created: number;
  bySource: Record<string, number>;
}

/**
 * Computes the reminders due on `today` from every registered source and records the new ones
 * (once per account, record, kind and deadline); each new one is published for subscribers.
 * Safe to run any number of times a day.
 */
export async function computeReminders(em: EntityManager, today: string): Promise<ComputeResult> {
  const bySource: Record<string, number> = {};
  const created: Reminder[] = [];
  await em.transactional(async (tem) => {
    for (const source of reminderSources()) {
      const rows = await source.due(tem as EntityManager, today);
      let n = 0;
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        const values = chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
        const params = chunk.flatMap((r) => [r.account_id, r.kind, source.recordType, r.record_id, r.title.slice(0, 300), r.due_date]);
        const inserted = await (tem as EntityManager).execute<{ id: number }[]>(
          `insert into reminder (account_id, kind, record_type, record_id, title, due_date) values ${values}
           on conflict on constraint reminder_once do nothing returning id`,
          params,
        );
        n += inserted.length;
        if (inserted.length) created.push(...(await tem.find(Reminder, { id: { $in: inserted.map((r) => r.id) } })));
      }
      bySource[source.recordType] = n;
    }
  });
  for (const r of created) pubSub.publish(REMINDER_TOPIC, { accountId: r.account.id, reminder: r });
  return { created: created.length, bySource };
}

export class ReminderService {
  static list(ctx: RequestContext, unreadOnly: boolean, args: ConnectionArgs) {
    const where: Record<string, unknown> = { account: ctx.viewer.account!.id };
    if (unreadOnly) where.readAt = null;
    return paginate(ctx.em, Reminder, where, args);
  }
}
