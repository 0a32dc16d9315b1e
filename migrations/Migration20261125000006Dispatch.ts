import { Migration } from '@mikro-orm/migrations';

/** Dispatch lists: filled in with the records of this part of the supervision workflow. */
export class Migration20261125000006Dispatch extends Migration {
  override async up(): Promise<void> {
    this.addSql('select 1');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
