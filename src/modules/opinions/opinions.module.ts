import type { AppModule } from '..';

export const opinionsModule: AppModule = { resolvers: [], rules: [] };
