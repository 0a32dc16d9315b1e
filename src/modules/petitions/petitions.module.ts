import type { AppModule } from '..';

export const petitionsModule: AppModule = { resolvers: [], rules: [] };
