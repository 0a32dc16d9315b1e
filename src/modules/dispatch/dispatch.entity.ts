import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { LocalDateScalar } from '../../common/scalars';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { DispatchKind, DispatchStatus } from './dispatch.enums';

/** 主体责任派单: a list of responsibility items a party committee issues to a leader for a quarter. */
@ObjectType('DispatchList', {
  implements: [Node, VersionedEntity],
  description: '主体责任派单 (dispatch list): responsibility items a party committee issues to a leader for a quarter, regular (按季派单) or additional (适时增派单)',
})
@Entity({ tableName: 'dispatch_list' })
export class DispatchList extends VersionedEntity implements Node {
  static readonly typename = 'DispatchList';

  @Field(() => Int, { description: '年度 (year)' })
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int, { description: '季度 (quarter, 1-4)' })
  @Property({ type: 'integer' })
  quarter!: number;

  @Field(() => DispatchKind, { description: '派单类型 (kind: regular or additional)' })
  @Enum({ items: () => DispatchKind, nativeEnumName: 'dispatch_kind' })
  kind!: DispatchKind;

  @Field({ description: '标题 (title)' })
  @Property({ type: 'text' })
  title!: string;

  /** The party committee's unit that issues the list. */
  @ManyToOne(() => Unit, { ref: true })
  issuerUnit!: Ref<Unit>;

  @Index({ name: 'dispatch_list_issuer_path_idx', expression: 'create index "dispatch_list_issuer_path_idx" on "dispatch_list" ("issuer_path" text_pattern_ops)' })
  @Property({ type: 'text' })
  issuerPath!: string;

  /** The official the list is issued to (a principal or a leadership-team member). */
  @ManyToOne(() => Official, { ref: true })
  leader!: Ref<Official>;

  /** The leader's unit when the list was created. */
  @ManyToOne(() => Unit, { ref: true })
  unit!: Ref<Unit>;

  @Index({ name: 'dispatch_list_unit_path_idx', expression: 'create index "dispatch_list_unit_path_idx" on "dispatch_list" ("unit_path" text_pattern_ops)' })
  @Property({ type: 'text' })
  unitPath!: string;

  @Field(() => DispatchStatus, { description: '状态 (status)' })
  @Enum({ items: () => DispatchStatus, nativeEnumName: 'dispatch_status', default: DispatchStatus.DRAFT })
  status: DispatchStatus = DispatchStatus.DRAFT;

  @Field(() => LocalDateScalar, { nullable: true, description: '派发日期 (date issued); null while DRAFT' })
  @Property({ type: 'date', nullable: true })
  issuedDate?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '办结日期 (date closed); null until CLOSED' })
  @Property({ type: 'date', nullable: true })
  closedDate?: string | null;

  get nodeId(): string {
    return Node.globalId(DispatchList.typename, this.id);
  }
}

/** One responsibility item of a dispatch list: task, measures and requirements, deadline. */
@ObjectType('DispatchItem', { implements: [Node, VersionedEntity], description: '派单事项 (dispatch item): one task of a dispatch list, with measures and a deadline' })
@Entity({ tableName: 'dispatch_item' })
export class DispatchItem extends VersionedEntity implements Node {
  static readonly typename = 'DispatchItem';

  @ManyToOne(() => DispatchList, { ref: true, index: true, deleteRule: 'cascade' })
  list!: Ref<DispatchList>;

  /** Copies of the list's leader and scope paths. */
  @Property({ type: 'integer' })
  leaderId!: number;

  @Property({ type: 'text' })
  unitPath!: string;

  @Property({ type: 'text' })
  issuerPath!: string;

  @Field(() => Int, { name: 'order', description: '序号 (order within the list, from 1)' })
  @Property({ type: 'integer' })
  position!: number;

  @Field({ description: '任务 (task)' })
  @Property({ type: 'text' })
  task!: string;

  @Field({ description: '措施要求 (measures and requirements)' })
  @Property({ type: 'text' })
  measures!: string;

  @Field(() => LocalDateScalar, { description: '完成时限 (deadline: inside the quarter, or at most 15 days after it)' })
  @Property({ type: 'date' })
  deadline!: string;

  get nodeId(): string {
    return Node.globalId(DispatchItem.typename, this.id);
  }
}

/** The leader's quarterly fulfilment report on one item (one per item, revisable until the deadline). */
@ObjectType('DispatchItemReport', {
  implements: [Node, VersionedEntity],
  description: '履责情况报告 (fulfilment report): the leader\'s report on one item; revisable until the item\'s deadline',
})
@Entity({ tableName: 'dispatch_item_report' })
export class DispatchItemReport extends VersionedEntity implements Node {
  static readonly typename = 'DispatchItemReport';

  @ManyToOne(() => DispatchItem, { ref: true, unique: 'dispatch_item_report_item_unique', deleteRule: 'cascade' })
  item!: Ref<DispatchItem>;

  @ManyToOne(() => DispatchList, { ref: true, index: true, deleteRule: 'cascade' })
  list!: Ref<DispatchList>;

  @Property({ type: 'integer' })
  leaderId!: number;

  @Property({ type: 'text' })
  unitPath!: string;

  @Property({ type: 'text' })
  issuerPath!: string;

  @Field({ name: 'text', description: '履责情况 (what was done)' })
  @Property({ type: 'text' })
  content!: string;

  @Field(() => Int, { nullable: true, description: '完成百分比 (percent complete, 0-100); 100 when done' })
  @Property({ type: 'integer', nullable: true })
  percent?: number | null;

  @Field({ description: '已完成 (done)' })
  @Property({ type: 'boolean', default: false })
  done: boolean = false;

  @Field(() => LocalDateScalar, { description: '报告日期 (date of the last report or revision)' })
  @Property({ type: 'date' })
  reportedDate!: string;

  get nodeId(): string {
    return Node.globalId(DispatchItemReport.typename, this.id);
  }
}
