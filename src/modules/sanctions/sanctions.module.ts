import type { AppModule } from '..';
import { ROW } from '../../authz/table';

export const sanctionsModule: AppModule = { resolvers: [], rules: [{ type: 'Sanction', fields: { '*': ROW } }] };
