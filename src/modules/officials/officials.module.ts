import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { Official } from './official.entity';
import { OfficialResolver, UnitOfficialsResolver } from './official.resolver';
import { officialRules } from './official.rules';
import { OfficialService } from './official.service';
import { OfficialRelationResolver, OfficialRelationsFieldResolver } from './relation.resolver';

registerNodeFetcher(Official.typename, (ctx, id) => OfficialService.findVisible(ctx, id));

export const officialsModule: AppModule = { resolvers: [OfficialResolver, UnitOfficialsResolver, OfficialRelationResolver, OfficialRelationsFieldResolver], rules: officialRules };
