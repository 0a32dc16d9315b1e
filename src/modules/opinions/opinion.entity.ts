import { Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { LocalDateScalar } from '../../common/scalars';
import { Account } from '../accounts/account.entity';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { OpinionAnswer, OpinionPurpose, OpinionReason, OpinionStatus } from './opinion.enums';

/** 廉政意见征求: the organisation department's request about a list of officials. */
@ObjectType('IntegrityOpinionRequest', {
  implements: Node,
  description: '廉政意见征求 (integrity opinion request): the organisation department asks the discipline commission about officials before a promotion, appointment, award or evaluation',
})
@Entity({ tableName: 'integrity_opinion_request' })
export class IntegrityOpinionRequest extends BaseEntity implements Node {
  static readonly typename = 'IntegrityOpinionRequest';

  @Field(() => OpinionPurpose, { description: '事由 (purpose)' })
  @Enum({ items: () => OpinionPurpose, nativeEnumName: 'opinion_purpose' })
  purpose!: OpinionPurpose;

  @ManyToOne(() => Account, { ref: true })
  requestedBy!: Ref<Account>;

  /** The unit of the organisation-department grant the request was made under. */
  @ManyToOne(() => Unit, { ref: true, nullable: true })
  requesterUnit?: Ref<Unit> | null;

  @Field(() => LocalDateScalar, { description: '征求日期 (date requested)' })
  @Property({ type: 'date' })
  requestedOn!: string;

  @Field(() => String, { nullable: true, description: '说明 (note from the organisation department, e.g. the batch of the selection)' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => Int, { description: '干部人数 (number of officials the request holds a reply for)' })
  @Property({ type: 'integer' })
  officialCount!: number;

  get nodeId(): string {
    return Node.globalId(IntegrityOpinionRequest.typename, this.id);
  }
}

/** 廉政意见回复: the reply about one official of a request. */
@ObjectType('IntegrityOpinion', {
  implements: [Node, VersionedEntity],
  description: '廉政意见回复 (integrity opinion): the discipline commission\'s reply about one official; the organisation department reads the answer, its reason class and date only once it is sent, never the facts behind it',
})
@Entity({ tableName: 'integrity_opinion' })
export class IntegrityOpinion extends VersionedEntity implements Node {
  static readonly typename = 'IntegrityOpinion';

  @ManyToOne(() => IntegrityOpinionRequest, { ref: true, deleteRule: 'cascade' })
  request!: Ref<IntegrityOpinionRequest>;

  @ManyToOne(() => Official, { ref: true })
  official!: Ref<Official>;

  /** The official's unit path when the request was made: the commission's reach is checked on it. */
  @Property({ type: 'text' })
  unitPath!: string;

  @Enum({ items: () => OpinionStatus, nativeEnumName: 'opinion_status' })
  status: OpinionStatus = OpinionStatus.DRAFT;

  @Enum({ items: () => OpinionAnswer, nativeEnumName: 'opinion_answer' })
  answer!: OpinionAnswer;

  @Enum({ items: () => OpinionReason, nativeEnumName: 'opinion_reason', nullable: true })
  reasonClass?: OpinionReason | null;

  @Property({ type: 'date', nullable: true })
  influenceUntil?: string | null;

  @Enum({ items: () => OpinionAnswer, nativeEnumName: 'opinion_answer' })
  computedAnswer!: OpinionAnswer;

  @Enum({ items: () => OpinionReason, nativeEnumName: 'opinion_reason', nullable: true })
  computedReasonClass?: OpinionReason | null;

  @Property({ type: 'date', nullable: true })
  computedInfluenceUntil?: string | null;

  @Property({ type: 'boolean', default: false })
  amended: boolean = false;

  @Property({ type: 'text', nullable: true })
  amendNote?: string | null;

  @ManyToOne(() => Account, { ref: true, nullable: true })
  confirmedBy?: Ref<Account> | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  confirmedAt?: Date | null;

  @ManyToOne(() => Account, { ref: true, nullable: true })
  sentBy?: Ref<Account> | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  sentAt?: Date | null;

  get nodeId(): string {
    return Node.globalId(IntegrityOpinion.typename, this.id);
  }
}
