import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, Length, Max, Min } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { UserError } from '../../common/errors';
import { LocalDateScalar } from '../../common/scalars';
import { Campaign, CampaignBatch } from './campaign.entity';
import { CampaignKind, ClueStatus } from './clue.enums';

export const CampaignConnection = connectionTypes(Campaign, 'Campaign', '专项行动');
export type CampaignConnection = InstanceType<typeof CampaignConnection>;

@ObjectType('ClueStatusCount', { description: '按状态的线索数 (number of clues in one status)' })
export class ClueStatusCount {
  @Field(() => ClueStatus, { description: '状态 (status)' })
  status!: ClueStatus;

  @Field(() => Int, { description: '数量 (number of clues the caller may see in this status)' })
  count!: number;
}

@ObjectType('ClueCounts', {
  description: '线索统计 (clue counts) of a campaign or batch, counted in SQL over the clues the caller may see; DISCIPLINE_COMMISSION, DISPATCHED_TEAM and INSPECTION_GROUP only',
})
export class ClueCounts {
  @Field(() => Int, { nullable: true, description: '总数 (clues the caller may see); null with FORBIDDEN for roles that see no clues' })
  total!: number | null;

  @Field(() => Int, { nullable: true, description: '逾期 (of them, overdue today); null with FORBIDDEN for roles that see no clues' })
  overdue!: number | null;

  @Field(() => [ClueStatusCount], { nullable: true, description: '按状态 (per status, every status listed, zeros included); null with FORBIDDEN for roles that see no clues' })
  byStatus!: ClueStatusCount[] | null;
}

@ObjectType('CampaignViewerCan', { description: '当前账号对该专项可做之事 (what the caller may do with this campaign)' })
export class CampaignViewerCan {
  @Field({ description: '可修改 (may edit the campaign)' })
  update!: boolean;

  @Field({ description: '可添加挂牌督办批次 (may add a supervised batch)' })
  addBatch!: boolean;
}

@InputType('CampaignFilter', { description: '专项筛选 (campaign filter); all given conditions must hold' })
export class CampaignFilter {
  @Field(() => [CampaignKind], { nullable: true, description: '类型 (any of these kinds)' })
  kinds?: CampaignKind[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '进行中于 (running on this date: inside the period)' })
  activeOn?: string | null;

  @Field(() => String, { nullable: true, description: '名称包含 (name contains)' })
  nameContains?: string | null;

  @Field(() => ID, { nullable: true, description: '牵头单位子树 (led by this unit or a unit below it)' })
  leadUnitSubtree?: string | null;
}

@InputType('CampaignCreateInput', { description: '新建专项 (create a campaign); DISCIPLINE_COMMISSION with the lead unit inside its reach' })
export class CampaignCreateInput {
  @Field({ description: '名称 (name)' })
  @Length(1, 200, { message: 'name must not be empty (at most 200 characters)' })
  name!: string;

  @Field(() => CampaignKind, { description: '类型 (kind)' })
  kind!: CampaignKind;

  @Field({ description: '主题 (theme)' })
  @Length(1, 2000, { message: 'theme must not be empty (at most 2000 characters)' })
  theme!: string;

  @Field(() => LocalDateScalar, { description: '开始日期 (first day)' })
  periodStart!: string;

  @Field(() => LocalDateScalar, { description: '结束日期 (last day, not before the first)' })
  periodEnd!: string;

  @Field(() => ID, { description: '牵头单位 (lead unit); the campaign concerns its subtree' })
  leadUnit!: string;
}

@InputType('CampaignUpdateInput', { description: '修改专项 (edit a campaign); omitted fields stay. The lead unit cannot be changed.' })
export class CampaignUpdateInput {
  @Field(() => ID, { description: '专项 (the campaign)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => String, { nullable: true, description: '名称 (name)' })
  @IsOptional()
  @Length(1, 200, { message: 'name must not be empty (at most 200 characters)' })
  name?: string | null;

  @Field(() => CampaignKind, { nullable: true, description: '类型 (kind)' })
  kind?: CampaignKind | null;

  @Field(() => String, { nullable: true, description: '主题 (theme)' })
  @IsOptional()
  @Length(1, 2000, { message: 'theme must not be empty (at most 2000 characters)' })
  theme?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '开始日期 (first day); batches must stay inside the period' })
  periodStart?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '结束日期 (last day); batches must stay inside the period' })
  periodEnd?: string | null;
}

@InputType('CampaignBatchAddInput', { description: '添加挂牌督办批次 (add a supervised batch to a campaign)' })
export class CampaignBatchAddInput {
  @Field(() => ID, { description: '专项 (the campaign)' })
  campaign!: string;

  @Field(() => Int, { nullable: true, description: '批次号 (batch number); omitted: the next number' })
  @IsOptional()
  @Min(1)
  @Max(1000)
  number?: number | null;

  @Field({ description: '名称 (name), e.g. 第二批挂牌督办' })
  @Length(1, 200, { message: 'name must not be empty (at most 200 characters)' })
  name!: string;

  @Field(() => LocalDateScalar, { description: '挂牌日期 (date listed; inside the campaign period)' })
  listedOn!: string;
}

@ObjectType('CampaignPayload', { description: '专项变更结果 (result of a campaign mutation)' })
export class CampaignPayload {
  @Field(() => Campaign, { nullable: true, description: '专项 (the campaign, null when nothing was changed)' })
  campaign!: Campaign | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@ObjectType('CampaignBatchPayload', { description: '添加批次结果 (result of adding a batch)' })
export class CampaignBatchPayload {
  @Field(() => CampaignBatch, { nullable: true, description: '批次 (the batch, null when nothing was changed)' })
  batch!: CampaignBatch | null;

  @Field(() => Campaign, { nullable: true, description: '专项 (its campaign, null when nothing was changed)' })
  campaign!: Campaign | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}
