import { Client } from 'pg';
import { fictionalName, prng } from '../src/seed/names';

/**
 * A fictional prefecture-level city for the benchmark, generated with set-based SQL
 * (INSERT … SELECT generate_series) so that the full size takes a minute or two.
 *
 * Determinism: every pseudo-random choice is a hash of (row number, seed, column salt), never
 * random(), so the same seed gives the same rows whatever the plan or parallelism. Names come
 * from the seeded PRNG of the demo data.
 *
 * Layout (ids are assigned, so paths are computed in SQL): county c (0-based) owns the ids
 * c*U+1 … c*U+U where U = units per county; local index 0 is the county, 1 its discipline
 * commission, then departments, townships, villages (under the townships) and enterprises.
 */
export interface BenchSize {
  counties: number;
  unitsPerCounty: number;
  officials: number;
  sanctions: number;
  clues: number;
  rectifications: number;
}

export const FULL: BenchSize = { counties: 10, unitsPerCounty: 500, officials: 50_000, sanctions: 100_000, clues: 200_000, rectifications: 200_000 };
export const SMALL: BenchSize = { counties: 10, unitsPerCounty: 100, officials: 10_000, sanctions: 20_000, clues: 40_000, rectifications: 40_000 };

export const MARKER_TABLE = 'lianzheng_bench_marker';

/** The shape every county shares: local index ranges of each kind of unit. */
export function layout(u: number) {
  const departments = Math.max(4, Math.floor(u * 0.08));
  const townships = Math.max(2, Math.floor(u * 0.04));
  const enterprises = Math.max(1, Math.floor(u * 0.036));
  const villages = u - 2 - departments - townships - enterprises;
  const depFrom = 2;
  const townFrom = depFrom + departments;
  const villFrom = townFrom + townships;
  const entFrom = villFrom + villages;
  return { departments, townships, villages, enterprises, depFrom, townFrom, villFrom, entFrom, perTownship: Math.ceil(villages / townships) };
}

/** SQL for a deterministic integer in [0, n) from a row number, the seed and a salt. */
const h = (expr: string, seed: number, salt: number, n: number | string) =>
  `(abs(hashint8((${expr})::bigint * 1000003 + ${seed * 7919 + salt * 104729})::bigint) % (${n}))`;

export async function generate(db: Client, size: BenchSize, seed: number, log: (m: string) => void): Promise<void> {
  const U = size.unitsPerCounty;
  const L = layout(U);
  const total = size.counties * U;
  const rand = prng(seed);
  const names = Array.from({ length: 4096 }, () => fictionalName(rand));
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    const r = await db.query(sql, params);
    log(`  ${label}: ${r.rowCount ?? 0} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };

  await db.query('set max_parallel_workers_per_gather = 0');
  await db.query('create temp table bench_name (i int primary key, name text not null)');
  await db.query('insert into bench_name select i - 1, n from unnest($1::text[]) with ordinality as t(n, i)', [names]);

  // the unit tree
  await step(
    'units',
    `insert into unit (id, code, name, kind, party_org_kind, parent_id, path, depth)
     select id, code, name, kind::unit_kind, party_org_kind::party_org_kind, parent_id,
            case when parent_id is null then '/' || id || '/'
                 when grand is null then '/' || county || '/' || id || '/'
                 else '/' || county || '/' || grand || '/' || id || '/' end,
            case when parent_id is null then 0 when grand is null then 1 else 2 end
       from (
         select c * ${U} + k + 1 as id, c * ${U} + 1 as county,
                'BC' || lpad((c + 1)::text, 2, '0') || case when k = 0 then '' else '-' || lpad(k::text, 4, '0') end as code,
                case when k = 0 then '云' || (c + 1) || '县'
                     when k = 1 then '云' || (c + 1) || '县纪委监委'
                     when k < ${L.townFrom} then '云' || (c + 1) || '县第' || (k - 1) || '局'
                     when k < ${L.villFrom} then '云' || (c + 1) || '县第' || (k - ${L.townFrom} + 1) || '镇'
                     when k < ${L.entFrom} then '第' || (k - ${L.villFrom} + 1) || '村'
                     else '云' || (c + 1) || '县第' || (k - ${L.entFrom} + 1) || '公司' end as name,
                case when k = 0 then 'COUNTY' when k = 1 then 'DISCIPLINE_COMMISSION' when k < ${L.townFrom} then 'DEPARTMENT'
                     when k < ${L.villFrom} then 'TOWNSHIP' when k < ${L.entFrom} then 'VILLAGE' else 'STATE_ENTERPRISE' end as kind,
                case when k = 0 or (k >= ${L.townFrom} and k < ${L.villFrom}) then 'PARTY_COMMITTEE'
                     when k < ${L.townFrom} then 'PARTY_GROUP' when k < ${L.entFrom} then 'GENERAL_BRANCH' else 'PARTY_COMMITTEE' end as party_org_kind,
                case when k = 0 then null
                     when k >= ${L.villFrom} and k < ${L.entFrom} then c * ${U} + ${L.townFrom} + ((k - ${L.villFrom}) / ${L.perTownship}) + 1
                     else c * ${U} + 1 end as parent_id,
                case when k >= ${L.villFrom} and k < ${L.entFrom} then c * ${U} + ${L.townFrom} + ((k - ${L.villFrom}) / ${L.perTownship}) + 1 end as grand
           from generate_series(0, ${size.counties - 1}) c, generate_series(0, ${U - 1}) k
       ) t order by id`,
  );

  // officials: about ten per unit, unevenly
  await step(
    'officials',
    `insert into official (id, name, unit_id, unit_path, post, rank, is_principal, identity_number, phone)
     select g, n.name, u.id, u.path,
            case when g <= ${total} then '主要负责人' else '干部' end,
            (case when g <= ${total} and u.depth = 0 then 'COUNTY_PRINCIPAL'
                  when g <= ${total} and u.kind = 'VILLAGE' then 'VILLAGE_CADRE'
                  when g <= ${total} then 'SECTION_PRINCIPAL'
                  when u.kind = 'VILLAGE' then 'VILLAGE_CADRE'
                  else (array['SECTION_DEPUTY','STAFF','STAFF','STAFF'])[${h('g', seed, 2, 4)} + 1] end)::official_rank,
            g <= ${total},
            '9901' || lpad(${h('g', seed, 3, 100000000)}::text, 8, '0') || lpad(${h('g', seed, 4, 1000000)}::text, 6, '0'),
            '13' || lpad(${h('g', seed, 5, 1000000000)}::text, 9, '0')
       from generate_series(1, ${size.officials}) g
       join bench_name n on n.i = ${h('g', seed, 1, names.length)}
       join unit u on u.id = case when g <= ${total} then g else ${h('g', seed, 6, total)} + 1 end`,
  );

  // sanctions against officials, over the last two years
  await step(
    'sanctions',
    `insert into sanction (id, official_id, unit_id, unit_path, category, kind, decision_date, effective_date, influence_type, influence_end,
                           influence_months, four_forms, deciding_organ, decision_number, reason_summary, case_facts, publicly_named)
     select g, o.id, o.unit_id, o.unit_path, k.category::sanction_category, k.kind::sanction_kind, d.decided, d.decided,
            k.influence::influence_period_type,
            case when k.months is not null then (d.decided + make_interval(months => k.months))::date end,
            k.months, k.forms::four_forms, '云' || (split_part(o.unit_path, '/', 2)::int / ${U} + 1) || '县纪委监委',
            'BC纪处〔' || extract(year from d.decided) || '〕' || g || '号',
            '违反中央八项规定精神（基准数据 ' || g || '）', '案情（基准数据）', false
       from generate_series(1, ${size.sanctions}) g
       join official o on o.id = ${h('g', seed, 7, size.officials)} + 1
       cross join lateral (select (current_date - ${h('g', seed, 8, 730)}::int) as decided) d
       join (values
         (0, 'PARTY_DISCIPLINE', 'WARNING', 'UNTIL_DATE', 12, 'SECOND'),
         (1, 'PARTY_DISCIPLINE', 'SERIOUS_WARNING', 'UNTIL_DATE', 18, 'SECOND'),
         (2, 'GOVERNMENT', 'DEMERIT', 'UNTIL_DATE', 12, 'SECOND'),
         (3, 'ACCOUNTABILITY', 'ADMONISHMENT', 'UNTIL_DATE', 6, 'FIRST'),
         (4, 'EDUCATION', 'CRITICISM_EDUCATION', 'NONE', null, 'FIRST'),
         (5, 'EDUCATION', 'REMINDER_TALK', 'NONE', null, 'FIRST'),
         (6, 'PARTY_DISCIPLINE', 'PARTY_PROBATION', 'UNTIL_DATE', 24, 'THIRD'),
         (7, 'GOVERNMENT', 'DISMISSAL_FROM_POST', 'UNTIL_DATE', 24, 'THIRD')
       ) as k(i, category, kind, influence, months, forms) on k.i = ${h('g', seed, 9, 8)}`,
  );

  // problem clues and rectifications
  await step(
    'clues',
    `insert into problem_clue (source, unit_id, unit_path, summary, received_on, status)
     select (array['PETITION','AUDIT','DAILY_SUPERVISION','BIG_DATA'])[${h('g', seed, 10, 4)} + 1]::clue_source,
            u.id, u.path, '问题线索（基准数据 ' || g || '）', current_date - ${h('g', seed, 11, 730)}::int, 'RECEIVED'
       from generate_series(1, ${size.clues}) g join unit u on u.id = ${h('g', seed, 12, total)} + 1`,
  );
  await step(
    'rectifications',
    `insert into rectification (unit_id, unit_path, problem, measures, deadline, status, origin, source, found_date, registered_date)
     select u.id, u.path, '问题（基准数据 ' || g || '）', '整改措施', d.found + 90, 'PENDING', 'SELF_FOUND', 'DAILY_SUPERVISION', d.found, d.found
       from generate_series(1, ${size.rectifications}) g
       join unit u on u.id = ${h('g', seed, 13, total)} + 1
       cross join lateral (select current_date - ${h('g', seed, 14, 730)}::int as found) d`,
  );

  // responsibility letters of the last two years, issued by each county to each of its units, with items and assessments
  const thisYear = new Date().getFullYear();
  await step(
    'letters',
    `insert into responsibility_letter (id, year, title, issuer_unit_id, issuer_path, unit_id, unit_path, principal_id, status, signed_date, published_date)
     select (y - ${thisYear - 1}) * ${total} + u.id, y, y || '年度党风廉政建设责任书', c.id, c.path, u.id, u.path,
            (select min(o.id) from official o where o.unit_id = u.id),
            (case when y < ${thisYear} then 'ASSESSED' else 'PUBLISHED' end)::letter_status,
            make_date(y, 2, 1), make_date(y, 2, 15)
       from generate_series(${thisYear - 1}, ${thisYear}) y
       join unit u on u.depth > 0
       join unit c on c.id = split_part(u.path, '/', 2)::int`,
  );
  await step(
    'letter items',
    `insert into responsibility_item (letter_id, unit_path, kind, content, measures, deadline, progress_percent)
     select l.id, l.unit_path, (case when i <= 3 then 'MANDATORY' else 'SELF_CHOSEN' end)::item_kind,
            '责任事项 ' || i, '工作措施 ' || i, make_date(l.year, 12, 31), ${h('l.id * 8 + i', seed, 15, 101)}
       from responsibility_letter l cross join generate_series(1, 5) i`,
  );
  await step(
    'assessments',
    `insert into assessment (letter_id, unit_id, unit_path, year, period, score, grade, assessed_date)
     select l.id, l.unit_id, l.unit_path, l.year, p::assessment_period, s.score,
            (case when s.score >= 90 then 'EXCELLENT' when s.score >= 80 then 'GOOD' when s.score >= 60 then 'FAIR' else 'POOR' end)::grade,
            make_date(l.year, case when p = 'HALF_YEAR' then 7 else 12 end, 20)
       from responsibility_letter l
       cross join unnest(array['HALF_YEAR', 'YEAR_END']) p
       cross join lateral (select (50 + ${h("l.id * 2 + (p = 'YEAR_END')::int", seed, 16, 50)})::numeric(5,2) as score) s
      where l.year < ${thisYear} or p = 'HALF_YEAR'`,
  );
  await step(
    'pledges',
    `insert into pledge (official_id, unit_id, unit_path, year, title, items, signed_date)
     select o.id, o.unit_id, o.unit_path, y, y || '年度廉洁承诺书', '["廉洁自律","不收受礼金"]'::jsonb, make_date(y, 3, 1)
       from official o cross join generate_series(${thisYear - 1}, ${thisYear}) y`,
  );

  // dispatched teams: one per county, each supervising its departments
  await step(
    'teams',
    `insert into dispatched_team (id, code, name, commission_unit_id, unit_path)
     select c + 1, 'BC' || lpad((c + 1)::text, 2, '0') || '-T1', '云' || (c + 1) || '县第一派驻纪检监察组', c * ${U} + 2, '/' || (c * ${U} + 1) || '/' || (c * ${U} + 2) || '/'
       from generate_series(0, ${size.counties - 1}) c`,
  );
  await step(
    'assignments',
    `insert into supervision_assignment (team_id, unit_id, unit_path, team_unit_path, valid_from)
     select t.id, u.id, u.path, t.unit_path, current_date - 365
       from dispatched_team t join unit u on u.kind = 'DEPARTMENT' and u.path like '/' || (t.commission_unit_id - 1) || '/%'`,
  );

  // the accounts the load run acts as, all in county 1
  const county = 1;
  const department = L.depFrom + 1;
  await db.query(
    `insert into account (username, display_name, kind) values
       ('bench-party', '云1县委', 'PERSON'), ('bench-discipline', '云1县纪委监委', 'PERSON'),
       ('bench-team', '云1县第一派驻纪检监察组', 'PERSON'), ('bench-unit', '云1县第1局', 'PERSON'),
       ('bench-org', '云1县委组织部', 'PERSON')`,
  );
  await db.query(
    `insert into role_grant (account_id, role, unit_id, team_id, granted_at)
     select a.id, r.role::role, r.unit_id, r.team_id, now() from (values
       ('bench-party', 'PARTY_COMMITTEE', ${county}, null::int),
       ('bench-discipline', 'DISCIPLINE_COMMISSION', ${county}, null::int),
       ('bench-team', 'DISPATCHED_TEAM', null::int, 1),
       ('bench-unit', 'UNIT', ${department}, null::int),
       ('bench-org', 'ORGANIZATION_DEPT', ${county}, null::int)
     ) as r(username, role, unit_id, team_id) join account a on a.username = r.username`,
  );

  for (const t of ['unit', 'official', 'sanction', 'responsibility_letter', 'dispatched_team']) {
    await db.query(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from "${t}"))`);
  }
  // vacuum as well as analyze: a database that has been running has its visibility map set by
  // autovacuum, so counts over a covering index are index-only scans. Without it, autovacuum would
  // set it at some moment in the middle of a run and change the plans (and the figures) from then on.
  await step('vacuum analyze', 'vacuum analyze');
}
