import { Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { describeEnum } from '../../common/enums';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { Account } from '../accounts/account.entity';

export enum ReminderKind {
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
}
describeEnum(ReminderKind, 'ReminderKind', '提醒类型 (kind of reminder)', {
  DUE_SOON: '即将到期 (the deadline is within 5 days)',
  OVERDUE: '已逾期 (the deadline has passed and the task is not done)',
});

/** 提醒: a deadline that needs the attention of one account. Its title carries no sensitive detail. */
@ObjectType('Reminder', { implements: Node, description: '提醒 (reminder): a deadline that needs the attention of the caller' })
@Entity({ tableName: 'reminder' })
export class Reminder extends BaseEntity implements Node {
  static readonly typename = 'Reminder';

  @ManyToOne(() => Account, { ref: true })
  account!: Ref<Account>;

  @Field(() => ReminderKind, { description: '类型 (kind)' })
  @Enum({ items: () => ReminderKind, nativeEnumName: 'reminder_kind' })
  kind!: ReminderKind;

  @Field({ description: '记录类型 (type of the record the reminder is about, e.g. ResponsibilityItem)' })
  @Property({ type: 'text' })
  recordType!: string;

  @Property({ type: 'integer' })
  recordId!: number;

  @Field({ description: '标题 (what is due)' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => LocalDateScalar, { description: '截止日期 (deadline)' })
  @Property({ type: 'date' })
  dueDate!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: '已读时间 (when the caller marked it read)' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  readAt?: Date | null;

  get nodeId(): string {
    return Node.globalId(Reminder.typename, this.id);
  }
}
