import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { UserError } from '../../common/errors';
import { LocalDateScalar } from '../../common/scalars';
import { DispatchItem, DispatchItemReport, DispatchList } from './dispatch.entity';
import { DispatchKind, DispatchStatus } from './dispatch.enums';

export const DispatchListConnection = connectionTypes(DispatchList, 'DispatchList', '主体责任派单');

const NOT_BLANK = /\S/;

@ObjectType('DispatchListViewerCan', { description: '当前账号对该派单可做之事 (what the caller may do with this list now), so a client can hide what it may not use' })
export class DispatchListViewerCan {
  @Field({ description: '可编辑事项 (may add and edit items: the issuing party committee, while DRAFT)' })
  editItems!: boolean;

  @Field({ description: '可派发 (may issue it: the issuing party committee, while DRAFT)' })
  issue!: boolean;

  @Field({ description: '可办结 (may close it: the issuing party committee, once ISSUED, the quarter over and every deadline past)' })
  close!: boolean;

  @Field({ description: '可报告履责情况 (may report on its items: the leader, while ISSUED; each item until its deadline)' })
  report!: boolean;
}

@InputType('DispatchListFilter', { description: '派单筛选 (dispatch list filter); all given conditions must hold' })
export class DispatchListFilter {
  @Field(() => Int, { nullable: true, description: '年度 (year)' })
  year?: number | null;

  @Field(() => Int, { nullable: true, description: '季度 (quarter, 1-4)' })
  quarter?: number | null;

  @Field(() => ID, { nullable: true, description: '领导 (lists issued to this official)' })
  leader?: string | null;

  @Field(() => ID, { nullable: true, description: '派单单位 (lists issued by this unit)' })
  issuerUnit?: string | null;

  @Field(() => ID, { nullable: true, description: '单位子树 (lists issued to leaders of this unit and every unit below it)' })
  unitSubtree?: string | null;

  @Field(() => DispatchStatus, { nullable: true, description: '状态 (status)' })
  status?: DispatchStatus | null;

  @Field(() => DispatchKind, { nullable: true, description: '派单类型 (kind)' })
  kind?: DispatchKind | null;
}

@InputType('DispatchListCreateInput', { description: '起草派单 (draft a dispatch list)' })
export class DispatchListCreateInput {
  @Field(() => ID, { nullable: true, description: '派单单位 (issuing party committee\'s unit, within your reach); default: the unit of your party-committee grant nearest above the leader' })
  issuerUnit?: string | null;

  @Field(() => ID, { description: '领导 (the official it is issued to: a principal or a leadership-team member of the issuing unit\'s subtree)' })
  leader!: string;

  @Field(() => Int, { description: '年度 (year, 2000-2100)' })
  @Min(2000, { message: 'year must be between 2000 and 2100' })
  @Max(2100, { message: 'year must be between 2000 and 2100' })
  year!: number;

  @Field(() => Int, { description: '季度 (quarter, 1-4)' })
  @Min(1, { message: 'quarter must be between 1 and 4' })
  @Max(4, { message: 'quarter must be between 1 and 4' })
  quarter!: number;

  @Field(() => DispatchKind, { description: '派单类型 (REGULAR: one per leader and quarter; ADDITIONAL: any number)' })
  kind!: DispatchKind;

  @Field({ description: '标题 (title)' })
  @Matches(NOT_BLANK, { message: 'title must not be empty' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;
}

@InputType('DispatchListAddItemInput', { description: '添加派单事项 (add an item to a list in DRAFT; it goes last)' })
export class DispatchListAddItemInput {
  @Field(() => ID, { description: '派单 (the list)' })
  list!: string;

  @Field({ description: '任务 (task)' })
  @Matches(NOT_BLANK, { message: 'task must not be empty' })
  @MaxLength(2000, { message: 'task must be at most 2000 characters' })
  task!: string;

  @Field({ description: '措施要求 (measures and requirements)' })
  @Matches(NOT_BLANK, { message: 'measures must not be empty' })
  @MaxLength(4000, { message: 'measures must be at most 4000 characters' })
  measures!: string;

  @Field(() => LocalDateScalar, { description: '完成时限 (deadline: not before today, inside the list\'s quarter or at most 15 days after it)' })
  deadline!: string;
}

@InputType('DispatchListUpdateItemInput', { description: '修改派单事项 (edit an item of a list in DRAFT); omitted fields stay' })
export class DispatchListUpdateItemInput {
  @Field(() => ID, { description: '派单事项 (the item)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version of the item you read)' })
  @Min(1)
  version!: number;

  @Field(() => String, { nullable: true, description: '任务 (task)' })
  @IsOptional()
  @Matches(NOT_BLANK, { message: 'task must not be empty' })
  @MaxLength(2000, { message: 'task must be at most 2000 characters' })
  task?: string | null;

  @Field(() => String, { nullable: true, description: '措施要求 (measures and requirements)' })
  @IsOptional()
  @Matches(NOT_BLANK, { message: 'measures must not be empty' })
  @MaxLength(4000, { message: 'measures must be at most 4000 characters' })
  measures?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '完成时限 (deadline: not before today, inside the list\'s quarter or at most 15 days after it)' })
  deadline?: string | null;

  @Field(() => Int, { nullable: true, description: '序号 (move the item to this position, from 1; the others shift)' })
  @IsOptional()
  @Min(1, { message: 'order must be at least 1' })
  @Max(1000, { message: 'order must be at most 1000' })
  order?: number | null;
}

@InputType('DispatchListIssueInput', { description: '派发派单 (issue a list: DRAFT → ISSUED)' })
export class DispatchListIssueInput {
  @Field(() => ID, { description: '派单 (the list)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version of the list you read)' })
  @Min(1)
  version!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: '派发日期 (date issued: not in the future, not after any item\'s deadline); default today' })
  issuedDate?: string | null;
}

@InputType('DispatchListCloseInput', { description: '办结派单 (close a list: ISSUED → CLOSED, after the quarter and every item\'s deadline)' })
export class DispatchListCloseInput {
  @Field(() => ID, { description: '派单 (the list)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version of the list you read)' })
  @Min(1)
  version!: number;
}

@InputType('DispatchItemReportInput', { description: '报告履责情况 (the leader reports on an item, or revises the report, until the item\'s deadline)' })
export class DispatchItemReportInput {
  @Field(() => ID, { description: '派单事项 (the item)' })
  item!: string;

  @Field(() => Int, { nullable: true, description: '报告版本号 (the version of the report you read; required to revise an existing report)' })
  @IsOptional()
  @Min(1)
  version?: number | null;

  @Field({ description: '履责情况 (what was done)' })
  @Matches(NOT_BLANK, { message: 'text must not be empty' })
  @MaxLength(4000, { message: 'text must be at most 4000 characters' })
  text!: string;

  @Field(() => Int, { nullable: true, description: '完成百分比 (percent complete, 0-100; 100 marks the item done)' })
  @IsOptional()
  @Min(0, { message: 'percent must be between 0 and 100' })
  @Max(100, { message: 'percent must be between 0 and 100' })
  percent?: number | null;

  @Field({ defaultValue: false, description: '已完成 (done; the percent is then 100)' })
  done!: boolean;
}

@ObjectType('DispatchListPayload', { description: '派单变更结果 (result of a dispatch list mutation)' })
export class DispatchListPayload {
  @Field(() => DispatchList, { nullable: true, description: '派单 (the list, null when nothing was changed)' })
  list!: DispatchList | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@ObjectType('DispatchItemPayload', { description: '派单事项变更结果 (result of a dispatch item mutation)' })
export class DispatchItemPayload {
  @Field(() => DispatchItem, { nullable: true, description: '派单事项 (the item, null when nothing was changed)' })
  item!: DispatchItem | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@ObjectType('DispatchItemReportPayload', { description: '履责情况报告结果 (result of a fulfilment report)' })
export class DispatchItemReportPayload {
  @Field(() => DispatchItemReport, { nullable: true, description: '履责情况报告 (the report, null when nothing was changed)' })
  report!: DispatchItemReport | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}
