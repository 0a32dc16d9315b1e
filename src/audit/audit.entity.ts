import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { AuditField, AuditOutcome } from './chain';

/**
 * 审计日志: append-only and hash-chained. The application's database role may only INSERT and
 * SELECT it (see the migration); this entity is used to read it.
 */
@Entity({ tableName: 'audit_log' })
@Index({ properties: ['accountId', 'at'] })
@Index({ properties: ['recordType', 'recordId'] })
export class AuditRecord {
  static readonly typename = 'AuditRecord';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;

  @Property({ type: 'text' })
  requestId!: string;

  @Property({ type: 'integer', nullable: true })
  accountId?: number | null;

  @Property({ type: 'text', nullable: true })
  accountUsername?: string | null;

  @Property({ type: 'json' })
  grants!: string[];

  @Property({ type: 'text', nullable: true })
  clientAddress?: string | null;

  @Property({ type: 'text', nullable: true })
  operationName?: string | null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text', nullable: true })
  recordType?: string | null;

  @Property({ type: 'integer', nullable: true })
  recordId?: number | null;

  @Property({ type: 'json' })
  fields!: AuditField[];

  @Property({ type: 'text' })
  outcome!: AuditOutcome;

  @Property({ type: 'text', nullable: true })
  detail?: string | null;

  @Property({ type: 'text' })
  prevHash!: string;

  @Property({ type: 'text', unique: true })
  hash!: string;
}
