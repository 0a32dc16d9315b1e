import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { UserError } from '../../common/errors';
import { LocalDateScalar } from '../../common/scalars';
import { Rectification, RectificationReport } from './rectification.entity';
import { FindingOrigin, RectificationSource, RectificationStatus } from './rectification.enums';

export const RectificationConnection = connectionTypes(Rectification, 'Rectification', '整改事项');

const NOT_BLANK = /\S/;
export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

@ObjectType('RectificationViewerCan', { description: '当前账号对该整改事项可做之事 (what the caller may do with this rectification now), so a client can hide what it may not use' })
export class RectificationViewerCan {
  @Field({ description: '可修改措施、时限、责任人 (may edit measures, deadline and responsible official: creators in reach, until COMPLETED)' })
  update!: boolean;

  @Field({ description: '可开始整改 (may move it from PENDING to IN_PROGRESS)' })
  start!: boolean;

  @Field({ description: '可报送本月进展 (may file this month\'s progress report: the responsible unit or its party committee, while IMMEDIATE or IN_PROGRESS)' })
  report!: boolean;

  @Field({ description: '可核查销账 (may verify and write it off: the supervisors in reach, while IMMEDIATE or IN_PROGRESS)' })
  verify!: boolean;
}

@ObjectType('RectificationLedgerRow', { description: '两本账的一行 (one status of the two ledgers, side by side)' })
export class RectificationLedgerRow {
  @Field(() => RectificationStatus, { description: '状态 (status, OVERDUE derived as of today)' })
  status!: RectificationStatus;

  @Field(() => Int, { description: '自查发现 (self-found rectifications in this status)' })
  selfFound!: number;

  @Field(() => Int, { description: '外部发现 (externally found rectifications in this status)' })
  external!: number;
}

@ObjectType('RectificationLedger', { description: '整改两本账 (the two ledgers: self-found and external problems, counted by status side by side, over the rows the caller may see)' })
export class RectificationLedger {
  @Field(() => [RectificationLedgerRow], { description: '按状态 (one row per status: IMMEDIATE, IN_PROGRESS, PENDING, OVERDUE, COMPLETED; each rectification counted once)' })
  rows!: RectificationLedgerRow[];

  @Field(() => Int, { description: '自查发现合计 (self-found, total)' })
  selfFoundTotal!: number;

  @Field(() => Int, { description: '外部发现合计 (external, total)' })
  externalTotal!: number;
}

@InputType('RectificationFilter', { description: '整改事项筛选 (rectification filter); all given conditions must hold' })
export class RectificationFilter {
  @Field(() => ID, { nullable: true, description: '单位子树 (rectifications of this unit and every unit below it)' })
  unitSubtree?: string | null;

  @Field(() => [RectificationStatus], { nullable: true, description: '状态 (any of these statuses as of today; OVERDUE: past the deadline and not completed, and then the stored status no longer matches)' })
  statuses?: RectificationStatus[] | null;

  @Field(() => FindingOrigin, { nullable: true, description: '发现方式 (one of the two ledgers)' })
  origin?: FindingOrigin | null;

  @Field(() => RectificationSource, { nullable: true, description: '来源 (source)' })
  source?: RectificationSource | null;

  @Field(() => ID, { nullable: true, description: '专项行动 (global id of a Campaign)' })
  campaign?: string | null;

  @Field(() => Boolean, { nullable: true, description: '已逾期 (true: only overdue ones; false: only those not overdue)' })
  overdue?: boolean | null;
}

@InputType('RectificationLedgerPeriod', { description: '统计期间 (period over the date found, both ends included)' })
export class RectificationLedgerPeriod {
  @Field(() => LocalDateScalar, { nullable: true, description: '起始日期 (from, included)' })
  from?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '截止日期 (to, included)' })
  to?: string | null;
}

@InputType('RectificationCreateInput', { description: '登记整改事项 (record a rectification)' })
export class RectificationCreateInput {
  @Field(() => ID, { description: '责任单位 (responsible unit)' })
  responsibleUnit!: string;

  @Field(() => ID, { nullable: true, description: '责任人 (responsible official: an official of the responsible unit)' })
  responsibleOfficial?: string | null;

  @Field({ description: '问题 (the problem)' })
  @Matches(NOT_BLANK, { message: 'problem must not be empty' })
  @MaxLength(4000, { message: 'problem must be at most 4000 characters' })
  problem!: string;

  @Field({ description: '整改措施 (measures)' })
  @Matches(NOT_BLANK, { message: 'measures must not be empty' })
  @MaxLength(4000, { message: 'measures must be at most 4000 characters' })
  measures!: string;

  @Field(() => LocalDateScalar, { description: '整改时限 (deadline: not before today, the date it is recorded)' })
  deadline!: string;

  @Field(() => RectificationStatus, { defaultValue: RectificationStatus.PENDING, description: '初始状态 (initial status: IMMEDIATE, IN_PROGRESS or PENDING; default PENDING)' })
  status!: RectificationStatus;

  @Field(() => FindingOrigin, { description: '发现方式 (self-found or external)' })
  origin!: FindingOrigin;

  @Field(() => RectificationSource, { description: '来源 (source)' })
  source!: RectificationSource;

  @Field(() => ID, { nullable: true, description: '来源线索 (the ProblemClue, required with source CLUE)' })
  sourceClue?: string | null;

  @Field(() => ID, { nullable: true, description: '来源巡察发现 (the InspectionFinding, required with source INSPECTION_FINDING)' })
  sourceFinding?: string | null;

  @Field(() => ID, { nullable: true, description: '来源考核 (the Assessment, required with source ASSESSMENT; of the responsible unit or a unit above it)' })
  sourceAssessment?: string | null;

  @Field(() => ID, { nullable: true, description: '专项行动 (global id of the Campaign it belongs to)' })
  campaign?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '发现日期 (date found; default today; not in the future)' })
  foundDate?: string | null;
}

@InputType('RectificationUpdateInput', { description: '修改整改事项 (edit measures, deadline or responsible official; not after COMPLETED); omitted fields stay' })
export class RectificationUpdateInput {
  @Field(() => ID, { description: '整改事项 (the rectification)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => String, { nullable: true, description: '整改措施 (measures)' })
  @IsOptional()
  @Matches(NOT_BLANK, { message: 'measures must not be empty' })
  @MaxLength(4000, { message: 'measures must be at most 4000 characters' })
  measures?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '整改时限 (deadline: not before the date it was recorded)' })
  deadline?: string | null;

  @Field(() => ID, { nullable: true, description: '责任人 (responsible official: an official of the responsible unit)' })
  responsibleOfficial?: string | null;
}

@InputType('RectificationStartInput', { description: '开始整改 (PENDING → IN_PROGRESS)' })
export class RectificationStartInput {
  @Field(() => ID, { description: '整改事项 (the rectification)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;
}

@InputType('RectificationReportInput', { description: '报送月度整改进展 (file the progress report of a month: the current month only)' })
export class RectificationReportInput {
  @Field(() => ID, { description: '整改事项 (the rectification)' })
  rectification!: string;

  @Field({ description: '月份 (month, YYYY-MM): the current month; a future month is refused, a past one is locked' })
  @Matches(MONTH_RE, { message: 'month must be written YYYY-MM' })
  month!: string;

  @Field({ description: '进展情况 (progress)' })
  @Matches(NOT_BLANK, { message: 'content must not be empty' })
  @MaxLength(4000, { message: 'content must be at most 4000 characters' })
  content!: string;

  @Field(() => Int, { description: '完成百分比 (percent complete, 0-100)' })
  @Min(0, { message: 'percent must be between 0 and 100' })
  @Max(100, { message: 'percent must be between 0 and 100' })
  percent!: number;
}

@InputType('RectificationReportUpdateInput', { description: '修改月度整改进展 (edit a report while its month is the current one)' })
export class RectificationReportUpdateInput {
  @Field(() => ID, { description: '月报 (the report)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field({ description: '进展情况 (progress)' })
  @Matches(NOT_BLANK, { message: 'content must not be empty' })
  @MaxLength(4000, { message: 'content must be at most 4000 characters' })
  content!: string;

  @Field(() => Int, { description: '完成百分比 (percent complete, 0-100)' })
  @Min(0, { message: 'percent must be between 0 and 100' })
  @Max(100, { message: 'percent must be between 0 and 100' })
  percent!: number;
}

@InputType('RectificationVerifyInput', { description: '核查整改 (verify: passed → COMPLETED and written off 对账销账; failed → back to IN_PROGRESS with a note)' })
export class RectificationVerifyInput {
  @Field(() => ID, { description: '整改事项 (the rectification)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field({ description: '是否通过 (passed)' })
  passed!: boolean;

  @Field(() => String, { nullable: true, description: '核查意见 (note; required when it fails)' })
  @IsOptional()
  @MaxLength(2000, { message: 'note must be at most 2000 characters' })
  note?: string | null;
}

@ObjectType('RectificationPayload', { description: '整改事项变更结果 (result of a rectification mutation)' })
export class RectificationPayload {
  @Field(() => Rectification, { nullable: true, description: '整改事项 (the rectification, null when nothing was changed)' })
  rectification!: Rectification | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@ObjectType('RectificationReportPayload', { description: '月报变更结果 (result of a monthly report mutation)' })
export class RectificationReportPayload {
  @Field(() => RectificationReport, { nullable: true, description: '月报 (the report, null when nothing was changed)' })
  report!: RectificationReport | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}
