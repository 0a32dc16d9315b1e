import type { EntityManager } from '@mikro-orm/postgresql';
import { DUE_KIND_SQL, REMINDER_LEAD_DAYS, registerReminderSource, type DueRow } from '../reminders/reminder.sources';

/**
 * Petitions not yet accepted or forwarded: the petition office accounts whose unit reaches the
 * petition are reminded. The title names the petition by number only, never its content or reporter.
 */
registerReminderSource({
  recordType: 'Petition',
  async due(em: EntityManager, today: string): Promise<DueRow[]> {
    return em.execute<DueRow[]>(
      `select distinct g.account_id, p.id as record_id, '信访件 #' || p.id || ' 受理期限 (petition acceptance deadline)' as title,
              to_char(p.accept_deadline, 'YYYY-MM-DD') as due_date, ${DUE_KIND_SQL('p.accept_deadline')} as kind
         from petition p
         join unit u on p.unit_path like u.path || '%'
         join role_grant g on g.unit_id = u.id and g.role = 'PETITION_OFFICE' and g.revoked_at is null
         join account a on a.id = g.account_id and not a.disabled
        where p.status = 'RECEIVED' and ${DUE_KIND_SQL('p.accept_deadline')} is not null
        order by 1, 2`,
      [today, today, REMINDER_LEAD_DAYS, today, today, REMINDER_LEAD_DAYS],
    );
  },
});
