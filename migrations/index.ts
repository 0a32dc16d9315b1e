import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000001Core } from './Migration20261125000001Core';
import { Migration20261125000002Audit } from './Migration20261125000002Audit';

/** Forward-only migrations, in order. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261125000001Core', class: Migration20261125000001Core },
  { name: 'Migration20261125000002Audit', class: Migration20261125000002Audit },
];
