import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { LocalDateScalar } from '../../common/scalars';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { Assessment } from '../letters/letter.entity';
import { Account } from '../accounts/account.entity';
import { FindingOrigin, RectificationSource, STORED_STATUSES, type StoredStatus } from './rectification.enums';

/** 整改事项: one row of the "four lists and one table" (问题·措施·责任·时限). */
@ObjectType('Rectification', {
  implements: [Node, VersionedEntity],
  description: '整改事项 (rectification): a problem a unit must fix, with measures, the responsible unit and official, and a deadline (问题·措施·责任·时限)',
})
@Entity({ tableName: 'rectification' })
export class Rectification extends VersionedEntity implements Node {
  static readonly typename = 'Rectification';

  /** The responsible unit (责任单位). */
  @ManyToOne(() => Unit, { ref: true, index: true })
  unit!: Ref<Unit>;

  /** Copy of the responsible unit's path: the scope predicate needs no join. */
  @Index({ name: 'rectification_unit_path_idx', expression: 'create index "rectification_unit_path_idx" on "rectification" ("unit_path" text_pattern_ops)' })
  @Property({ type: 'text' })
  unitPath!: string;

  @ManyToOne(() => Official, { ref: true, nullable: true })
  responsibleOfficial?: Ref<Official> | null;

  @Field({ description: '问题 (the problem)' })
  @Property({ type: 'text' })
  problem!: string;

  @Field({ description: '整改措施 (measures)' })
  @Property({ type: 'text' })
  measures!: string;

  @Field(() => LocalDateScalar, { description: '整改时限 (deadline)' })
  @Property({ type: 'date' })
  deadline!: string;

  /** The stored status; OVERDUE is derived by the resolvers and the SQL filters. */
  @Enum({ items: () => [...STORED_STATUSES], nativeEnumName: 'rectification_status' })
  status!: StoredStatus;

  @Field(() => FindingOrigin, { description: '发现方式 (origin: self-found or external; the two ledgers 两本账)' })
  @Enum({ items: () => FindingOrigin, nativeEnumName: 'finding_origin' })
  origin!: FindingOrigin;

  @Field(() => RectificationSource, { description: '来源 (source)' })
  @Enum({ items: () => RectificationSource, nativeEnumName: 'rectification_source' })
  source!: RectificationSource;

  /** The clue it comes from (source CLUE); the relation is wired with the clues' table. */
  @Property({ type: 'integer', nullable: true })
  sourceClueId?: number | null;

  /** The inspection finding it comes from (source INSPECTION_FINDING). */
  @Property({ type: 'integer', nullable: true })
  sourceFindingId?: number | null;

  @ManyToOne(() => Assessment, { ref: true, nullable: true })
  sourceAssessment?: Ref<Assessment> | null;

  /** The campaign (专项行动) it belongs to, if any. */
  @Index()
  @Property({ type: 'integer', nullable: true })
  campaignId?: number | null;

  @Field(() => LocalDateScalar, { description: '发现日期 (date the problem was found); the ledger\'s period is over this date' })
  @Property({ type: 'date' })
  foundDate!: string;

  @Field(() => LocalDateScalar, { description: '登记日期 (date the rectification was recorded); the deadline may not be before it' })
  @Property({ type: 'date' })
  registeredDate!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: '销账日期 (date verified and written off, 对账销账); null until COMPLETED' })
  @Property({ type: 'date', nullable: true })
  completedDate?: string | null;

  /** The supervisor's account that made the last verification. */
  @ManyToOne(() => Account, { ref: true, nullable: true })
  verifiedBy?: Ref<Account> | null;

  @Field(() => String, { nullable: true, description: '核查意见 (note of the last verification; why it failed, when it did)' })
  @Property({ type: 'text', nullable: true })
  verificationNote?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '核查日期 (date of the last verification)' })
  @Property({ type: 'date', nullable: true })
  verificationDate?: string | null;

  get nodeId(): string {
    return Node.globalId(Rectification.typename, this.id);
  }
}

/** 月度整改进展报告: one per month, filed by the responsible unit (or its party committee). */
@ObjectType('RectificationReport', {
  implements: [Node, VersionedEntity],
  description: '整改进展月报 (monthly progress report of a rectification); entry locks once the month is past',
})
@Entity({ tableName: 'rectification_report' })
@Unique({ properties: ['rectification', 'month'] })
export class RectificationReport extends VersionedEntity implements Node {
  static readonly typename = 'RectificationReport';

  @ManyToOne(() => Rectification, { ref: true, deleteRule: 'cascade' })
  rectification!: Ref<Rectification>;

  /** Copy of the rectification's unit path. */
  @Property({ type: 'text' })
  unitPath!: string;

  @Field({ description: '月份 (month reported on, YYYY-MM)' })
  @Property({ type: 'text' })
  month!: string;

  @Field({ description: '进展情况 (progress)' })
  @Property({ type: 'text' })
  content!: string;

  @Field(() => Int, { description: '完成百分比 (percent complete, 0-100)' })
  @Property({ type: 'integer' })
  percent!: number;

  @Field(() => LocalDateScalar, { description: '报送日期 (date filed or last edited)' })
  @Property({ type: 'date' })
  reportedDate!: string;

  @ManyToOne(() => Account, { ref: true, nullable: true })
  reportedBy?: Ref<Account> | null;

  get nodeId(): string {
    return Node.globalId(RectificationReport.typename, this.id);
  }
}
