import type { AppModule } from '..';
import { BulkResolver, StatisticsResolver } from './stats.resolver';
import { statsRules } from './stats.rules';

export const statsModule: AppModule = {
  resolvers: [StatisticsResolver, BulkResolver],
  rules: statsRules,
};
