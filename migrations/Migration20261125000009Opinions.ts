import { Migration } from '@mikro-orm/migrations';

/** Opinions: filled in with the records of this part of the service. */
export class Migration20261125000009Opinions extends Migration {
  override async up(): Promise<void> {
    this.addSql('select 1');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
