import './petition.reminders';
import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { Petition } from './petition.entity';
import { PetitionResolver } from './petition.resolver';
import { petitionRules } from './petition.rules';
import { PetitionService } from './petition.service';

registerNodeFetcher(Petition.typename, (ctx, id) => PetitionService.findVisible(ctx, id));

export const petitionsModule: AppModule = { resolvers: [PetitionResolver], rules: petitionRules };
