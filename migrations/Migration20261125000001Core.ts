import { Migration } from '@mikro-orm/migrations';

/** The core records: units, officials, teams, letters, pledges, sanctions, accounts and grants. */
export class Migration20261125000001Core extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "unit_kind" as enum ('COUNTY', 'TOWNSHIP', 'DEPARTMENT', 'DISCIPLINE_COMMISSION', 'VILLAGE', 'STATE_ENTERPRISE', 'PUBLIC_INSTITUTION');`);
    this.addSql(`create type "party_org_kind" as enum ('PARTY_COMMITTEE', 'PARTY_GROUP', 'GENERAL_BRANCH', 'BRANCH');`);
    this.addSql(`create type "warning_level" as enum ('YELLOW', 'ORANGE', 'RED');`);
    this.addSql(`create type "official_rank" as enum ('COUNTY_PRINCIPAL', 'COUNTY_DEPUTY', 'SECTION_PRINCIPAL', 'SECTION_DEPUTY', 'STAFF', 'VILLAGE_CADRE');`);
    this.addSql(`create type "sanction_category" as enum ('PARTY_DISCIPLINE', 'GOVERNMENT', 'ACCOUNTABILITY', 'ORGANISATIONAL', 'EDUCATION', 'JUDICIAL');`);
    this.addSql(`create type "sanction_kind" as enum ('WARNING', 'SERIOUS_WARNING', 'REMOVAL_FROM_PARTY_POST', 'PARTY_PROBATION', 'EXPULSION_FROM_PARTY', 'DEMERIT', 'MAJOR_DEMERIT', 'DEMOTION', 'DISMISSAL_FROM_POST', 'EXPULSION', 'CIRCULATED_CRITICISM', 'ADMONISHMENT', 'ORGANISATIONAL_HANDLING', 'INSPECTION', 'CIRCULATION', 'REORGANISATION', 'SUSPENSION_FOR_REVIEW', 'POST_ADJUSTMENT', 'ORDERED_RESIGNATION', 'REMOVAL_FROM_POST', 'DEMOTION_IN_POST', 'CRITICISM_EDUCATION', 'REMINDER_TALK', 'WRITTEN_SELF_CRITICISM', 'TRANSFERRED_TO_JUDICIARY');`);
    this.addSql(`create type "influence_period_type" as enum ('NONE', 'UNTIL_DATE', 'PERMANENT', 'UNTIL_UPDATED');`);
    this.addSql(`create type "four_forms" as enum ('FIRST', 'SECOND', 'THIRD', 'FOURTH');`);
    this.addSql(`create type "letter_status" as enum ('DRAFT', 'SIGNED', 'PUBLISHED', 'ASSESSED');`);
    this.addSql(`create type "item_kind" as enum ('MANDATORY', 'SELF_CHOSEN');`);
    this.addSql(`create type "disclosure_channel" as enum ('WEBSITE', 'BULLETIN_BOARD', 'TV', 'MEETING');`);
    this.addSql(`create type "grade" as enum ('EXCELLENT', 'GOOD', 'FAIR', 'POOR');`);
    this.addSql(`create type "account_kind" as enum ('PERSON', 'SERVICE');`);
    this.addSql(`create type "role" as enum ('PARTY_COMMITTEE', 'DISCIPLINE_COMMISSION', 'DISPATCHED_TEAM', 'UNIT', 'ORGANIZATION_DEPT', 'PETITION_SYSTEM', 'SYSTEM_ADMIN', 'SECURITY_ADMIN', 'AUDIT_ADMIN');`);
    this.addSql(`create type "assessment_period" as enum ('HALF_YEAR', 'YEAR_END');`);
    this.addSql(`create table "unit" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "code" text not null, "name" text not null, "kind" "unit_kind" not null, "party_org_kind" "party_org_kind" not null, "parent_id" int null, "path" text not null, "depth" int not null, "warning_level" "warning_level" null, "warning_reason" text null);`);
    this.addSql(`alter table "unit" add constraint "unit_code_unique" unique ("code");`);
    this.addSql(`create index "unit_parent_id_index" on "unit" ("parent_id");`);
    this.addSql(`alter table "unit" add constraint "unit_path_unique" unique ("path");`);
    this.addSql(`create index "unit_path_pattern_idx" on "unit" ("path" text_pattern_ops);`);
    this.addSql(`create table "official" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "name" text not null, "unit_id" int not null, "unit_path" text not null, "post" text not null, "rank" "official_rank" not null, "is_principal" boolean not null default false, "identity_number" text null, "phone" text null);`);
    this.addSql(`create index "official_name_index" on "official" ("name");`);
    this.addSql(`create index "official_unit_id_index" on "official" ("unit_id");`);
    this.addSql(`create index "official_identity_number_index" on "official" ("identity_number");`);
    this.addSql(`create index "official_unit_path_idx" on "official" ("unit_path" text_pattern_ops);`);
    this.addSql(`create table "sanction" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "official_id" int null, "unit_id" int not null, "unit_path" text not null, "category" "sanction_category" not null, "kind" "sanction_kind" not null, "decision_date" date not null, "effective_date" date not null, "probation_months" int null, "influence_months" int null, "influence_type" "influence_period_type" not null, "influence_end" date null, "four_forms" "four_forms" not null, "deciding_organ" text not null, "decision_number" text null, "publicly_named" boolean not null default false, "reason_summary" text not null, "case_facts" text null, "evidence_refs" jsonb null, "primary_sanction_id" int null, "revoked" boolean not null default false, "revoked_date" date null, "revoke_reason" text null);`);
    this.addSql(`create index "sanction_official_id_index" on "sanction" ("official_id");`);
    this.addSql(`create index "sanction_unit_id_index" on "sanction" ("unit_id");`);
    this.addSql(`create index "sanction_primary_sanction_id_index" on "sanction" ("primary_sanction_id");`);
    this.addSql(`create index "sanction_unit_path_idx" on "sanction" ("unit_path" text_pattern_ops);`);
    this.addSql(`create index "sanction_influence_end_index" on "sanction" ("influence_end");`);
    this.addSql(`create index "sanction_category_decision_date_index" on "sanction" ("category", "decision_date");`);
    this.addSql(`create table "responsibility_letter" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "year" int not null, "title" text not null, "issuer_unit_id" int not null, "issuer_path" text not null, "unit_id" int not null, "unit_path" text not null, "principal_id" int null, "status" "letter_status" not null default 'DRAFT', "signed_date" date null, "published_date" date null);`);
    this.addSql(`create index "responsibility_letter_unit_id_index" on "responsibility_letter" ("unit_id");`);
    this.addSql(`create index "letter_unit_path_idx" on "responsibility_letter" ("unit_path" text_pattern_ops);`);
    this.addSql(`create index "responsibility_letter_year_unit_path_index" on "responsibility_letter" ("year", "unit_path");`);
    this.addSql(`create table "responsibility_item" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "letter_id" int not null, "unit_path" text not null, "kind" "item_kind" not null, "content" text not null, "measures" text not null, "deadline" date not null, "progress" text null, "progress_percent" int null, "progress_reported_on" date null);`);
    this.addSql(`create index "responsibility_item_letter_id_index" on "responsibility_item" ("letter_id");`);
    this.addSql(`create table "pledge" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "official_id" int not null, "unit_id" int not null, "unit_path" text not null, "year" int not null, "title" text not null, "items" jsonb not null, "signed_date" date not null, "disclosure_channel" "disclosure_channel" null, "disclosed_date" date null, "evaluation_grade" "grade" null, "evaluation_comment" text null, "evaluated_date" date null);`);
    this.addSql(`create index "pledge_official_id_index" on "pledge" ("official_id");`);
    this.addSql(`create index "pledge_year_index" on "pledge" ("year");`);
    this.addSql(`create index "pledge_unit_path_idx" on "pledge" ("unit_path" text_pattern_ops);`);
    this.addSql(`create table "official_in_charge_unit" ("official_id" int not null, "unit_id" int not null, constraint "official_in_charge_unit_pkey" primary key ("official_id", "unit_id"));`);
    this.addSql(`create table "account" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "username" text not null, "display_name" text not null, "kind" "account_kind" not null, "official_id" int null, "disabled" boolean not null default false);`);
    this.addSql(`alter table "account" add constraint "account_username_unique" unique ("username");`);
    this.addSql(`create table "dispatched_team" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "code" text not null, "name" text not null, "commission_unit_id" int not null, "unit_path" text not null);`);
    this.addSql(`alter table "dispatched_team" add constraint "dispatched_team_code_unique" unique ("code");`);
    this.addSql(`create table "supervision_assignment" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "team_id" int not null, "unit_id" int not null, "unit_path" text not null, "team_unit_path" text not null, "valid_from" date not null, "valid_to" date null);`);
    this.addSql(`create index "supervision_assignment_unit_id_index" on "supervision_assignment" ("unit_id");`);
    this.addSql(`create index "supervision_assignment_team_id_valid_from_index" on "supervision_assignment" ("team_id", "valid_from");`);
    this.addSql(`create table "role_grant" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "account_id" int not null, "role" "role" not null, "unit_id" int null, "team_id" int null, "granted_at" timestamptz not null, "revoked_at" timestamptz null);`);
    this.addSql(`create index "role_grant_account_id_revoked_at_index" on "role_grant" ("account_id", "revoked_at");`);
    this.addSql(`create table "assessment" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "letter_id" int not null, "unit_id" int not null, "unit_path" text not null, "year" int not null, "period" "assessment_period" not null, "score" numeric(5,2) null, "grade" "grade" null, "vetoed" boolean not null default false, "veto_reason" text null, "veto_proposed" boolean not null default false, "veto_proposal_reason" text null, "assessed_date" date null);`);
    this.addSql(`create index "assessment_unit_path_idx" on "assessment" ("unit_path" text_pattern_ops);`);
    this.addSql(`alter table "assessment" add constraint "assessment_letter_id_period_unique" unique ("letter_id", "period");`);
    this.addSql(`alter table "unit" add constraint "unit_parent_id_foreign" foreign key ("parent_id") references "unit" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "official" add constraint "official_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`);
    this.addSql(`alter table "sanction" add constraint "sanction_official_id_foreign" foreign key ("official_id") references "official" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "sanction" add constraint "sanction_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`);
    this.addSql(`alter table "sanction" add constraint "sanction_primary_sanction_id_foreign" foreign key ("primary_sanction_id") references "sanction" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "responsibility_letter" add constraint "responsibility_letter_issuer_unit_id_foreign" foreign key ("issuer_unit_id") references "unit" ("id") on update cascade;`);
    this.addSql(`alter table "responsibility_letter" add constraint "responsibility_letter_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`);
    this.addSql(`alter table "responsibility_letter" add constraint "responsibility_letter_principal_id_foreign" foreign key ("principal_id") references "official" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "responsibility_item" add constraint "responsibility_item_letter_id_foreign" foreign key ("letter_id") references "responsibility_letter" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pledge" add constraint "pledge_official_id_foreign" foreign key ("official_id") references "official" ("id") on update cascade;`);
    this.addSql(`alter table "pledge" add constraint "pledge_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`);
    this.addSql(`alter table "official_in_charge_unit" add constraint "official_in_charge_unit_official_id_foreign" foreign key ("official_id") references "official" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "official_in_charge_unit" add constraint "official_in_charge_unit_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account" add constraint "account_official_id_foreign" foreign key ("official_id") references "official" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "dispatched_team" add constraint "dispatched_team_commission_unit_id_foreign" foreign key ("commission_unit_id") references "unit" ("id") on update cascade;`);
    this.addSql(`alter table "supervision_assignment" add constraint "supervision_assignment_team_id_foreign" foreign key ("team_id") references "dispatched_team" ("id") on update cascade;`);
    this.addSql(`alter table "supervision_assignment" add constraint "supervision_assignment_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`);
    this.addSql(`alter table "role_grant" add constraint "role_grant_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "role_grant" add constraint "role_grant_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "role_grant" add constraint "role_grant_team_id_foreign" foreign key ("team_id") references "dispatched_team" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "assessment" add constraint "assessment_letter_id_foreign" foreign key ("letter_id") references "responsibility_letter" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "assessment" add constraint "assessment_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`);
    this.addSql(`alter table "sanction" add constraint "sanction_effective_after_decision" check ("effective_date" >= "decision_date");`);
    this.addSql(`alter table "assessment" add constraint "assessment_score_range" check ("score" is null or ("score" >= 0 and "score" <= 100));`);
    this.addSql(`alter table "responsibility_item" add constraint "item_progress_percent_range" check ("progress_percent" is null or ("progress_percent" between 0 and 100));`);
    this.addSql(`alter table "supervision_assignment" add constraint "assignment_valid_range" check ("valid_to" is null or "valid_to" >= "valid_from");`);
    this.addSql(`create unique index "role_grant_active_unique" on "role_grant" ("account_id", "role", coalesce("unit_id", 0), coalesce("team_id", 0)) where "revoked_at" is null;`);
    this.addSql(`create unique index "letter_unit_year_unique" on "responsibility_letter" ("unit_id", "year");`);
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
