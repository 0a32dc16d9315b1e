import { Migration } from '@mikro-orm/migrations';

/** Reminders: one row per recipient account, record and kind (due soon, overdue) and due date. */
export class Migration20261125000007Reminders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "reminder_kind" as enum ('DUE_SOON', 'OVERDUE');`);
    this.addSql(`create table "reminder" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "account_id" int not null references "account" ("id") on delete cascade,
      "kind" "reminder_kind" not null,
      "record_type" text not null,
      "record_id" int not null,
      "title" text not null,
      "due_date" date not null,
      "read_at" timestamptz null,
      constraint "reminder_once" unique ("account_id", "record_type", "record_id", "kind", "due_date")
    );`);
    this.addSql('create index "reminder_account_index" on "reminder" ("account_id", "id");');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
