import { Entity, Enum, ManyToOne, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { describeEnum } from '../../common/enums';
import { Official } from './official.entity';

export enum RelationKind {
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  SIBLING = 'SIBLING',
}
describeEnum(RelationKind, 'RelationKind', '亲属关系 (kind of close relation), seen from the official who declares it', {
  SPOUSE: '配偶 (spouse)',
  CHILD: '子女 (child)',
  PARENT: '父母 (parent)',
  SIBLING: '兄弟姐妹 (sibling)',
});

/** 亲属关系: a close relation an official declared with another official; recusal follows it both ways. */
@ObjectType('OfficialRelation', { implements: Node, description: '亲属关系 (declared close relation between two officials); recusal (回避) applies to both' })
@Entity({ tableName: 'official_relation' })
export class OfficialRelation extends BaseEntity implements Node {
  static readonly typename = 'OfficialRelation';

  @ManyToOne(() => Official, { ref: true })
  official!: Ref<Official>;

  @ManyToOne(() => Official, { ref: true })
  relative!: Ref<Official>;

  @Field(() => RelationKind, { description: '关系 (kind)' })
  @Enum({ items: () => RelationKind, nativeEnumName: 'relation_kind' })
  kind!: RelationKind;

  get nodeId(): string {
    return Node.globalId(OfficialRelation.typename, this.id);
  }
}
