import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Min } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { UserError } from '../../common/errors';
import { LocalDateScalar } from '../../common/scalars';
import { InspectionFinding, InspectionMonthlyReport, InspectionTour } from './inspection.entity';
import { FindingSeverity, InspectionTourStatus } from './inspection.enums';

export const InspectionTourConnection = connectionTypes(InspectionTour, 'InspectionTour', '巡察');
export type InspectionTourConnection = InstanceType<typeof InspectionTourConnection>;
export const InspectionFindingConnection = connectionTypes(InspectionFinding, 'InspectionFinding', '巡察发现问题');
export type InspectionFindingConnection = InstanceType<typeof InspectionFindingConnection>;
export const InspectionMonthlyReportConnection = connectionTypes(InspectionMonthlyReport, 'InspectionMonthlyReport', '巡察整改月报');
export type InspectionMonthlyReportConnection = InstanceType<typeof InspectionMonthlyReportConnection>;

/** One member of a tour's inspection group (the row of the link table, with the official's name and post). */
@ObjectType('InspectionGroupMember', { description: '巡察组成员 (member of an inspection group)' })
export class InspectionGroupMemberView {
  officialId!: number;

  @Field({ description: '姓名 (name)' })
  name!: string;

  @Field({ description: '职务 (post in the member\'s own unit)' })
  post!: string;

  @Field({ description: '组长 (whether the leader of the group)' })
  isLeader!: boolean;
}

@ObjectType('InspectionTourViewerCan', { description: '当前账号对该巡察可做之事 (what the caller may do with this inspection tour), so a client can hide what it may not use' })
export class InspectionTourViewerCan {
  @Field({ description: '可修改 (may edit the tour: its organising discipline commission, until it has finished)' })
  update!: boolean;

  @Field({ description: '可增加被巡察单位 (may add an inspected unit: its organising discipline commission, until it has finished)' })
  addUnit!: boolean;

  @Field({ description: '可记录发现问题 (may record findings: the discipline commission in reach, or the tour\'s own group while it runs; not before the start)' })
  recordFinding!: boolean;

  @Field({ description: '可报送整改月报 (may file a monthly rectification report: the discipline commission, or the tour\'s own group while it runs; not before the start)' })
  fileReport!: boolean;
}

@ObjectType('InspectionFindingViewerCan', { description: '当前账号对该发现问题可做之事 (what the caller may do with this finding)' })
export class InspectionFindingViewerCan {
  @Field({ description: '可读问题描述 (may read the description)' })
  readDescription!: boolean;

  @Field({ description: '可移交问题线索 (may hand it over to the discipline commission as a problem clue; once only)' })
  handOver!: boolean;
}

@InputType('InspectionTourFilter', { description: '巡察筛选 (inspection tour filter); all given conditions must hold' })
export class InspectionTourFilter {
  @Field(() => InspectionTourStatus, { nullable: true, description: '状态 (status as of today)' })
  status?: InspectionTourStatus | null;

  @Field(() => ID, { nullable: true, description: '单位子树 (tours that inspected this unit or a unit below it)' })
  unitSubtree?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '在该日进驻 (tours running on this date: start <= date <= end)' })
  activeOn?: string | null;
}

@InputType('InspectionFindingFilter', { description: '巡察发现问题筛选 (finding filter); all given conditions must hold' })
export class InspectionFindingFilter {
  @Field(() => ID, { nullable: true, description: '巡察 (findings of this tour)' })
  tour?: string | null;

  @Field(() => ID, { nullable: true, description: '单位 (findings about this unit)' })
  unit?: string | null;

  @Field(() => ID, { nullable: true, description: '问题类别 (findings classified under an item of this category)' })
  category?: string | null;

  @Field(() => FindingSeverity, { nullable: true, description: '严重程度 (severity)' })
  severity?: FindingSeverity | null;

  @Field(() => Boolean, { nullable: true, description: '已移交 (handed over as a problem clue, or not)' })
  handedOver?: boolean | null;
}

@InputType('InspectionTourCreateInput', { description: '新建巡察 (create an inspection tour)' })
export class InspectionTourCreateInput {
  @Field({ description: '轮次 (round), e.g. 2026年第一轮巡察' })
  @Length(1, 100, { message: 'round must not be empty (at most 100 characters)' })
  round!: string;

  @Field({ description: '名称 (name)' })
  @Length(1, 200, { message: 'name must not be empty (at most 200 characters)' })
  name!: string;

  @Field(() => ID, { description: '组织单位 (the unit whose party committee organises the tour, e.g. the county); in the caller\'s reach' })
  organizerUnit!: string;

  @Field(() => LocalDateScalar, { description: '进驻日期 (start date)' })
  startDate!: string;

  @Field(() => LocalDateScalar, { description: '结束日期 (end date, not before the start)' })
  endDate!: string;

  @Field(() => [ID], { description: '巡察组成员 (officials of the inspection group, 1 to 30, the leader among them)' })
  @ArrayMinSize(1, { message: 'members must name at least one official' })
  @ArrayMaxSize(30, { message: 'members may name at most 30 officials' })
  members!: string[];

  @Field(() => ID, { description: '组长 (leader of the group: one of the members)' })
  leader!: string;

  @Field(() => [ID], { defaultValue: [], description: '被巡察单位 (units inspected; more may be added later)' })
  @ArrayMaxSize(50, { message: 'units may name at most 50 units' })
  units!: string[];
}

@InputType('InspectionTourUpdateInput', { description: '修改巡察 (edit an inspection tour); omitted fields stay' })
export class InspectionTourUpdateInput {
  @Field(() => ID, { description: '巡察 (the tour)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => String, { nullable: true, description: '轮次 (round)' })
  @IsOptional()
  @Length(1, 100, { message: 'round must not be empty (at most 100 characters)' })
  round?: string | null;

  @Field(() => String, { nullable: true, description: '名称 (name)' })
  @IsOptional()
  @Length(1, 200, { message: 'name must not be empty (at most 200 characters)' })
  name?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '进驻日期 (start date); only before the tour has started' })
  startDate?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '结束日期 (end date); not before today once the tour has started' })
  endDate?: string | null;

  @Field(() => [ID], { nullable: true, description: '巡察组成员 (replace the members; give leader with them)' })
  @IsOptional()
  @ArrayMinSize(1, { message: 'members must name at least one official' })
  @ArrayMaxSize(30, { message: 'members may name at most 30 officials' })
  members?: string[] | null;

  @Field(() => ID, { nullable: true, description: '组长 (leader: one of the members)' })
  leader?: string | null;
}

@InputType('InspectionTourAddUnitInput', { description: '增加被巡察单位 (add a unit to the units a tour inspects)' })
export class InspectionTourAddUnitInput {
  @Field(() => ID, { description: '巡察 (the tour)' })
  tour!: string;

  @Field(() => Int, { description: '版本号 (the version of the tour you read)' })
  @Min(1)
  version!: number;

  @Field(() => ID, { description: '单位 (the unit to inspect)' })
  unit!: string;
}

@InputType('InspectionFindingRecordInput', { description: '记录巡察发现问题 (record a finding)' })
export class InspectionFindingRecordInput {
  @Field(() => ID, { description: '巡察 (the tour)' })
  tour!: string;

  @Field(() => ID, { description: '单位 (the inspected unit the problem was found at: one of the tour\'s units)' })
  unit!: string;

  @Field(() => ID, { description: '问题 (item of the common-problem list)' })
  item!: string;

  @Field(() => FindingSeverity, { description: '严重程度 (severity)' })
  severity!: FindingSeverity;

  @Field({ description: '问题描述 (description of the problem)' })
  @Length(1, 5000, { message: 'description must not be empty (at most 5000 characters)' })
  description!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: '发现日期 (date found; default today): within the tour\'s period and not after today' })
  foundOn?: string | null;
}

@InputType('InspectionFindingHandOverInput', { description: '移交问题线索 (hand a finding over to the discipline commission as a problem clue)' })
export class InspectionFindingHandOverInput {
  @Field(() => ID, { description: '发现问题 (the finding)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => String, { nullable: true, description: '线索摘要 (summary of the clue; default: the problem item and the unit)' })
  @IsOptional()
  @Length(1, 500, { message: 'summary must not be empty (at most 500 characters)' })
  summary?: string | null;

  @Field(() => [ID], { defaultValue: [], description: '被反映人 (officials the clue is about, if known)' })
  @ArrayMaxSize(20, { message: 'subjects may name at most 20 officials' })
  subjects!: string[];
}

@InputType('InspectionReportFileInput', { description: '报送巡察整改月报 (file the monthly rectification report of a tour)' })
export class InspectionReportFileInput {
  @Field(() => ID, { description: '巡察 (the tour)' })
  tour!: string;

  @Field({ description: '月份 (month reported on, YYYY-MM): not in the future, not before the tour\'s start' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be written YYYY-MM' })
  month!: string;

  @Field({ description: '报告内容 (text of the report)' })
  @Length(1, 20000, { message: 'text must not be empty (at most 20000 characters)' })
  text!: string;
}

@ObjectType('InspectionTourPayload', { description: '巡察变更结果 (result of an inspection tour mutation)' })
export class InspectionTourPayload {
  @Field(() => InspectionTour, { nullable: true, description: '巡察 (the tour, null when nothing was changed)' })
  tour!: InspectionTour | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@ObjectType('InspectionFindingPayload', { description: '巡察发现问题变更结果 (result of a finding mutation)' })
export class InspectionFindingPayload {
  @Field(() => InspectionFinding, { nullable: true, description: '发现问题 (the finding, null when nothing was changed)' })
  finding!: InspectionFinding | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@ObjectType('InspectionReportFilePayload', { description: '整改月报报送结果 (result of filing a monthly report)' })
export class InspectionReportFilePayload {
  @Field(() => InspectionMonthlyReport, { nullable: true, description: '整改月报 (the report, null when nothing was written)' })
  report!: InspectionMonthlyReport | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was written)' })
  userErrors!: UserError[];
}

