import { Migration } from '@mikro-orm/migrations';

/**
 * Petitions (信访举报) pushed in by petition systems, the API keys those systems authenticate
 * with, and the petition office role (信访室). Reporter fields are stored only as AES-256-GCM
 * ciphertext with the id of the key that sealed them, so keys can be rotated.
 */
export class Migration20261125000008Petitions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter type "role" add value if not exists 'PETITION_OFFICE';`);
    this.addSql(`create type "petition_channel" as enum ('LETTER', 'VISIT', 'PHONE', 'ONLINE', 'HOTLINE_12388');`);
    this.addSql(`create type "petition_status" as enum ('RECEIVED', 'REGISTERED', 'TRANSFERRED', 'CLUE_CREATED', 'CONCLUDED');`);

    this.addSql(`create table "api_key" (
      "id" serial primary key,
      "account_id" int not null references "account" ("id") on update cascade,
      "prefix" text not null,
      "hash" text not null,
      "created_at" timestamptz not null default now(),
      "revoked_at" timestamptz null,
      "last_used_at" timestamptz null,
      constraint "api_key_prefix_unique" unique ("prefix")
    );`);
    this.addSql('create index "api_key_account_id_index" on "api_key" ("account_id");');

    this.addSql(`create table "petition" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      "system_account_id" int null references "account" ("id") on update cascade on delete set null,
      "external_id" text null,
      "content_hash" text not null,
      "channel" "petition_channel" not null,
      "received_at" timestamptz not null,
      "received_on" date not null,
      "anonymous" boolean not null,
      "reporter_key_id" text null,
      "reporter_enc" text null,
      "subject_official_id" int null references "official" ("id") on update cascade on delete set null,
      "subject_unit_id" int null references "unit" ("id") on update cascade on delete set null,
      "subject_text" text null,
      "subject_unresolved" boolean not null default false,
      "content" text not null,
      "unit_id" int not null references "unit" ("id") on update cascade,
      "unit_path" text not null,
      "status" "petition_status" not null default 'RECEIVED',
      "receipt_code" char(16) not null,
      "probable_repeat_of_id" int null references "petition" ("id") on update cascade on delete set null,
      "accept_deadline" date not null,
      "acceptance_notice_deadline" date null,
      "acceptance_notified_on" date null,
      "registered_on" date null,
      "transferred_on" date null,
      "transfer_unit_id" int null references "unit" ("id") on update cascade on delete set null,
      "transfer_team_id" int null references "dispatched_team" ("id") on update cascade on delete set null,
      "transfer_note" text null,
      "clue_id" int null references "problem_clue" ("id") on update cascade on delete set null,
      "matter_closed_on" date null,
      "result_notice_deadline" date null,
      "concluded_on" date null,
      "feedback" text null,
      constraint "petition_receipt_code_unique" unique ("receipt_code"),
      constraint "petition_system_external_unique" unique ("system_account_id", "external_id"),
      constraint "petition_receipt_code_shape" check ("receipt_code" ~ '^[0-9]{16}$'),
      constraint "petition_reporter_sealed" check (("anonymous" and "reporter_enc" is null) or (not "anonymous" and "reporter_enc" is not null and "reporter_key_id" is not null))
    );`);
    this.addSql('create index "petition_unit_path_idx" on "petition" ("unit_path" text_pattern_ops);');
    this.addSql('create index "petition_status_deadline_idx" on "petition" ("status", "accept_deadline");');
    this.addSql('create index "petition_subject_official_idx" on "petition" ("subject_official_id", "received_on");');
    this.addSql('create index "petition_subject_unit_idx" on "petition" ("subject_unit_id", "received_on");');
    this.addSql('create index "petition_system_account_idx" on "petition" ("system_account_id");');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
