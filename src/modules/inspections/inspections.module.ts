import type { AppModule } from '..';

export const inspectionsModule: AppModule = { resolvers: [], rules: [] };
