import { Entity, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { Unit } from '../units/unit.entity';
import { LocalDateScalar } from '../../common/scalars';

/** 派驻纪检监察组: a team of the discipline commission that supervises an assigned set of units. */
@ObjectType('DispatchedTeam', { implements: [Node, VersionedEntity], description: '派驻纪检监察组 (dispatched discipline team)' })
@Entity({ tableName: 'dispatched_team' })
export class DispatchedTeam extends VersionedEntity implements Node {
  static readonly typename = 'DispatchedTeam';

  @Field({ description: '组代码 (team code), unique' })
  @Unique()
  @Property({ type: 'text' })
  code!: string;

  @Field({ description: '名称 (name), e.g. 县纪委监委第一派驻纪检监察组' })
  @Property({ type: 'text' })
  name!: string;

  /** The discipline commission's unit the team belongs to. */
  @ManyToOne(() => Unit, { ref: true })
  commissionUnit!: Ref<Unit>;

  /** Copy of the commission unit's path, for scoping. */
  @Property({ type: 'text' })
  unitPath!: string;

  get nodeId(): string {
    return Node.globalId(DispatchedTeam.typename, this.id);
  }
}

/** 派驻监督关系: team → supervised unit, valid from / to (inclusive). */
@ObjectType('SupervisionAssignment', { implements: Node, description: '派驻监督关系 (supervision assignment): a team supervises a unit for a period' })
@Entity({ tableName: 'supervision_assignment' })
@Index({ properties: ['team', 'validFrom'] })
export class SupervisionAssignment extends BaseEntity implements Node {
  static readonly typename = 'SupervisionAssignment';

  @ManyToOne(() => DispatchedTeam, { ref: true })
  team!: Ref<DispatchedTeam>;

  @ManyToOne(() => Unit, { ref: true, index: true })
  unit!: Ref<Unit>;

  /** Copy of the supervised unit's path. */
  @Property({ type: 'text' })
  unitPath!: string;

  /** Copy of the team's commission path: who may see the assignment. */
  @Property({ type: 'text' })
  teamUnitPath!: string;

  @Field(() => LocalDateScalar, { description: '生效日期 (valid from, inclusive)' })
  @Property({ type: 'date' })
  validFrom!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: '终止日期 (valid to, inclusive); null while open-ended' })
  @Property({ type: 'date', nullable: true })
  validTo?: string | null;

  get nodeId(): string {
    return Node.globalId(SupervisionAssignment.typename, this.id);
  }
}
