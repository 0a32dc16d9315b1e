import { Entity, Enum, ManyToOne, Property, Unique, Index, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { DateTimeScalar } from '../../common/scalars';
import { describeEnum } from '../../common/enums';
import { Role } from '../../authz/roles';
import { Official } from '../officials/official.entity';
import { Unit } from '../units/unit.entity';
import { DispatchedTeam } from '../teams/team.entity';
import { InspectionTour } from '../inspections/inspection.entity';

export enum AccountKind {
  PERSON = 'PERSON',
  SERVICE = 'SERVICE',
}
describeEnum(AccountKind, 'AccountKind', '账号类型 (kind of account)', {
  PERSON: '个人账号 (a person)',
  SERVICE: '服务账号 (a system, e.g. a petition system or a department\'s client)',
});

/** An account a token or key names. Roles come from its grants, read on every request. */
@ObjectType('Account', { implements: [Node, VersionedEntity], description: '账号 (account): a person or a service; its rights are the union of its role grants' })
@Entity({ tableName: 'account' })
export class Account extends VersionedEntity implements Node {
  static readonly typename = 'Account';

  @Field({ description: '用户名 (username), the `sub` of its tokens' })
  @Unique()
  @Property({ type: 'text' })
  username!: string;

  @Field({ description: '显示名 (display name)' })
  @Property({ type: 'text' })
  displayName!: string;

  @Field(() => AccountKind, { description: '类型 (kind)' })
  @Enum({ items: () => AccountKind, nativeEnumName: 'account_kind' })
  kind!: AccountKind;

  /** A person's account may be linked to the official they are (for recusal). */
  @ManyToOne(() => Official, { ref: true, nullable: true })
  official?: Ref<Official> | null;

  @Field({ description: '已停用 (disabled: its tokens are refused)' })
  @Property({ type: 'boolean', default: false })
  disabled: boolean = false;

  get nodeId(): string {
    return Node.globalId(Account.typename, this.id);
  }
}

/** A role bound to a unit, to a team, or to nothing (admin and service roles). */
@ObjectType('RoleGrant', { implements: Node, description: '角色授权 (role grant): a role given to an account, bound to a unit, a team or an inspection tour' })
@Entity({ tableName: 'role_grant' })
@Index({ properties: ['account', 'revokedAt'] })
export class RoleGrant extends BaseEntity implements Node {
  static readonly typename = 'RoleGrant';

  @ManyToOne(() => Account, { ref: true })
  account!: Ref<Account>;

  @Field(() => Role, { description: '角色 (role)' })
  @Enum({ items: () => Role, nativeEnumName: 'role' })
  role!: Role;

  @ManyToOne(() => Unit, { ref: true, nullable: true })
  unit?: Ref<Unit> | null;

  @ManyToOne(() => DispatchedTeam, { ref: true, nullable: true })
  team?: Ref<DispatchedTeam> | null;

  /** INSPECTION_GROUP: the inspection tour the grant is bound to. */
  @ManyToOne(() => InspectionTour, { ref: true, nullable: true, index: true })
  tour?: Ref<InspectionTour> | null;

  @Field(() => DateTimeScalar, { description: '授权时间 (granted at)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  grantedAt: Date = new Date();

  @Field(() => DateTimeScalar, { nullable: true, description: '撤销时间 (revoked at); null while active' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  get nodeId(): string {
    return Node.globalId(RoleGrant.typename, this.id);
  }
}
