import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { Sanction } from './sanction.entity';
import { OfficialSanctionsResolver, SanctionResolver } from './sanction.resolver';
import { sanctionRules } from './sanction.rules';
import { SanctionService } from './sanction.service';

registerNodeFetcher(Sanction.typename, (ctx, id) => SanctionService.findVisible(ctx, id));

export const sanctionsModule: AppModule = { resolvers: [SanctionResolver, OfficialSanctionsResolver], rules: sanctionRules };
