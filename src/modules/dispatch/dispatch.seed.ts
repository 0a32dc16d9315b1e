import type { EntityManager } from '@mikro-orm/postgresql';
import type { DemoContext } from '../../seed/demo-context';
import type { Official } from '../officials/official.entity';
import type { Unit } from '../units/unit.entity';
import { Account, AccountKind } from '../accounts/account.entity';
import { DispatchItem, DispatchItemReport, DispatchList } from './dispatch.entity';
import { DispatchKind, DispatchStatus } from './dispatch.enums';
import { addDays, lastDeadline, quarterEnd, quarterOf, quarterStart } from './dispatch.service';

/** The demo account of a leader who receives dispatch lists: linked to 常务副县长, with no role grant at all. */
export const DISPATCH_DEMO_LEADER_USERNAME = 'qs-deputy';
/** Index of that deputy among the county's officials (see the 分管 set-up of src/seed/demo.ts). */
export const DISPATCH_DEMO_LEADER_INDEX = 3;

const TASKS: [string, string][] = [
  ['专题研究分管领域党风廉政建设工作', '本季度至少召开一次分管领域党风廉政建设专题会议，形成会议纪要'],
  ['对分管单位主要负责人开展廉政谈话', '逐一谈话提醒，建立谈话台账'],
  ['督促分管单位整改巡察反馈问题', '逐项对账销号，按时报送整改进展'],
  ['报告本季度“一岗双责”履责情况', '书面报告履责情况及存在问题'],
];

const minDate = (a: string, b: string) => (a < b ? a : b);

/**
 * The demo county's dispatch lists (fictional), relative to today: regular lists for the previous
 * and the current quarter of this year (the first two quarters when today is in the first) from
 * the county committee to the four county deputies in charge of units, with reports on some
 * items; one additional list; one regular list to a department principal (so that a dispatched
 * team sees a list), and one from 东岭镇 to a village party secretary.
 */
export async function seedDispatch(em: EntityManager, demo: DemoContext): Promise<void> {
  const { today, year, units, officials } = demo;
  const county = officials.get('QS')!;
  const deputies = county.slice(2, 6);
  const cq = quarterOf(today);
  const quarters = cq === 1 ? [1, 2] : [cq - 1, cq];

  const makeList = (issuer: Unit, leader: Official, q: number, kind: DispatchKind, title: string, issuedDate: string) => {
    const unit = [...units.values()].find((u) => u.path === leader.unitPath)!;
    return em.create(DispatchList, {
      year,
      quarter: q,
      kind,
      title,
      issuerUnit: issuer,
      issuerPath: issuer.path,
      leader,
      unit,
      unitPath: leader.unitPath,
      status: DispatchStatus.ISSUED,
      issuedDate,
    } as never);
  };
  const makeItem = (list: DispatchList, position: number, [task, measures]: [string, string], deadline: string) =>
    em.create(DispatchItem, { list, leaderId: list.leader.id, unitPath: list.unitPath, issuerPath: list.issuerPath, position, task, measures, deadline } as never);
  const makeReport = (list: DispatchList, item: DispatchItem, content: string, percent: number | null, reportedDate: string) =>
    em.create(DispatchItemReport, {
      item,
      list,
      leaderId: list.leader.id,
      unitPath: list.unitPath,
      issuerPath: list.issuerPath,
      content,
      percent,
      done: percent === 100,
      reportedDate,
    } as never);

  /** Deadlines of a quarter's four items: the 20th of its first two months, its last day, 10 days after it. */
  const deadlinesOf = (q: number) => {
    const start = quarterStart(year, q);
    const m = Number(start.slice(5, 7));
    const pad = (n: number) => String(n).padStart(2, '0');
    return [`${year}-${pad(m)}-20`, `${year}-${pad(m + 1)}-20`, quarterEnd(year, q), addDays(quarterEnd(year, q), 10)];
  };

  const qs = units.get('QS')!;
  /** A regular list with its four items; reports on the first two or three where they could have been filed by today. */
  const regular = (issuer: Unit, leader: Official, q: number, d: number) => {
    const issuedDate = minDate(today, addDays(quarterStart(year, q), 4));
    const list = makeList(issuer, leader, q, DispatchKind.REGULAR, `${year}年第${q}季度落实全面从严治党主体责任派单（${leader.name}）`, issuedDate);
    deadlinesOf(q).forEach((deadline, k) => {
      const item = makeItem(list, k + 1, TASKS[k], deadline);
      if (k > 2 || (k === 2 && d % 2 === 1)) return;
      const reportedDate = minDate(today, addDays(deadline, -3));
      if (reportedDate < issuedDate) return;
      const percent = k === 0 || (k === 1 && d % 2 === 0) ? 100 : 60;
      makeReport(list, item, percent === 100 ? '已按要求完成' : '正在推进，部分分管单位尚未完成', percent, reportedDate);
    });
    return list;
  };

  quarters.forEach((q) => deputies.forEach((leader, d) => regular(qs, leader, q, d)));
  // a department principal, inside a dispatched team's reach
  regular(qs, officials.get('QS-CZ')![0], cq, 0);
  // 东岭镇党委 to the party secretary of 东岭村
  regular(units.get('QS-DL')!, officials.get('QS-DL-01')![0], cq, 1);

  // 适时增派单: a matter arising during the quarter, its first deadline a few days away
  const extra = makeList(qs, deputies[3], cq, DispatchKind.ADDITIONAL, `${year}年第${cq}季度适时增派单：乡镇换届风气监督（${deputies[3].name}）`, today);
  const first = makeItem(extra, 1, ['督导分管乡镇严肃换届纪律', '对分管乡镇换届风气开展专项督导，发现问题及时报告'], addDays(today, 3));
  makeItem(extra, 2, ['开展换届纪律专题警示教育', '组织分管乡镇班子成员参加警示教育'], minDate(addDays(today, 20), lastDeadline(year, cq)));
  makeReport(extra, first, '已完成两个乡镇的督导，另一乡镇正在进行', 60, today);

  // the deputy's own account: no role grant, it reads the lists issued to it and reports on them
  em.create(Account, { username: DISPATCH_DEMO_LEADER_USERNAME, displayName: `${county[DISPATCH_DEMO_LEADER_INDEX].post}（派单对象）`, kind: AccountKind.PERSON, official: county[DISPATCH_DEMO_LEADER_INDEX] } as never);
  await em.flush();
}
