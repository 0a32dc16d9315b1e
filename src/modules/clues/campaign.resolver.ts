import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { keyOf } from '../../common/relay';
import { notFound } from '../../common/errors';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { Campaign, CampaignBatch } from './campaign.entity';
import { CampaignService, dateOf } from './campaign.service';
import { ClueService } from './clue.service';
import {
  CampaignBatchAddInput,
  CampaignBatchPayload,
  CampaignConnection,
  CampaignCreateInput,
  CampaignFilter,
  CampaignPayload,
  CampaignUpdateInput,
  CampaignViewerCan,
  ClueCounts,
} from './campaign.types';

@Resolver(() => Campaign)
export class CampaignResolver {
  @Query(() => CampaignConnection, {
    nullable: true,
    description: '专项列表 (campaigns the caller may see: led by a unit inside its reach, or above it; PARTY_COMMITTEE, DISCIPLINE_COMMISSION, DISPATCHED_TEAM, INSPECTION_GROUP)',
  })
  campaigns(
    @Arg('filter', () => CampaignFilter, { nullable: true, description: '筛选 (filter)' }) filter: CampaignFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return CampaignService.list(ctx, filter, args);
  }

  @Query(() => Campaign, { nullable: true, description: '专项 (one campaign); out of scope: null with NOT_FOUND' })
  async campaign(@Arg('id', () => ID, { description: '全局标识 (global id)' }) id: string, @Ctx() ctx: RequestContext): Promise<Campaign> {
    const c = await CampaignService.findVisible(ctx, keyOf(id, Campaign.typename));
    if (!c) throw notFound('No campaign with this id');
    return c;
  }

  @FieldResolver(() => Unit, { nullable: true, description: '牵头单位 (lead unit); null when it lies above the caller\'s reach (a county campaign read by a township)' })
  leadUnit(@Root() c: Campaign, @Ctx() ctx: RequestContext): Promise<Unit | null> {
    return UnitService.findVisible(ctx, c.leadUnit.id);
  }

  @FieldResolver(() => Boolean, { description: '进行中 (today lies inside the period)' })
  inProgress(@Root() c: Campaign, @Ctx() ctx: RequestContext): boolean {
    return dateOf(c.periodStart) <= ctx.today && ctx.today <= dateOf(c.periodEnd);
  }

  @FieldResolver(() => [CampaignBatch], { description: '挂牌督办批次 (supervised batches, by number)' })
  batches(@Root() c: Campaign, @Ctx() ctx: RequestContext): Promise<CampaignBatch[]> {
    return CampaignService.batches(ctx, c);
  }

  @FieldResolver(() => ClueCounts, { description: '线索统计 (counts of the campaign\'s clues the caller may see, per status); its numbers are for the roles that see clues' })
  clueCounts(@Root() c: Campaign, @Ctx() ctx: RequestContext): Promise<ClueCounts> {
    return ClueService.counts(ctx, 'campaign', c.id);
  }

  @FieldResolver(() => CampaignViewerCan, { description: '当前账号可做之事 (what the caller may do with this campaign)' })
  viewerCan(@Root() c: Campaign, @Ctx() ctx: RequestContext): CampaignViewerCan {
    return CampaignService.viewerCan(ctx, c);
  }

  @Mutation(() => CampaignPayload, { nullable: true, description: '新建专项 (create a campaign; DISCIPLINE_COMMISSION, lead unit inside its reach)' })
  campaignCreate(@Arg('input', () => CampaignCreateInput, { description: '输入 (input)' }) input: CampaignCreateInput, @Ctx() ctx: RequestContext) {
    return CampaignService.create(ctx, input);
  }

  @Mutation(() => CampaignPayload, { nullable: true, description: '修改专项 (edit a campaign; DISCIPLINE_COMMISSION reaching its lead unit)' })
  campaignUpdate(@Arg('input', () => CampaignUpdateInput, { description: '输入 (input)' }) input: CampaignUpdateInput, @Ctx() ctx: RequestContext) {
    return CampaignService.update(ctx, input);
  }

  @Mutation(() => CampaignBatchPayload, { nullable: true, description: '添加挂牌督办批次 (add a supervised batch; DISCIPLINE_COMMISSION reaching the lead unit)' })
  campaignBatchAdd(@Arg('input', () => CampaignBatchAddInput, { description: '输入 (input)' }) input: CampaignBatchAddInput, @Ctx() ctx: RequestContext) {
    return CampaignService.addBatch(ctx, input);
  }
}

@Resolver(() => CampaignBatch)
export class CampaignBatchResolver {
  @FieldResolver(() => Campaign, { description: '专项 (the campaign of the batch)' })
  async campaign(@Root() b: CampaignBatch, @Ctx() ctx: RequestContext): Promise<Campaign> {
    return (await ctx.loaders.load(Campaign, b.campaign.id))!;
  }

  @FieldResolver(() => ClueCounts, { description: '线索统计 (counts of the batch\'s clues the caller may see, per status)' })
  clueCounts(@Root() b: CampaignBatch, @Ctx() ctx: RequestContext): Promise<ClueCounts> {
    return ClueService.counts(ctx, 'batch', b.id);
  }
}
