import { Migration } from '@mikro-orm/migrations';

/**
 * Rectifications (整改事项, the "four lists and one table" row) with their monthly progress
 * reports, and the history of units' yellow / orange / red warnings (黄橙红预警).
 *
 * source_clue_id, source_finding_id and campaign_id are plain integers: their tables belong to
 * migrations that run around this one, and their constraints are added when they are wired.
 */
export class Migration20261125000004Rectifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "rectification_status" as enum ('IMMEDIATE', 'IN_PROGRESS', 'PENDING', 'COMPLETED');`);
    this.addSql(`create type "finding_origin" as enum ('SELF_FOUND', 'EXTERNAL');`);
    this.addSql(`create type "rectification_source" as enum ('CLUE', 'INSPECTION_FINDING', 'ASSESSMENT', 'DAILY_SUPERVISION');`);

    this.addSql(`create table "rectification" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      "unit_id" int not null,
      "unit_path" text not null,
      "responsible_official_id" int null,
      "problem" text not null,
      "measures" text not null,
      "deadline" date not null,
      "status" "rectification_status" not null default 'PENDING',
      "origin" "finding_origin" not null,
      "source" "rectification_source" not null,
      "source_clue_id" int null,
      "source_finding_id" int null,
      "source_assessment_id" int null,
      "campaign_id" int null,
      "found_date" date not null,
      "registered_date" date not null,
      "completed_date" date null,
      "verified_by_id" int null,
      "verification_note" text null,
      "verification_date" date null
    );`);
    this.addSql(`create index "rectification_unit_path_idx" on "rectification" ("unit_path" text_pattern_ops);`);
    this.addSql(`create index "rectification_unit_id_index" on "rectification" ("unit_id");`);
    this.addSql(`create index "rectification_deadline_status_index" on "rectification" ("deadline", "status");`);
    this.addSql(`create index "rectification_campaign_id_index" on "rectification" ("campaign_id");`);
    this.addSql(`create index "rectification_found_date_index" on "rectification" ("found_date");`);
    this.addSql(`alter table "rectification" add constraint "rectification_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`);
    this.addSql(`alter table "rectification" add constraint "rectification_responsible_official_id_foreign" foreign key ("responsible_official_id") references "official" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "rectification" add constraint "rectification_source_assessment_id_foreign" foreign key ("source_assessment_id") references "assessment" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "rectification" add constraint "rectification_verified_by_id_foreign" foreign key ("verified_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "rectification" add constraint "rectification_completed_written_off" check (("status" = 'COMPLETED') = ("completed_date" is not null));`);
    this.addSql(`alter table "rectification" add constraint "rectification_deadline_after_registration" check ("deadline" >= "registered_date");`);
    this.addSql(`alter table "rectification" add constraint "rectification_source_reference" check (
      ("source" <> 'CLUE' or "source_clue_id" is not null)
      and ("source" <> 'INSPECTION_FINDING' or "source_finding_id" is not null)
      and ("source" <> 'ASSESSMENT' or "source_assessment_id" is not null));`);

    this.addSql(`create table "rectification_report" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      "rectification_id" int not null,
      "unit_path" text not null,
      "month" text not null,
      "content" text not null,
      "percent" int not null,
      "reported_date" date not null,
      "reported_by_id" int null
    );`);
    this.addSql(`alter table "rectification_report" add constraint "rectification_report_rectification_id_month_unique" unique ("rectification_id", "month");`);
    this.addSql(`create index "rectification_report_unit_path_idx" on "rectification_report" ("unit_path" text_pattern_ops);`);
    this.addSql(`alter table "rectification_report" add constraint "rectification_report_rectification_id_foreign" foreign key ("rectification_id") references "rectification" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "rectification_report" add constraint "rectification_report_reported_by_id_foreign" foreign key ("reported_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "rectification_report" add constraint "rectification_report_month_format" check ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');`);
    this.addSql(`alter table "rectification_report" add constraint "rectification_report_percent_range" check ("percent" between 0 and 100);`);

    this.addSql(`create table "warning" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "unit_id" int not null,
      "unit_path" text not null,
      "level" "warning_level" not null,
      "reason" text not null,
      "issued_date" date not null,
      "issued_by_id" int null,
      "lifted_date" date null,
      "lifted_by_id" int null,
      "lift_reason" text null
    );`);
    this.addSql(`create index "warning_unit_id_index" on "warning" ("unit_id");`);
    this.addSql(`create index "warning_unit_path_idx" on "warning" ("unit_path" text_pattern_ops);`);
    this.addSql(`create unique index "warning_one_active_per_unit" on "warning" ("unit_id") where "lifted_date" is null;`);
    this.addSql(`alter table "warning" add constraint "warning_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`);
    this.addSql(`alter table "warning" add constraint "warning_issued_by_id_foreign" foreign key ("issued_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "warning" add constraint "warning_lifted_by_id_foreign" foreign key ("lifted_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "warning" add constraint "warning_lifted_after_issued" check ("lifted_date" is null or "lifted_date" >= "issued_date");`);
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
