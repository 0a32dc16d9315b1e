import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { keyOf } from '../../common/relay';
import { notFound } from '../../common/errors';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { Warning } from '../units/warning.entity';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { ResponsibilityLetter } from '../letters/letter.entity';
import { PledgeService } from '../pledges/pledge.service';
import { PledgeConnection } from '../pledges/pledge.types';
import { SanctionService } from '../sanctions/sanction.service';
import { IntegrityStatus, SanctionConnection } from '../sanctions/sanction.types';
import { ProblemClueConnection } from '../clues/clue.types';
import { IntegrityOpinion, IntegrityOpinionRequest } from './opinion.entity';
import { OpinionAnswer, OpinionReason, OpinionStatus } from './opinion.enums';
import { OpinionService } from './opinion.service';
import {
  ArchivePost,
  IntegrityArchive,
  IntegrityOpinionAmendInput,
  IntegrityOpinionConfirmInput,
  IntegrityOpinionConnection,
  IntegrityOpinionFilter,
  IntegrityOpinionPayload,
  IntegrityOpinionRequestConnection,
  IntegrityOpinionRequestInput,
  IntegrityOpinionRequestPayload,
  IntegrityOpinionSendInput,
  IntegrityOpinionsPayload,
  IntegrityOpinionViewerCan,
} from './opinion.types';

@Resolver(() => IntegrityOpinionRequest)
export class IntegrityOpinionRequestResolver {
  @Query(() => IntegrityOpinionRequestConnection, {
    nullable: true,
    description: '廉政意见征求列表 (integrity opinion requests): ORGANIZATION_DEPT its own; DISCIPLINE_COMMISSION those holding a reply in its reach',
  })
  integrityOpinionRequests(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: RequestContext) {
    return OpinionService.listRequests(ctx, args);
  }

  @FieldResolver(() => String, { nullable: true, description: '征求人 (display name of the account that made the request)' })
  requestedBy(@Root() r: IntegrityOpinionRequest, @Ctx() ctx: RequestContext): Promise<string | null> {
    return OpinionService.accountName(ctx, r.requestedBy.id);
  }

  @FieldResolver(() => Unit, { nullable: true, description: '征求单位 (the organisation department\'s unit the request was made under)' })
  requesterUnit(@Root() r: IntegrityOpinionRequest, @Ctx() ctx: RequestContext): Promise<Unit | null> | null {
    return r.requesterUnit ? ctx.loaders.row(Unit, r.requesterUnit.id) : null;
  }

  @FieldResolver(() => IntegrityOpinionConnection, { description: '回复 (the replies of this request the caller may see)' })
  opinions(@Root() r: IntegrityOpinionRequest, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: RequestContext) {
    return OpinionService.list(ctx, null, args, { request: r.id });
  }

  @Mutation(() => IntegrityOpinionRequestPayload, {
    nullable: true,
    description:
      '征求廉政意见 (ask for integrity opinions on up to 500 officials; ORGANIZATION_DEPT). A draft answer is computed at once for each official in your reach; the answer is yours to read once the commission sends it',
  })
  integrityOpinionRequest(@Arg('input', () => IntegrityOpinionRequestInput, { description: '输入 (input)' }) input: IntegrityOpinionRequestInput, @Ctx() ctx: RequestContext) {
    return OpinionService.request(ctx, input);
  }
}

@Resolver(() => IntegrityOpinion)
export class IntegrityOpinionResolver {
  @Query(() => IntegrityOpinionConnection, {
    nullable: true,
    description: '廉政意见回复列表 (integrity opinion replies): DISCIPLINE_COMMISSION those about officials in its reach; ORGANIZATION_DEPT those of its own requests',
  })
  integrityOpinions(
    @Arg('filter', () => IntegrityOpinionFilter, { nullable: true, description: '筛选 (filter)' }) filter: IntegrityOpinionFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return OpinionService.list(ctx, filter, args);
  }

  @FieldResolver(() => IntegrityOpinionRequest, { description: '所属征求 (the request)' })
  async request(@Root() o: IntegrityOpinion, @Ctx() ctx: RequestContext): Promise<IntegrityOpinionRequest> {
    return (await ctx.loaders.load(IntegrityOpinionRequest, o.request.id))!;
  }

  @FieldResolver(() => Official, { nullable: true, description: '干部 (the official); null when outside the caller\'s scope' })
  official(@Root() o: IntegrityOpinion, @Ctx() ctx: RequestContext): Promise<Official | null> {
    return OfficialService.findVisible(ctx, o.official.id);
  }

  @FieldResolver(() => OpinionStatus, { description: '状态 (status); the organisation department reads AWAITING_REPLY until the reply is sent' })
  status(@Root() o: IntegrityOpinion, @Ctx() ctx: RequestContext): OpinionStatus {
    return OpinionService.status(ctx, o);
  }

  @FieldResolver(() => OpinionAnswer, { nullable: true, description: '回复意见 (the answer); null for the organisation department until the reply is sent' })
  answer(@Root() o: IntegrityOpinion, @Ctx() ctx: RequestContext): OpinionAnswer | null {
    return OpinionService.answerVisible(ctx, o) ? o.answer : null;
  }

  @FieldResolver(() => OpinionReason, { nullable: true, description: '意见类别 (reason class of an objection or pending answer); null for NO_OBJECTION, and for the organisation department until sent' })
  reasonClass(@Root() o: IntegrityOpinion, @Ctx() ctx: RequestContext): OpinionReason | null {
    return OpinionService.answerVisible(ctx, o) ? (o.reasonClass ?? null) : null;
  }

  @FieldResolver(() => LocalDateScalar, {
    nullable: true,
    description: '影响期截止 (last day of the influence period, for IN_INFLUENCE_PERIOD; null when permanent or not applicable, and for the organisation department until sent)',
  })
  influenceUntil(@Root() o: IntegrityOpinion, @Ctx() ctx: RequestContext): string | null {
    return OpinionService.answerVisible(ctx, o) ? (o.influenceUntil ?? null) : null;
  }

  @FieldResolver(() => DateTimeScalar, { nullable: true, description: '回复时间 (when the reply was sent); null until then' })
  sentAt(@Root() o: IntegrityOpinion): Date | null {
    return o.sentAt ?? null;
  }

  @FieldResolver(() => OpinionAnswer, { nullable: true, description: '系统初拟意见 (the draft answer computed from the records); DISCIPLINE_COMMISSION only' })
  computedAnswer(@Root() o: IntegrityOpinion): OpinionAnswer {
    return o.computedAnswer;
  }

  @FieldResolver(() => OpinionReason, { nullable: true, description: '初拟意见类别 (reason class of the computed draft); DISCIPLINE_COMMISSION only' })
  computedReasonClass(@Root() o: IntegrityOpinion): OpinionReason | null {
    return o.computedReasonClass ?? null;
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: '初拟影响期截止 (influence period end of the computed draft); DISCIPLINE_COMMISSION only' })
  computedInfluenceUntil(@Root() o: IntegrityOpinion): string | null {
    return o.computedInfluenceUntil ?? null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: '已修改 (whether the commission amended the computed draft); DISCIPLINE_COMMISSION only' })
  amended(@Root() o: IntegrityOpinion): boolean {
    return o.amended;
  }

  @FieldResolver(() => String, { nullable: true, description: '修改理由 (why the answer was amended); DISCIPLINE_COMMISSION only' })
  amendNote(@Root() o: IntegrityOpinion): string | null {
    return o.amendNote ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: '确认人 (display name of the account that confirmed or amended the answer); DISCIPLINE_COMMISSION only' })
  confirmedBy(@Root() o: IntegrityOpinion, @Ctx() ctx: RequestContext): Promise<string | null> {
    return OpinionService.accountName(ctx, o.confirmedBy?.id);
  }

  @FieldResolver(() => DateTimeScalar, { nullable: true, description: '确认时间 (when the answer was confirmed or amended); DISCIPLINE_COMMISSION only' })
  confirmedAt(@Root() o: IntegrityOpinion): Date | null {
    return o.confirmedAt ?? null;
  }

  @FieldResolver(() => IntegrityOpinionViewerCan, { description: '当前账号可做之事 (what the caller may do with this reply)' })
  viewerCan(@Root() o: IntegrityOpinion, @Ctx() ctx: RequestContext): IntegrityOpinionViewerCan {
    return OpinionService.viewerCan(ctx, o);
  }

  @Mutation(() => IntegrityOpinionsPayload, {
    nullable: true,
    description: '确认廉政意见回复 (confirm draft replies, one or many, all or none; DISCIPLINE_COMMISSION in reach); a reply not in DRAFT is refused with CONFLICT',
  })
  integrityOpinionConfirm(@Arg('input', () => IntegrityOpinionConfirmInput, { description: '输入 (input)' }) input: IntegrityOpinionConfirmInput, @Ctx() ctx: RequestContext) {
    return OpinionService.confirm(ctx, input);
  }

  @Mutation(() => IntegrityOpinionPayload, {
    nullable: true,
    description: '修改廉政意见回复 (amend a reply with a new answer and reason class; DISCIPLINE_COMMISSION in reach); refused with CONFLICT once sent',
  })
  integrityOpinionAmend(@Arg('input', () => IntegrityOpinionAmendInput, { description: '输入 (input)' }) input: IntegrityOpinionAmendInput, @Ctx() ctx: RequestContext) {
    return OpinionService.amend(ctx, input);
  }

  @Mutation(() => IntegrityOpinionsPayload, {
    nullable: true,
    description: '发送廉政意见回复 (send the confirmed replies of a request in your reach to the organisation department; DISCIPLINE_COMMISSION); CONFLICT when none is confirmed',
  })
  integrityOpinionSend(@Arg('input', () => IntegrityOpinionSendInput, { description: '输入 (input)' }) input: IntegrityOpinionSendInput, @Ctx() ctx: RequestContext) {
    return OpinionService.send(ctx, input);
  }
}

@Resolver(() => IntegrityArchive)
export class IntegrityArchiveResolver {
  @Query(() => IntegrityArchive, {
    nullable: true,
    description: '廉政档案 (integrity archive of one official; DISCIPLINE_COMMISSION and DISPATCHED_TEAM in scope); out of scope: null with NOT_FOUND',
  })
  async integrityArchive(@Arg('official', () => ID, { description: '干部 (global id of the official)' }) official: string, @Ctx() ctx: RequestContext): Promise<IntegrityArchive> {
    const a = await OpinionService.archive(ctx, keyOf(official, Official.typename, 'official'));
    if (!a) throw notFound('No official with this id');
    return a;
  }

  @FieldResolver(() => [ArchivePost], { description: '任职情况 (posts held: the current post only, as the registry keeps no post history)' })
  postsHeld(@Root() a: IntegrityArchive): ArchivePost[] {
    return OpinionService.postsHeld(a.official);
  }

  @FieldResolver(() => Boolean, { description: '是否记录任职经历 (whether past posts are recorded: false, the registry keeps the current post only)' })
  postHistoryRecorded(): boolean {
    return false;
  }

  @FieldResolver(() => [ResponsibilityLetter], { description: '签订的责任书 (responsibility letters the official signed as principal, newest year first)' })
  responsibilityLetters(@Root() a: IntegrityArchive, @Ctx() ctx: RequestContext): Promise<ResponsibilityLetter[]> {
    return OpinionService.letters(ctx, a.official);
  }

  @FieldResolver(() => PledgeConnection, { description: '廉政承诺 (pledges and their evaluation)' })
  pledges(@Root() a: IntegrityArchive, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: RequestContext) {
    return PledgeService.list(ctx, null, args, a.official);
  }

  @FieldResolver(() => SanctionConnection, { description: '处分 (sanctions with their influence periods)' })
  sanctions(@Root() a: IntegrityArchive, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return SanctionService.ofOfficial(ctx, info, a.official, null, args);
  }

  @FieldResolver(() => ProblemClueConnection, { description: '问题线索 (clues about the official and their dispositions; never a clue the caller must recuse itself from)' })
  clues(@Root() a: IntegrityArchive, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: RequestContext) {
    return OpinionService.clues(ctx, a.official, args);
  }

  @FieldResolver(() => IntegrityOpinionConnection, { nullable: true, description: '廉政意见回复 (integrity opinions given about the official); DISCIPLINE_COMMISSION only (null with FORBIDDEN for a dispatched team)' })
  integrityOpinions(@Root() a: IntegrityArchive, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: RequestContext) {
    return OpinionService.list(ctx, null, args, { official: a.official.id });
  }

  @FieldResolver(() => [Warning], { description: '所领导单位的预警 (warnings of the units the official leads as principal or is in charge of, newest first)' })
  warnings(@Root() a: IntegrityArchive, @Ctx() ctx: RequestContext): Promise<Warning[]> {
    return OpinionService.warnings(ctx, a.official);
  }
}

@Resolver(() => ArchivePost)
export class ArchivePostResolver {
  @FieldResolver(() => Unit, { nullable: true, description: '任职单位 (unit)' })
  unit(@Root() p: ArchivePost, @Ctx() ctx: RequestContext): Promise<Unit | null> {
    return UnitService.findVisible(ctx, p.official.unit.id);
  }

  @FieldResolver(() => [Unit], { description: '分管单位 (units in charge of)' })
  inChargeUnits(@Root() p: ArchivePost, @Ctx() ctx: RequestContext): Promise<Unit[]> {
    return OfficialService.inChargeUnits(ctx, p.official);
  }
}

/** The part of an official's integrity status that comes from problem clues. */
type StatusRoot = IntegrityStatus & { officialId?: number };

@Resolver(() => IntegrityStatus)
export class IntegrityStatusCluesResolver {
  @FieldResolver(() => Int, { description: '未办结问题线索 (open clues about the official: received, under talk or inquiry, verification, or a case filed), as far as the caller may see clues' })
  async openClues(@Root() s: StatusRoot, @Ctx() ctx: RequestContext): Promise<number> {
    return s.officialId == null ? 0 : (await OpinionService.openClues(ctx, s.officialId)).open;
  }

  @FieldResolver(() => Boolean, {
    description: '待核实 (pending: a visible clue about the official is under preliminary verification or a talk or inquiry letter not finished, as an integrity opinion would say PENDING)',
  })
  async pendingVerification(@Root() s: StatusRoot, @Ctx() ctx: RequestContext): Promise<boolean> {
    return s.officialId == null ? false : (await OpinionService.openClues(ctx, s.officialId)).pending;
  }
}
