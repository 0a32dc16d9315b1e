import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { Unit } from './unit.entity';
import { UnitResolver } from './unit.resolver';
import { unitRules } from './unit.rules';
import { UnitService } from './unit.service';

registerNodeFetcher(Unit.typename, (ctx, id) => UnitService.findVisible(ctx, id));

export const unitsModule: AppModule = { resolvers: [UnitResolver], rules: unitRules };
