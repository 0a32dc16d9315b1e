import type { AppModule } from '..';

export const cluesModule: AppModule = { resolvers: [], rules: [] };
