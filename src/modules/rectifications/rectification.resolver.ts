import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { keyOf } from '../../common/relay';
import { notFound } from '../../common/errors';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { Assessment } from '../letters/letter.entity';
import { LetterService } from '../letters/letter.service';
import { Rectification, RectificationReport } from './rectification.entity';
import { RectificationStatus } from './rectification.enums';
import { RectificationService } from './rectification.service';
import {
  RectificationConnection,
  RectificationCreateInput,
  RectificationFilter,
  RectificationLedger,
  RectificationLedgerPeriod,
  RectificationPayload,
  RectificationReportInput,
  RectificationReportPayload,
  RectificationReportUpdateInput,
  RectificationStartInput,
  RectificationUpdateInput,
  RectificationVerifyInput,
  RectificationViewerCan,
} from './rectification.types';

@Resolver(() => Rectification)
export class RectificationResolver {
  @Query(() => RectificationConnection, {
    nullable: true,
    description: '整改事项列表 (rectifications the caller may see: PARTY_COMMITTEE its subtree, DISCIPLINE_COMMISSION and DISPATCHED_TEAM their reach, UNIT its own, and the leader in charge the copies)',
  })
  async rectifications(
    @Arg('filter', () => RectificationFilter, { nullable: true, description: '筛选 (filter)' }) filter: RectificationFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return RectificationService.list(ctx, filter, args);
  }

  @Query(() => Rectification, { nullable: true, description: '整改事项 (one rectification); out of scope: null with NOT_FOUND' })
  async rectification(@Arg('id', () => ID, { description: '全局标识 (global id)' }) id: string, @Ctx() ctx: RequestContext): Promise<Rectification> {
    await RectificationService.requireReader(ctx);
    const r = await RectificationService.findVisible(ctx, keyOf(id, Rectification.typename));
    if (!r) throw notFound('No rectification with this id');
    return r;
  }

  @Query(() => RectificationLedger, { nullable: true, description: '整改两本账 (the two ledgers: self-found and external rectifications by status, side by side, over the rows the caller may see)' })
  rectificationLedger(
    @Arg('unitSubtree', () => ID, { nullable: true, description: '单位子树 (this unit and every unit below it)' }) unitSubtree: string | null,
    @Arg('period', () => RectificationLedgerPeriod, { nullable: true, description: '期间 (period over the date found)' }) period: RectificationLedgerPeriod | null,
    @Arg('campaign', () => ID, { nullable: true, description: '专项行动 (global id of a Campaign)' }) campaign: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RectificationLedger> {
    return RectificationService.ledger(ctx, unitSubtree, period, campaign);
  }

  @FieldResolver(() => Unit, { description: '责任单位 (responsible unit)' })
  async responsibleUnit(@Root() r: Rectification, @Ctx() ctx: RequestContext): Promise<Unit> {
    // whoever reads the rectification may know which unit it is about
    return (await ctx.loaders.row(Unit, r.unit.id))!;
  }

  @FieldResolver(() => Official, { nullable: true, description: '责任人 (responsible official of the responsible unit); null when not named' })
  async responsibleOfficial(@Root() r: Rectification, @Ctx() ctx: RequestContext): Promise<Official | null> {
    return r.responsibleOfficial ? ctx.loaders.row(Official, r.responsibleOfficial.id) : null;
  }

  @FieldResolver(() => RectificationStatus, { description: '状态 (status as of today: OVERDUE when past the deadline and not COMPLETED)' })
  status(@Root() r: Rectification, @Ctx() ctx: RequestContext): RectificationStatus {
    return RectificationService.effectiveStatus(ctx, r);
  }

  @FieldResolver(() => RectificationStatus, { description: '登记状态 (recorded status: IMMEDIATE, IN_PROGRESS, PENDING or COMPLETED, whatever the deadline)' })
  recordedStatus(@Root() r: Rectification): RectificationStatus {
    return r.status as RectificationStatus;
  }

  @FieldResolver(() => Boolean, { description: '已逾期 (overdue: past the deadline and not COMPLETED)' })
  overdue(@Root() r: Rectification, @Ctx() ctx: RequestContext): boolean {
    return RectificationService.overdue(ctx, r);
  }

  @FieldResolver(() => Boolean, { description: '需提醒 (reminder due: the deadline is within the next 5 days and it is not COMPLETED)' })
  reminderDue(@Root() r: Rectification, @Ctx() ctx: RequestContext): boolean {
    return RectificationService.reminderDue(ctx, r);
  }

  @FieldResolver(() => Assessment, { nullable: true, description: '来源考核 (the assessment it comes from); null for other sources or when the caller may not see assessments' })
  sourceAssessment(@Root() r: Rectification, @Ctx() ctx: RequestContext): Promise<Assessment | null> | null {
    return r.sourceAssessment ? LetterService.findVisibleAssessment(ctx, r.sourceAssessment.id) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '核查人 (who made the last verification: the supervisor\'s account name)' })
  verifierName(@Root() r: Rectification, @Ctx() ctx: RequestContext): Promise<string | null> {
    return RectificationService.accountName(ctx, r.verifiedBy?.id);
  }

  @FieldResolver(() => [RectificationReport], { description: '月度进展 (monthly progress reports, oldest month first)' })
  reports(@Root() r: Rectification, @Ctx() ctx: RequestContext): Promise<RectificationReport[]> {
    return RectificationService.reports(ctx, r);
  }

  @FieldResolver(() => RectificationReport, { nullable: true, description: '最近月报 (the latest monthly report); null when none' })
  async latestReport(@Root() r: Rectification, @Ctx() ctx: RequestContext): Promise<RectificationReport | null> {
    const all = await RectificationService.reports(ctx, r);
    return all.length ? all[all.length - 1] : null;
  }

  @FieldResolver(() => [Official], { description: '抄告分管领导 (双向抄告: the leaders in charge of the responsible unit or of a unit above it)' })
  copiedTo(@Root() r: Rectification, @Ctx() ctx: RequestContext): Promise<Official[]> {
    return RectificationService.copiedTo(ctx, r);
  }

  @FieldResolver(() => RectificationViewerCan, { description: '当前账号可做之事 (what the caller may do with this rectification now)' })
  viewerCan(@Root() r: Rectification, @Ctx() ctx: RequestContext): RectificationViewerCan {
    return RectificationService.viewerCan(ctx, r);
  }

  @Mutation(() => RectificationPayload, { nullable: true, description: '登记整改事项 (record a rectification; PARTY_COMMITTEE, DISCIPLINE_COMMISSION or DISPATCHED_TEAM reaching the responsible unit)' })
  rectificationCreate(@Arg('input', () => RectificationCreateInput, { description: '输入 (input)' }) input: RectificationCreateInput, @Ctx() ctx: RequestContext) {
    return RectificationService.create(ctx, input);
  }

  @Mutation(() => RectificationPayload, { nullable: true, description: '修改整改事项 (edit measures, deadline or responsible official, until COMPLETED; the creators\' roles)' })
  rectificationUpdate(@Arg('input', () => RectificationUpdateInput, { description: '输入 (input)' }) input: RectificationUpdateInput, @Ctx() ctx: RequestContext) {
    return RectificationService.update(ctx, input);
  }

  @Mutation(() => RectificationPayload, { nullable: true, description: '开始整改 (PENDING → IN_PROGRESS; the responsible unit, its party committee or the supervisors)' })
  rectificationStart(@Arg('input', () => RectificationStartInput, { description: '输入 (input)' }) input: RectificationStartInput, @Ctx() ctx: RequestContext) {
    return RectificationService.start(ctx, input);
  }

  @Mutation(() => RectificationReportPayload, { nullable: true, description: '报送月度整改进展 (file this month\'s progress report; the responsible UNIT or its PARTY_COMMITTEE)' })
  rectificationReport(@Arg('input', () => RectificationReportInput, { description: '输入 (input)' }) input: RectificationReportInput, @Ctx() ctx: RequestContext) {
    return RectificationService.report(ctx, input);
  }

  @Mutation(() => RectificationReportPayload, { nullable: true, description: '修改月度整改进展 (edit this month\'s report; locked once the month is past; the responsible UNIT or its PARTY_COMMITTEE)' })
  rectificationReportUpdate(@Arg('input', () => RectificationReportUpdateInput, { description: '输入 (input)' }) input: RectificationReportUpdateInput, @Ctx() ctx: RequestContext) {
    return RectificationService.updateReport(ctx, input);
  }

  @Mutation(() => RectificationPayload, { nullable: true, description: '核查整改 (verify: passed → COMPLETED and written off 对账销账, failed → IN_PROGRESS with a note; DISCIPLINE_COMMISSION or DISPATCHED_TEAM)' })
  rectificationVerify(@Arg('input', () => RectificationVerifyInput, { description: '输入 (input)' }) input: RectificationVerifyInput, @Ctx() ctx: RequestContext) {
    return RectificationService.verify(ctx, input);
  }
}

@Resolver(() => RectificationReport)
export class RectificationReportResolver {
  @FieldResolver(() => String, { nullable: true, description: '报送人 (who filed or last edited it: the account name)' })
  reporterName(@Root() r: RectificationReport, @Ctx() ctx: RequestContext): Promise<string | null> {
    return RectificationService.accountName(ctx, r.reportedBy?.id);
  }

  @FieldResolver(() => Boolean, { description: '已锁定 (locked: its month is past, or the rectification is COMPLETED)' })
  locked(@Root() r: RectificationReport, @Ctx() ctx: RequestContext): Promise<boolean> {
    return RectificationService.reportLocked(ctx, r);
  }

  @FieldResolver(() => Rectification, { description: '整改事项 (the rectification)' })
  async rectification(@Root() r: RectificationReport, @Ctx() ctx: RequestContext): Promise<Rectification> {
    // a report shares its rectification's unit path, so whoever sees the report sees the rectification
    return (await ctx.loaders.load(Rectification, r.rectification.id))!;
  }
}
