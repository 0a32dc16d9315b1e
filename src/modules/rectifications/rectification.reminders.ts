import type { EntityManager } from '@mikro-orm/postgresql';
import { DUE_KIND_SQL, REMINDER_LEAD_DAYS, registerReminderSource, type DueRow } from '../reminders/reminder.sources';

/** Rectifications not completed: the responsible unit's accounts and the responsible official's account. */
registerReminderSource({
  recordType: 'Rectification',
  async due(em: EntityManager, today: string): Promise<DueRow[]> {
    return em.execute<DueRow[]>(
      `with due as (
         select r.id as record_id, r.unit_id, r.responsible_official_id, left(r.problem, 120) as title,
                to_char(r.deadline, 'YYYY-MM-DD') as due_date, ${DUE_KIND_SQL('r.deadline')} as kind
           from rectification r where r.status <> 'COMPLETED')
       select distinct a.id as account_id, d.record_id, d.title, d.due_date, d.kind
         from due d join account a on not a.disabled and (
              a.official_id = d.responsible_official_id
           or exists (select 1 from role_grant g where g.account_id = a.id and g.revoked_at is null and g.role = 'UNIT' and g.unit_id = d.unit_id))
        where d.kind is not null
        order by 1, 2`,
      [today, today, REMINDER_LEAD_DAYS],
    );
  },
});
