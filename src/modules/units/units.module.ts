import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { Unit } from './unit.entity';
import { Warning } from './warning.entity';
import { UnitResolver } from './unit.resolver';
import { UnitWarningsResolver, WarningResolver } from './warning.resolver';
import { unitRules } from './unit.rules';
import { UnitService } from './unit.service';

registerNodeFetcher(Unit.typename, (ctx, id) => UnitService.findVisible(ctx, id));
registerNodeFetcher(Warning.typename, (ctx, id) => UnitService.findVisibleWarning(ctx, id));

export const unitsModule: AppModule = { resolvers: [UnitResolver, WarningResolver, UnitWarningsResolver], rules: unitRules };
