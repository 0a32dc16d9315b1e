import { Collection, Entity, Enum, Index, ManyToMany, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { Unit } from '../units/unit.entity';
import { OfficialRank } from './official.enums';

/** 干部: a person holding a post in a unit. */
@ObjectType('Official', { implements: [Node, VersionedEntity], description: '干部 (official): a person holding a post in a unit' })
@Entity({ tableName: 'official' })
export class Official extends VersionedEntity implements Node {
  static readonly typename = 'Official';

  @Field({ description: '姓名 (name)' })
  @Index()
  @Property({ type: 'text' })
  name!: string;

  @ManyToOne(() => Unit, { ref: true, index: true })
  unit!: Ref<Unit>;

  /** Copy of the unit's path: the scope predicate needs no join. */
  @Index({ name: 'official_unit_path_idx', expression: 'create index "official_unit_path_idx" on "official" ("unit_path" text_pattern_ops)' })
  @Property({ type: 'text' })
  unitPath!: string;

  @Field({ description: '职务 (post), e.g. 党委书记' })
  @Property({ type: 'text' })
  post!: string;

  @Field(() => OfficialRank, { description: '职级 (rank)' })
  @Enum({ items: () => OfficialRank, nativeEnumName: 'official_rank' })
  rank!: OfficialRank;

  @Field({ description: '是否一把手 (whether the principal of the unit)' })
  @Property({ type: 'boolean', default: false })
  isPrincipal: boolean = false;

  /** 分管: the units a leadership-team member is in charge of. */
  @ManyToMany(() => Unit, undefined, { pivotTable: 'official_in_charge_unit', joinColumn: 'official_id', inverseJoinColumn: 'unit_id' })
  inChargeUnits = new Collection<Unit>(this);

  @Index()
  @Property({ type: 'text', nullable: true })
  identityNumber?: string | null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  get nodeId(): string {
    return Node.globalId(Official.typename, this.id);
  }
}
