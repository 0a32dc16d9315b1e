import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Length, Matches } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { UserError } from '../../common/errors';
import { LocalDateScalar } from '../../common/scalars';
import { DispatchedTeam, SupervisionAssignment } from './team.entity';

export const DispatchedTeamConnection = connectionTypes(DispatchedTeam, 'DispatchedTeam', '派驻纪检监察组');
export type DispatchedTeamConnection = InstanceType<typeof DispatchedTeamConnection>;

@InputType('DispatchedTeamCreateInput', { description: '新建派驻纪检监察组 (create a dispatched team)' })
export class DispatchedTeamCreateInput {
  @Field({ description: '组代码 (code): upper-case letters, digits and hyphens, unique, e.g. QS-T3' })
  @Matches(/^[A-Z][A-Z0-9-]{0,39}$/, { message: 'code must be 1-40 upper-case letters, digits or hyphens, starting with a letter' })
  code!: string;

  @Field({ description: '名称 (name)' })
  @Length(1, 200, { message: 'name must not be empty (at most 200 characters)' })
  name!: string;

  @Field(() => ID, { description: '所属纪委监委 (the commission unit: a unit of kind DISCIPLINE_COMMISSION or COUNTY in your reach)' })
  commissionUnit!: string;
}

@InputType('SupervisionAssignmentCreateInput', { description: '建立派驻监督关系 (assign a team to supervise a unit)' })
export class SupervisionAssignmentCreateInput {
  @Field(() => ID, { description: '派驻组 (the team)' })
  team!: string;

  @Field(() => ID, { description: '被监督单位 (the unit supervised, within the commission\'s jurisdiction and your reach)' })
  unit!: string;

  @Field(() => LocalDateScalar, { description: '生效日期 (valid from, inclusive)' })
  validFrom!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: '终止日期 (valid to, inclusive); omitted: open-ended' })
  validTo?: string | null;
}

@InputType('SupervisionAssignmentEndInput', { description: '终止派驻监督关系 (end an open-ended assignment)' })
export class SupervisionAssignmentEndInput {
  @Field(() => ID, { description: '派驻监督关系 (the assignment)' })
  id!: string;

  @Field(() => LocalDateScalar, { description: '终止日期 (last day of supervision, inclusive; not before valid from)' })
  validTo!: string;
}

@ObjectType('DispatchedTeamPayload', { description: '派驻组变更结果 (result of a dispatched-team mutation)' })
export class DispatchedTeamPayload {
  @Field(() => DispatchedTeam, { nullable: true, description: '派驻组 (the team, null when nothing was changed)' })
  dispatchedTeam!: DispatchedTeam | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@ObjectType('SupervisionAssignmentPayload', { description: '派驻监督关系变更结果 (result of an assignment mutation)' })
export class SupervisionAssignmentPayload {
  @Field(() => SupervisionAssignment, { nullable: true, description: '派驻监督关系 (the assignment, null when nothing was changed)' })
  supervisionAssignment!: SupervisionAssignment | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}
