import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, Length, Matches, Min } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { UserError } from '../../common/errors';
import { describeEnum } from '../../common/enums';
import { Role } from '../../authz/roles';
import { Unit } from '../units/unit.entity';
import { Account, AccountKind, RoleGrant } from './account.entity';

export const AccountConnection = connectionTypes(Account, 'Account', '账号');

export enum ScopeKindEnum {
  SUBTREE = 'SUBTREE',
  UNIT = 'UNIT',
  ALL = 'ALL',
  NONE = 'NONE',
}
describeEnum(ScopeKindEnum, 'ScopeKind', '范围类型 (how far a grant reaches)', {
  SUBTREE: '子树 (the listed units and every unit below them)',
  UNIT: '本单位 (the listed units only)',
  ALL: '全部 (the whole registry)',
  NONE: '无单位范围 (no unit rows; e.g. accounts, the audit log, a service\'s own submissions)',
});

@ObjectType('ViewerScope', { description: '权限范围 (what one grant reaches)' })
export class ViewerScope {
  @Field(() => Role, { description: '角色 (role)' })
  role!: Role;

  @Field(() => ScopeKindEnum, { description: '范围类型 (kind of reach)' })
  kind!: ScopeKindEnum;

  @Field(() => [Unit], { description: '范围根单位 (the units the reach starts from)' })
  units!: Unit[];
}

@ObjectType('Viewer', { description: '当前账号 (the caller: account, grants and scope)' })
export class ViewerInfo {
  @Field(() => Account, { description: '账号 (account)' })
  account!: Account;

  @Field(() => [RoleGrant], { description: '有效授权 (active grants)' })
  grants!: RoleGrant[];

  @Field(() => [ViewerScope], { description: '权限范围 (reach of each grant, as of today)' })
  scopes!: ViewerScope[];
}

@InputType('AccountFilter', { description: '账号筛选 (account filter)' })
export class AccountFilter {
  @Field(() => String, { nullable: true, description: '用户名包含 (username contains)' })
  usernameContains?: string | null;

  @Field(() => Role, { nullable: true, description: '持有角色 (holds this role)' })
  role?: Role | null;
}

@InputType('AccountCreateInput', { description: '新建账号 (create an account)' })
export class AccountCreateInput {
  @Field({ description: '用户名 (username): lower-case letters, digits, dot, hyphen' })
  @Matches(/^[a-z][a-z0-9.-]{2,63}$/, { message: 'username must be 3-64 lower-case letters, digits, dots or hyphens, starting with a letter' })
  username!: string;

  @Field({ description: '显示名 (display name)' })
  @Length(1, 100, { message: 'displayName must not be empty (at most 100 characters)' })
  displayName!: string;

  @Field(() => AccountKind, { description: '类型 (kind)' })
  kind!: AccountKind;

  @Field(() => ID, { nullable: true, description: '关联干部 (the official this person is), for recusal' })
  official?: string | null;
}

@InputType('AccountSetDisabledInput', { description: '停用或启用账号 (disable or enable an account)' })
export class AccountSetDisabledInput {
  @Field(() => ID, { description: '账号 (account)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field({ description: '停用 (true disables: its tokens are refused from the next request)' })
  disabled!: boolean;
}

@InputType('RoleGrantCreateInput', { description: '授予角色 (grant a role)' })
export class RoleGrantCreateInput {
  @Field(() => ID, { description: '账号 (account)' })
  account!: string;

  @Field(() => Role, { description: '角色 (role)' })
  role!: Role;

  @Field(() => String, { nullable: true, description: '单位代码 (unit code), for roles bound to a unit' })
  @IsOptional()
  @Length(1, 40)
  unitCode?: string | null;

  @Field(() => String, { nullable: true, description: '派驻组代码 (team code), for DISPATCHED_TEAM' })
  @IsOptional()
  @Length(1, 40)
  teamCode?: string | null;

  @Field(() => ID, { nullable: true, description: '巡察 (global id of the inspection tour), for INSPECTION_GROUP' })
  tourId?: string | null;
}

@InputType('RoleGrantRevokeInput', { description: '撤销授权 (revoke a grant)' })
export class RoleGrantRevokeInput {
  @Field(() => ID, { description: '授权 (the grant)' })
  id!: string;
}

@ObjectType('AccountPayload', { description: '账号变更结果 (result of an account mutation)' })
export class AccountPayload {
  @Field(() => Account, { nullable: true, description: '账号 (the account, null when nothing was changed)' })
  account!: Account | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@ObjectType('RoleGrantPayload', { description: '授权变更结果 (result of a grant mutation)' })
export class RoleGrantPayload {
  @Field(() => RoleGrant, { nullable: true, description: '授权 (the grant, null when nothing was changed)' })
  grant!: RoleGrant | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}
