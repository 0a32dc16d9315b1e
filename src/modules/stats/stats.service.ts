import type { RequestContext } from '../../common/context';
import { badInput, notFound } from '../../common/errors';
import { addMonths, isCalendarDate } from '../../common/scalars';
import { keyOf } from '../../common/relay';
import { Role } from '../../authz/roles';
import type { Viewer } from '../../authz/viewer';
import { Unit } from '../units/unit.entity';
import { Campaign } from '../clues/campaign.entity';
import { CampaignService } from '../clues/campaign.service';
import { ClueService } from '../clues/clue.service';
import { RectificationService } from '../rectifications/rectification.service';
import { FourForms, SanctionKind } from '../sanctions/sanction.enums';
import type { FourFormsFigure, MoneyFigure, SanctionKindFigure, StatFigure, Statistics, StatisticsPeriodInput } from './stats.types';

const { PARTY_COMMITTEE: PC, DISCIPLINE_COMMISSION: DC, DISPATCHED_TEAM: DT } = Role;

/** Who may ask for statistics; PARTY_COMMITTEE reads the aggregates only, masked. */
export const STATISTICS_READERS: readonly Role[] = [PC, DC, DT];
/** Roles that read the records themselves: their figures are never masked. */
const ROW_READERS: readonly Role[] = [DC, DT];

/** Ranks counted as leaders (领导干部) when held accountable, besides any unit principal. */
export const LEADER_RANKS = ['COUNTY_PRINCIPAL', 'COUNTY_DEPUTY', 'SECTION_PRINCIPAL', 'SECTION_DEPUTY'] as const;

const MASK = '<3';

interface Period {
  from: string;
  to: string;
}

/** Two periods: this one and the same one a year earlier. */
interface Periods {
  cur: Period;
  prev: Period;
}

/** A path predicate restricted to one unit's subtree, as SQL over a column with its parameters. */
interface PathSql {
  sql: string;
  params: unknown[];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The part of `root`'s subtree the viewer's grants of `roles` reach, plus extra prefixes, as
 * prefixes and exact paths all inside the subtree (so each stays an index range on unit_path).
 */
export function subtreeScope(viewer: Viewer, roles: readonly Role[], root: string, extraPrefixes: string[] = []): { prefixes: string[]; exact: string[] } {
  const prefixes = new Set<string>();
  const exact = new Set<string>();
  const addPrefix = (p: string) => {
    if (root.startsWith(p)) prefixes.add(root);
    else if (p.startsWith(root)) prefixes.add(p);
  };
  for (const g of viewer.grants) {
    if (!roles.includes(g.role)) continue;
    if (g.kind === 'ALL') prefixes.add(root);
    if (g.kind === 'SUBTREE') g.paths.forEach(addPrefix);
    if (g.kind === 'UNIT') for (const p of g.paths) if (p.startsWith(root)) exact.add(p);
  }
  extraPrefixes.forEach(addPrefix);
  // a prefix inside another one adds nothing
  const list = [...prefixes].filter((p) => ![...prefixes].some((q) => q !== p && p.startsWith(q)));
  const ex = [...exact].filter((e) => !list.some((p) => e.startsWith(p)));
  return { prefixes: list, exact: ex };
}

function pathSql(scope: { prefixes: string[]; exact: string[] }, column: string): PathSql {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const p of scope.prefixes) {
    parts.push(`${column} like ?`);
    params.push(`${escapeLike(p)}%`);
  }
  if (scope.exact.length) {
    parts.push(`${column} in (?)`);
    params.push(scope.exact);
  }
  return parts.length ? { sql: `(${parts.join(' or ')})`, params } : { sql: 'false', params: [] };
}

/** Rounded to one decimal; null when last year is 0. */
export function changePercent(cur: number, prev: number): number | null {
  if (prev === 0) return null;
  return Math.round(((cur - prev) / prev) * 1000) / 10;
}

function figure(cur: number, prev: number, masked: boolean): StatFigure {
  const hide = (n: number) => masked && n >= 1 && n <= 2;
  const hc = hide(cur);
  const hp = hide(prev);
  return {
    value: hc ? null : cur,
    display: hc ? MASK : String(cur),
    lastYear: hp ? null : prev,
    lastYearDisplay: hp ? MASK : String(prev),
    // a change computed from a hidden count would give the count away
    changePercent: hc || hp ? null : changePercent(cur, prev),
  };
}

function money(curCents: number, prevCents: number): MoneyFigure {
  return { value: (curCents / 100).toFixed(2), lastYear: (prevCents / 100).toFixed(2), changePercent: changePercent(curCents, prevCents) };
}

const n = (v: unknown) => (v == null ? 0 : Number(v));

/** `col between cur or between prev`, plus FILTER clauses for each. */
function dates(col: string, p: Periods) {
  return {
    where: `((${col} between ? and ?) or (${col} between ? and ?))`,
    whereParams: [p.cur.from, p.cur.to, p.prev.from, p.prev.to],
    cur: `(${col} between '${p.cur.from}' and '${p.cur.to}')`,
    prev: `(${col} between '${p.prev.from}' and '${p.prev.to}')`,
  };
}

export interface StatisticsArgs {
  unit: string;
  period: StatisticsPeriodInput;
  campaign?: string | null;
}

/** The figures the leaders read (see docs/statistics.md for every definition). */
export class StatisticsService {
  static checkPeriod(period: StatisticsPeriodInput): Periods {
    // the scalar already refuses malformed dates; this keeps the service safe on its own
    if (!isCalendarDate(period.from) || !isCalendarDate(period.to)) throw badInput('period.from and period.to must be calendar dates (YYYY-MM-DD)');
    if (period.to < period.from) throw badInput('period.to must not be before period.from');
    return { cur: { from: period.from, to: period.to }, prev: { from: addMonths(period.from, -12), to: addMonths(period.to, -12) } };
  }

  static async compute(ctx: RequestContext, args: StatisticsArgs): Promise<Statistics> {
    const periods = StatisticsService.checkPeriod(args.period);
    const unit = await ctx.loaders.load(Unit, keyOf(args.unit, Unit.typename, 'unit'));
    if (!unit || !ctx.viewer.reaches(STATISTICS_READERS, unit.path)) throw notFound('No unit with this id in your scope');
    let campaign: Campaign | null = null;
    if (args.campaign != null) {
      campaign = await CampaignService.findVisible(ctx, keyOf(args.campaign, Campaign.typename, 'campaign'));
      if (!campaign) throw notFound('No campaign with this id in your scope');
    }
    const masked = ctx.viewer.reaches([PC], unit.path) && !ctx.viewer.reaches(ROW_READERS, unit.path);

    const scope = subtreeScope(ctx.viewer, STATISTICS_READERS, unit.path);
    const rectScope = subtreeScope(ctx.viewer, STATISTICS_READERS, unit.path, await RectificationService.inChargePaths(ctx));
    const recused = await ClueService.recusedClueIds(ctx);
    const cid = campaign?.id ?? null;

    const clueCond = (alias: string): PathSql => {
      const p = pathSql(scope, `${alias}.unit_path`);
      let sql = p.sql;
      const params = [...p.params];
      if (cid != null) {
        sql += ` and ${alias}.campaign_id = ?`;
        params.push(cid);
      }
      if (recused.length) {
        sql += ` and ${alias}.id not in (?)`;
        params.push(recused);
      }
      return { sql, params };
    };

    const em = ctx.em;
    const clueCount = async (col: string, withMoney = false) => {
      const d = dates(`c.${col}`, periods);
      const c = clueCond('c');
      const rows = await em.execute<Record<string, unknown>[]>(
        `select count(*) filter (where ${d.cur}) as cur, count(*) filter (where ${d.prev}) as prev
           ${withMoney ? `, coalesce(sum(round(c.recovered_money * 100)) filter (where ${d.cur}), 0) as money_cur, coalesce(sum(round(c.recovered_money * 100)) filter (where ${d.prev}), 0) as money_prev` : ''}
         from problem_clue c where ${c.sql} and ${d.where}`,
        [...c.params, ...d.whereParams],
      );
      return rows[0];
    };

    // 初核: a clue enters preliminary verification at most once (no transition leads back to a
    // disposition from it), and its disposition and decision date keep that entry: read from the
    // clue row itself, one index range, rather than joining its history
    const verified = async () => {
      const d = dates('c.decided_on', periods);
      const c = clueCond('c');
      const rows = await em.execute<Record<string, unknown>[]>(
        `select count(*) filter (where ${d.cur}) as cur, count(*) filter (where ${d.prev}) as prev
         from problem_clue c where c.disposition = 'PRELIMINARY_VERIFICATION' and ${c.sql} and ${d.where}`,
        [...c.params, ...d.whereParams],
      );
      return rows[0];
    };

    const rectifications = async () => {
      const d = dates('r.found_date', periods);
      const p = pathSql(rectScope, 'r.unit_path');
      const camp = cid != null ? ' and r.campaign_id = ?' : '';
      const statuses = ['IMMEDIATE', 'IN_PROGRESS', 'PENDING', 'COMPLETED'];
      const cols = statuses.flatMap((s) => [
        `count(*) filter (where r.status = '${s}' and ${d.cur}) as "${s}_cur"`,
        `count(*) filter (where r.status = '${s}' and ${d.prev}) as "${s}_prev"`,
      ]);
      const rows = await em.execute<Record<string, unknown>[]>(
        `select count(*) filter (where ${d.cur}) as cur, count(*) filter (where ${d.prev}) as prev, ${cols.join(', ')}
         from rectification r where ${p.sql}${camp} and ${d.where}`,
        [...p.params, ...(cid != null ? [cid] : []), ...d.whereParams],
      );
      return rows[0];
    };

    const sanctionWhere = (d: ReturnType<typeof dates>) => {
      const p = pathSql(scope, 's.unit_path');
      const camp = cid != null ? ' and s.clue_id in (select id from problem_clue where campaign_id = ?)' : '';
      return { sql: `${p.sql}${camp} and not s.revoked and ${d.where}`, params: [...p.params, ...(cid != null ? [cid] : []), ...d.whereParams] };
    };

    const sanctions = async () => {
      const d = dates('s.decision_date', periods);
      const w = sanctionWhere(d);
      const leader = `(o.is_principal or o.rank in (${LEADER_RANKS.map((r) => `'${r}'`).join(', ')}))`;
      const both = (name: string, expr: (period: string) => string) => `${expr(d.cur)} as ${name}_cur, ${expr(d.prev)} as ${name}_prev`;
      const rows = await em.execute<Record<string, unknown>[]>(
        `select
           ${both('disciplined', (x) => `count(distinct s.official_id) filter (where s.category in ('PARTY_DISCIPLINE', 'GOVERNMENT') and ${x})`)},
           ${both('accountable', (x) => `count(distinct s.official_id) filter (where s.category = 'ACCOUNTABILITY' and ${x})`)},
           ${both('leaders', (x) => `count(distinct s.official_id) filter (where s.category = 'ACCOUNTABILITY' and ${leader} and ${x})`)},
           ${both('judiciary', (x) => `count(*) filter (where (s.kind = 'TRANSFERRED_TO_JUDICIARY' or s.category = 'JUDICIAL') and ${x})`)},
           ${both('named', (x) => `count(*) filter (where s.publicly_named and ${x})`)},
           ${both('sanctioned', (x) => `count(distinct s.official_id) filter (where ${x})`)}
         from sanction s left join official o on o.id = s.official_id
         where ${w.sql}`,
        w.params,
      );
      return rows[0];
    };

    const breakdown = async (column: 'four_forms' | 'kind') => {
      const d = dates('s.decision_date', periods);
      const w = sanctionWhere(d);
      return em.execute<{ key: string; cur: unknown; prev: unknown }[]>(
        `select s.${column}::text as key, count(*) filter (where ${d.cur}) as cur, count(*) filter (where ${d.prev}) as prev
         from sanction s where ${w.sql} group by s.${column}`,
        w.params,
      );
    };

    const petitions = async () => {
      const d = dates('p.received_on', periods);
      const p = pathSql(scope, 'p.unit_path');
      const camp = cid != null ? ' and p.clue_id in (select id from problem_clue where campaign_id = ?)' : '';
      const rows = await em.execute<Record<string, unknown>[]>(
        `select count(*) filter (where ${d.cur}) as cur, count(*) filter (where ${d.prev}) as prev from petition p where ${p.sql}${camp} and ${d.where}`,
        [...p.params, ...(cid != null ? [cid] : []), ...d.whereParams],
      );
      return rows[0];
    };

    const [found, filed, concluded, ver, rect, sanc, forms, kinds, pet] = await Promise.all([
      clueCount('received_on', true),
      clueCount('case_filed_on'),
      clueCount('concluded_on'),
      verified(),
      rectifications(),
      sanctions(),
      breakdown('four_forms'),
      breakdown('kind'),
      petitions(),
    ]);

    const f = (row: Record<string, unknown>, name?: string) => figure(n(row[name ? `${name}_cur` : 'cur']), n(row[name ? `${name}_prev` : 'prev']), masked);
    const byKey = (rows: { key: string; cur: unknown; prev: unknown }[], key: string) => {
      const r = rows.find((x) => x.key === key);
      return figure(n(r?.cur), n(r?.prev), masked);
    };

    return {
      unit,
      period: periods.cur,
      lastYearPeriod: periods.prev,
      campaign,
      masked,
      cluesFound: f(found),
      problemsFound: f(rect),
      fixedAtOnce: f(rect, 'IMMEDIATE'),
      beingFixed: f(rect, 'IN_PROGRESS'),
      waiting: f(rect, 'PENDING'),
      completed: f(rect, 'COMPLETED'),
      moneyRecovered: money(n(found.money_cur), n(found.money_prev)),
      peopleDisciplined: f(sanc, 'disciplined'),
      peopleHeldAccountable: f(sanc, 'accountable'),
      leadersHeldAccountable: f(sanc, 'leaders'),
      casesTransferredToJudiciary: f(sanc, 'judiciary'),
      typicalCasesNamed: f(sanc, 'named'),
      petitionsReceived: f(pet),
      cluesVerified: f(ver),
      casesFiled: f(filed),
      casesConcluded: f(concluded),
      peopleSanctioned: f(sanc, 'sanctioned'),
      fourForms: Object.values(FourForms).map((form): FourFormsFigure => ({ form, figure: byKey(forms, form) })),
      bySanctionKind: Object.values(SanctionKind).map((kind): SanctionKindFigure => ({ kind, figure: byKey(kinds, kind) })),
    } as Statistics;
  }
}
