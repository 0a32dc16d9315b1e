import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox of status events for petition systems, written in the transaction of each status
 * change and delivered as signed webhooks, and each system's webhook endpoint. The endpoint's
 * signing secret is kept only sealed (AES-256-GCM under a PETITION_KEYS key, its id stored).
 */
export class Migration20261125000011Outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "webhook_endpoint" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "account_id" int not null references "account" ("id") on update cascade on delete cascade,
      "url" text not null,
      "secret_key_id" text not null,
      "secret_enc" text not null,
      "secret_set_at" timestamptz not null default now(),
      constraint "webhook_endpoint_account_unique" unique ("account_id"),
      constraint "webhook_endpoint_url_http" check ("url" ~ '^https?://')
    );`);

    // petition_id has no foreign key: the outbox outlives nothing and references no table it does not own
    this.addSql(`create table "outbox_event" (
      "id" serial primary key,
      "event_id" uuid not null,
      "account_id" int not null references "account" ("id") on update cascade on delete cascade,
      "petition_id" int not null,
      "type" text not null,
      "payload" jsonb not null,
      "created_at" timestamptz not null default now(),
      "attempts" int not null default 0,
      "next_attempt_at" timestamptz not null default now(),
      "delivered_at" timestamptz null,
      "dead_at" timestamptz null,
      "last_status" int null,
      "last_error" text null,
      constraint "outbox_event_event_id_unique" unique ("event_id")
    );`);
    this.addSql(`create index "outbox_event_due_idx" on "outbox_event" ("next_attempt_at", "id") where "delivered_at" is null and "dead_at" is null;`);
    this.addSql('create index "outbox_event_account_idx" on "outbox_event" ("account_id", "id");');
    this.addSql('create index "outbox_event_petition_idx" on "outbox_event" ("petition_id");');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
