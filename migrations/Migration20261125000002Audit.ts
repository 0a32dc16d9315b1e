import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log (append-only, hash-chained), declared relations between officials (for
 * recusal), and the application's own database role.
 *
 * The service runs its queries as the role `lianzheng_app` (SET ROLE on each connection when
 * the role exists and the connecting user may assume it). That role may only INSERT and SELECT
 * the audit log: PostgreSQL itself refuses its UPDATE, DELETE and TRUNCATE. Where the migrating
 * user may not create roles, a database administrator creates `lianzheng_app` and runs the grants
 * below; the service then works the same.
 */
export class Migration20261125000002Audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_log" (
      "id" bigserial primary key,
      "at" timestamptz not null,
      "request_id" text not null,
      "account_id" int null,
      "account_username" text null,
      "grants" jsonb not null default '[]',
      "client_address" text null,
      "operation_name" text null,
      "action" text not null,
      "record_type" text null,
      "record_id" int null,
      "fields" jsonb not null default '[]',
      "outcome" text not null check ("outcome" in ('ALLOWED', 'MASKED', 'DENIED')),
      "detail" text null,
      "prev_hash" text not null,
      "hash" text not null unique
    );`);
    this.addSql('create index "audit_log_account_at_index" on "audit_log" ("account_id", "at");');
    this.addSql('create index "audit_log_record_index" on "audit_log" ("record_type", "record_id");');
    this.addSql('create index "audit_log_at_index" on "audit_log" ("at");');

    this.addSql(`create type "relation_kind" as enum ('SPOUSE', 'CHILD', 'PARENT', 'SIBLING');`);
    this.addSql(`create table "official_relation" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "official_id" int not null references "official" ("id") on delete cascade,
      "relative_id" int not null references "official" ("id") on delete cascade,
      "kind" "relation_kind" not null,
      constraint "official_relation_not_self" check ("official_id" <> "relative_id"),
      constraint "official_relation_unique" unique ("official_id", "relative_id")
    );`);
    this.addSql('create index "official_relation_relative_index" on "official_relation" ("relative_id");');

    this.addSql(`do $$
    begin
      if not exists (select from pg_roles where rolname = 'lianzheng_app') then
        begin
          create role lianzheng_app nologin;
        exception
          when duplicate_object or unique_violation then null;
          when insufficient_privilege then raise notice 'cannot create role lianzheng_app: ask the database administrator to create it';
        end;
      end if;
      if exists (select from pg_roles where rolname = 'lianzheng_app') then
        begin
          execute format('grant lianzheng_app to %I', current_user);
        exception when others then null;
        end;
        grant usage on schema public to lianzheng_app;
        grant select, insert, update, delete on all tables in schema public to lianzheng_app;
        grant usage, select on all sequences in schema public to lianzheng_app;
        revoke update, delete, truncate on audit_log from lianzheng_app;
        revoke insert, update, delete, truncate on mikro_orm_migrations from lianzheng_app;
        alter default privileges in schema public grant select, insert, update, delete on tables to lianzheng_app;
        alter default privileges in schema public grant usage, select on sequences to lianzheng_app;
      end if;
    end $$;`);
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
