import { Migration } from '@mikro-orm/migrations';

/**
 * 廉政意见回复: a request from the organisation department and one reply per official. The
 * computed draft is kept beside the answer the commission confirms or amends, so an amendment
 * stays visible in the record.
 */
export class Migration20261125000009Opinions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "opinion_purpose" as enum ('PROMOTION', 'APPOINTMENT', 'AWARD', 'EVALUATION');`);
    this.addSql(`create type "opinion_status" as enum ('DRAFT', 'CONFIRMED', 'SENT');`);
    this.addSql(`create type "opinion_answer" as enum ('NO_OBJECTION', 'OBJECTION', 'PENDING');`);
    this.addSql(
      `create type "opinion_reason" as enum ('IN_INFLUENCE_PERIOD', 'CASE_FILED_NOT_CONCLUDED', 'PRELIMINARY_VERIFICATION', 'TALK_OR_INQUIRY_LETTER');`,
    );
    this.addSql(`create table "integrity_opinion_request" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "purpose" "opinion_purpose" not null,
      "requested_by_id" int not null references "account" ("id"),
      "requester_unit_id" int null references "unit" ("id"),
      "requested_on" date not null,
      "note" text null,
      "official_count" int not null
    );`);
    this.addSql('create index "integrity_opinion_request_requested_by_index" on "integrity_opinion_request" ("requested_by_id", "id");');
    this.addSql('create index "integrity_opinion_request_requester_unit_index" on "integrity_opinion_request" ("requester_unit_id", "id");');
    this.addSql(`create table "integrity_opinion" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      "request_id" int not null references "integrity_opinion_request" ("id") on delete cascade,
      "official_id" int not null references "official" ("id"),
      "unit_path" text not null,
      "status" "opinion_status" not null default 'DRAFT',
      "answer" "opinion_answer" not null,
      "reason_class" "opinion_reason" null,
      "influence_until" date null,
      "computed_answer" "opinion_answer" not null,
      "computed_reason_class" "opinion_reason" null,
      "computed_influence_until" date null,
      "amended" boolean not null default false,
      "amend_note" text null,
      "confirmed_by_id" int null references "account" ("id"),
      "confirmed_at" timestamptz null,
      "sent_by_id" int null references "account" ("id"),
      "sent_at" timestamptz null,
      constraint "integrity_opinion_once" unique ("request_id", "official_id")
    );`);
    this.addSql('create index "integrity_opinion_official_index" on "integrity_opinion" ("official_id", "id");');
    this.addSql('create index "integrity_opinion_unit_path_idx" on "integrity_opinion" ("unit_path" text_pattern_ops);');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
