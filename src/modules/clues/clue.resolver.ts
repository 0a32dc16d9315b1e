import { Arg, Args, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { keyOf } from '../../common/relay';
import { notFound } from '../../common/errors';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { Sanction } from '../sanctions/sanction.entity';
import { Campaign, CampaignBatch } from './campaign.entity';
import { CampaignService } from './campaign.service';
import { ClueEvent, ProblemClue } from './clue.entity';
import { ClueStatus } from './clue.enums';
import { nextStatuses } from './clue.lifecycle';
import { ClueService } from './clue.service';
import {
  ClueActor,
  ClueClearInput,
  ClueConcludeCaseInput,
  ClueDisposeInput,
  ClueEscalateInput,
  ClueFileCaseInput,
  ClueFilter,
  ClueFinishTalkInput,
  CluePayload,
  ClueRecordInput,
  ClueRecordRecoveredMoneyInput,
  ClueReopenInput,
  ClueUpdateInput,
  ClueViewerCan,
  ProblemClueConnection,
} from './clue.types';

@Resolver(() => ProblemClue)
export class ClueResolver {
  @Query(() => ProblemClueConnection, {
    nullable: true,
    description:
      '问题线索列表 (clues the caller may see: DISCIPLINE_COMMISSION in its subtree, DISPATCHED_TEAM in its units, INSPECTION_GROUP those its tour handed over; never a clue about the caller or a close relative)',
  })
  clues(
    @Arg('filter', () => ClueFilter, { nullable: true, description: '筛选 (filter)' }) filter: ClueFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return ClueService.list(ctx, filter, args);
  }

  @Query(() => ProblemClue, { nullable: true, description: '问题线索 (one clue); out of scope, or about the caller (回避): null with NOT_FOUND' })
  async clue(@Arg('id', () => ID, { description: '全局标识 (global id)' }) id: string, @Ctx() ctx: RequestContext): Promise<ProblemClue> {
    const c = await ClueService.findVisible(ctx, keyOf(id, ProblemClue.typename));
    if (!c) throw notFound('No clue with this id');
    return c;
  }

  @FieldResolver(() => Unit, { description: '所属单位 (the unit the clue is recorded under)' })
  async unit(@Root() c: ProblemClue, @Ctx() ctx: RequestContext): Promise<Unit> {
    return (await ctx.loaders.row(Unit, c.unit.id))!;
  }

  @FieldResolver(() => [Official], { description: '被反映人 (the officials the clue is about, as far as the caller may see officials)' })
  subjects(@Root() c: ProblemClue, @Ctx() ctx: RequestContext): Promise<Official[]> {
    return ClueService.subjects(ctx, c);
  }

  @FieldResolver(() => String, { nullable: true, description: '详情 (details); sensitive: every read is audited' })
  details(@Root() c: ProblemClue): string | null {
    return c.details ?? null;
  }

  @FieldResolver(() => Campaign, { nullable: true, description: '专项 (the campaign the clue belongs to); null when none' })
  campaign(@Root() c: ProblemClue, @Ctx() ctx: RequestContext): Promise<Campaign | null> | null {
    return c.campaign ? CampaignService.findVisible(ctx, c.campaign.id) : null;
  }

  @FieldResolver(() => CampaignBatch, { nullable: true, description: '挂牌督办批次 (supervised batch); null when none' })
  batch(@Root() c: ProblemClue, @Ctx() ctx: RequestContext): Promise<CampaignBatch | null> | null {
    return c.batch ? CampaignService.findVisibleBatch(ctx, c.batch.id) : null;
  }

  @FieldResolver(() => ClueActor, { nullable: true, description: '承办人 (the responsible account); null until one is assigned' })
  handler(@Root() c: ProblemClue, @Ctx() ctx: RequestContext): Promise<ClueActor | null> {
    return ClueService.actor(ctx, c.handler?.id);
  }

  @FieldResolver(() => ClueActor, { nullable: true, description: '决定人 (the account that decided the current disposition)' })
  decidedBy(@Root() c: ProblemClue, @Ctx() ctx: RequestContext): Promise<ClueActor | null> {
    return ClueService.actor(ctx, c.decidedBy?.id);
  }

  @FieldResolver(() => Boolean, { description: '逾期 (overdue: past its deadline today while still being handled; shelved and final clues are never overdue)' })
  overdue(@Root() c: ProblemClue, @Ctx() ctx: RequestContext): boolean {
    return ClueService.overdue(ctx, c);
  }

  @FieldResolver(() => Boolean, { description: '临期提醒 (reminder due: the deadline falls within the next 5 days and the clue is still being handled)' })
  reminderDue(@Root() c: ProblemClue, @Ctx() ctx: RequestContext): boolean {
    return ClueService.reminderDue(ctx, c);
  }

  @FieldResolver(() => [ClueStatus], { description: '可流转状态 (the statuses the lifecycle allows next; empty when final)' })
  nextStatuses(@Root() c: ProblemClue): ClueStatus[] {
    return nextStatuses(c.status);
  }

  @FieldResolver(() => Float, { nullable: true, description: '清理问题资金 (money recovered, in yuan); null when none recorded' })
  recoveredMoney(@Root() c: ProblemClue): number | null {
    return c.recoveredMoney == null ? null : Number(c.recoveredMoney);
  }

  @FieldResolver(() => [Sanction], { description: '处分 (the sanctions the concluded case led to, 一案双查 included, as far as the caller may see sanctions)' })
  sanctions(@Root() c: ProblemClue, @Ctx() ctx: RequestContext): Promise<Sanction[]> {
    return ClueService.sanctions(ctx, c);
  }

  @FieldResolver(() => [ClueEvent], { description: '流转记录 (lifecycle history, oldest first)' })
  history(@Root() c: ProblemClue, @Ctx() ctx: RequestContext): Promise<ClueEvent[]> {
    return ClueService.history(ctx, c);
  }

  @FieldResolver(() => ClueViewerCan, { description: '当前账号可做之事 (what the caller may do with this clue)' })
  viewerCan(@Root() c: ProblemClue, @Ctx() ctx: RequestContext): ClueViewerCan {
    return ClueService.viewerCan(ctx, c);
  }

  @Mutation(() => CluePayload, { nullable: true, description: '登记线索 (record a received clue; DISCIPLINE_COMMISSION, DISPATCHED_TEAM within their reach)' })
  clueRecord(@Arg('input', () => ClueRecordInput, { description: '输入 (input)' }) input: ClueRecordInput, @Ctx() ctx: RequestContext) {
    return ClueService.record(ctx, input);
  }

  @Mutation(() => CluePayload, { nullable: true, description: '修改线索 (edit summary, details, handler, deadline, campaign and batch; refused once final)' })
  clueUpdate(@Arg('input', () => ClueUpdateInput, { description: '输入 (input)' }) input: ClueUpdateInput, @Ctx() ctx: RequestContext) {
    return ClueService.update(ctx, input);
  }

  @Mutation(() => CluePayload, { nullable: true, description: '处置线索 (RECEIVED → 谈话函询, 初步核实, 暂存待查 or 予以了结)' })
  clueDispose(@Arg('input', () => ClueDisposeInput, { description: '输入 (input)' }) input: ClueDisposeInput, @Ctx() ctx: RequestContext) {
    return ClueService.dispose(ctx, input);
  }

  @Mutation(() => CluePayload, { nullable: true, description: '立案 (PRELIMINARY_VERIFICATION → CASE_FILED)' })
  clueFileCase(@Arg('input', () => ClueFileCaseInput, { description: '输入 (input)' }) input: ClueFileCaseInput, @Ctx() ctx: RequestContext) {
    return ClueService.fileCase(ctx, input);
  }

  @Mutation(() => CluePayload, { nullable: true, description: '结案 (CASE_FILED → CASE_CONCLUDED), linking the sanctions the case led to' })
  clueConcludeCase(@Arg('input', () => ClueConcludeCaseInput, { description: '输入 (input)' }) input: ClueConcludeCaseInput, @Ctx() ctx: RequestContext) {
    return ClueService.concludeCase(ctx, input);
  }

  @Mutation(() => CluePayload, { nullable: true, description: '澄清正名 (TALK_OR_INQUIRY_LETTER or PRELIMINARY_VERIFICATION → CLEARED: the report proved false)' })
  clueClear(@Arg('input', () => ClueClearInput, { description: '输入 (input)' }) input: ClueClearInput, @Ctx() ctx: RequestContext) {
    return ClueService.clear(ctx, input);
  }

  @Mutation(() => CluePayload, { nullable: true, description: '谈话函询了结 (TALK_OR_INQUIRY_LETTER → TALK_CONCLUDED)' })
  clueFinishTalk(@Arg('input', () => ClueFinishTalkInput, { description: '输入 (input)' }) input: ClueFinishTalkInput, @Ctx() ctx: RequestContext) {
    return ClueService.finishTalk(ctx, input);
  }

  @Mutation(() => CluePayload, { nullable: true, description: '转初步核实 (TALK_OR_INQUIRY_LETTER → PRELIMINARY_VERIFICATION)' })
  clueEscalate(@Arg('input', () => ClueEscalateInput, { description: '输入 (input)' }) input: ClueEscalateInput, @Ctx() ctx: RequestContext) {
    return ClueService.escalate(ctx, input);
  }

  @Mutation(() => CluePayload, { nullable: true, description: '重新启用 (SHELVED → RECEIVED)' })
  clueReopen(@Arg('input', () => ClueReopenInput, { description: '输入 (input)' }) input: ClueReopenInput, @Ctx() ctx: RequestContext) {
    return ClueService.reopen(ctx, input);
  }

  @Mutation(() => CluePayload, { nullable: true, description: '登记清理问题资金 (record the money recovered on a clue, in yuan)' })
  clueRecordRecoveredMoney(@Arg('input', () => ClueRecordRecoveredMoneyInput, { description: '输入 (input)' }) input: ClueRecordRecoveredMoneyInput, @Ctx() ctx: RequestContext) {
    return ClueService.recordRecoveredMoney(ctx, input);
  }
}

@Resolver(() => ClueEvent)
export class ClueEventResolver {
  @FieldResolver(() => ClueActor, { nullable: true, description: '操作账号 (the account that recorded the step); null for steps recorded by the system' })
  account(@Root() e: ClueEvent, @Ctx() ctx: RequestContext): Promise<ClueActor | null> {
    return ClueService.actor(ctx, e.account?.id);
  }
}

/** Sanction.clue belongs to this module: it leads to a clue. */
@Resolver(() => Sanction)
export class SanctionClueResolver {
  @FieldResolver(() => ProblemClue, { nullable: true, description: '来源线索 (the clue whose case led to this sanction); null when none, or when the caller may not see that clue' })
  clue(@Root() s: Sanction, @Ctx() ctx: RequestContext): Promise<ProblemClue | null> {
    return ClueService.clueOfSanction(ctx, s);
  }
}
