import type { AppModule } from '..';

export const rectificationsModule: AppModule = { resolvers: [], rules: [] };
