import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000001Core } from './Migration20261125000001Core';

/** Forward-only migrations, in order. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261125000001Core', class: Migration20261125000001Core },
];
