import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { LocalDateScalar } from '../../common/scalars';
import { Unit } from '../units/unit.entity';
import { CampaignKind } from './clue.enums';

/** 专项行动 / 专项整治: a time-boxed drive led by a unit; clues and rectifications belong to it. */
@ObjectType('Campaign', {
  implements: [Node, VersionedEntity],
  description: '专项行动 / 专项整治 (campaign): a time-boxed drive led by a unit, e.g. against corruption close to the people (群众身边不正之风和腐败问题); clues and rectifications belong to it',
})
@Entity({ tableName: 'campaign' })
export class Campaign extends VersionedEntity implements Node {
  static readonly typename = 'Campaign';

  @Field({ description: '名称 (name)' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => CampaignKind, { description: '类型 (kind)' })
  @Enum({ items: () => CampaignKind, nativeEnumName: 'campaign_kind' })
  kind!: CampaignKind;

  @Field({ description: '主题 (theme: what the drive targets)' })
  @Property({ type: 'text' })
  theme!: string;

  @Field(() => LocalDateScalar, { description: '开始日期 (first day of the period)' })
  @Property({ type: 'date' })
  periodStart!: string;

  @Field(() => LocalDateScalar, { description: '结束日期 (last day of the period, not before the first)' })
  @Property({ type: 'date' })
  periodEnd!: string;

  /** 牵头单位: the campaign concerns this unit's subtree. */
  @ManyToOne(() => Unit, { ref: true })
  leadUnit!: Ref<Unit>;

  /** Copy of the lead unit's path, for scoping. */
  @Index({ name: 'campaign_unit_path_idx', expression: 'create index "campaign_unit_path_idx" on "campaign" ("unit_path" text_pattern_ops)' })
  @Property({ type: 'text' })
  unitPath!: string;

  get nodeId(): string {
    return Node.globalId(Campaign.typename, this.id);
  }
}

/** 挂牌督办批次: a batch of clues listed for supervision within a campaign. */
@ObjectType('CampaignBatch', { implements: Node, description: '挂牌督办批次 (supervised batch): a batch of clues listed for supervision within a campaign' })
@Entity({ tableName: 'campaign_batch' })
@Unique({ properties: ['campaign', 'number'] })
export class CampaignBatch extends BaseEntity implements Node {
  static readonly typename = 'CampaignBatch';

  @ManyToOne(() => Campaign, { ref: true, index: true, deleteRule: 'cascade' })
  campaign!: Ref<Campaign>;

  @Field(() => Int, { description: '批次号 (batch number, from 1, unique within the campaign)' })
  @Property({ type: 'integer' })
  number!: number;

  @Field({ description: '名称 (name), e.g. 第一批挂牌督办' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => LocalDateScalar, { description: '挂牌日期 (date listed; inside the campaign period)' })
  @Property({ type: 'date' })
  listedOn!: string;

  get nodeId(): string {
    return Node.globalId(CampaignBatch.typename, this.id);
  }
}
