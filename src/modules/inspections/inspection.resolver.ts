import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { keyOf } from '../../common/relay';
import { notFound } from '../../common/errors';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { ProblemClue } from '../clues/clue.entity';
import { Rectification } from '../rectifications/rectification.entity';
import { InspectionFinding, InspectionMonthlyReport, InspectionTour, ProblemCategory, ProblemItem } from './inspection.entity';
import { InspectionTourStatus } from './inspection.enums';
import { FINDING_DESCRIPTION_ACCESS } from './inspection.rules';
import { InspectionService } from './inspection.service';
import {
  InspectionFindingConnection,
  InspectionFindingFilter,
  InspectionFindingHandOverInput,
  InspectionFindingPayload,
  InspectionFindingRecordInput,
  InspectionFindingViewerCan,
  InspectionGroupMemberView,
  InspectionMonthlyReportConnection,
  InspectionReportFileInput,
  InspectionReportFilePayload,
  InspectionTourAddUnitInput,
  InspectionTourConnection,
  InspectionTourCreateInput,
  InspectionTourFilter,
  InspectionTourPayload,
  InspectionTourUpdateInput,
  InspectionTourViewerCan,
} from './inspection.types';

@Resolver(() => InspectionTour)
export class InspectionTourResolver {
  @Query(() => InspectionTourConnection, { nullable: true, description: '巡察列表 (inspection tours the caller may see)' })
  inspectionTours(
    @Arg('filter', () => InspectionTourFilter, { nullable: true, description: '筛选 (filter)' }) filter: InspectionTourFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return InspectionService.listTours(ctx, filter, args);
  }

  @Query(() => InspectionTour, { nullable: true, description: '巡察 (one inspection tour); out of scope: null with NOT_FOUND' })
  async inspectionTour(@Arg('id', () => ID, { description: '全局标识 (global id)' }) id: string, @Ctx() ctx: RequestContext): Promise<InspectionTour> {
    const t = await InspectionService.findVisibleTour(ctx, keyOf(id, InspectionTour.typename));
    if (!t) throw notFound('No inspection tour with this id');
    return t;
  }

  @FieldResolver(() => Unit, { nullable: true, description: '组织单位 (the unit whose party committee organises the tour); null when outside the caller\'s scope' })
  organizerUnit(@Root() t: InspectionTour, @Ctx() ctx: RequestContext): Promise<Unit | null> {
    return UnitService.findVisible(ctx, t.organizerUnit.id);
  }

  @FieldResolver(() => InspectionTourStatus, { description: '状态 (status as of today, derived from the period)' })
  status(@Root() t: InspectionTour, @Ctx() ctx: RequestContext): InspectionTourStatus {
    return t.statusOn(ctx.today);
  }

  @FieldResolver(() => [InspectionGroupMemberView], { description: '巡察组成员 (members of the inspection group, the leader first)' })
  members(@Root() t: InspectionTour, @Ctx() ctx: RequestContext): Promise<InspectionGroupMemberView[]> {
    return InspectionService.members(ctx, t);
  }

  @FieldResolver(() => InspectionGroupMemberView, { nullable: true, description: '组长 (leader of the inspection group)' })
  async leader(@Root() t: InspectionTour, @Ctx() ctx: RequestContext): Promise<InspectionGroupMemberView | null> {
    return (await InspectionService.members(ctx, t)).find((m) => m.isLeader) ?? null;
  }

  @FieldResolver(() => [Unit], { description: '被巡察单位 (units the tour inspects, as far as the caller may see them)' })
  units(@Root() t: InspectionTour, @Ctx() ctx: RequestContext): Promise<Unit[]> {
    return InspectionService.units(ctx, t);
  }

  @FieldResolver(() => InspectionFindingConnection, { description: '发现问题 (findings of this tour the caller may see)' })
  findings(
    @Root() t: InspectionTour,
    @Arg('filter', () => InspectionFindingFilter, { nullable: true, description: '筛选 (filter)' }) filter: InspectionFindingFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return InspectionService.listFindings(ctx, filter, args, t);
  }

  @FieldResolver(() => InspectionMonthlyReportConnection, { description: '整改月报 (monthly rectification reports; empty for an inspected unit\'s own account)' })
  monthlyReports(@Root() t: InspectionTour, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: RequestContext) {
    return InspectionService.listReports(ctx, t, args);
  }

  @FieldResolver(() => InspectionTourViewerCan, { description: '当前账号可做之事 (what the caller may do with this tour)' })
  viewerCan(@Root() t: InspectionTour, @Ctx() ctx: RequestContext): Promise<InspectionTourViewerCan> {
    return InspectionService.tourViewerCan(ctx, t);
  }

  @Mutation(() => InspectionTourPayload, { nullable: true, description: '新建巡察 (create an inspection tour; DISCIPLINE_COMMISSION)' })
  inspectionTourCreate(@Arg('input', () => InspectionTourCreateInput, { description: '输入 (input)' }) input: InspectionTourCreateInput, @Ctx() ctx: RequestContext) {
    return InspectionService.createTour(ctx, input);
  }

  @Mutation(() => InspectionTourPayload, { nullable: true, description: '修改巡察 (edit an inspection tour; its organising DISCIPLINE_COMMISSION, until it has finished)' })
  inspectionTourUpdate(@Arg('input', () => InspectionTourUpdateInput, { description: '输入 (input)' }) input: InspectionTourUpdateInput, @Ctx() ctx: RequestContext) {
    return InspectionService.updateTour(ctx, input);
  }

  @Mutation(() => InspectionTourPayload, { nullable: true, description: '增加被巡察单位 (add an inspected unit; its organising DISCIPLINE_COMMISSION, until the tour has finished)' })
  inspectionTourAddUnit(@Arg('input', () => InspectionTourAddUnitInput, { description: '输入 (input)' }) input: InspectionTourAddUnitInput, @Ctx() ctx: RequestContext) {
    return InspectionService.addUnit(ctx, input);
  }

  @Mutation(() => InspectionReportFilePayload, { nullable: true, description: '报送巡察整改月报 (file a monthly rectification report; DISCIPLINE_COMMISSION, or the tour\'s INSPECTION_GROUP while it runs); one per month, never for a future month' })
  inspectionReportFile(@Arg('input', () => InspectionReportFileInput, { description: '输入 (input)' }) input: InspectionReportFileInput, @Ctx() ctx: RequestContext) {
    return InspectionService.fileReport(ctx, input);
  }
}

@Resolver(() => InspectionGroupMemberView)
export class InspectionGroupMemberResolver {
  @FieldResolver(() => Official, { nullable: true, description: '干部档案 (the official\'s registry record); null when outside the caller\'s scope' })
  official(@Root() m: InspectionGroupMemberView, @Ctx() ctx: RequestContext): Promise<Official | null> {
    return OfficialService.findVisible(ctx, m.officialId);
  }
}

@Resolver(() => InspectionFinding)
export class InspectionFindingResolver {
  @Query(() => InspectionFindingConnection, { nullable: true, description: '巡察发现问题列表 (inspection findings the caller may see)' })
  inspectionFindings(
    @Arg('filter', () => InspectionFindingFilter, { nullable: true, description: '筛选 (filter)' }) filter: InspectionFindingFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return InspectionService.listFindings(ctx, filter, args);
  }

  @Query(() => InspectionFinding, { nullable: true, description: '巡察发现问题 (one finding); out of scope: null with NOT_FOUND' })
  async inspectionFinding(@Arg('id', () => ID, { description: '全局标识 (global id)' }) id: string, @Ctx() ctx: RequestContext): Promise<InspectionFinding> {
    const f = await InspectionService.findVisibleFinding(ctx, keyOf(id, InspectionFinding.typename));
    if (!f) throw notFound('No finding with this id');
    return f;
  }

  @FieldResolver(() => InspectionTour, { description: '巡察 (the tour that found it)' })
  async tour(@Root() f: InspectionFinding, @Ctx() ctx: RequestContext): Promise<InspectionTour> {
    // a visible finding is about one of the tour's units (or belongs to the caller's own tour), so the tour is visible too
    return (await ctx.loaders.load(InspectionTour, f.tour.id))!;
  }

  @FieldResolver(() => Unit, { description: '被巡察单位 (the unit the problem was found at)' })
  async unit(@Root() f: InspectionFinding, @Ctx() ctx: RequestContext): Promise<Unit> {
    return (await ctx.loaders.row(Unit, f.unit.id))!;
  }

  @FieldResolver(() => ProblemItem, { description: '问题 (item of the common-problem list)' })
  async item(@Root() f: InspectionFinding, @Ctx() ctx: RequestContext): Promise<ProblemItem> {
    return (await ctx.loaders.load(ProblemItem, f.item.id))!;
  }

  @FieldResolver(() => ProblemCategory, { description: '问题类别 (category of the item)' })
  async category(@Root() f: InspectionFinding, @Ctx() ctx: RequestContext): Promise<ProblemCategory> {
    const item = (await ctx.loaders.load(ProblemItem, f.item.id))!;
    return (await ctx.loaders.load(ProblemCategory, item.category.id))!;
  }

  @FieldResolver(() => String, { nullable: true, description: '问题描述 (description); not for the inspected unit\'s own account' })
  description(@Root() f: InspectionFinding, @Ctx() ctx: RequestContext): string | null {
    return ctx.viewer.levelAt(f.unitPath, FINDING_DESCRIPTION_ACCESS) === 'R' ? f.description : null;
  }

  @FieldResolver(() => Boolean, { description: '已移交 (handed over to the discipline commission as a problem clue)' })
  handedOver(@Root() f: InspectionFinding): boolean {
    return f.handedOverOn != null;
  }

  @FieldResolver(() => ProblemClue, { nullable: true, description: '移交的问题线索 (the problem clue it was handed over as); null when not handed over, or when the clue is hidden from the caller (回避)' })
  clue(@Root() f: InspectionFinding, @Ctx() ctx: RequestContext): Promise<ProblemClue | null> | null {
    return InspectionService.clue(ctx, f);
  }

  @FieldResolver(() => Boolean, { description: '已责令整改 (whether a rectification was ordered from this finding)' })
  rectificationOrdered(@Root() f: InspectionFinding, @Ctx() ctx: RequestContext): Promise<boolean> {
    return InspectionService.rectificationOrdered(ctx, f);
  }

  @FieldResolver(() => [Rectification], { description: '整改事项 (rectifications ordered from this finding that the caller may read)' })
  rectifications(@Root() f: InspectionFinding, @Ctx() ctx: RequestContext): Promise<Rectification[]> {
    return InspectionService.rectifications(ctx, f);
  }

  @FieldResolver(() => InspectionFindingViewerCan, { description: '当前账号可做之事 (what the caller may do with this finding)' })
  viewerCan(@Root() f: InspectionFinding, @Ctx() ctx: RequestContext): Promise<InspectionFindingViewerCan> {
    return InspectionService.findingViewerCan(ctx, f);
  }

  @Mutation(() => InspectionFindingPayload, { nullable: true, description: '记录巡察发现问题 (record a finding; DISCIPLINE_COMMISSION in reach of the unit, or the tour\'s INSPECTION_GROUP while it runs)' })
  inspectionFindingRecord(@Arg('input', () => InspectionFindingRecordInput, { description: '输入 (input)' }) input: InspectionFindingRecordInput, @Ctx() ctx: RequestContext) {
    return InspectionService.recordFinding(ctx, input);
  }

  @Mutation(() => InspectionFindingPayload, { nullable: true, description: '移交问题线索 (hand a finding over to the discipline commission as a problem clue; once only)' })
  inspectionFindingHandOver(@Arg('input', () => InspectionFindingHandOverInput, { description: '输入 (input)' }) input: InspectionFindingHandOverInput, @Ctx() ctx: RequestContext) {
    return InspectionService.handOver(ctx, input);
  }
}

@Resolver(() => InspectionMonthlyReport)
export class InspectionMonthlyReportResolver {
  @FieldResolver(() => InspectionTour, { description: '巡察 (the tour reported on)' })
  async tour(@Root() r: InspectionMonthlyReport, @Ctx() ctx: RequestContext): Promise<InspectionTour> {
    return (await ctx.loaders.load(InspectionTour, r.tour.id))!;
  }
}

@Resolver(() => ProblemCategory)
export class ProblemCategoryResolver {
  @Query(() => [ProblemCategory], { nullable: true, description: '巡察常见问题清单 (the common-problem list: categories with their items, in order)' })
  problemCategories(@Ctx() ctx: RequestContext): Promise<ProblemCategory[]> {
    return InspectionService.problemCategories(ctx);
  }

  @FieldResolver(() => [ProblemItem], { description: '问题 (items of the category, in order)' })
  items(@Root() c: ProblemCategory, @Ctx() ctx: RequestContext): Promise<ProblemItem[]> {
    return InspectionService.categoryItems(ctx, c);
  }
}

@Resolver(() => ProblemItem)
export class ProblemItemResolver {
  @FieldResolver(() => ProblemCategory, { description: '类别 (category of the item)' })
  async category(@Root() i: ProblemItem, @Ctx() ctx: RequestContext): Promise<ProblemCategory> {
    return (await ctx.loaders.load(ProblemCategory, i.category.id))!;
  }
}

export const INSPECTION_RESOLVERS = [
  InspectionTourResolver,
  InspectionGroupMemberResolver,
  InspectionFindingResolver,
  InspectionMonthlyReportResolver,
  ProblemCategoryResolver,
  ProblemItemResolver,
];
