import type { AppModule } from '..';
import { ROW } from '../../authz/table';

export const teamsModule: AppModule = { resolvers: [], rules: [{ type: 'DispatchedTeam', fields: { '*': ROW } }, { type: 'SupervisionAssignment', fields: { '*': ROW } }] };
