import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { keyOf } from '../../common/relay';
import { notFound } from '../../common/errors';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { ViewerInfo } from '../accounts/account.types';
import { DispatchItem, DispatchItemReport, DispatchList } from './dispatch.entity';
import { DispatchService } from './dispatch.service';
import {
  DispatchItemPayload,
  DispatchItemReportInput,
  DispatchItemReportPayload,
  DispatchListAddItemInput,
  DispatchListCloseInput,
  DispatchListConnection,
  DispatchListCreateInput,
  DispatchListFilter,
  DispatchListIssueInput,
  DispatchListPayload,
  DispatchListUpdateItemInput,
  DispatchListViewerCan,
} from './dispatch.types';

@Resolver(() => DispatchList)
export class DispatchListResolver {
  @Query(() => DispatchListConnection, {
    nullable: true,
    description: '主体责任派单列表 (dispatch lists the caller may see: the issuing PARTY_COMMITTEE, DISCIPLINE_COMMISSION and DISPATCHED_TEAM for the leader\'s unit, and the leader its own issued lists); FORBIDDEN for an account that can see none',
  })
  dispatchLists(
    @Arg('filter', () => DispatchListFilter, { nullable: true, description: '筛选 (filter)' }) filter: DispatchListFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return DispatchService.list(ctx, filter, args);
  }

  @Query(() => DispatchList, { nullable: true, description: '主体责任派单 (one dispatch list); out of scope: null with NOT_FOUND' })
  async dispatchList(@Arg('id', () => ID, { description: '全局标识 (global id)' }) id: string, @Ctx() ctx: RequestContext): Promise<DispatchList> {
    const l = await DispatchService.findVisible(ctx, keyOf(id, DispatchList.typename));
    if (!l) throw notFound('No dispatch list with this id');
    return l;
  }

  @FieldResolver(() => Unit, { nullable: true, description: '派单单位 (the issuing party committee\'s unit); null when outside the caller\'s scope' })
  issuerUnit(@Root() l: DispatchList, @Ctx() ctx: RequestContext): Promise<Unit | null> {
    return UnitService.findVisible(ctx, l.issuerUnit.id);
  }

  @FieldResolver(() => String, { description: '派单单位名称 (name of the issuing unit), for every reader of the list' })
  async issuerName(@Root() l: DispatchList, @Ctx() ctx: RequestContext): Promise<string> {
    return (await ctx.loaders.row(Unit, l.issuerUnit.id))!.name;
  }

  @FieldResolver(() => Official, { nullable: true, description: '领导 (the official the list is issued to); null when outside the caller\'s scope' })
  leader(@Root() l: DispatchList, @Ctx() ctx: RequestContext): Promise<Official | null> {
    return OfficialService.findVisible(ctx, l.leader.id);
  }

  @FieldResolver(() => String, { description: '领导姓名 (name of the official the list is issued to), for every reader of the list' })
  async leaderName(@Root() l: DispatchList, @Ctx() ctx: RequestContext): Promise<string> {
    return (await ctx.loaders.row(Official, l.leader.id))!.name;
  }

  @FieldResolver(() => Unit, { nullable: true, description: '领导所在单位 (the leader\'s unit when the list was drafted); null when outside the caller\'s scope' })
  unit(@Root() l: DispatchList, @Ctx() ctx: RequestContext): Promise<Unit | null> {
    return UnitService.findVisible(ctx, l.unit.id);
  }

  @FieldResolver(() => [DispatchItem], { description: '派单事项 (items, in order)' })
  items(@Root() l: DispatchList, @Ctx() ctx: RequestContext): Promise<DispatchItem[]> {
    return DispatchService.items(ctx, l);
  }

  @FieldResolver(() => DispatchListViewerCan, { description: '当前账号可做之事 (what the caller may do with this list now)' })
  viewerCan(@Root() l: DispatchList, @Ctx() ctx: RequestContext): Promise<DispatchListViewerCan> {
    return DispatchService.viewerCan(ctx, l);
  }

  @Mutation(() => DispatchListPayload, { nullable: true, description: '起草派单 (draft a dispatch list to a leader; PARTY_COMMITTEE of the issuing unit)' })
  dispatchListCreate(@Arg('input', () => DispatchListCreateInput, { description: '输入 (input)' }) input: DispatchListCreateInput, @Ctx() ctx: RequestContext) {
    return DispatchService.create(ctx, input);
  }

  @Mutation(() => DispatchItemPayload, { nullable: true, description: '添加派单事项 (add an item to a list in DRAFT; the issuing PARTY_COMMITTEE)' })
  dispatchListAddItem(@Arg('input', () => DispatchListAddItemInput, { description: '输入 (input)' }) input: DispatchListAddItemInput, @Ctx() ctx: RequestContext) {
    return DispatchService.addItem(ctx, input);
  }

  @Mutation(() => DispatchItemPayload, { nullable: true, description: '修改派单事项 (edit an item of a list in DRAFT; the issuing PARTY_COMMITTEE)' })
  dispatchListUpdateItem(@Arg('input', () => DispatchListUpdateItemInput, { description: '输入 (input)' }) input: DispatchListUpdateItemInput, @Ctx() ctx: RequestContext) {
    return DispatchService.updateItem(ctx, input);
  }

  @Mutation(() => DispatchListPayload, { nullable: true, description: '派发派单 (issue: DRAFT → ISSUED; needs at least one item; the issuing PARTY_COMMITTEE)' })
  dispatchListIssue(@Arg('input', () => DispatchListIssueInput, { description: '输入 (input)' }) input: DispatchListIssueInput, @Ctx() ctx: RequestContext) {
    return DispatchService.issue(ctx, input);
  }

  @Mutation(() => DispatchListPayload, { nullable: true, description: '办结派单 (close: ISSUED → CLOSED, after the quarter and every item\'s deadline; the issuing PARTY_COMMITTEE)' })
  dispatchListClose(@Arg('input', () => DispatchListCloseInput, { description: '输入 (input)' }) input: DispatchListCloseInput, @Ctx() ctx: RequestContext) {
    return DispatchService.close(ctx, input);
  }
}

@Resolver(() => DispatchItem)
export class DispatchItemResolver {
  @FieldResolver(() => Boolean, { description: '已逾期 (overdue: the list was issued, the deadline has passed and the item was not reported done)' })
  overdue(@Root() i: DispatchItem, @Ctx() ctx: RequestContext): Promise<boolean> {
    return DispatchService.itemOverdue(ctx, i);
  }

  @FieldResolver(() => Boolean, { description: '需提醒 (reminder due: the list is ISSUED, the deadline is within the next 5 days and the item is not done)' })
  reminderDue(@Root() i: DispatchItem, @Ctx() ctx: RequestContext): Promise<boolean> {
    return DispatchService.itemReminderDue(ctx, i);
  }

  @FieldResolver(() => Boolean, { description: '录入已锁定 (entry locked: the deadline has passed, no report may be filed or revised)' })
  entryLocked(@Root() i: DispatchItem, @Ctx() ctx: RequestContext): boolean {
    return DispatchService.itemEntryLocked(ctx, i);
  }

  @FieldResolver(() => DispatchItemReport, { nullable: true, description: '履责情况报告 (the leader\'s report on this item); null until reported' })
  report(@Root() i: DispatchItem, @Ctx() ctx: RequestContext): Promise<DispatchItemReport | null> {
    return DispatchService.reportOf(ctx, i);
  }

  @FieldResolver(() => DispatchList, { description: '所属派单 (the list)' })
  async list(@Root() i: DispatchItem, @Ctx() ctx: RequestContext): Promise<DispatchList> {
    // an item is visible exactly when its list is
    return (await ctx.loaders.load(DispatchList, i.list.id))!;
  }

  @Mutation(() => DispatchItemReportPayload, { nullable: true, description: '报告履责情况 (the leader reports on an item of an ISSUED list, or revises the report, until the item\'s deadline)' })
  dispatchItemReport(@Arg('input', () => DispatchItemReportInput, { description: '输入 (input)' }) input: DispatchItemReportInput, @Ctx() ctx: RequestContext) {
    return DispatchService.fileReport(ctx, input);
  }
}

@Resolver(() => DispatchItemReport)
export class DispatchItemReportResolver {
  @FieldResolver(() => DispatchItem, { description: '派单事项 (the item reported on)' })
  async item(@Root() r: DispatchItemReport, @Ctx() ctx: RequestContext): Promise<DispatchItem> {
    return (await ctx.loaders.load(DispatchItem, r.item.id))!;
  }
}

@Resolver(() => Official)
export class OfficialDispatchResolver {
  @FieldResolver(() => DispatchListConnection, {
    nullable: true,
    description: '主体责任派单 (dispatch lists issued to this official that the caller may see); PARTY_COMMITTEE, DISCIPLINE_COMMISSION and DISPATCHED_TEAM, others null with FORBIDDEN',
  })
  dispatchLists(
    @Root() o: Official,
    @Arg('filter', () => DispatchListFilter, { nullable: true, description: '筛选 (filter)' }) filter: DispatchListFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return DispatchService.ofOfficial(ctx, o, filter, args);
  }
}

@Resolver(() => ViewerInfo)
export class ViewerDispatchResolver {
  @FieldResolver(() => DispatchListConnection, { description: '我的派单 (issued dispatch lists addressed to the official linked to the caller\'s account; empty when none is linked)' })
  myDispatchLists(
    @Arg('filter', () => DispatchListFilter, { nullable: true, description: '筛选 (filter)' }) filter: DispatchListFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return DispatchService.mine(ctx, filter, args);
  }
}
