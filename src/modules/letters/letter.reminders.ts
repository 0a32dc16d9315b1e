import type { EntityManager } from '@mikro-orm/postgresql';
import { DUE_KIND_SQL, REMINDER_LEAD_DAYS, registerReminderSource, type DueRow } from '../reminders/reminder.sources';

/**
 * Items of signed or published letters that are not complete: due within 5 days, or overdue.
 * Recipients: the accounts of the unit that reports the progress (UNIT grants on the letter's
 * unit) and the account linked to the letter's principal.
 */
registerReminderSource({
  recordType: 'ResponsibilityItem',
  async due(em: EntityManager, today: string): Promise<DueRow[]> {
    return em.execute<DueRow[]>(
      `with due as (
         select i.id as record_id, l.unit_id, l.principal_id, i.content as title, to_char(i.deadline, 'YYYY-MM-DD') as due_date,
                ${DUE_KIND_SQL('i.deadline')} as kind
           from responsibility_item i join responsibility_letter l on l.id = i.letter_id
          where l.status in ('SIGNED', 'PUBLISHED') and coalesce(i.progress_percent, 0) < 100)
       select distinct a.id as account_id, d.record_id, d.title, d.due_date, d.kind
         from due d
         join account a on not a.disabled and (
              a.official_id = d.principal_id
           or exists (select 1 from role_grant g where g.account_id = a.id and g.revoked_at is null and g.role = 'UNIT' and g.unit_id = d.unit_id))
        where d.kind is not null
        order by 1, 2`,
      [today, today, REMINDER_LEAD_DAYS],
    );
  },
});
