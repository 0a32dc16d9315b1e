import { Migration } from '@mikro-orm/migrations';

/**
 * The filtered sanctions list (category, unit subtree, decision dates) pages its keys from one
 * index alone: the composite index now carries the key (`include (id)`), so a page's keys are
 * read by an index-only scan, sorted, cut, and only the page's rows are then read from the table
 * (src/db/read-only-rows.ts). Before, PostgreSQL read every matching row from the table to sort
 * them: ~2,000 rows for a page of 100 over a county's forty departments. Built in the migration's
 * transaction (writes to sanctions wait for it: about a second per million rows).
 */
export class Migration20261126000013PageKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index if not exists "sanction_category_path_decision_id_idx" on "sanction" ("category", "unit_path" text_pattern_ops, "decision_date") include ("id");');
    this.addSql('drop index if exists "sanction_category_path_decision_idx";');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
