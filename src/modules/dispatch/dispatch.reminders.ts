import type { EntityManager } from '@mikro-orm/postgresql';
import { DUE_KIND_SQL, REMINDER_LEAD_DAYS, registerReminderSource, type DueRow } from '../reminders/reminder.sources';

/** Items of issued dispatch lists not reported done: the leader's account (5 days before, then overdue). */
registerReminderSource({
  recordType: 'DispatchItem',
  async due(em: EntityManager, today: string): Promise<DueRow[]> {
    return em.execute<DueRow[]>(
      `select a.id as account_id, i.id as record_id, left(i.task, 120) as title, to_char(i.deadline, 'YYYY-MM-DD') as due_date,
              ${DUE_KIND_SQL('i.deadline')} as kind
         from dispatch_item i
         join dispatch_list l on l.id = i.list_id and l.status = 'ISSUED'
         join account a on a.official_id = i.leader_id and not a.disabled
         left join dispatch_item_report r on r.item_id = i.id
        where coalesce(r.done, false) = false and ${DUE_KIND_SQL('i.deadline')} is not null
        order by 1, 2`,
      [today, today, REMINDER_LEAD_DAYS, today, today, REMINDER_LEAD_DAYS],
    );
  },
});
