import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { LocalDateScalar } from '../../common/scalars';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { FourForms, InfluencePeriodType, SanctionCategory, SanctionKind, SanctionStatus } from './sanction.enums';

/** 处分 / 问责 / 组织处理: a decision against an official or (accountability) a party organisation. */
@ObjectType('Sanction', { implements: [Node, VersionedEntity], description: '处分 / 问责 / 组织处理 (sanction): a decision against an official or, for accountability, a party organisation' })
@Entity({ tableName: 'sanction' })
@Index({ properties: ['category', 'decisionDate'] })
@Index({ properties: ['influenceEnd'] })
export class Sanction extends VersionedEntity implements Node {
  static readonly typename = 'Sanction';

  /** The person sanctioned; null when the subject is a party organisation. */
  @ManyToOne(() => Official, { ref: true, nullable: true, index: true })
  official?: Ref<Official> | null;

  /** The unit the sanction is recorded under (the official's unit, or the organisation). */
  @ManyToOne(() => Unit, { ref: true, index: true })
  unit!: Ref<Unit>;

  @Index({ name: 'sanction_unit_path_idx', expression: 'create index "sanction_unit_path_idx" on "sanction" ("unit_path" text_pattern_ops)' })
  @Property({ type: 'text' })
  unitPath!: string;

  @Field(() => SanctionCategory, { description: '类别 (category)' })
  @Enum({ items: () => SanctionCategory, nativeEnumName: 'sanction_category' })
  category!: SanctionCategory;

  @Field(() => SanctionKind, { description: '种类 (kind)' })
  @Enum({ items: () => SanctionKind, nativeEnumName: 'sanction_kind' })
  kind!: SanctionKind;

  @Field(() => LocalDateScalar, { description: '决定日期 (decision date)' })
  @Property({ type: 'date' })
  decisionDate!: string;

  @Field(() => LocalDateScalar, { description: '生效日期 (effective date; the influence period runs from it)' })
  @Property({ type: 'date' })
  effectiveDate!: string;

  @Field(() => Int, { nullable: true, description: '留党察看期 (probation in months, 12 or 24; party probation only)' })
  @Property({ type: 'integer', nullable: true })
  probationMonths?: number | null;

  @Field(() => Int, { nullable: true, description: '记录的影响期月数 (influence period recorded by the decision, in months, where the rules let the decision set it)' })
  @Property({ type: 'integer', nullable: true })
  influenceMonths?: number | null;

  @Field(() => InfluencePeriodType, { description: '影响期类型 (kind of influence period), computed from the rules' })
  @Enum({ items: () => InfluencePeriodType, nativeEnumName: 'influence_period_type' })
  influenceType!: InfluencePeriodType;

  @Field(() => LocalDateScalar, { name: 'influencePeriodEnd', nullable: true, description: '影响期截止 (last day of the influence period, inclusive), computed from the rules; null unless UNTIL_DATE' })
  @Property({ type: 'date', nullable: true })
  influenceEnd?: string | null;

  @Field(() => FourForms, { description: '四种形态 (four-forms class)' })
  @Enum({ items: () => FourForms, nativeEnumName: 'four_forms' })
  fourForms!: FourForms;

  @Field({ description: '决定机关 (deciding organ), e.g. 青山县纪委' })
  @Property({ type: 'text' })
  decidingOrgan!: string;

  @Field(() => String, { nullable: true, description: '文号 (decision document number)' })
  @Property({ type: 'text', nullable: true })
  decisionNumber?: string | null;

  @Field({ description: '点名道姓通报 (named in a public circular as a typical case)' })
  @Property({ type: 'boolean', default: false })
  publiclyNamed: boolean = false;

  @Field({ description: '事由摘要 (reason summary)' })
  @Property({ type: 'text' })
  reasonSummary!: string;

  /** 案情: sensitive. */
  @Property({ type: 'text', nullable: true })
  caseFacts?: string | null;

  @Property({ type: 'json', nullable: true })
  evidenceRefs?: string[] | null;

  /** 一案双查: the sanction for the matter itself, when this one holds a leader accountable for it. */
  @ManyToOne(() => Sanction, { ref: true, nullable: true, index: true })
  primarySanction?: Ref<Sanction> | null;

  @Property({ type: 'boolean', default: false })
  revoked: boolean = false;

  @Field(() => LocalDateScalar, { nullable: true, description: '撤销日期 (date revoked on appeal)' })
  @Property({ type: 'date', nullable: true })
  revokedDate?: string | null;

  @Field(() => String, { nullable: true, description: '撤销理由 (reason for revocation)' })
  @Property({ type: 'text', nullable: true })
  revokeReason?: string | null;

  get nodeId(): string {
    return Node.globalId(Sanction.typename, this.id);
  }

  /** Whether the sanction blocks promotion on `today`. */
  inInfluenceOn(today: string): boolean {
    if (this.revoked) return false;
    switch (this.influenceType) {
      case InfluencePeriodType.PERMANENT:
      case InfluencePeriodType.UNTIL_UPDATED:
        return true;
      case InfluencePeriodType.UNTIL_DATE:
        return this.effectiveDate <= today && today <= (this.influenceEnd as string);
      default:
        return false;
    }
  }

  statusOn(today: string): SanctionStatus {
    if (this.revoked) return SanctionStatus.REVOKED;
    if (this.influenceType === InfluencePeriodType.UNTIL_DATE && (this.influenceEnd as string) < today) return SanctionStatus.EXPIRED;
    return SanctionStatus.EFFECTIVE;
  }
}
