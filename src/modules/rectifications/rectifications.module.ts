import './rectification.reminders';
import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { Rectification, RectificationReport } from './rectification.entity';
import { RectificationReportResolver, RectificationResolver } from './rectification.resolver';
import { rectificationRules } from './rectification.rules';
import { RectificationService } from './rectification.service';
import { RectificationLinksResolver } from './rectification.links';
import { ROW } from '../../authz/table';

registerNodeFetcher(Rectification.typename, (ctx, id) => RectificationService.findVisible(ctx, id));
registerNodeFetcher(RectificationReport.typename, (ctx, id) => RectificationService.findVisibleReport(ctx, id));

export const rectificationsModule: AppModule = {
  resolvers: [RectificationResolver, RectificationReportResolver, RectificationLinksResolver],
  // the linked records are fetched through their own modules' rules (null when not visible)
  rules: [...rectificationRules, { type: 'Rectification', fields: { campaign: ROW, sourceClue: ROW, sourceFinding: ROW } }],
};
