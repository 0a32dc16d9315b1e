import type { EntityManager } from '@mikro-orm/postgresql';
import { DUE_KIND_SQL, REMINDER_LEAD_DAYS, registerReminderSource, type DueRow } from '../reminders/reminder.sources';

/**
 * Open clues with a deadline: the responsible handler is reminded. The title names the clue by
 * number only: a clue's summary is not repeated outside the clue itself.
 */
registerReminderSource({
  recordType: 'ProblemClue',
  async due(em: EntityManager, today: string): Promise<DueRow[]> {
    return em.execute<DueRow[]>(
      `select c.handler_id as account_id, c.id as record_id, '问题线索 #' || c.id || ' 办理期限 (clue deadline)' as title,
              to_char(c.deadline, 'YYYY-MM-DD') as due_date, ${DUE_KIND_SQL('c.deadline')} as kind
         from problem_clue c join account a on a.id = c.handler_id and not a.disabled
        where c.deadline is not null
          and c.status in ('RECEIVED', 'TALK_OR_INQUIRY_LETTER', 'PRELIMINARY_VERIFICATION', 'CASE_FILED')
          and ${DUE_KIND_SQL('c.deadline')} is not null
        order by 1, 2`,
      [today, today, REMINDER_LEAD_DAYS, today, today, REMINDER_LEAD_DAYS],
    );
  },
});
