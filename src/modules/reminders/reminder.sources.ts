import type { EntityManager } from '@mikro-orm/postgresql';

/** Days before a deadline from which a reminder is due (DOMAIN.md). */
export const REMINDER_LEAD_DAYS = 5;

export interface DueRow {
  account_id: number;
  record_id: number;
  title: string;
  due_date: string;
  kind: 'DUE_SOON' | 'OVERDUE';
}

/**
 * A kind of record with deadlines: a query that lists, for `today`, every (recipient account,
 * record) whose deadline is within the lead days (DUE_SOON) or past (OVERDUE) and not done.
 * Each module that owns deadlines registers its source here.
 */
export interface ReminderSource {
  recordType: string;
  due(em: EntityManager, today: string): Promise<DueRow[]>;
}

const sources: ReminderSource[] = [];

export function registerReminderSource(source: ReminderSource): void {
  if (!sources.some((s) => s.recordType === source.recordType)) sources.push(source);
}

export function reminderSources(): readonly ReminderSource[] {
  return sources;
}

/** The SQL fragment that classifies a deadline column against `today` (parameters: today, today, lead days). */
export const DUE_KIND_SQL = (deadline: string) =>
  `case when ${deadline} < ?::date then 'OVERDUE' when ${deadline} <= ?::date + ? then 'DUE_SOON' end`;
