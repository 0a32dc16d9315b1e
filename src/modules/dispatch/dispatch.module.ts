import type { AppModule } from '..';

export const dispatchModule: AppModule = { resolvers: [], rules: [] };
