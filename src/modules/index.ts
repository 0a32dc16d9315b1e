import type { TypeRules } from '../authz/table';

/** What a feature folder hands to schema.ts. */
export interface AppModule {
  resolvers: Function[];
  rules: TypeRules[];
  orphanedTypes?: Function[];
}

import { commonModule } from './common.module';
import { unitsModule } from './units/units.module';
import { officialsModule } from './officials/officials.module';
import { teamsModule } from './teams/teams.module';
import { lettersModule } from './letters/letters.module';
import { pledgesModule } from './pledges/pledges.module';
import { sanctionsModule } from './sanctions/sanctions.module';
import { accountsModule } from './accounts/accounts.module';
import { auditModule } from './audit/audit.module';
import { cluesModule } from './clues/clues.module';
import { rectificationsModule } from './rectifications/rectifications.module';
import { inspectionsModule } from './inspections/inspections.module';
import { dispatchModule } from './dispatch/dispatch.module';
import { remindersModule } from './reminders/reminders.module';
import { petitionsModule } from './petitions/petitions.module';
import { opinionsModule } from './opinions/opinions.module';
import { statsModule } from './stats/stats.module';
import { outboxModule } from '../outbox/outbox.module';

export const MODULES: AppModule[] = [
  commonModule,
  unitsModule,
  officialsModule,
  teamsModule,
  lettersModule,
  pledgesModule,
  sanctionsModule,
  accountsModule,
  auditModule,
  cluesModule,
  rectificationsModule,
  inspectionsModule,
  dispatchModule,
  remindersModule,
  petitionsModule,
  opinionsModule,
  statsModule,
  outboxModule,
];
