import type { AppModule } from '..';
import { ROW } from '../../authz/table';

export const pledgesModule: AppModule = { resolvers: [], rules: [{ type: 'Pledge', fields: { '*': ROW } }] };
