import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, Length, Matches, MaxLength, Min } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { UserError } from '../../common/errors';
import { Unit } from './unit.entity';
import { Warning } from './warning.entity';
import { PartyOrgKind, UnitKind, WarningLevel } from './unit.enums';

export const UnitConnection = connectionTypes(Unit, 'Unit', '单位');
export type UnitConnection = InstanceType<typeof UnitConnection>;
export const WarningConnection = connectionTypes(Warning, 'Warning', '预警记录');

@InputType('WarningFilter', { description: '预警记录筛选 (warning filter); all given conditions must hold' })
export class WarningFilter {
  @Field(() => ID, { nullable: true, description: '单位子树 (warnings of this unit and every unit below it)' })
  unitSubtree?: string | null;

  @Field(() => [WarningLevel], { nullable: true, description: '预警等级 (any of these levels)' })
  levels?: WarningLevel[] | null;

  @Field(() => Boolean, { nullable: true, description: '在预警中 (true: only warnings in force; false: only lifted ones)' })
  active?: boolean | null;
}

@InputType('UnitFilter', { description: '单位筛选 (unit filter); all given conditions must hold' })
export class UnitFilter {
  @Field(() => ID, { nullable: true, description: '上级单位 (direct children of this unit)' })
  parent?: string | null;

  @Field(() => ID, { nullable: true, description: '子树 (this unit and every unit below it)' })
  subtreeOf?: string | null;

  @Field(() => [UnitKind], { nullable: true, description: '单位类型 (any of these kinds)' })
  kinds?: UnitKind[] | null;

  @Field(() => String, { nullable: true, description: '名称包含 (name contains)' })
  nameContains?: string | null;

  @Field(() => Boolean, { nullable: true, description: '仅根单位 (only units without a parent)' })
  rootsOnly?: boolean | null;
}

@InputType('UnitCreateInput', { description: '新建单位 (create a unit)' })
export class UnitCreateInput {
  @Field({ description: '单位代码 (code): letters, digits and hyphens, unique' })
  @Matches(/^[A-Z][A-Z0-9-]{0,39}$/, { message: 'code must be 1-40 upper-case letters, digits or hyphens, starting with a letter' })
  code!: string;

  @Field({ description: '名称 (name)' })
  @Length(1, 200, { message: 'name must not be empty (at most 200 characters)' })
  name!: string;

  @Field(() => UnitKind, { description: '单位类型 (kind)' })
  kind!: UnitKind;

  @Field(() => PartyOrgKind, { description: '党组织类型 (kind of party organisation)' })
  partyOrgKind!: PartyOrgKind;

  @Field(() => ID, { nullable: true, description: '上级单位 (parent); null for a root' })
  parent?: string | null;
}

@InputType('UnitUpdateInput', { description: '修改单位 (edit a unit)' })
export class UnitUpdateInput {
  @Field(() => ID, { description: '单位 (the unit)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => String, { nullable: true, description: '名称 (new name)' })
  @IsOptional()
  @Length(1, 200, { message: 'name must not be empty (at most 200 characters)' })
  name?: string | null;

  @Field(() => UnitKind, { nullable: true, description: '单位类型 (new kind)' })
  kind?: UnitKind | null;

  @Field(() => PartyOrgKind, { nullable: true, description: '党组织类型 (new kind of party organisation)' })
  partyOrgKind?: PartyOrgKind | null;
}

@InputType('UnitWarningSetInput', { description: '设置或解除预警 (set or lift a unit\'s warning)' })
export class UnitWarningSetInput {
  @Field(() => ID, { description: '单位 (the unit)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => WarningLevel, { nullable: true, description: '预警等级 (level); null lifts the warning' })
  level?: WarningLevel | null;

  @Field(() => String, { nullable: true, description: '预警原因 (reason; required with a level); with a null level, why the warning is lifted (解除原因)' })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}

@ObjectType('UnitPayload', { description: '单位变更结果 (result of a unit mutation)' })
export class UnitPayload {
  @Field(() => Unit, { nullable: true, description: '单位 (the unit, null when nothing was changed)' })
  unit!: Unit | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}
