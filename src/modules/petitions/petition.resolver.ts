import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { ErrorCode, gqlError, notFound } from '../../common/errors';
import { tryKeyOf } from '../../common/relay';
import { RateLimiter } from '../../http/rate-limit';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { DispatchedTeam } from '../teams/team.entity';
import { ProblemClue } from '../clues/clue.entity';
import { ClueService } from '../clues/clue.service';
import { Petition } from './petition.entity';
import { PetitionService } from './petition.service';
import { PetitionConcludeInput, PetitionConnection, PetitionCreateClueInput, PetitionFilter, PetitionPayload, PetitionRegisterInput, PetitionReporter, PetitionStatusAnswer, PetitionSubmitInput, PetitionSubmitPayload, PetitionTransferInput } from './petition.types';

/** Its own limiter: the public status check is per client address, far below the general rate. */
export const statusCheckLimiter = new RateLimiter(30, 10);

@Resolver(() => Petition)
export class PetitionResolver {
  @Query(() => PetitionConnection, { nullable: true, description: '信访件列表 (petitions: the petition office and the commission within their reach; a petition system its own submissions, status only)' })
  petitions(
    @Arg('filter', () => PetitionFilter, { nullable: true, description: '筛选 (filter)' }) filter: PetitionFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return PetitionService.list(ctx, filter, args);
  }

  @Query(() => Petition, { nullable: true, description: '信访件 (one petition); NOT_FOUND outside your reach' })
  async petition(@Arg('id', () => ID, { description: '全局标识 (global id)' }) id: string, @Ctx() ctx: RequestContext) {
    const key = tryKeyOf(id, Petition.typename);
    const p = key === null ? null : await PetitionService.findVisible(ctx, key);
    if (!p) throw notFound('No petition with this id');
    return p;
  }

  @Query(() => PetitionStatusAnswer, { nullable: true, description: '信访件查询 (public status check by receipt code, no account): status and feedback only; rate limited per client address' })
  petitionStatus(@Arg('receiptCode', { description: '查询码 (16-digit receipt code)' }) receiptCode: string, @Ctx() ctx: RequestContext) {
    const wait = statusCheckLimiter.take(`ps:${ctx.clientIp}`);
    if (wait > 0) throw gqlError(ErrorCode.RATE_LIMITED, `Too many status checks: try again in ${wait} s`);
    return PetitionService.status(ctx, receiptCode);
  }

  @Mutation(() => PetitionSubmitPayload, { nullable: true, description: '推送信访件 (submit a petition; PETITION_SYSTEM): idempotent on the system\'s externalId' })
  petitionSubmit(@Arg('input', () => PetitionSubmitInput, { description: '输入 (input)' }) input: PetitionSubmitInput, @Ctx() ctx: RequestContext) {
    return PetitionService.submit(ctx, input);
  }

  @Mutation(() => PetitionPayload, { nullable: true, description: '受理登记 (accept and register; PETITION_OFFICE)' })
  petitionRegister(@Arg('input', () => PetitionRegisterInput, { description: '输入 (input)' }) input: PetitionRegisterInput, @Ctx() ctx: RequestContext) {
    return PetitionService.register(ctx, input);
  }

  @Mutation(() => PetitionPayload, { nullable: true, description: '转办 (forward to a lower commission or a dispatched team; PETITION_OFFICE)' })
  petitionTransfer(@Arg('input', () => PetitionTransferInput, { description: '输入 (input)' }) input: PetitionTransferInput, @Ctx() ctx: RequestContext) {
    return PetitionService.transfer(ctx, input);
  }

  @Mutation(() => PetitionPayload, { nullable: true, description: '转为问题线索 (turn into a problem clue, source PETITION; PETITION_OFFICE)' })
  petitionCreateClue(@Arg('input', () => PetitionCreateClueInput, { description: '输入 (input)' }) input: PetitionCreateClueInput, @Ctx() ctx: RequestContext) {
    return PetitionService.createClue(ctx, input);
  }

  @Mutation(() => PetitionPayload, { nullable: true, description: '办结反馈 (conclude with the feedback for the reporter; PETITION_OFFICE)' })
  petitionConclude(@Arg('input', () => PetitionConcludeInput, { description: '输入 (input)' }) input: PetitionConcludeInput, @Ctx() ctx: RequestContext) {
    return PetitionService.conclude(ctx, input);
  }

  @FieldResolver(() => PetitionReporter, { nullable: true, description: '举报人 (the real-name reporter; null when anonymous). PETITION_OFFICE only, every read audited; never to the subject, a relative, or an account of the subject\'s unit' })
  reporter(@Root() p: Petition, @Ctx() ctx: RequestContext) {
    if (PetitionService.recusedByUnit(ctx, p)) {
      ctx.audit.read(Petition.typename, p.id, 'reporter', 'DENIED');
      throw gqlError(ErrorCode.FORBIDDEN, 'Recusal (回避): you may not read the reporter of a petition about your own unit');
    }
    return PetitionService.reporter(p);
  }

  @FieldResolver(() => Official, { nullable: true, description: '被反映干部 (the official reported on, when matched)' })
  subjectOfficial(@Root() p: Petition, @Ctx() ctx: RequestContext) {
    return p.subjectOfficialId ? ctx.loaders.row(Official, p.subjectOfficialId) : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: '被反映单位 (the unit reported on, or the official\'s unit)' })
  subjectUnit(@Root() p: Petition, @Ctx() ctx: RequestContext) {
    return p.subjectUnitId ? ctx.loaders.row(Unit, p.subjectUnitId) : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: '所属单位 (the unit the petition is handled under)' })
  unit(@Root() p: Petition, @Ctx() ctx: RequestContext) {
    return ctx.loaders.row(Unit, p.unitId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: '转办单位 (the lower commission it was forwarded to)' })
  transferUnit(@Root() p: Petition, @Ctx() ctx: RequestContext) {
    return p.transferUnitId ? ctx.loaders.row(Unit, p.transferUnitId) : null;
  }

  @FieldResolver(() => DispatchedTeam, { nullable: true, description: '转办派驻组 (the dispatched team it was forwarded to)' })
  transferTeam(@Root() p: Petition, @Ctx() ctx: RequestContext) {
    return p.transferTeamId ? ctx.loaders.load(DispatchedTeam, p.transferTeamId) : null;
  }

  @FieldResolver(() => ProblemClue, { nullable: true, description: '问题线索 (the clue it became, where you may see that clue)' })
  clue(@Root() p: Petition, @Ctx() ctx: RequestContext) {
    return p.clueId ? ClueService.findVisible(ctx, p.clueId) : null;
  }

  @FieldResolver(() => Petition, { nullable: true, description: '疑似重复件 (probable repeat of this earlier petition: same subject, near-identical content within 90 days; not merged)' })
  probableRepeatOf(@Root() p: Petition, @Ctx() ctx: RequestContext) {
    return p.probableRepeatOfId ? PetitionService.findVisible(ctx, p.probableRepeatOfId) : null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: '已超期 (overdue: a statutory deadline has passed)' })
  overdue(@Root() p: Petition, @Ctx() ctx: RequestContext) {
    return PetitionService.isOverdue(p, ctx.today);
  }
}
