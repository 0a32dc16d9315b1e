import { Migration } from '@mikro-orm/migrations';

/**
 * Statistics and department change feeds: composite indexes that let the figures of a unit's
 * subtree over a period be read from the unit_path prefix and the date column of each record
 * without a full scan, and the (updated_at, id) order of the officials change feed.
 */
export class Migration20261125000012Stats extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index if not exists "problem_clue_path_received_idx" on "problem_clue" ("unit_path" text_pattern_ops, "received_on");');
    this.addSql('create index if not exists "problem_clue_path_filed_idx" on "problem_clue" ("unit_path" text_pattern_ops, "case_filed_on") where "case_filed_on" is not null;');
    this.addSql('create index if not exists "problem_clue_path_concluded_idx" on "problem_clue" ("unit_path" text_pattern_ops, "concluded_on") where "concluded_on" is not null;');
    this.addSql('create index if not exists "problem_clue_path_verified_idx" on "problem_clue" ("unit_path" text_pattern_ops, "decided_on") where "disposition" = \'PRELIMINARY_VERIFICATION\';');
    this.addSql('create index if not exists "sanction_path_decision_idx" on "sanction" ("unit_path" text_pattern_ops, "decision_date");');
    this.addSql('create index if not exists "rectification_path_found_idx" on "rectification" ("unit_path" text_pattern_ops, "found_date");');
    this.addSql('create index if not exists "petition_path_received_idx" on "petition" ("unit_path" text_pattern_ops, "received_on");');
    this.addSql('create index if not exists "official_updated_at_id_idx" on "official" ("updated_at", "id");');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
