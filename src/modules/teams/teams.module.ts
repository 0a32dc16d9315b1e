import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { DispatchedTeam, SupervisionAssignment } from './team.entity';
import { DispatchedTeamResolver, SupervisionAssignmentResolver } from './team.resolver';
import { teamRules } from './team.rules';
import { TeamService } from './team.service';

registerNodeFetcher(DispatchedTeam.typename, (ctx, id) => TeamService.findVisible(ctx, id));
registerNodeFetcher(SupervisionAssignment.typename, (ctx, id) => TeamService.findVisibleAssignment(ctx, id));

export const teamsModule: AppModule = { resolvers: [DispatchedTeamResolver, SupervisionAssignmentResolver], rules: teamRules };
