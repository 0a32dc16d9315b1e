import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000001Core } from './Migration20261125000001Core';
import { Migration20261125000002Audit } from './Migration20261125000002Audit';
import { Migration20261125000003Clues } from './Migration20261125000003Clues';
import { Migration20261125000004Rectifications } from './Migration20261125000004Rectifications';
import { Migration20261125000005Inspections } from './Migration20261125000005Inspections';
import { Migration20261125000006Dispatch } from './Migration20261125000006Dispatch';
import { Migration20261125000007Reminders } from './Migration20261125000007Reminders';
import { Migration20261125000008Petitions } from './Migration20261125000008Petitions';
import { Migration20261125000009Opinions } from './Migration20261125000009Opinions';
import { Migration20261125000010Performance } from './Migration20261125000010Performance';
import { Migration20261125000011Outbox } from './Migration20261125000011Outbox';
import { Migration20261125000012Stats } from './Migration20261125000012Stats';
import { Migration20261126000013PageKeys } from './Migration20261126000013PageKeys';

/** Forward-only migrations, in order. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261125000001Core', class: Migration20261125000001Core },
  { name: 'Migration20261125000002Audit', class: Migration20261125000002Audit },
  { name: 'Migration20261125000003Clues', class: Migration20261125000003Clues },
  { name: 'Migration20261125000004Rectifications', class: Migration20261125000004Rectifications },
  { name: 'Migration20261125000005Inspections', class: Migration20261125000005Inspections },
  { name: 'Migration20261125000006Dispatch', class: Migration20261125000006Dispatch },
  { name: 'Migration20261125000007Reminders', class: Migration20261125000007Reminders },
  { name: 'Migration20261125000008Petitions', class: Migration20261125000008Petitions },
  { name: 'Migration20261125000009Opinions', class: Migration20261125000009Opinions },
  { name: 'Migration20261125000010Performance', class: Migration20261125000010Performance },
  { name: 'Migration20261125000011Outbox', class: Migration20261125000011Outbox },
  { name: 'Migration20261125000012Stats', class: Migration20261125000012Stats },
  { name: 'Migration20261126000013PageKeys', class: Migration20261126000013PageKeys },
];
