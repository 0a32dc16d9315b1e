import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { LocalDateScalar } from '../../common/scalars';
import { Account } from '../accounts/account.entity';
import { Unit } from './unit.entity';
import { WarningLevel } from './unit.enums';

/**
 * 黄橙红预警: one warning of a unit, from its issue to its lifting. The unit's current level and
 * reason stay on Unit; this is the history. Rows are written only by unitWarningSet.
 */
@ObjectType('Warning', { implements: Node, description: '预警记录 (warning): a yellow, orange or red early warning of a unit, from issue to lifting' })
@Entity({ tableName: 'warning' })
export class Warning extends BaseEntity implements Node {
  static readonly typename = 'Warning';

  @ManyToOne(() => Unit, { ref: true, index: true })
  unit!: Ref<Unit>;

  @Index({ name: 'warning_unit_path_idx', expression: 'create index "warning_unit_path_idx" on "warning" ("unit_path" text_pattern_ops)' })
  @Property({ type: 'text' })
  unitPath!: string;

  @Field(() => WarningLevel, { description: '预警等级 (level)' })
  @Enum({ items: () => WarningLevel, nativeEnumName: 'warning_level' })
  level!: WarningLevel;

  @Field({ description: '预警原因 (reason)' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => LocalDateScalar, { description: '发布日期 (date issued)' })
  @Property({ type: 'date' })
  issuedDate!: string;

  @ManyToOne(() => Account, { ref: true, nullable: true })
  issuedBy?: Ref<Account> | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '解除日期 (date lifted or replaced by another level); null while in force' })
  @Property({ type: 'date', nullable: true })
  liftedDate?: string | null;

  @ManyToOne(() => Account, { ref: true, nullable: true })
  liftedBy?: Ref<Account> | null;

  @Field(() => String, { nullable: true, description: '解除原因 (why it was lifted or replaced)' })
  @Property({ type: 'text', nullable: true })
  liftReason?: string | null;

  get nodeId(): string {
    return Node.globalId(Warning.typename, this.id);
  }
}
