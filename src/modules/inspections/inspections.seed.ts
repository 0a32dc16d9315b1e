import type { EntityManager } from '@mikro-orm/postgresql';
import type { DemoContext } from '../../seed/demo-context';
import { Role } from '../../authz/roles';
import { addMonths } from '../../common/scalars';
import type { RequestContext } from '../../common/context';
import { Account, AccountKind, RoleGrant } from '../accounts/account.entity';
import { Viewer } from '../../authz/viewer';
import { ClueService } from '../clues/clue.service';
import { ClueSource } from '../clues/clue.enums';
import { InspectionFinding, InspectionGroupMember, InspectionMonthlyReport, InspectionTour, InspectionTourUnit, ProblemCategory, ProblemItem } from './inspection.entity';
import { FindingSeverity } from './inspection.enums';

/**
 * 巡察常见问题清单: the common-problem list the findings are classified by. It is reference data
 * (a county adapts it through the table); five categories, twenty-three items.
 */
export const PROBLEM_LIST: [string, string, string[]][] = [
  ['1', '落实党的路线方针政策和党中央重大决策部署方面', [
    '学习贯彻党的创新理论不深入、不系统',
    '贯彻落实上级决策部署打折扣、搞变通、做选择',
    '落实意识形态工作责任制不到位',
    '推动乡村振兴、民生保障等重点任务不力',
    '防范化解重大风险（债务、安全生产等）措施不实',
  ]],
  ['2', '落实全面从严治党战略部署方面', [
    '党委（党组）主体责任落实不到位，“一岗双责”履行不力',
    '纪检监察机构监督责任履行不到位',
    '违反中央八项规定精神问题（违规吃喝、收送礼金、公车私用等）',
    '形式主义、官僚主义问题突出',
    '重点领域（工程项目、惠民资金、集体“三资”）廉政风险防控不力',
  ]],
  ['3', '落实新时代党的组织路线方面', [
    '领导班子建设薄弱，民主集中制执行不到位',
    '选人用人不规范，干部监督管理宽松软',
    '基层党组织建设弱化，“三会一课”等组织生活不规范',
    '党员教育管理不严格，发展党员不规范',
    '干部担当作为激励不足，人才队伍建设滞后',
  ]],
  ['4', '落实巡视巡察、审计等监督发现问题整改方面', [
    '上轮巡察反馈问题整改不到位、虚假整改',
    '审计发现问题整改不彻底',
    '整改长效机制建设不健全',
    '问题线索处置和追责问责不到位',
  ]],
  ['5', '群众身边腐败问题和不正之风方面', [
    '侵占、挪用、虚报冒领惠民惠农资金',
    '村（社区）集体“三资”管理混乱',
    '吃拿卡要、优亲厚友、与民争利',
    '涉黑涉恶及“保护伞”问题',
  ]],
];

/** The account of the demo tour's inspection group (INSPECTION_GROUP bound to the tour). */
export const DEMO_INSPECTION_ACCOUNT = 'qs-inspection';

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The demo county's inspection round (fictional): the county committee's first inspection group
 * has been in 西河乡 and 南山镇 since a month ago and stays two more months, so it runs whenever
 * the demo is loaded; it has found problems of several categories and handed one over as a clue.
 */
export async function seedInspections(em: EntityManager, demo: DemoContext): Promise<void> {
  const items = new Map<string, ProblemItem>();
  PROBLEM_LIST.forEach(([code, name, texts], i) => {
    const category = em.create(ProblemCategory, { code, name, sortOrder: i + 1 } as never);
    texts.forEach((text, k) => {
      const itemCode = `${code}.${k + 1}`;
      items.set(itemCode, em.create(ProblemItem, { category, code: itemCode, name: text, sortOrder: k + 1 } as never));
    });
  });

  const county = demo.units.get('QS')!;
  const start = addMonths(demo.today, -1);
  const end = addMonths(demo.today, 2);
  const tour = em.create(InspectionTour, {
    round: `${Number(start.slice(0, 4))}年第一轮巡察`,
    name: '县委第一巡察组对西河乡、南山镇党委开展常规巡察',
    organizerUnit: county,
    unitPath: county.path,
    startDate: start,
    endDate: end,
  } as never);
  const group: [string, number, boolean][] = [['QS-JW', 1, true], ['QS-JW', 4, false], ['QS-ZZB', 3, false]];
  for (const [code, i, leader] of group) em.create(InspectionGroupMember, { tour, official: demo.officials.get(code)![i], isLeader: leader } as never);
  for (const code of ['QS-XH', 'QS-NS']) {
    const unit = demo.units.get(code)!;
    em.create(InspectionTourUnit, { tour, unit, unitPath: unit.path, addedOn: start } as never);
  }

  const findings: [string, string, FindingSeverity, string, number][] = [
    ['QS-XH', '5.1', FindingSeverity.SERIOUS, '（虚构）沙坪村2名村干部涉嫌虚报冒领耕地地力保护补贴约2.4万元。', 6],
    ['QS-XH', '2.3', FindingSeverity.GENERAL, '（虚构）乡机关食堂存在超标准接待、以会议名义公款吃喝问题。', 9],
    ['QS-XH', '3.3', FindingSeverity.MINOR, '（虚构）杨柳村党支部“三会一课”记录不全，组织生活流于形式。', 12],
    ['QS-NS', '1.4', FindingSeverity.GENERAL, '（虚构）高标准农田建设项目推进滞后，部分项目资金未按期拨付。', 8],
    ['QS-NS', '4.1', FindingSeverity.GENERAL, '（虚构）上轮巡察反馈的村级财务问题仍有3项未整改到位。', 14],
    ['QS-NS', '5.2', FindingSeverity.SERIOUS, '（虚构）竹林村集体资产出租未经民主程序，租金长期未收缴。', 18],
  ];
  const created: InspectionFinding[] = [];
  for (const [code, itemCode, severity, description, day] of findings) {
    const unit = demo.units.get(code)!;
    const foundOn = addDays(start, day) < demo.today ? addDays(start, day) : demo.today;
    created.push(em.create(InspectionFinding, { tour, unit, unitPath: unit.path, item: items.get(itemCode)!, severity, description, foundOn } as never));
  }
  em.create(InspectionMonthlyReport, {
    tour,
    unitPath: county.path,
    month: start.slice(0, 7),
    text: '（虚构）本月巡察组进驻西河乡、南山镇，召开动员会2次，个别谈话46人次，受理来信来访17件，发现问题6个，已向县纪委监委移交问题线索1件。',
    filedOn: addDays(start, 20) < demo.today ? addDays(start, 20) : demo.today,
    filedByRole: Role.INSPECTION_GROUP,
  } as never);
  await em.flush();

  // The serious 惠民资金 problem at 西河乡 is handed over to the discipline commission as a problem clue.
  const handed = created[0];
  const handedOn = addDays(handed.foundOn, 2) < demo.today ? addDays(handed.foundOn, 2) : demo.today;
  // the seed acts as no account: the clue's history records no actor
  const seedCtx = { today: demo.today, now: new Date(`${demo.today}T04:00:00Z`), viewer: Viewer.anonymous(), em } as unknown as RequestContext;
  const clue = await ClueService.createFromSource(em, seedCtx, {
    source: ClueSource.INSPECTION_TOUR,
    unit: demo.units.get('QS-XH')!,
    summary: '巡察移交：西河乡沙坪村村干部涉嫌虚报冒领惠农补贴',
    details: handed.description,
    receivedOn: handedOn,
    inspectionTourId: tour.id,
  });
  handed.handedOverOn = handedOn;
  handed.clueId = clue.id;

  // The inspection group's own account, bound to the tour.
  const account = em.create(Account, { username: DEMO_INSPECTION_ACCOUNT, displayName: '县委第一巡察组', kind: AccountKind.PERSON } as never);
  em.create(RoleGrant, { account, role: Role.INSPECTION_GROUP, tour, grantedAt: new Date(`${start}T01:00:00Z`) } as never);
  await em.flush();
}

