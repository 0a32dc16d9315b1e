import { Collection, Entity, Enum, Index, ManyToMany, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { LocalDateScalar } from '../../common/scalars';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { Account } from '../accounts/account.entity';
import { Campaign, CampaignBatch } from './campaign.entity';
import { ClueDisposition, ClueSource, ClueStatus } from './clue.enums';

/** 问题线索: an allegation or finding, disposed of and followed through to its end. */
@ObjectType('ProblemClue', {
  implements: [Node, VersionedEntity],
  description: '问题线索 (problem clue): an allegation or finding about officials of a unit, disposed of (处置) and followed through to 结案 or 澄清正名',
})
@Entity({ tableName: 'problem_clue' })
@Index({ properties: ['status', 'deadline'] })
export class ProblemClue extends VersionedEntity implements Node {
  static readonly typename = 'ProblemClue';

  @Field(() => ClueSource, { description: '来源 (source)' })
  @Enum({ items: () => ClueSource, nativeEnumName: 'clue_source' })
  source!: ClueSource;

  /** The unit the clue is recorded under; its subject officials belong to it or below it. */
  @ManyToOne(() => Unit, { ref: true, index: true })
  unit!: Ref<Unit>;

  @Index({ name: 'problem_clue_unit_path_idx', expression: 'create index "problem_clue_unit_path_idx" on "problem_clue" ("unit_path" text_pattern_ops)' })
  @Property({ type: 'text' })
  unitPath!: string;

  /** 被反映人: the officials the clue is about (回避 applies to them and their close relatives). */
  @ManyToMany(() => Official, undefined, { pivotTable: 'problem_clue_subject', joinColumn: 'clue_id', inverseJoinColumn: 'official_id' })
  subjects = new Collection<Official>(this);

  @Field({ description: '摘要 (summary)' })
  @Property({ type: 'text' })
  summary!: string;

  /** 详情: sensitive (every read is audited). */
  @Property({ type: 'text', nullable: true })
  details?: string | null;

  @Field(() => LocalDateScalar, { description: '受理日期 (date received)' })
  @Property({ type: 'date' })
  receivedOn!: string;

  @ManyToOne(() => Campaign, { ref: true, nullable: true, index: true })
  campaign?: Ref<Campaign> | null;

  @ManyToOne(() => CampaignBatch, { ref: true, nullable: true, index: true })
  batch?: Ref<CampaignBatch> | null;

  /** 承办人: the account responsible for the clue. */
  @ManyToOne(() => Account, { ref: true, nullable: true, index: true })
  handler?: Ref<Account> | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '办理期限 (deadline; not before the date received); null until one is set' })
  @Property({ type: 'date', nullable: true })
  deadline?: string | null;

  @Field(() => ClueStatus, { description: '状态 (status)' })
  @Enum({ items: () => ClueStatus, nativeEnumName: 'clue_status', default: ClueStatus.RECEIVED })
  status: ClueStatus = ClueStatus.RECEIVED;

  @Field(() => ClueDisposition, { nullable: true, description: '处置方式 (current disposition); null while received or shelved-and-reopened' })
  @Enum({ items: () => ClueDisposition, nativeEnumName: 'clue_disposition', nullable: true })
  disposition?: ClueDisposition | null;

  @Field(() => String, { nullable: true, description: '处置理由 (reason for the current disposition)' })
  @Property({ type: 'text', nullable: true })
  dispositionReason?: string | null;

  @ManyToOne(() => Account, { ref: true, nullable: true })
  decidedBy?: Ref<Account> | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '处置日期 (date the current disposition was decided)' })
  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '立案日期 (date the case was filed)' })
  @Property({ type: 'date', nullable: true })
  caseFiledOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '办结日期 (date the case was concluded, or the talk or inquiry letter finished)' })
  @Property({ type: 'date', nullable: true })
  concludedOn?: string | null;

  @Field(() => String, { nullable: true, description: '办结意见 (conclusion of the case or of the talk)' })
  @Property({ type: 'text', nullable: true })
  conclusion?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '澄清正名日期 (date cleared)' })
  @Property({ type: 'date', nullable: true })
  clearedOn?: string | null;

  @Field(() => String, { nullable: true, description: '澄清说明 (clearing note: why the report proved false)' })
  @Property({ type: 'text', nullable: true })
  clearingNote?: string | null;

  /** 清理问题资金, yuan; numeric(14,2), read by the driver as a string. */
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  recoveredMoney?: string | null;

  /** The inspection tour that handed the clue over (巡察移交); no foreign key here, see the inspections migration. */
  @Index()
  @Property({ type: 'integer', nullable: true })
  inspectionTourId?: number | null;

  get nodeId(): string {
    return Node.globalId(ProblemClue.typename, this.id);
  }

  /** Subject official ids; the collection is always loaded by the clue service. */
  get subjectIds(): number[] {
    return this.subjects.isInitialized() ? this.subjects.getIdentifiers<number>() : [];
  }
}

/** One step of a clue's lifecycle, kept as its history. */
@ObjectType('ClueEvent', { description: '线索流转记录 (clue event): one step of a clue\'s lifecycle' })
@Entity({ tableName: 'problem_clue_event' })
export class ClueEvent extends BaseEntity {
  @ManyToOne(() => ProblemClue, { ref: true, index: true, deleteRule: 'cascade' })
  clue!: Ref<ProblemClue>;

  @Field(() => ClueStatus, { nullable: true, description: '原状态 (status before); null for the receipt' })
  @Enum({ items: () => ClueStatus, nativeEnumName: 'clue_status', nullable: true })
  fromStatus?: ClueStatus | null;

  @Field(() => ClueStatus, { description: '新状态 (status after)' })
  @Enum({ items: () => ClueStatus, nativeEnumName: 'clue_status' })
  toStatus!: ClueStatus;

  @Field(() => LocalDateScalar, { description: '日期 (date of the step)' })
  @Property({ type: 'date' })
  occurredOn!: string;

  @ManyToOne(() => Account, { ref: true, nullable: true })
  account?: Ref<Account> | null;

  @Field(() => String, { nullable: true, description: '说明 (note: the reason, conclusion or clearing note given)' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
