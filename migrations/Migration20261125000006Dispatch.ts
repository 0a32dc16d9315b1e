import { Migration } from '@mikro-orm/migrations';

/**
 * 主体责任派单: quarterly dispatch lists a party committee issues to a leader, their items, and
 * the leader's fulfilment report per item.
 *
 * Every table copies the scope paths of its list (the leader's unit path and the issuing unit's
 * path) and the leader's official id, so that a row's visibility is one predicate without joins.
 * The deadline of an item is `dispatch_item.deadline`; an item is completed when its report has
 * `done = true`.
 */
export class Migration20261125000006Dispatch extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "dispatch_kind" as enum ('REGULAR', 'ADDITIONAL');`);
    this.addSql(`create type "dispatch_status" as enum ('DRAFT', 'ISSUED', 'CLOSED');`);

    this.addSql(`create table "dispatch_list" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      "year" int not null,
      "quarter" int not null,
      "kind" "dispatch_kind" not null,
      "title" text not null,
      "issuer_unit_id" int not null references "unit" ("id") on update cascade,
      "issuer_path" text not null,
      "leader_id" int not null references "official" ("id") on update cascade,
      "unit_id" int not null references "unit" ("id") on update cascade,
      "unit_path" text not null,
      "status" "dispatch_status" not null default 'DRAFT',
      "issued_date" date null,
      "closed_date" date null,
      constraint "dispatch_list_quarter_range" check ("quarter" between 1 and 4),
      constraint "dispatch_list_year_range" check ("year" between 2000 and 2100),
      constraint "dispatch_list_issued_date" check ("status" = 'DRAFT' or "issued_date" is not null)
    );`);
    this.addSql('create index "dispatch_list_unit_path_idx" on "dispatch_list" ("unit_path" text_pattern_ops);');
    this.addSql('create index "dispatch_list_issuer_path_idx" on "dispatch_list" ("issuer_path" text_pattern_ops);');
    this.addSql('create index "dispatch_list_leader_period_index" on "dispatch_list" ("leader_id", "year", "quarter");');
    this.addSql('create index "dispatch_list_period_index" on "dispatch_list" ("year", "quarter");');
    // 按季派单: one regular list per leader and quarter; additional lists (适时增派单) are not limited
    this.addSql(`create unique index "dispatch_list_regular_unique" on "dispatch_list" ("leader_id", "year", "quarter") where "kind" = 'REGULAR';`);

    this.addSql(`create table "dispatch_item" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      "list_id" int not null references "dispatch_list" ("id") on update cascade on delete cascade,
      "leader_id" int not null references "official" ("id") on update cascade,
      "unit_path" text not null,
      "issuer_path" text not null,
      "position" int not null,
      "task" text not null,
      "measures" text not null,
      "deadline" date not null
    );`);
    this.addSql('create index "dispatch_item_list_id_index" on "dispatch_item" ("list_id");');
    this.addSql('create index "dispatch_item_deadline_index" on "dispatch_item" ("deadline");');
    this.addSql('create index "dispatch_item_unit_path_idx" on "dispatch_item" ("unit_path" text_pattern_ops);');
    this.addSql('create index "dispatch_item_issuer_path_idx" on "dispatch_item" ("issuer_path" text_pattern_ops);');
    this.addSql('create index "dispatch_item_leader_id_index" on "dispatch_item" ("leader_id");');

    this.addSql(`create table "dispatch_item_report" (
      "id" serial primary key,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      "item_id" int not null references "dispatch_item" ("id") on update cascade on delete cascade,
      "list_id" int not null references "dispatch_list" ("id") on update cascade on delete cascade,
      "leader_id" int not null references "official" ("id") on update cascade,
      "unit_path" text not null,
      "issuer_path" text not null,
      "content" text not null,
      "percent" int null,
      "done" boolean not null default false,
      "reported_date" date not null,
      constraint "dispatch_item_report_item_unique" unique ("item_id"),
      constraint "dispatch_item_report_percent_range" check ("percent" is null or ("percent" between 0 and 100)),
      constraint "dispatch_item_report_done_percent" check (not "done" or "percent" = 100)
    );`);
    this.addSql('create index "dispatch_item_report_list_id_index" on "dispatch_item_report" ("list_id");');
    this.addSql('create index "dispatch_item_report_unit_path_idx" on "dispatch_item_report" ("unit_path" text_pattern_ops);');
    this.addSql('create index "dispatch_item_report_issuer_path_idx" on "dispatch_item_report" ("issuer_path" text_pattern_ops);');
    this.addSql('create index "dispatch_item_report_leader_id_index" on "dispatch_item_report" ("leader_id");');
  }

  override async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
