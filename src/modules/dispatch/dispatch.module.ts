import './dispatch.reminders';
import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { DispatchItem, DispatchItemReport, DispatchList } from './dispatch.entity';
import { DispatchItemReportResolver, DispatchItemResolver, DispatchListResolver, OfficialDispatchResolver, ViewerDispatchResolver } from './dispatch.resolver';
import { dispatchRules } from './dispatch.rules';
import { DispatchService } from './dispatch.service';

registerNodeFetcher(DispatchList.typename, (ctx, id) => DispatchService.findVisible(ctx, id));
registerNodeFetcher(DispatchItem.typename, (ctx, id) => DispatchService.findVisibleItem(ctx, id));
registerNodeFetcher(DispatchItemReport.typename, (ctx, id) => DispatchService.findVisibleReport(ctx, id));

export const dispatchModule: AppModule = {
  resolvers: [DispatchListResolver, DispatchItemResolver, DispatchItemReportResolver, OfficialDispatchResolver, ViewerDispatchResolver],
  rules: dispatchRules,
};
