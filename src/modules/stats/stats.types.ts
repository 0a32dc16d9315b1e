import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { describeEnum } from '../../common/enums';
import { LocalDateScalar } from '../../common/scalars';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { Campaign } from '../clues/campaign.entity';
import { FourForms, SanctionKind } from '../sanctions/sanction.enums';
import { ErrorCode } from '../../common/errors';

export enum StatisticsExportFormat {
  XLSX = 'XLSX',
  CSV = 'CSV',
}
describeEnum(StatisticsExportFormat, 'StatisticsExportFormat', '导出格式 (export format)', {
  XLSX: 'Excel 工作簿 (.xlsx workbook)',
  CSV: '逗号分隔文本 (CSV, UTF-8 with BOM so spreadsheet programs read the Chinese labels)',
});

@InputType('StatisticsPeriodInput', { description: '统计期间 (period of the statistics, both days included)' })
export class StatisticsPeriodInput {
  @Field(() => LocalDateScalar, { description: '起始日 (first day)' })
  from!: string;

  @Field(() => LocalDateScalar, { description: '截止日 (last day, not before the first)' })
  to!: string;
}

@ObjectType('StatisticsPeriod', { description: '统计期间 (period, both days included)' })
export class StatisticsPeriod {
  @Field(() => LocalDateScalar, { description: '起始日 (first day)' })
  from!: string;

  @Field(() => LocalDateScalar, { description: '截止日 (last day)' })
  to!: string;
}

@ObjectType('StatFigure', {
  description:
    '统计数 (a count with its year-on-year comparison). value is null when the count is masked (1 or 2 shown as "<3" to a party committee); display is always set and is what a client renders.',
})
export class StatFigure {
  @Field(() => Int, { nullable: true, description: '本期数 (count in the period); null when masked' })
  value!: number | null;

  @Field({ description: '本期显示值 (count as displayed: the number, or "<3" when masked)' })
  display!: string;

  @Field(() => Int, { nullable: true, description: '去年同期数 (count in the same period a year earlier); null when masked' })
  lastYear!: number | null;

  @Field({ description: '去年同期显示值 (last year\'s count as displayed)' })
  lastYearDisplay!: string;

  @Field(() => Float, { nullable: true, description: '同比增减 (year-on-year change in percent, one decimal); null when last year is 0 or either count is masked' })
  changePercent!: number | null;
}

@ObjectType('MoneyFigure', { description: '金额统计 (an amount in yuan with its year-on-year comparison); amounts are never masked' })
export class MoneyFigure {
  @Field({ description: '本期金额 (amount in the period, yuan, two decimals, as text so no precision is lost)' })
  value!: string;

  @Field({ description: '去年同期金额 (amount in the same period a year earlier)' })
  lastYear!: string;

  @Field(() => Float, { nullable: true, description: '同比增减 (year-on-year change in percent, one decimal); null when last year is 0' })
  changePercent!: number | null;
}

@ObjectType('FourFormsFigure', { description: '四种形态人次 (person-times of one of the four forms)' })
export class FourFormsFigure {
  @Field(() => FourForms, { description: '形态 (form)' })
  form!: FourForms;

  @Field(() => StatFigure, { description: '人次 (person-times: sanction records of that form)' })
  figure!: StatFigure;
}

@ObjectType('SanctionKindFigure', { description: '按处分种类统计 (count of sanction records of one kind)' })
export class SanctionKindFigure {
  @Field(() => SanctionKind, { description: '处分种类 (kind)' })
  kind!: SanctionKind;

  @Field(() => StatFigure, { description: '件数 (sanction records of that kind)' })
  figure!: StatFigure;
}

@ObjectType('Statistics', {
  description:
    '领导阅读的统计数据 (figures the leaders read) for a unit\'s subtree and a period, optionally one campaign, each with the same period a year earlier (同比). Only records the caller may see are counted; a party committee reads the aggregates of its subtree with 1 and 2 shown as "<3".',
})
export class Statistics {
  @Field(() => Unit, { description: '统计单位 (the unit whose subtree is counted)' })
  unit!: Unit;

  @Field(() => StatisticsPeriod, { description: '本期 (the period)' })
  period!: StatisticsPeriod;

  @Field(() => StatisticsPeriod, { description: '去年同期 (the same period a year earlier)' })
  lastYearPeriod!: StatisticsPeriod;

  @Field(() => Campaign, { nullable: true, description: '专项行动 (the campaign counted; null: all records)' })
  campaign!: Campaign | null;

  @Field({ description: '已遮蔽小数 (whether counts of 1 and 2 are shown as "<3" for this caller)' })
  masked!: boolean;

  @Field(() => StatFigure, { description: '发现问题线索 (clues found: problem clues received in the period)' })
  cluesFound!: StatFigure;

  @Field(() => StatFigure, { description: '发现问题 (problems found: rectifications whose problem was found in the period)' })
  problemsFound!: StatFigure;

  @Field(() => StatFigure, { description: '立行立改 (fixed at once: problems found in the period whose rectification is IMMEDIATE)' })
  fixedAtOnce!: StatFigure;

  @Field(() => StatFigure, { description: '正在整改 (being fixed: IN_PROGRESS)' })
  beingFixed!: StatFigure;

  @Field(() => StatFigure, { description: '待整改 (waiting: PENDING)' })
  waiting!: StatFigure;

  @Field(() => StatFigure, { description: '已整改 (completed: COMPLETED)' })
  completed!: StatFigure;

  @Field(() => MoneyFigure, { description: '清理问题资金 (money recovered, yuan: recorded on the clues received in the period)' })
  moneyRecovered!: MoneyFigure;

  @Field(() => StatFigure, { description: '给予党纪政务处分人数 (people given party or government discipline: distinct officials)' })
  peopleDisciplined!: StatFigure;

  @Field(() => StatFigure, { description: '问责人数 (people held accountable: distinct officials)' })
  peopleHeldAccountable!: StatFigure;

  @Field(() => StatFigure, { description: '问责领导干部人数 (leaders held accountable: distinct officials who are a unit principal or of county or section rank)' })
  leadersHeldAccountable!: StatFigure;

  @Field(() => StatFigure, { description: '移送司法机关 (cases transferred to the judiciary: sanction records of kind TRANSFERRED_TO_JUDICIARY or category JUDICIAL)' })
  casesTransferredToJudiciary!: StatFigure;

  @Field(() => StatFigure, { description: '点名道姓通报典型案例 (typical cases named in public: sanction records publicly named)' })
  typicalCasesNamed!: StatFigure;

  @Field(() => StatFigure, { description: '受理信访举报 (petitions received in the period)' })
  petitionsReceived!: StatFigure;

  @Field(() => StatFigure, { description: '初核 (clues verified: clues that entered preliminary verification in the period)' })
  cluesVerified!: StatFigure;

  @Field(() => StatFigure, { description: '立案 (cases filed in the period)' })
  casesFiled!: StatFigure;

  @Field(() => StatFigure, { description: '结案 (cases concluded in the period)' })
  casesConcluded!: StatFigure;

  @Field(() => StatFigure, { description: '处分人数 (people sanctioned: distinct officials with any sanction decided in the period)' })
  peopleSanctioned!: StatFigure;

  @Field(() => [FourFormsFigure], { description: '四种形态 (four-forms breakdown, person-times, all four forms in order)' })
  fourForms!: FourFormsFigure[];

  @Field(() => [SanctionKindFigure], { description: '按处分种类 (counts by sanction kind, every kind in order)' })
  bySanctionKind!: SanctionKindFigure[];
}

@ObjectType('StatisticsFile', { description: '统计导出文件 (an exported statistics file)' })
export class StatisticsFile {
  @Field({ description: '文件名 (file name)' })
  fileName!: string;

  @Field({ description: '媒体类型 (MIME type)' })
  mimeType!: string;

  @Field({ description: '文件内容 (content, base64)' })
  contentBase64!: string;
}

@ObjectType('UnitLookup', { description: '按代码查单位的一项结果 (one answer of a lookup of units by code)' })
export class UnitLookup {
  @Field({ description: '查询代码 (the code asked for)' })
  code!: string;

  @Field({ description: '已找到 (found within the caller\'s reach)' })
  found!: boolean;

  @Field(() => ErrorCode, { nullable: true, description: '错误代码 (NOT_FOUND when unknown or out of reach; null when found)' })
  error!: ErrorCode | null;

  @Field(() => Unit, { nullable: true, description: '单位 (the unit; null when not found)' })
  unit!: Unit | null;
}

@ObjectType('OfficialLookup', { description: '按身份证号查干部的一项结果 (one answer of a lookup of officials by identity number); the number asked for is not echoed, answers come in the order asked' })
export class OfficialLookup {
  @Field(() => Int, { description: '序号 (position of the number in the request, from 0)' })
  index!: number;

  @Field({ description: '已找到 (found within the caller\'s reach)' })
  found!: boolean;

  @Field(() => ErrorCode, { nullable: true, description: '错误代码 (NOT_FOUND when unknown or out of reach; null when found)' })
  error!: ErrorCode | null;

  @Field(() => [Official], { description: '干部 (the officials in reach holding this number: normally one; empty when not found)' })
  officials!: Official[];
}

@ObjectType('OfficialChangeFeed', { description: '干部变更订阅页 (one page of the officials change feed)' })
export class OfficialChangeFeed {
  @Field(() => [Official], { description: '变更的干部 (officials in the caller\'s reach changed after the cursor, ordered by change time then id)' })
  nodes!: Official[];

  @Field(() => String, { nullable: true, description: '下一游标 (cursor to ask from next time; the same cursor as asked when nothing changed; null only when nothing ever changed)' })
  nextCursor!: string | null;

  @Field({ description: '还有更多 (more changes are waiting after this page)' })
  hasMore!: boolean;
}
