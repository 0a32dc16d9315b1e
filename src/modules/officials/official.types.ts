import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Min } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { UserError } from '../../common/errors';
import { IsIdentityNumber, IsMobilePhone } from '../../common/validators';
import { Official } from './official.entity';
import { OfficialRank } from './official.enums';

export const OfficialConnection = connectionTypes(Official, 'Official', '干部');

@ObjectType('OfficialViewerCan', { description: '当前账号对该干部可做之事 (what the caller may do with this official), so a client can hide what it may not use' })
export class OfficialViewerCan {
  @Field({ description: '可读身份证号和电话 (may read identity number and phone, in full or masked)' })
  readContact!: boolean;

  @Field({ description: '身份证号和电话为脱敏形式 (identity number and phone come masked)' })
  contactMasked!: boolean;

  @Field({ description: '可读处分 (may read this official\'s sanctions)' })
  readSanctions!: boolean;

  @Field({ description: '可读廉洁状态 (may read the integrity status)' })
  readIntegrityStatus!: boolean;

  @Field({ description: '可修改登记信息 (may edit the registry entry)' })
  update!: boolean;
}

@InputType('OfficialFilter', { description: '干部筛选 (official filter); all given conditions must hold' })
export class OfficialFilter {
  @Field(() => ID, { nullable: true, description: '单位子树 (officials of this unit and every unit below it)' })
  unitSubtree?: string | null;

  @Field(() => ID, { nullable: true, description: '单位 (officials of this unit only)' })
  unit?: string | null;

  @Field(() => String, { nullable: true, description: '姓名包含 (name contains)' })
  nameContains?: string | null;

  @Field(() => Boolean, { nullable: true, description: '一把手 (principals only, or non-principals only)' })
  isPrincipal?: boolean | null;

  @Field(() => [OfficialRank], { nullable: true, description: '职级 (any of these ranks)' })
  ranks?: OfficialRank[] | null;
}

@InputType('OfficialCreateInput', { description: '登记干部 (register an official)' })
export class OfficialCreateInput {
  @Field({ description: '姓名 (name)' })
  @Length(1, 50, { message: 'name must not be empty (at most 50 characters)' })
  name!: string;

  @Field(() => ID, { description: '单位 (unit)' })
  unit!: string;

  @Field({ description: '职务 (post)' })
  @Length(1, 100, { message: 'post must not be empty (at most 100 characters)' })
  post!: string;

  @Field(() => OfficialRank, { description: '职级 (rank)' })
  rank!: OfficialRank;

  @Field({ defaultValue: false, description: '一把手 (principal of the unit)' })
  isPrincipal!: boolean;

  @Field(() => [ID], { defaultValue: [], description: '分管单位 (units in charge of)' })
  @ArrayMaxSize(50)
  inChargeUnits!: string[];

  @Field(() => String, { nullable: true, description: '身份证号 (18-digit identity number)' })
  @IsOptional()
  @IsIdentityNumber()
  identityNumber?: string | null;

  @Field(() => String, { nullable: true, description: '手机号 (mobile phone)' })
  @IsOptional()
  @IsMobilePhone()
  phone?: string | null;
}

@InputType('OfficialUpdateInput', { description: '修改干部登记信息 (edit an official); omitted fields stay' })
export class OfficialUpdateInput {
  @Field(() => ID, { description: '干部 (official)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => String, { nullable: true, description: '姓名 (name)' })
  @IsOptional()
  @Length(1, 50, { message: 'name must not be empty (at most 50 characters)' })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: '单位 (move to this unit)' })
  unit?: string | null;

  @Field(() => String, { nullable: true, description: '职务 (post)' })
  @IsOptional()
  @Length(1, 100, { message: 'post must not be empty (at most 100 characters)' })
  post?: string | null;

  @Field(() => OfficialRank, { nullable: true, description: '职级 (rank)' })
  rank?: OfficialRank | null;

  @Field(() => Boolean, { nullable: true, description: '一把手 (principal)' })
  isPrincipal?: boolean | null;

  @Field(() => [ID], { nullable: true, description: '分管单位 (replace the units in charge of)' })
  @IsOptional()
  @ArrayMaxSize(50)
  inChargeUnits?: string[] | null;

  @Field(() => String, { nullable: true, description: '身份证号 (identity number)' })
  @IsOptional()
  @IsIdentityNumber()
  identityNumber?: string | null;

  @Field(() => String, { nullable: true, description: '手机号 (mobile phone)' })
  @IsOptional()
  @IsMobilePhone()
  phone?: string | null;
}

@ObjectType('OfficialPayload', { description: '干部变更结果 (result of an official mutation)' })
export class OfficialPayload {
  @Field(() => Official, { nullable: true, description: '干部 (the official, null when nothing was changed)' })
  official!: Official | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}
