import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One year of the official calendar: public holidays and make-up working days (调休上班). */
export interface HolidayYear {
  year: number;
  fictional?: boolean;
  holidays: { date: string; name: string }[];
  workdays: { date: string; name: string }[];
}

/** Working days: Monday to Friday, minus public holidays, plus make-up working days. */
export class WorkCalendar {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();

  constructor(years: HolidayYear[]) {
    for (const y of years) {
      for (const h of y.holidays) this.holidays.add(h.date);
      for (const w of y.workdays) this.workdays.add(w.date);
    }
  }

  isWorkingDay(date: string): boolean {
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /** The n-th working day after `date` (the day of receipt itself does not count). */
  addWorkingDays(date: string, n: number): string {
    let d = new Date(`${date}T00:00:00Z`);
    let left = n;
    while (left > 0) {
      d = new Date(d.getTime() + 86_400_000);
      if (this.isWorkingDay(d.toISOString().slice(0, 10))) left--;
    }
    return d.toISOString().slice(0, 10);
  }
}

/** Reads data/holidays/<year>.json. */
export function loadHolidayYears(dir = join(process.cwd(), 'data', 'holidays')): HolidayYear[] {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => /^\d{4}\.json$/.test(f)).sort();
  } catch {
    return [];
  }
  return files.map((f) => {
    const y = JSON.parse(readFileSync(join(dir, f), 'utf8')) as HolidayYear;
    for (const d of [...y.holidays, ...y.workdays]) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d.date) || !d.date.startsWith(String(y.year))) throw new Error(`${f}: bad date ${d.date}`);
    }
    return y;
  });
}

let calendar: WorkCalendar | null = null;

export function workCalendar(): WorkCalendar {
  calendar ??= new WorkCalendar(loadHolidayYears());
  return calendar;
}

export function addWorkingDays(date: string, n: number, cal: WorkCalendar = workCalendar()): string {
  return cal.addWorkingDays(date, n);
}
