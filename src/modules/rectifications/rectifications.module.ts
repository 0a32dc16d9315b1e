import './rectification.reminders';
import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { Rectification, RectificationReport } from './rectification.entity';
import { RectificationReportResolver, RectificationResolver } from './rectification.resolver';
import { rectificationRules } from './rectification.rules';
import { RectificationService } from './rectification.service';

registerNodeFetcher(Rectification.typename, (ctx, id) => RectificationService.findVisible(ctx, id));
registerNodeFetcher(RectificationReport.typename, (ctx, id) => RectificationService.findVisibleReport(ctx, id));

export const rectificationsModule: AppModule = {
  resolvers: [RectificationResolver, RectificationReportResolver],
  rules: rectificationRules,
};
