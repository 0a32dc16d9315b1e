import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { Campaign } from '../clues/campaign.entity';
import { CampaignService } from '../clues/campaign.service';
import { ProblemClue } from '../clues/clue.entity';
import { ClueService } from '../clues/clue.service';
import { InspectionFinding } from '../inspections/inspection.entity';
import { InspectionService } from '../inspections/inspection.service';
import { Rectification } from './rectification.entity';

/**
 * Where a rectification comes from and the campaign it belongs to, as objects. Each is fetched
 * through its own module's service, so its own rules decide: a caller who may not see the clue
 * (a party committee, a unit) gets null here, not the clue.
 */
@Resolver(() => Rectification)
export class RectificationLinksResolver {
  @FieldResolver(() => Campaign, { nullable: true, description: '所属专项行动 (campaign); null when none or not visible to the caller' })
  campaign(@Root() r: Rectification, @Ctx() ctx: RequestContext) {
    return r.campaignId != null ? CampaignService.findVisible(ctx, r.campaignId) : null;
  }

  @FieldResolver(() => ProblemClue, { nullable: true, description: '来源线索 (the clue it comes from); null when none or not visible to the caller' })
  sourceClue(@Root() r: Rectification, @Ctx() ctx: RequestContext) {
    return r.sourceClueId != null ? ClueService.findVisible(ctx, r.sourceClueId) : null;
  }

  @FieldResolver(() => InspectionFinding, { nullable: true, description: '来源巡察发现 (the inspection finding it comes from); null when none or not visible to the caller' })
  sourceFinding(@Root() r: Rectification, @Ctx() ctx: RequestContext) {
    return r.sourceFindingId != null ? InspectionService.findVisibleFinding(ctx, r.sourceFindingId) : null;
  }
}
