import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { IntegrityOpinion, IntegrityOpinionRequest } from './opinion.entity';
import {
  ArchivePostResolver,
  IntegrityArchiveResolver,
  IntegrityOpinionRequestResolver,
  IntegrityOpinionResolver,
  IntegrityStatusCluesResolver,
} from './opinion.resolver';
import { opinionRules } from './opinion.rules';
import { OpinionService } from './opinion.service';

registerNodeFetcher(IntegrityOpinion.typename, (ctx, id) => OpinionService.findVisible(ctx, id));
registerNodeFetcher(IntegrityOpinionRequest.typename, (ctx, id) => OpinionService.findVisibleRequest(ctx, id));

export const opinionsModule: AppModule = {
  resolvers: [IntegrityOpinionRequestResolver, IntegrityOpinionResolver, IntegrityArchiveResolver, ArchivePostResolver, IntegrityStatusCluesResolver],
  rules: opinionRules,
};
