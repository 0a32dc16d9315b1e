import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, MaxLength, Min } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { ErrorCode, UserError } from '../../common/errors';
import { LocalDateScalar } from '../../common/scalars';
import { Official } from '../officials/official.entity';
import { OfficialRank } from '../officials/official.enums';
import { IntegrityOpinion, IntegrityOpinionRequest } from './opinion.entity';
import { OpinionAnswer, OpinionPurpose, OpinionReason, OpinionStatus } from './opinion.enums';

/** The most officials one request may name (the organisation department's largest batches). */
export const MAX_OPINION_OFFICIALS = 500;

export const IntegrityOpinionConnection = connectionTypes(IntegrityOpinion, 'IntegrityOpinion', '廉政意见回复');
export type IntegrityOpinionConnection = InstanceType<typeof IntegrityOpinionConnection>;
export const IntegrityOpinionRequestConnection = connectionTypes(IntegrityOpinionRequest, 'IntegrityOpinionRequest', '廉政意见征求');
export type IntegrityOpinionRequestConnection = InstanceType<typeof IntegrityOpinionRequestConnection>;

@ObjectType('IntegrityOpinionViewerCan', { description: '当前账号对该回复可做之事 (what the caller may do with this reply)' })
export class IntegrityOpinionViewerCan {
  @Field({ description: '可确认 (may confirm the draft)' })
  confirm!: boolean;

  @Field({ description: '可修改 (may amend the answer: until it is sent)' })
  amend!: boolean;

  @Field({ description: '可发送 (may send it: confirmed, not yet sent)' })
  send!: boolean;
}

@InputType('IntegrityOpinionFilter', { description: '廉政意见回复筛选 (filter of integrity opinion replies); all given conditions must hold' })
export class IntegrityOpinionFilter {
  @Field(() => ID, { nullable: true, description: '征求 (replies of this request)' })
  request?: string | null;

  @Field(() => ID, { nullable: true, description: '干部 (replies about this official)' })
  official?: string | null;

  @Field(() => [OpinionStatus], { nullable: true, description: '状态 (any of these statuses; the organisation department can only ask for SENT)' })
  statuses?: OpinionStatus[] | null;
}

@InputType('IntegrityOpinionRequestInput', { description: '征求廉政意见 (ask for integrity opinions on up to 500 officials)' })
export class IntegrityOpinionRequestInput {
  @Field(() => OpinionPurpose, { description: '事由 (purpose)' })
  purpose!: OpinionPurpose;

  @Field(() => [ID], { description: '干部 (global ids of the officials, 1 to 500); unknown ones and ones outside your reach are answered per item as NOT_FOUND' })
  @ArrayMinSize(1, { message: 'officials must name at least one official' })
  @ArrayMaxSize(MAX_OPINION_OFFICIALS, { message: `officials may name at most ${MAX_OPINION_OFFICIALS} officials per request` })
  officials!: string[];

  @Field(() => String, { nullable: true, description: '说明 (note, e.g. the selection batch)' })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}

@ObjectType('IntegrityOpinionRequestItem', { description: '征求结果 (the outcome for one official named in a request)' })
export class IntegrityOpinionRequestItem {
  @Field(() => ID, { description: '干部 (the id as given)' })
  official!: string;

  @Field(() => IntegrityOpinion, { nullable: true, description: '回复 (the reply; null when the official is unknown or outside your reach)' })
  opinion!: IntegrityOpinion | null;

  @Field(() => ErrorCode, { nullable: true, description: '错误代码 (NOT_FOUND when the official is unknown or outside your reach; null when served)' })
  code!: ErrorCode | null;
}

@ObjectType('IntegrityOpinionRequestPayload', { description: '征求廉政意见结果 (result of integrityOpinionRequest)' })
export class IntegrityOpinionRequestPayload {
  @Field(() => IntegrityOpinionRequest, { nullable: true, description: '征求 (the request, null when nothing was written)' })
  request!: IntegrityOpinionRequest | null;

  @Field(() => [IntegrityOpinionRequestItem], { description: '逐项结果 (one outcome per official named, in the order given; empty when nothing was written)' })
  items!: IntegrityOpinionRequestItem[];

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@InputType('IntegrityOpinionConfirmInput', { description: '确认廉政意见回复 (confirm draft replies, one or many; all or none)' })
export class IntegrityOpinionConfirmInput {
  @Field(() => [ID], { description: '回复 (global ids of the replies, 1 to 500); each must be a DRAFT in your reach' })
  @ArrayMinSize(1, { message: 'opinions must name at least one reply' })
  @ArrayMaxSize(MAX_OPINION_OFFICIALS, { message: `opinions may name at most ${MAX_OPINION_OFFICIALS} replies` })
  opinions!: string[];
}

@ObjectType('IntegrityOpinionsPayload', { description: '廉政意见回复变更结果 (result of confirming or sending replies)' })
export class IntegrityOpinionsPayload {
  @Field(() => [IntegrityOpinion], { description: '回复 (the replies changed; empty when nothing was changed)' })
  opinions!: IntegrityOpinion[];

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@InputType('IntegrityOpinionAmendInput', { description: '修改廉政意见回复 (amend a reply before it is sent; the amended answer counts as confirmed)' })
export class IntegrityOpinionAmendInput {
  @Field(() => ID, { description: '回复 (the reply)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => OpinionAnswer, { description: '回复意见 (the answer)' })
  answer!: OpinionAnswer;

  @Field(() => OpinionReason, { nullable: true, description: '意见类别 (reason class: required for OBJECTION and PENDING, absent for NO_OBJECTION)' })
  reasonClass?: OpinionReason | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '影响期截止 (until which date; only with IN_INFLUENCE_PERIOD; null: permanent)' })
  influenceUntil?: string | null;

  @Field({ description: '修改理由 (why the answer differs from the draft), not empty; kept for the commission only' })
  @Length(1, 2000, { message: 'note must not be empty (at most 2000 characters)' })
  note!: string;
}

@ObjectType('IntegrityOpinionPayload', { description: '廉政意见回复修改结果 (result of integrityOpinionAmend)' })
export class IntegrityOpinionPayload {
  @Field(() => IntegrityOpinion, { nullable: true, description: '回复 (the reply, null when nothing was changed)' })
  opinion!: IntegrityOpinion | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@InputType('IntegrityOpinionSendInput', { description: '发送廉政意见回复 (send the confirmed replies of a request that are in your reach)' })
export class IntegrityOpinionSendInput {
  @Field(() => ID, { description: '征求 (the request)' })
  request!: string;
}

/** 廉政档案 of one official; every section is read through the module that owns it. */
@ObjectType('IntegrityArchive', {
  description: '廉政档案 (integrity archive): everything the supervision records hold about one official, in one query; DISCIPLINE_COMMISSION and DISPATCHED_TEAM in scope',
})
export class IntegrityArchive {
  @Field(() => Official, { description: '基本信息 (basic data: the official)' })
  official!: Official;
}

@ObjectType('ArchivePost', {
  description: '任职 (a post held). 任职经历 (post history) is not recorded by the registry: only the current post is listed, with current = true',
})
export class ArchivePost {
  /** The official holding the post; unit and in-charge units are resolved from it. */
  official!: Official;

  @Field({ description: '职务 (post)' })
  post!: string;

  @Field(() => OfficialRank, { description: '职级 (rank)' })
  rank!: OfficialRank;

  @Field({ description: '是否一把手 (whether the principal of the unit)' })
  isPrincipal!: boolean;

  @Field({ description: '现任 (the post held today)' })
  current!: boolean;
}
