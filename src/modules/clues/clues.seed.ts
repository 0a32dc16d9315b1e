import type { EntityManager } from '@mikro-orm/postgresql';
import type { DemoContext } from '../../seed/demo-context';
import { addMonths } from '../../common/scalars';
import { Account } from '../accounts/account.entity';
import { Sanction } from '../sanctions/sanction.entity';
import type { Official } from '../officials/official.entity';
import { Campaign, CampaignBatch } from './campaign.entity';
import { ClueEvent, ProblemClue } from './clue.entity';
import { CampaignKind, ClueDisposition, ClueSource, ClueStatus as S } from './clue.enums';
import { addDays } from './clue.service';

/** One step after receipt: the status reached, when, and the note recorded. */
type Step = { to: S; on: string; note: string; by?: string };

interface ClueSpec {
  unit: string;
  subjects: number[];
  source: ClueSource;
  summary: string;
  details: string;
  received: string;
  deadline: string;
  handler: string;
  batch?: 0 | 1 | null;
  inCampaign?: boolean;
  steps: Step[];
  money?: string;
  /** Reason summaries of the demo sanctions the concluded case led to. */
  sanctions?: string[];
}

/**
 * The demo county's campaign and clues (fictional): a county-wide drive with two supervised
 * batches, and clues in every status, some overdue, two concluded cases linked to the demo
 * sanctions with the leaders held accountable for the same matter (一案双查).
 */
export async function seedClues(em: EntityManager, demo: DemoContext): Promise<void> {
  const { today, units, officials } = demo;
  const ago = (days: number) => addDays(today, -days);
  const monthsAgo = (m: number) => addMonths(today, -m);
  const accounts = new Map((await em.find(Account, { username: { $in: ['qs-discipline', 'qs-team1', 'qs-team2'] } })).map((a) => [a.username, a]));

  const county = units.get('QS')!;
  const start = `${addMonths(today, -8).slice(0, 7)}-01`;
  const endMonth = addMonths(`${today.slice(0, 7)}-01`, 5);
  const end = addDays(endMonth, -1);
  const campaign = em.create(Campaign, {
    name: `${end.slice(0, 4)}年群众身边不正之风和腐败问题集中整治`,
    kind: CampaignKind.SPECIAL_RECTIFICATION,
    theme: '聚焦惠民富民、促进共同富裕政策落实中的腐败问题，整治农村集体“三资”管理、低保救助、教育医疗等领域侵害群众利益问题（虚构）',
    periodStart: start,
    periodEnd: end,
    leadUnit: county,
    unitPath: county.path,
  } as never);
  const batches = [
    em.create(CampaignBatch, { campaign, number: 1, name: '第一批挂牌督办', listedOn: addDays(start, 30) } as never),
    em.create(CampaignBatch, { campaign, number: 2, name: '第二批挂牌督办', listedOn: addDays(start, 150) } as never),
  ];

  const specs: ClueSpec[] = [
    {
      unit: 'QS-JY',
      subjects: [4],
      source: ClueSource.PETITION,
      summary: '反映教育局某股长在学校食堂承包中收受好处（虚构）',
      details: '（虚构）实名举报称，该股长在县直学校食堂承包招标中向投标人透露标底，事后收受现金2万元。',
      received: ago(6),
      deadline: addDays(today, 24),
      handler: 'qs-team1',
      inCampaign: true,
      steps: [],
    },
    {
      unit: 'QS-DL-02',
      subjects: [0, 3],
      source: ClueSource.BIG_DATA,
      summary: '大数据比对发现低保对象与村干部亲属信息重合（虚构）',
      details: '（虚构）民政低保数据与村干部亲属信息比对，石桥村有3户低保对象为村党支部书记和村会计的近亲属，疑似优亲厚友。',
      received: ago(75),
      deadline: ago(15),
      handler: 'qs-discipline',
      batch: 0,
      steps: [],
    },
    {
      unit: 'QS-WJ',
      subjects: [2],
      source: ClueSource.DAILY_SUPERVISION,
      summary: '反映卫健局副局长违规接受医药代表宴请（虚构）',
      details: '（虚构）日常监督中发现，该副局长疑似多次接受医药代表安排的宴请。',
      received: ago(40),
      deadline: addDays(today, 3),
      handler: 'qs-team2',
      steps: [{ to: S.TALK_OR_INQUIRY_LETTER, on: ago(33), note: '问题较轻，拟予谈话函询' }],
    },
    {
      unit: 'QS-CZ',
      subjects: [6],
      source: ClueSource.INSPECTION_TOUR,
      summary: '巡察移交：财政局某科员违规发放工作补贴（虚构）',
      details: '（虚构）巡察发现，该科员经手发放的加班补贴未履行审批程序，涉及金额4800元。',
      received: ago(120),
      deadline: ago(60),
      handler: 'qs-team1',
      batch: 0,
      steps: [
        { to: S.TALK_OR_INQUIRY_LETTER, on: ago(110), note: '情节轻微，予以函询' },
        { to: S.TALK_CONCLUDED, on: ago(90), note: '本人如实说明情况并退还补贴，予以了结并批评教育' },
      ],
    },
    {
      unit: 'QS-XH-01',
      subjects: [0],
      source: ClueSource.PETITION,
      summary: '反映西河村党支部书记虚报冒领农业补贴（虚构）',
      details: '（虚构）群众来信反映，该书记以他人名义虚报耕地面积，冒领耕地地力保护补贴约1.2万元。',
      received: ago(100),
      deadline: ago(5),
      handler: 'qs-discipline',
      batch: 1,
      steps: [{ to: S.PRELIMINARY_VERIFICATION, on: ago(95), note: '反映问题具体，具有可查性，予以初步核实' }],
    },
    {
      unit: 'QS-NS',
      subjects: [6],
      source: ClueSource.MEDIA_EXPOSURE,
      summary: '网络媒体反映南山镇党政办主任工作日打牌（虚构）',
      details: '（虚构）某网络论坛发帖称，南山镇党政办主任工作日午间在茶馆打牌，帖文未附照片，发帖人无法联系。',
      received: ago(150),
      deadline: ago(100),
      handler: 'qs-discipline',
      steps: [{ to: S.SHELVED, on: ago(140), note: '反映内容笼统，暂不具备核查条件，暂存待查' }],
    },
    {
      unit: 'QS-JY',
      subjects: [8],
      source: ClueSource.AUDIT,
      summary: '审计反映教育局某科员差旅费报销不规范（虚构）',
      details: '（虚构）审计发现该科员两次差旅费报销缺少审批单据，金额合计860元，单位已督促补齐手续。',
      received: ago(60),
      deadline: ago(20),
      handler: 'qs-team1',
      inCampaign: true,
      steps: [{ to: S.CLOSED, on: ago(55), note: '问题已整改，不属于违纪问题，予以了结' }],
    },
    {
      unit: 'QS-DL-03',
      subjects: [1],
      source: ClueSource.AUDIT,
      summary: '审计发现柳湾村主任挪用村集体土地流转收入（虚构）',
      details: '（虚构）农村集体“三资”专项审计发现，柳湾村主任将5.2万元土地流转收入存入个人账户，至今未入账。',
      received: ago(130),
      deadline: addDays(today, 40),
      handler: 'qs-discipline',
      batch: 1,
      money: '52000.00',
      steps: [
        { to: S.PRELIMINARY_VERIFICATION, on: ago(120), note: '涉及集体资金，予以初步核实' },
        { to: S.CASE_FILED, on: ago(80), note: '初核属实，予以立案' },
      ],
    },
    {
      unit: 'QS-ZR',
      subjects: [2],
      source: ClueSource.TRANSFER,
      summary: '审计机关移送：自然资源局副局长在土地出让中收受财物（虚构）',
      details: '（虚构）县审计局移送线索称，该副局长在多宗土地出让中为竞买人提供便利，收受财物数额巨大。',
      received: monthsAgo(18),
      deadline: monthsAgo(13),
      handler: 'qs-team2',
      money: '1260000.00',
      steps: [
        { to: S.PRELIMINARY_VERIFICATION, on: monthsAgo(17), note: '问题线索具体，予以初步核实' },
        { to: S.CASE_FILED, on: monthsAgo(16), note: '初核发现涉嫌严重违纪违法，予以立案审查调查' },
        { to: S.CASE_CONCLUDED, on: monthsAgo(14), note: '给予开除党籍处分，涉嫌受贿罪移送检察机关；对主要负责人一案双查' },
      ],
      sanctions: ['严重违纪违法，涉嫌受贿', '涉嫌受贿罪移送审查起诉', '对本单位严重违纪问题负有领导责任（一案双查）'],
    },
    {
      unit: 'QS-DL-01',
      subjects: [3],
      source: ClueSource.PETITION,
      summary: '反映东岭村会计虚列开支侵占村集体资金（虚构）',
      details: '（虚构）村民联名举报，村会计以虚列劳务费方式侵占村集体资金。',
      received: monthsAgo(7),
      deadline: monthsAgo(4),
      handler: 'qs-discipline',
      batch: 0,
      money: '18000.00',
      steps: [
        { to: S.PRELIMINARY_VERIFICATION, on: addDays(monthsAgo(7), 5), note: '反映问题具体，予以初步核实' },
        { to: S.CASE_FILED, on: monthsAgo(6), note: '初核属实，予以立案' },
        { to: S.CASE_CONCLUDED, on: monthsAgo(4), note: '给予撤销党内职务处分，追缴资金；对村党支部书记一案双查' },
      ],
      sanctions: ['侵占集体资金', '村级财务监管失职（一案双查）'],
    },
    {
      unit: 'QS-CZ',
      subjects: [3],
      source: ClueSource.PETITION,
      summary: '匿名反映财政局办公室主任违规使用公务用车（虚构）',
      details: '（虚构）匿名信反映该主任周末驾驶公务用车接送家属。',
      received: ago(50),
      deadline: ago(10),
      handler: 'qs-team1',
      inCampaign: true,
      steps: [
        { to: S.TALK_OR_INQUIRY_LETTER, on: ago(45), note: '予以函询' },
        { to: S.CLEARED, on: ago(20), note: '经调阅车辆使用记录和行车轨迹，反映问题失实，在本单位会议上予以澄清正名' },
      ],
    },
  ];

  const discipline = accounts.get('qs-discipline')!;
  for (const spec of specs) {
    const unit = units.get(spec.unit)!;
    const subjects: Official[] = spec.subjects.map((i) => officials.get(spec.unit)![i]);
    const inCampaign = spec.inCampaign || spec.batch != null;
    const clue = em.create(ProblemClue, {
      source: spec.source,
      unit,
      unitPath: unit.path,
      summary: spec.summary,
      details: spec.details,
      receivedOn: spec.received,
      campaign: inCampaign ? campaign : null,
      batch: spec.batch != null ? batches[spec.batch] : null,
      handler: accounts.get(spec.handler)!,
      deadline: spec.deadline,
      status: S.RECEIVED,
      recoveredMoney: spec.money ?? null,
    } as never);
    clue.subjects.set(subjects);
    em.create(ClueEvent, { clue, fromStatus: null, toStatus: S.RECEIVED, occurredOn: spec.received, account: discipline, note: null } as never);
    let from = S.RECEIVED;
    for (const step of spec.steps) {
      const by = accounts.get(step.by ?? spec.handler)!;
      switch (step.to) {
        case S.TALK_OR_INQUIRY_LETTER:
        case S.PRELIMINARY_VERIFICATION:
        case S.SHELVED:
        case S.CLOSED:
          Object.assign(clue, { disposition: step.to as unknown as ClueDisposition, dispositionReason: step.note, decidedBy: by, decidedOn: step.on });
          break;
        case S.CASE_FILED:
          clue.caseFiledOn = step.on;
          break;
        case S.CASE_CONCLUDED:
        case S.TALK_CONCLUDED:
          Object.assign(clue, { concludedOn: step.on, conclusion: step.note });
          break;
        case S.CLEARED:
          Object.assign(clue, { clearedOn: step.on, clearingNote: step.note });
          break;
        default:
          break;
      }
      em.create(ClueEvent, { clue, fromStatus: from, toStatus: step.to, occurredOn: step.on, account: by, note: step.note } as never);
      clue.status = step.to;
      from = step.to;
    }
    await em.flush();
    if (spec.sanctions?.length) {
      const linked = await em.find(Sanction, { reasonSummary: { $in: spec.sanctions } });
      if (linked.length !== spec.sanctions.length) throw new Error(`demo sanctions not found for clue "${spec.summary}"`);
      await em.execute('update sanction set clue_id = ? where id in (?)', [clue.id, linked.map((s) => s.id)]);
    }
  }
}
