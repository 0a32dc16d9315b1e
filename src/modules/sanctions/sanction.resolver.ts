import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Info } from 'type-graphql';
import { Lean } from '../../common/lean-resolver';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { keyOf } from '../../common/relay';
import { notFound } from '../../common/errors';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { Sanction } from './sanction.entity';
import { SanctionStatus } from './sanction.enums';
import { SANCTION_CASE_ACCESS, SANCTION_WRITERS, sanctionSubjects } from './sanction.rules';
import { SanctionService } from './sanction.service';
import {
  IntegrityStatus,
  SanctionConnection,
  SanctionCorrectInput,
  SanctionFilter,
  SanctionPayload,
  SanctionRecordInput,
  SanctionRevokeInput,
  SanctionViewerCan,
} from './sanction.types';
import { Reads, nodeReads } from '../../common/projection';
import type { GraphQLResolveInfo } from 'graphql';

@Resolver(() => Sanction)
export class SanctionResolver {
  @Query(() => SanctionConnection, { nullable: true, description: '处分列表 (sanctions the caller may see; PARTY_COMMITTEE, DISCIPLINE_COMMISSION, DISPATCHED_TEAM)' })
  sanctions(
    @Arg('filter', () => SanctionFilter, { nullable: true, description: '筛选 (filter)' }) filter: SanctionFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return SanctionService.list(ctx, filter, args, nodeReads(info));
  }

  @Query(() => Sanction, { nullable: true, description: '处分 (one sanction); out of scope: null with NOT_FOUND' })
  async sanction(@Arg('id', () => ID, { description: '全局标识 (global id)' }) id: string, @Ctx() ctx: RequestContext): Promise<Sanction> {
    const s = await SanctionService.findVisible(ctx, keyOf(id, Sanction.typename));
    if (!s) throw notFound('No sanction with this id');
    return s;
  }

  @FieldResolver(() => Official, { nullable: true, description: '被处分干部 (the official sanctioned); null for a party organisation, or when the official is outside the caller\'s scope' })
  @Lean()
  @Reads('official')
  official(@Root() s: Sanction, @Ctx() ctx: RequestContext): Promise<Official | null> | null {
    return s.official ? OfficialService.findVisible(ctx, s.official.id) : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: '被问责党组织 (the unit whose party organisation is held accountable); null when the subject is an official' })
  @Lean()
  @Reads('official', 'unit')
  subjectOrganisation(@Root() s: Sanction, @Ctx() ctx: RequestContext): Promise<Unit | null> | null {
    return s.official ? null : UnitService.findVisible(ctx, s.unit.id);
  }

  @FieldResolver(() => Unit, { description: '所属单位 (the unit the sanction is recorded under: the official\'s unit when recorded, or the organisation)' })
  @Lean()
  @Reads('unit')
  async unit(@Root() s: Sanction, @Ctx() ctx: RequestContext): Promise<Unit> {
    return (await ctx.loaders.row(Unit, s.unit.id))!;
  }

  @FieldResolver(() => SanctionStatus, { description: '状态 (status as of today)' })
  @Lean()
  @Reads('revoked', 'influenceType', 'influenceEnd')
  status(@Root() s: Sanction, @Ctx() ctx: RequestContext): SanctionStatus {
    return s.statusOn(ctx.today);
  }

  @FieldResolver(() => Boolean, { description: '处于影响期 (inside its influence period today: blocks promotion and further use)' })
  @Lean()
  @Reads('revoked', 'influenceType', 'effectiveDate', 'influenceEnd')
  inInfluencePeriod(@Root() s: Sanction, @Ctx() ctx: RequestContext): boolean {
    return s.inInfluenceOn(ctx.today);
  }

  @FieldResolver(() => String, { nullable: true, description: '案情 (case facts); DISCIPLINE_COMMISSION and DISPATCHED_TEAM only' })
  @Lean()
  @Reads('unitPath', 'caseFacts')
  caseFacts(@Root() s: Sanction, @Ctx() ctx: RequestContext): string | null {
    return ctx.viewer.levelAt(s.unitPath, SANCTION_CASE_ACCESS) === 'R' ? (s.caseFacts ?? null) : null;
  }

  @FieldResolver(() => [String], { nullable: true, description: '证据索引 (evidence references); DISCIPLINE_COMMISSION and DISPATCHED_TEAM only' })
  @Lean()
  @Reads('unitPath', 'evidenceRefs')
  evidenceRefs(@Root() s: Sanction, @Ctx() ctx: RequestContext): string[] | null {
    return ctx.viewer.levelAt(s.unitPath, SANCTION_CASE_ACCESS) === 'R' ? (s.evidenceRefs ?? null) : null;
  }

  @FieldResolver(() => Sanction, { nullable: true, description: '一案双查的原案处分 (the sanction for the matter itself, when this one holds a leader accountable for it); null when none or outside the caller\'s scope' })
  @Lean()
  @Reads('primarySanction')
  primarySanction(@Root() s: Sanction, @Ctx() ctx: RequestContext): Promise<Sanction | null> | null {
    return s.primarySanction ? SanctionService.findVisible(ctx, s.primarySanction.id) : null;
  }

  @FieldResolver(() => [Sanction], { description: '一案双查的问责 (accountability sanctions that name this one as their primary sanction, as far as the caller may see)' })
  @Lean()
  @Reads('id')
  accountabilities(@Root() s: Sanction, @Ctx() ctx: RequestContext): Promise<Sanction[]> {
    return SanctionService.accountabilities(ctx, s);
  }

  @FieldResolver(() => SanctionViewerCan, { description: '当前账号可做之事 (what the caller may do with this sanction)' })
  @Lean()
  @Reads('revoked', 'unitPath', 'official')
  viewerCan(@Root() s: Sanction, @Ctx() ctx: RequestContext): SanctionViewerCan {
    const write = !s.revoked && ctx.viewer.reaches(SANCTION_WRITERS, s.unitPath);
    return {
      readCaseFacts: ctx.viewer.levelAt(s.unitPath, SANCTION_CASE_ACCESS) !== null && !ctx.viewer.recusedFrom(sanctionSubjects(s)),
      correct: write,
      revoke: write,
    };
  }

  @Mutation(() => SanctionPayload, { nullable: true, description: '登记处分 (record a sanction; DISCIPLINE_COMMISSION, DISPATCHED_TEAM within their reach); the influence period is computed from the rules' })
  sanctionRecord(@Arg('input', () => SanctionRecordInput, { description: '处分内容 (the sanction)' }) input: SanctionRecordInput, @Ctx() ctx: RequestContext) {
    return SanctionService.record(ctx, input);
  }

  @Mutation(() => SanctionPayload, { nullable: true, description: '更正处分 (correct a sanction; DISCIPLINE_COMMISSION, DISPATCHED_TEAM); refused with CONFLICT once revoked' })
  sanctionCorrect(@Arg('input', () => SanctionCorrectInput, { description: '更正内容 (the correction)' }) input: SanctionCorrectInput, @Ctx() ctx: RequestContext) {
    return SanctionService.correct(ctx, input);
  }

  @Mutation(() => SanctionPayload, { nullable: true, description: '撤销处分 (record that a sanction was revoked on appeal; DISCIPLINE_COMMISSION, DISPATCHED_TEAM)' })
  sanctionRevoke(@Arg('input', () => SanctionRevokeInput, { description: '撤销内容 (the revocation)' }) input: SanctionRevokeInput, @Ctx() ctx: RequestContext) {
    return SanctionService.revoke(ctx, input);
  }
}

/** Official.sanctions and Official.integrityStatus belong to this module: they lead to sanctions. */
@Resolver(() => Official)
export class OfficialSanctionsResolver {
  @FieldResolver(() => SanctionConnection, { nullable: true, description: '处分 (sanctions of this official the caller may see); PARTY_COMMITTEE reads them without case facts' })
  @Reads('id')
  @Lean()
  sanctions(
    @Root() official: Official,
    @Arg('filter', () => SanctionFilter, { nullable: true, description: '筛选 (filter)' }) filter: SanctionFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return SanctionService.ofOfficial(ctx, info, official, filter, args);
  }

  @FieldResolver(() => IntegrityStatus, {
    nullable: true,
    description: '廉洁状态 (integrity status: whether a sanction\'s influence period is running today, and the open clues about the official); DISCIPLINE_COMMISSION and DISPATCHED_TEAM',
  })
  @Lean()
  @Reads('id')
  async integrityStatus(@Root() official: Official, @Ctx() ctx: RequestContext): Promise<IntegrityStatus> {
    // the official travels with the status: its open clues are counted from the clue records
    return { ...(await SanctionService.integrityStatus(ctx, official)), officialId: official.id } as IntegrityStatus;
  }
}
