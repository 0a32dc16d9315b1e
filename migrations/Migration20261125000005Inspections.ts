import { Migration } from '@mikro-orm/migrations';

/**
 * Inspection tours (巡察): the common-problem list, tours with their inspected units and
 * inspection group, findings, monthly rectification reports, and the INSPECTION_GROUP role
 * whose grants are bound to a tour.
 *
 * `alter type ... add value` may run inside the migrations' transaction, but the new value
 * cannot be used before that transaction commits: nothing here inserts a row with it.
 */
export class Migration20261125000005Inspections extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter type "role" add value if not exists 'INSPECTION_GROUP';`);
    this.addSql(`create type "finding_severity" as enum ('MINOR', 'GENERAL', 'SERIOUS');`);

    this.addSql(`create table "problem_category" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "code" text not null,
      "name" text not null,
      "sort_order" int not null,
      constraint "problem_category_code_unique" unique ("code")
    );`);
    this.addSql(`create table "problem_item" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "category_id" int not null references "problem_category" ("id") on update cascade,
      "code" text not null,
      "name" text not null,
      "sort_order" int not null,
      constraint "problem_item_code_unique" unique ("code")
    );`);
    this.addSql('create index "problem_item_category_id_index" on "problem_item" ("category_id");');

    this.addSql(`create table "inspection_tour" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      "round" text not null,
      "name" text not null,
      "organizer_unit_id" int not null references "unit" ("id") on update cascade,
      "unit_path" text not null,
      "start_date" date not null,
      "end_date" date not null,
      constraint "inspection_tour_period" check ("end_date" >= "start_date")
    );`);
    this.addSql('create index "inspection_tour_unit_path_idx" on "inspection_tour" ("unit_path" text_pattern_ops);');
    this.addSql('create index "inspection_tour_period_index" on "inspection_tour" ("start_date", "end_date");');

    this.addSql(`create table "inspection_tour_unit" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "tour_id" int not null references "inspection_tour" ("id") on update cascade on delete cascade,
      "unit_id" int not null references "unit" ("id") on update cascade,
      "unit_path" text not null,
      "added_on" date not null,
      constraint "inspection_tour_unit_unique" unique ("tour_id", "unit_id")
    );`);
    this.addSql('create index "inspection_tour_unit_unit_path_idx" on "inspection_tour_unit" ("unit_path" text_pattern_ops);');
    this.addSql('create index "inspection_tour_unit_unit_id_index" on "inspection_tour_unit" ("unit_id");');

    this.addSql(`create table "inspection_group_member" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "tour_id" int not null references "inspection_tour" ("id") on update cascade on delete cascade,
      "official_id" int not null references "official" ("id") on update cascade,
      "is_leader" boolean not null default false,
      constraint "inspection_group_member_unique" unique ("tour_id", "official_id")
    );`);
    this.addSql('create unique index "inspection_group_one_leader" on "inspection_group_member" ("tour_id") where "is_leader";');
    this.addSql('create index "inspection_group_member_official_id_index" on "inspection_group_member" ("official_id");');

    // clue_id names the problem clue a finding was handed over as (problem_clue, the clues module's table).
    this.addSql(`create table "inspection_finding" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      "tour_id" int not null references "inspection_tour" ("id") on update cascade,
      "unit_id" int not null references "unit" ("id") on update cascade,
      "unit_path" text not null,
      "item_id" int not null references "problem_item" ("id") on update cascade,
      "severity" "finding_severity" not null,
      "description" text not null,
      "found_on" date not null,
      "handed_over_on" date null,
      "clue_id" int null
    );`);
    this.addSql('create index "inspection_finding_unit_path_idx" on "inspection_finding" ("unit_path" text_pattern_ops);');
    this.addSql('create index "inspection_finding_tour_id_index" on "inspection_finding" ("tour_id");');
    this.addSql('create index "inspection_finding_item_id_index" on "inspection_finding" ("item_id");');

    this.addSql(`create table "inspection_monthly_report" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      "tour_id" int not null references "inspection_tour" ("id") on update cascade,
      "unit_path" text not null,
      "month" text not null,
      "text" text not null,
      "filed_on" date not null,
      "filed_by_role" "role" not null,
      constraint "inspection_monthly_report_month_format" check ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      constraint "inspection_monthly_report_tour_month_unique" unique ("tour_id", "month")
    );`);

    // 巡察移交: the clue a finding became, and the tour a clue came from (problem_clue is created by an earlier migration).
    this.addSql('alter table "inspection_finding" add constraint "inspection_finding_clue_id_foreign" foreign key ("clue_id") references "problem_clue" ("id") on update cascade on delete set null deferrable initially deferred;');
    this.addSql('alter table "problem_clue" add constraint "problem_clue_inspection_tour_id_foreign" foreign key ("inspection_tour_id") references "inspection_tour" ("id") on update cascade on delete set null deferrable initially deferred;');

    // An INSPECTION_GROUP grant is bound to a tour; the same account may be granted several tours.
    this.addSql('alter table "role_grant" add column "tour_id" int null;');
    this.addSql('alter table "role_grant" add constraint "role_grant_tour_id_foreign" foreign key ("tour_id") references "inspection_tour" ("id") on update cascade on delete set null;');
    this.addSql('create index "role_grant_tour_id_index" on "role_grant" ("tour_id");');
    this.addSql('drop index "role_grant_active_unique";');
    this.addSql('create unique index "role_grant_active_unique" on "role_grant" ("account_id", "role", coalesce("unit_id", 0), coalesce("team_id", 0), coalesce("tour_id", 0)) where "revoked_at" is null;');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
