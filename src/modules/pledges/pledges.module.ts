import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { Pledge } from './pledge.entity';
import { OfficialPledgesResolver, PledgeResolver } from './pledge.resolver';
import { pledgeRules } from './pledge.rules';
import { PledgeService } from './pledge.service';

registerNodeFetcher(Pledge.typename, (ctx, id) => PledgeService.findVisible(ctx, id));

export const pledgesModule: AppModule = { resolvers: [PledgeResolver, OfficialPledgesResolver], rules: pledgeRules };
