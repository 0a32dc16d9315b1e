import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { InspectionFinding, InspectionMonthlyReport, InspectionTour, ProblemCategory, ProblemItem } from './inspection.entity';
import { INSPECTION_RESOLVERS } from './inspection.resolver';
import { inspectionRules } from './inspection.rules';
import { InspectionService } from './inspection.service';

registerNodeFetcher(InspectionTour.typename, (ctx, id) => InspectionService.findVisibleTour(ctx, id));
registerNodeFetcher(InspectionFinding.typename, (ctx, id) => InspectionService.findVisibleFinding(ctx, id));
registerNodeFetcher(InspectionMonthlyReport.typename, (ctx, id) => InspectionService.findVisibleReport(ctx, id));
registerNodeFetcher(ProblemCategory.typename, (ctx, id) => InspectionService.findVisibleCategory(ctx, id));
registerNodeFetcher(ProblemItem.typename, (ctx, id) => InspectionService.findVisibleItem(ctx, id));

export const inspectionsModule: AppModule = { resolvers: INSPECTION_RESOLVERS, rules: inspectionRules };
