import { Migration } from '@mikro-orm/migrations';

/**
 * Performance: composite indexes for the batched nested pages (one windowed statement per level:
 * `partition by <parent> order by id`), so each parent's first rows come from an index range
 * instead of a sort of all its children; and the remaining foreign keys read per parent.
 */
export class Migration20261125000010Performance extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index if not exists "official_unit_id_id_idx" on "official" ("unit_id", "id");');
    this.addSql('create index if not exists "sanction_official_id_id_idx" on "sanction" ("official_id", "id");');
    this.addSql('create index if not exists "unit_parent_id_id_idx" on "unit" ("parent_id", "id");');
    this.addSql('create index if not exists "assessment_letter_id_idx" on "assessment" ("letter_id");');
    this.addSql('create index if not exists "sanction_category_path_decision_idx" on "sanction" ("category", "unit_path" text_pattern_ops, "decision_date");');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
