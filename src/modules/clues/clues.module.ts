import './clue.reminders';
import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { Campaign, CampaignBatch } from './campaign.entity';
import { CampaignBatchResolver, CampaignResolver } from './campaign.resolver';
import { CampaignService } from './campaign.service';
import { ProblemClue } from './clue.entity';
import { ClueEventResolver, ClueResolver, SanctionClueResolver } from './clue.resolver';
import { clueRules } from './clue.rules';
import { ClueService } from './clue.service';

registerNodeFetcher(Campaign.typename, (ctx, id) => CampaignService.findVisible(ctx, id));
registerNodeFetcher(CampaignBatch.typename, (ctx, id) => CampaignService.findVisibleBatch(ctx, id));
registerNodeFetcher(ProblemClue.typename, (ctx, id) => ClueService.findVisible(ctx, id));

export const cluesModule: AppModule = {
  resolvers: [CampaignResolver, CampaignBatchResolver, ClueResolver, ClueEventResolver, SanctionClueResolver],
  rules: clueRules,
};
