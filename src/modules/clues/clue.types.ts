import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, MaxLength, Min } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { UserError } from '../../common/errors';
import { LocalDateScalar } from '../../common/scalars';
import { ProblemClue } from './clue.entity';
import { ClueDisposition, ClueSource, ClueStatus } from './clue.enums';

export const ProblemClueConnection = connectionTypes(ProblemClue, 'ProblemClue', '问题线索');
export type ProblemClueConnection = InstanceType<typeof ProblemClueConnection>;

@ObjectType('ClueActor', { description: '经办账号 (an account acting on a clue: its handler, or who decided a step); only its name is shown' })
export class ClueActor {
  @Field(() => ID, { description: '账号全局标识 (global id of the account), to assign it as handler' })
  id!: string;

  @Field({ description: '显示名 (display name)' })
  displayName!: string;
}

@ObjectType('ClueViewerCan', { description: '当前账号对该线索可做之事 (what the caller may do with this clue), so a client can hide what it may not use' })
export class ClueViewerCan {
  @Field({ description: '可修改 (may edit summary, details, handler, deadline, campaign; not once the clue is final)' })
  update!: boolean;

  @Field({ description: '可流转 (may move the clue to one of its next statuses)' })
  transition!: boolean;

  @Field({ description: '可登记清理问题资金 (may record money recovered)' })
  recordRecoveredMoney!: boolean;
}

@InputType('ClueFilter', { description: '线索筛选 (clue filter); all given conditions must hold' })
export class ClueFilter {
  @Field(() => [ClueStatus], { nullable: true, description: '状态 (any of these statuses)' })
  statuses?: ClueStatus[] | null;

  @Field(() => [ClueSource], { nullable: true, description: '来源 (any of these sources)' })
  sources?: ClueSource[] | null;

  @Field(() => ID, { nullable: true, description: '专项 (clues of this campaign)' })
  campaign?: string | null;

  @Field(() => ID, { nullable: true, description: '挂牌督办批次 (clues of this batch)' })
  batch?: string | null;

  @Field(() => ID, { nullable: true, description: '单位子树 (clues recorded under this unit and every unit below it)' })
  unitSubtree?: string | null;

  @Field(() => ID, { nullable: true, description: '被反映人 (clues about this official)' })
  subject?: string | null;

  @Field(() => ID, { nullable: true, description: '承办人 (clues this account is responsible for)' })
  handler?: string | null;

  @Field(() => Boolean, { nullable: true, description: '逾期 (overdue today, or not)' })
  overdue?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '受理日期起 (received on or after this date)' })
  receivedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '受理日期止 (received on or before this date)' })
  receivedTo?: string | null;
}

@InputType('ClueRecordInput', { description: '登记线索 (record a received clue); subjects and unit inside the caller\'s reach' })
export class ClueRecordInput {
  @Field(() => ClueSource, { description: '来源 (source)' })
  source!: ClueSource;

  @Field(() => [ID], { defaultValue: [], description: '被反映人 (the officials the clue is about); they must belong to the unit or below it' })
  @ArrayMaxSize(20)
  subjects!: string[];

  @Field(() => ID, { nullable: true, description: '所属单位 (the unit the clue is recorded under); omitted: the nearest unit holding every subject' })
  unit?: string | null;

  @Field({ description: '摘要 (summary)' })
  @Length(1, 500, { message: 'summary must not be empty (at most 500 characters)' })
  summary!: string;

  @Field(() => String, { nullable: true, description: '详情 (details; sensitive, every read is audited)' })
  @IsOptional()
  @MaxLength(20000)
  details?: string | null;

  @Field(() => LocalDateScalar, { description: '受理日期 (date received; not in the future)' })
  receivedOn!: string;

  @Field(() => ID, { nullable: true, description: '专项 (the campaign the clue belongs to); the clue\'s unit must be inside its lead unit\'s subtree' })
  campaign?: string | null;

  @Field(() => ID, { nullable: true, description: '挂牌督办批次 (supervised batch); must belong to the campaign' })
  batch?: string | null;

  @Field(() => ID, { description: '承办人 (the responsible account): holds DISCIPLINE_COMMISSION or DISPATCHED_TEAM reaching the clue\'s unit' })
  handler!: string;

  @Field(() => LocalDateScalar, { description: '办理期限 (deadline; not before the date received)' })
  deadline!: string;
}

@InputType('ClueUpdateInput', { description: '修改线索 (edit a clue); omitted fields stay, null clears a nullable field. Refused once the clue is final.' })
export class ClueUpdateInput {
  @Field(() => ID, { description: '线索 (the clue)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => String, { nullable: true, description: '摘要 (summary)' })
  @IsOptional()
  @Length(1, 500, { message: 'summary must not be empty (at most 500 characters)' })
  summary?: string | null;

  @Field(() => String, { nullable: true, description: '详情 (details); null clears them' })
  @IsOptional()
  @MaxLength(20000)
  details?: string | null;

  @Field(() => ID, { nullable: true, description: '承办人 (the responsible account)' })
  handler?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '办理期限 (deadline; not before the date received)' })
  deadline?: string | null;

  @Field(() => ID, { nullable: true, description: '专项 (campaign); null takes the clue out of its campaign (give batch null too)' })
  campaign?: string | null;

  @Field(() => ID, { nullable: true, description: '挂牌督办批次 (batch of the clue\'s campaign); null clears it' })
  batch?: string | null;
}

@InputType('ClueDisposeInput', { description: '处置线索 (choose the disposition of a received clue)' })
export class ClueDisposeInput {
  @Field(() => ID, { description: '线索 (the clue)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => ClueDisposition, { description: '处置方式 (disposition)' })
  disposition!: ClueDisposition;

  @Field(() => LocalDateScalar, { description: '处置日期 (date decided; not before the clue was received, not in the future)' })
  decidedOn!: string;

  @Field({ description: '处置理由 (reason)' })
  @Length(1, 2000, { message: 'reason must not be empty (at most 2000 characters)' })
  reason!: string;

  @Field(() => ID, { nullable: true, description: '决定人 (the account that decided); omitted: the caller. Must hold DISCIPLINE_COMMISSION or DISPATCHED_TEAM reaching the clue.' })
  decidedBy?: string | null;
}

@InputType('ClueFileCaseInput', { description: '立案 (file a case on a clue under preliminary verification)' })
export class ClueFileCaseInput {
  @Field(() => ID, { description: '线索 (the clue)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => LocalDateScalar, { description: '立案日期 (date filed; not before the verification was decided, not in the future)' })
  filedOn!: string;
}

@InputType('ClueConcludeCaseInput', {
  description:
    '结案 (conclude a filed case) with the sanctions it led to: sanctions of the clue\'s subjects, and 一案双查 sanctions that name one of those as their primary sanction (leaders held accountable for the same matter)',
})
export class ClueConcludeCaseInput {
  @Field(() => ID, { description: '线索 (the clue)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => LocalDateScalar, { description: '结案日期 (date concluded; not before the case was filed, not in the future)' })
  concludedOn!: string;

  @Field(() => String, { nullable: true, description: '结案意见 (conclusion)' })
  @IsOptional()
  @MaxLength(5000)
  conclusion?: string | null;

  @Field(() => [ID], { description: '处分 (the sanctions the case led to); none linked to another clue, none revoked' })
  @ArrayMaxSize(50)
  sanctions!: string[];
}

@InputType('ClueClearInput', { description: '澄清正名 (clear the subjects: the report proved false), after a talk or a preliminary verification' })
export class ClueClearInput {
  @Field(() => ID, { description: '线索 (the clue)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => LocalDateScalar, { description: '澄清日期 (date cleared; not before the last decision, not in the future)' })
  clearedOn!: string;

  @Field({ description: '澄清说明 (clearing note)' })
  @Length(1, 5000, { message: 'note must not be empty (at most 5000 characters)' })
  note!: string;
}

@InputType('ClueFinishTalkInput', { description: '谈话函询了结 (finish a talk or inquiry letter)' })
export class ClueFinishTalkInput {
  @Field(() => ID, { description: '线索 (the clue)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => LocalDateScalar, { description: '了结日期 (date finished; not before the disposition, not in the future)' })
  concludedOn!: string;

  @Field({ description: '了结意见 (conclusion of the talk or letter)' })
  @Length(1, 5000, { message: 'conclusion must not be empty (at most 5000 characters)' })
  conclusion!: string;
}

@InputType('ClueEscalateInput', { description: '转初步核实 (escalate a talk or inquiry letter to preliminary verification)' })
export class ClueEscalateInput {
  @Field(() => ID, { description: '线索 (the clue)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => LocalDateScalar, { description: '决定日期 (date decided; not before the disposition, not in the future)' })
  decidedOn!: string;

  @Field({ description: '理由 (reason)' })
  @Length(1, 2000, { message: 'reason must not be empty (at most 2000 characters)' })
  reason!: string;
}

@InputType('ClueReopenInput', { description: '重新启用 (reopen a shelved clue: it is received again, awaiting a disposition)' })
export class ClueReopenInput {
  @Field(() => ID, { description: '线索 (the clue)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => LocalDateScalar, { description: '启用日期 (date reopened; not before it was shelved, not in the future)' })
  reopenedOn!: string;

  @Field({ description: '理由 (reason)' })
  @Length(1, 2000, { message: 'reason must not be empty (at most 2000 characters)' })
  reason!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: '新办理期限 (new deadline; not before the reopening date); omitted: unchanged' })
  deadline?: string | null;
}

@InputType('ClueRecordRecoveredMoneyInput', { description: '登记清理问题资金 (record the money recovered on a clue, in yuan)' })
export class ClueRecordRecoveredMoneyInput {
  @Field(() => ID, { description: '线索 (the clue)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => Float, { description: '金额 (amount in yuan, at least 0, at most two decimals); replaces the amount recorded before' })
  amount!: number;
}

@ObjectType('CluePayload', { description: '线索变更结果 (result of a clue mutation)' })
export class CluePayload {
  @Field(() => ProblemClue, { nullable: true, description: '线索 (the clue, null when nothing was changed)' })
  clue!: ProblemClue | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}
