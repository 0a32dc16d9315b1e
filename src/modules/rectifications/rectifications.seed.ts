import type { EntityManager } from '@mikro-orm/postgresql';
import type { DemoContext } from '../../seed/demo-context';
import { addMonths } from '../../common/scalars';
import { Account } from '../accounts/account.entity';
import { Assessment } from '../letters/letter.entity';
import { AssessmentPeriod } from '../letters/letter.enums';
import { WarningLevel } from '../units/unit.enums';
import { Warning } from '../units/warning.entity';
import { Rectification, RectificationReport } from './rectification.entity';
import { FindingOrigin, RectificationSource, RectificationStatus, type StoredStatus } from './rectification.enums';
import { addDays, monthOf } from './rectification.service';

interface Spec {
  unit: string;
  /** Index of the responsible official in the unit's staff (0: the principal). */
  official: number;
  origin: FindingOrigin;
  source: RectificationSource;
  status: StoredStatus;
  problem: string;
  measures: string;
  /** Months ago the problem was found and recorded. */
  registered: number;
  /** Deadline, in days from today (negative: past). */
  deadline: number;
  /** COMPLETED: months ago it was verified and written off. */
  completed?: number;
  /** A failed verification's note. */
  failedNote?: string;
  /** Reports also for the current month. */
  reportThisMonth?: boolean;
  verifier?: string;
  /** Comes from a clue about the unit, when the demo has one (else daily supervision). */
  fromClue?: boolean;
  /** Belongs to the demo's campaign, when there is one. */
  inCampaign?: boolean;
}

const S = RectificationStatus;
const O = FindingOrigin;
const SRC = RectificationSource;

/** The demo county's rectification ledger (fictional), and the history of its units' warnings. */
const SPECS: Spec[] = [
  { unit: 'QS-ZR', official: 0, origin: O.EXTERNAL, source: SRC.ASSESSMENT, status: S.IN_PROGRESS, registered: 4, deadline: 60, reportThisMonth: true, problem: '年终考核被一票否决：班子成员严重违纪，土地出让审批监管缺位', measures: '召开专题民主生活会；全面梳理土地出让审批流程，建立集体决策和廉政风险防控制度' },
  { unit: 'QS-ZR', official: 1, origin: O.EXTERNAL, source: SRC.DAILY_SUPERVISION, status: S.IN_PROGRESS, registered: 5, deadline: -10, verifier: 'qs-team2', problem: '矿产资源补偿费征收台账不清，存在漏征', measures: '逐户清查补征，建立征收台账并按月对账' },
  { unit: 'QS-CZ', official: 0, origin: O.SELF_FOUND, source: SRC.DAILY_SUPERVISION, status: S.IMMEDIATE, registered: 0, deadline: 20, problem: '公务接待审批单填写不全', measures: '立行立改：补齐审批手续，修订接待管理办法' },
  { unit: 'QS-CZ', official: 1, origin: O.EXTERNAL, source: SRC.DAILY_SUPERVISION, status: S.COMPLETED, registered: 6, deadline: -20, completed: 1, verifier: 'qs-team1', problem: '财政补助资金审核未实地核查，补助资金被套取', measures: '追回被套取资金；建立补助项目实地核查和公示制度' },
  { unit: 'QS-CZ', official: 2, origin: O.SELF_FOUND, source: SRC.DAILY_SUPERVISION, status: S.PENDING, registered: 0, deadline: 90, problem: '政府采购内控制度未及时修订', measures: '对照新规修订政府采购内控制度并组织培训' },
  { unit: 'QS-CZ', official: 1, origin: O.SELF_FOUND, source: SRC.DAILY_SUPERVISION, status: S.IN_PROGRESS, registered: 2, deadline: 3, reportThisMonth: true, problem: '节假日期间廉政提醒制度落实不到位', measures: '建立节前廉政提醒、节后监督检查机制' },
  { unit: 'QS-JY', official: 0, origin: O.EXTERNAL, source: SRC.DAILY_SUPERVISION, status: S.IN_PROGRESS, registered: 6, deadline: -40, fromClue: true, problem: '学校违规收取资料费问题整改不彻底', measures: '全面清退违规收费，开展收费专项检查' },
  { unit: 'QS-JY', official: 1, origin: O.SELF_FOUND, source: SRC.DAILY_SUPERVISION, status: S.COMPLETED, registered: 8, deadline: -60, completed: 3, verifier: 'qs-team1', problem: '以加班费名义发放津贴补贴', measures: '清退违规发放款项，规范加班费发放审批' },
  { unit: 'QS-DL-01', official: 0, origin: O.EXTERNAL, source: SRC.DAILY_SUPERVISION, status: S.PENDING, registered: 3, deadline: -5, inCampaign: true, problem: '村级财务公开不及时，群众反映强烈', measures: '按月公开村级财务，接受村务监督委员会监督' },
  { unit: 'QS-DL', official: 2, origin: O.SELF_FOUND, source: SRC.DAILY_SUPERVISION, status: S.IN_PROGRESS, registered: 1, deadline: 45, reportThisMonth: true, problem: '公务用车使用登记制度执行不严', measures: '实行公务用车派车单和行车记录月度核对' },
  { unit: 'QS-XH', official: 0, origin: O.EXTERNAL, source: SRC.DAILY_SUPERVISION, status: S.IMMEDIATE, registered: 0, deadline: 10, inCampaign: true, problem: '低保评审程序不规范，存在优亲厚友', measures: '立行立改：重新评审全部低保对象，公开评审结果' },
  { unit: 'QS-WJ', official: 1, origin: O.SELF_FOUND, source: SRC.DAILY_SUPERVISION, status: S.COMPLETED, registered: 5, deadline: -30, completed: 2, verifier: 'qs-team2', problem: '工作日午间饮酒问题反映出作风纪律松弛', measures: '开展作风纪律专项整顿，落实午间禁酒规定' },
  { unit: 'QS-NS-02', official: 0, origin: O.EXTERNAL, source: SRC.DAILY_SUPERVISION, status: S.IN_PROGRESS, registered: 3, deadline: 30, inCampaign: true, failedNote: '台账未逐项销号，群众满意度测评未开展，退回继续整改', verifier: 'qs-discipline', problem: '村务监督委员会履职不到位', measures: '健全村务监督台账，逐项销号，开展群众满意度测评' },
];

const at = (date: string) => new Date(`${date}T09:00:00+08:00`);

/** Months from `from` to `to` (both YYYY-MM), inclusive. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(`${m}-01`, 1).slice(0, 7)) out.push(m);
  return out;
}

/** The demo county's records of this module (fictional). */
export async function seedRectifications(em: EntityManager, demo: DemoContext): Promise<void> {
  const { today, year, units, officials } = demo;
  const ago = (months: number) => addMonths(today, -months);
  const accounts = new Map((await em.find(Account, {})).map((a) => [a.username, a]));
  const account = (username: string) => accounts.get(username) ?? null;

  // The vetoed year-end assessment of the natural-resources bureau is the source of its first rectification.
  const zr = units.get('QS-ZR')!;
  const vetoed = await em.findOne(Assessment, { unit: zr.id, year: year - 1, period: AssessmentPeriod.YEAR_END, vetoed: true });
  // The clues and the campaign are seeded before this module; their rows are named by key.
  await em.flush();
  const [campaign] = await em.execute<{ id: number }[]>('select id from campaign order by id limit 1');
  const clueOf = async (path: string) => (await em.execute<{ id: number }[]>('select id from problem_clue where unit_path = ? order by id limit 1', [path]))[0]?.id ?? null;

  for (const s of SPECS) {
    const unit = units.get(s.unit)!;
    const registered = s.registered === 0 ? addDays(today, -3) : ago(s.registered);
    const deadline = addDays(today, s.deadline);
    const completedDate = s.completed !== undefined ? ago(s.completed) : null;
    const fromAssessment = s.source === SRC.ASSESSMENT;
    if (fromAssessment && !vetoed) continue;
    const clue = s.fromClue ? await clueOf(unit.path) : null;
    const r = em.create(Rectification, {
      createdAt: at(registered),
      unit,
      unitPath: unit.path,
      responsibleOfficial: officials.get(s.unit)![s.official],
      problem: s.problem,
      measures: s.measures,
      deadline,
      status: s.status,
      origin: s.origin,
      source: clue ? SRC.CLUE : s.source,
      sourceClueId: clue,
      sourceAssessment: fromAssessment ? vetoed : null,
      campaignId: s.inCampaign && campaign ? campaign.id : null,
      foundDate: registered,
      registeredDate: registered,
      completedDate,
      verifiedBy: s.verifier && (completedDate || s.failedNote) ? account(s.verifier) : null,
      verificationNote: completedDate ? '经核查，整改措施落实到位，予以销账' : (s.failedNote ?? null),
      verificationDate: completedDate ?? (s.failedNote ? addDays(today, -7) : null),
    } as never);

    // Monthly reports from the month it was recorded (PENDING ones have none), up to the month
    // it was written off, or last month (this month too for some).
    if (s.status === S.PENDING) continue;
    const last = completedDate ? monthOf(completedDate) : s.reportThisMonth ? monthOf(today) : monthOf(ago(1));
    const months = monthsBetween(monthOf(registered), last);
    months.forEach((month, i) => {
      const percent = completedDate ? Math.round((100 * (i + 1)) / months.length) : Math.min(90, 20 * (i + 1));
      let reportedDate = month === monthOf(today) ? today : `${month}-25`;
      if (reportedDate < registered) reportedDate = registered;
      if (completedDate && reportedDate > completedDate) reportedDate = completedDate;
      em.create(RectificationReport, {
        createdAt: at(reportedDate),
        rectification: r,
        unitPath: unit.path,
        month,
        content: percent >= 100 ? '各项整改措施已全部落实，申请核查销账' : `整改措施按计划推进，完成约${percent}%`,
        percent,
        reportedDate,
        reportedBy: account(s.unit === 'QS-CZ' ? 'qs-finance' : 'qs-party'),
      } as never);
    });
  }
  await em.flush();

  // Warning history: the demo's red warning on QS-ZR replaced an earlier yellow one; the yellow on
  // 西河乡 is in force; an orange one on the education bureau was lifted after its rectification.
  const w = (code: string, level: WarningLevel, reason: string, issued: string, issuer: string, lifted?: { date: string; by: string; reason: string }) =>
    em.create(Warning, {
      createdAt: at(issued),
      unit: units.get(code)!,
      unitPath: units.get(code)!.path,
      level,
      reason,
      issuedDate: issued,
      issuedBy: account(issuer),
      liftedDate: lifted?.date ?? null,
      liftedBy: lifted ? account(lifted.by) : null,
      liftReason: lifted?.reason ?? null,
    } as never);
  w('QS-JY', WarningLevel.ORANGE, '违规发放津贴补贴、违规收费问题集中发生', ago(10), 'qs-discipline', { date: ago(4), by: 'qs-discipline', reason: '整改到位，经研究予以解除' });
  w('QS-ZR', WarningLevel.YELLOW, '土地出让领域廉政风险突出，信访举报较多', ago(18), 'qs-team2', { date: ago(13), by: 'qs-team2', reason: '改为红色预警 (replaced by a RED warning)' });
  w('QS-ZR', zr.warningLevel ?? WarningLevel.RED, zr.warningReason ?? '班子成员严重违纪违法，政治生态亟需修复', ago(13), 'qs-team2');
  const xh = units.get('QS-XH')!;
  w('QS-XH', xh.warningLevel ?? WarningLevel.YELLOW, xh.warningReason ?? '群众身边不正之风问题多发', ago(6), 'qs-discipline');
  await em.flush();
}
