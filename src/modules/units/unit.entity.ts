import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { PartyOrgKind, UnitKind, WarningLevel } from './unit.enums';

/**
 * 单位 / 党组织: a node of the organisation tree. `path` is a materialised path of ids
 * ("/1/5/23/"), so "this unit and everything below it" is one indexed prefix predicate.
 */
@ObjectType('Unit', { implements: [Node, VersionedEntity], description: '单位 / 党组织 (unit): a node of the organisation tree with its party organisation' })
@Entity({ tableName: 'unit' })
export class Unit extends VersionedEntity implements Node {
  static readonly typename = 'Unit';

  @Field({ description: '单位代码 (unit code), unique, e.g. QS-CZ' })
  @Unique()
  @Property({ type: 'text' })
  code!: string;

  @Field({ description: '单位名称 (name)' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => UnitKind, { description: '单位类型 (kind)' })
  @Enum({ items: () => UnitKind, nativeEnumName: 'unit_kind' })
  kind!: UnitKind;

  @Field(() => PartyOrgKind, { description: '党组织类型 (kind of party organisation)' })
  @Enum({ items: () => PartyOrgKind, nativeEnumName: 'party_org_kind' })
  partyOrgKind!: PartyOrgKind;

  @ManyToOne(() => Unit, { nullable: true, ref: true, index: true })
  parent?: Ref<Unit>;

  @Field({ description: '物化路径 (materialised path of ids), e.g. /1/5/23/' })
  @Index({ name: 'unit_path_pattern_idx', expression: 'create index "unit_path_pattern_idx" on "unit" ("path" text_pattern_ops)' })
  @Unique()
  @Property({ type: 'text' })
  path!: string;

  @Field({ description: '层级 (depth in the tree; the root is 0)' })
  @Property({ type: 'integer' })
  depth!: number;

  @Field(() => WarningLevel, { nullable: true, description: '预警等级 (current early-warning level); null when none' })
  @Enum({ items: () => WarningLevel, nativeEnumName: 'warning_level', nullable: true })
  warningLevel?: WarningLevel | null;

  @Field(() => String, { nullable: true, description: '预警原因 (reason of the current warning)' })
  @Property({ type: 'text', nullable: true })
  warningReason?: string | null;

  get nodeId(): string {
    return Node.globalId(Unit.typename, this.id);
  }

  /** The path used for scoping: a unit is in scope where its own path is. */
  get scopePath(): string {
    return this.path;
  }
}
