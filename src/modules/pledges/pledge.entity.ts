import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { LocalDateScalar } from '../../common/scalars';
import { describeEnum } from '../../common/enums';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { Grade } from '../letters/letter.enums';

export enum DisclosureChannel {
  WEBSITE = 'WEBSITE',
  BULLETIN_BOARD = 'BULLETIN_BOARD',
  TV = 'TV',
  MEETING = 'MEETING',
}
describeEnum(DisclosureChannel, 'DisclosureChannel', '公示渠道 (public disclosure channel)', {
  WEBSITE: '网站 (website)',
  BULLETIN_BOARD: '公示栏 (bulletin board)',
  TV: '电视 (television)',
  MEETING: '会议 (meeting)',
});

/** 廉政承诺 / 公开诺责: an official's signed clean-government pledge. */
@ObjectType('Pledge', { implements: [Node, VersionedEntity], description: '廉政承诺 (pledge): an official\'s signed clean-government pledge, disclosed (公示) and evaluated (践诺评诺)' })
@Entity({ tableName: 'pledge' })
export class Pledge extends VersionedEntity implements Node {
  static readonly typename = 'Pledge';

  @ManyToOne(() => Official, { ref: true, index: true })
  official!: Ref<Official>;

  @ManyToOne(() => Unit, { ref: true })
  unit!: Ref<Unit>;

  @Index({ name: 'pledge_unit_path_idx', expression: 'create index "pledge_unit_path_idx" on "pledge" ("unit_path" text_pattern_ops)' })
  @Property({ type: 'text' })
  unitPath!: string;

  @Field(() => Int, { description: '年度 (year)' })
  @Index()
  @Property({ type: 'integer' })
  year!: number;

  @Field({ description: '标题 (title), e.g. 廉政十项承诺' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => [String], { description: '承诺事项 (the items pledged)' })
  @Property({ type: 'json' })
  items!: string[];

  @Field(() => LocalDateScalar, { description: '签订日期 (date signed)' })
  @Property({ type: 'date' })
  signedDate!: string;

  @Field(() => DisclosureChannel, { nullable: true, description: '公示渠道 (disclosure channel); null until disclosed' })
  @Enum({ items: () => DisclosureChannel, nativeEnumName: 'disclosure_channel', nullable: true })
  disclosureChannel?: DisclosureChannel | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '公示日期 (date disclosed)' })
  @Property({ type: 'date', nullable: true })
  disclosedDate?: string | null;

  @Field(() => Grade, { nullable: true, description: '践诺评议等次 (evaluation grade); null until evaluated' })
  @Enum({ items: () => Grade, nativeEnumName: 'grade', nullable: true })
  evaluationGrade?: Grade | null;

  @Field(() => String, { nullable: true, description: '评议意见 (evaluation comment)' })
  @Property({ type: 'text', nullable: true })
  evaluationComment?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '评议日期 (date evaluated)' })
  @Property({ type: 'date', nullable: true })
  evaluatedDate?: string | null;

  get nodeId(): string {
    return Node.globalId(Pledge.typename, this.id);
  }
}
