import { Migration } from '@mikro-orm/migrations';

/**
 * Campaigns (专项行动 / 专项整治) with their supervised batches (挂牌督办批次), problem clues
 * (问题线索) with their subject officials and lifecycle history, and the link from a sanction to
 * the clue whose case led to it.
 */
export class Migration20261125000003Clues extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "campaign_kind" as enum ('SPECIAL_ACTION', 'SPECIAL_RECTIFICATION');`);
    this.addSql(`create type "clue_source" as enum ('PETITION', 'INSPECTION_TOUR', 'AUDIT', 'DAILY_SUPERVISION', 'MEDIA_EXPOSURE', 'BIG_DATA', 'TRANSFER', 'SELF_REPORT');`);
    this.addSql(`create type "clue_status" as enum ('RECEIVED', 'TALK_OR_INQUIRY_LETTER', 'PRELIMINARY_VERIFICATION', 'SHELVED', 'CLOSED', 'TALK_CONCLUDED', 'CASE_FILED', 'CASE_CONCLUDED', 'CLEARED');`);
    this.addSql(`create type "clue_disposition" as enum ('TALK_OR_INQUIRY_LETTER', 'PRELIMINARY_VERIFICATION', 'SHELVED', 'CLOSED');`);

    this.addSql(`create table "campaign" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      "name" text not null,
      "kind" "campaign_kind" not null,
      "theme" text not null,
      "period_start" date not null,
      "period_end" date not null,
      "lead_unit_id" int not null references "unit" ("id") on update cascade,
      "unit_path" text not null,
      constraint "campaign_period_range" check ("period_end" >= "period_start")
    );`);
    this.addSql('create index "campaign_lead_unit_id_index" on "campaign" ("lead_unit_id");');
    this.addSql('create index "campaign_unit_path_idx" on "campaign" ("unit_path" text_pattern_ops);');

    this.addSql(`create table "campaign_batch" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "campaign_id" int not null references "campaign" ("id") on update cascade on delete cascade,
      "number" int not null check ("number" >= 1),
      "name" text not null,
      "listed_on" date not null,
      constraint "campaign_batch_campaign_id_number_unique" unique ("campaign_id", "number")
    );`);
    this.addSql('create index "campaign_batch_campaign_id_index" on "campaign_batch" ("campaign_id");');

    this.addSql(`create table "problem_clue" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      "source" "clue_source" not null,
      "unit_id" int not null references "unit" ("id") on update cascade,
      "unit_path" text not null,
      "summary" text not null,
      "details" text null,
      "received_on" date not null,
      "campaign_id" int null references "campaign" ("id") on update cascade on delete set null,
      "batch_id" int null references "campaign_batch" ("id") on update cascade on delete set null,
      "handler_id" int null references "account" ("id") on update cascade on delete set null,
      "deadline" date null,
      "status" "clue_status" not null default 'RECEIVED',
      "disposition" "clue_disposition" null,
      "disposition_reason" text null,
      "decided_by_id" int null references "account" ("id") on update cascade on delete set null,
      "decided_on" date null,
      "case_filed_on" date null,
      "concluded_on" date null,
      "conclusion" text null,
      "cleared_on" date null,
      "clearing_note" text null,
      "recovered_money" numeric(14,2) null,
      "inspection_tour_id" int null,
      constraint "problem_clue_deadline_after_receipt" check ("deadline" is null or "deadline" >= "received_on"),
      constraint "problem_clue_recovered_money_positive" check ("recovered_money" is null or "recovered_money" >= 0),
      constraint "problem_clue_batch_needs_campaign" check ("batch_id" is null or "campaign_id" is not null)
    );`);
    this.addSql('create index "problem_clue_unit_id_index" on "problem_clue" ("unit_id");');
    this.addSql('create index "problem_clue_unit_path_idx" on "problem_clue" ("unit_path" text_pattern_ops);');
    this.addSql('create index "problem_clue_campaign_id_index" on "problem_clue" ("campaign_id");');
    this.addSql('create index "problem_clue_batch_id_index" on "problem_clue" ("batch_id");');
    this.addSql('create index "problem_clue_handler_id_index" on "problem_clue" ("handler_id");');
    this.addSql('create index "problem_clue_inspection_tour_id_index" on "problem_clue" ("inspection_tour_id");');
    this.addSql('create index "problem_clue_status_deadline_index" on "problem_clue" ("status", "deadline");');

    this.addSql(`create table "problem_clue_subject" (
      "clue_id" int not null references "problem_clue" ("id") on update cascade on delete cascade,
      "official_id" int not null references "official" ("id") on update cascade on delete cascade,
      constraint "problem_clue_subject_pkey" primary key ("clue_id", "official_id")
    );`);
    this.addSql('create index "problem_clue_subject_official_id_index" on "problem_clue_subject" ("official_id");');

    this.addSql(`create table "problem_clue_event" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "clue_id" int not null references "problem_clue" ("id") on update cascade on delete cascade,
      "from_status" "clue_status" null,
      "to_status" "clue_status" not null,
      "occurred_on" date not null,
      "account_id" int null references "account" ("id") on update cascade on delete set null,
      "note" text null
    );`);
    this.addSql('create index "problem_clue_event_clue_id_index" on "problem_clue_event" ("clue_id");');

    // 结案: the sanctions a concluded case led to point back at its clue
    this.addSql('alter table "sanction" add column "clue_id" int null references "problem_clue" ("id") on update cascade on delete set null;');
    this.addSql('create index "sanction_clue_id_index" on "sanction" ("clue_id");');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
