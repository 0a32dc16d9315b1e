import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { UserError } from '../../common/errors';
import { LocalDateScalar } from '../../common/scalars';
import { Grade } from '../letters/letter.enums';
import { DisclosureChannel, Pledge } from './pledge.entity';

export const PledgeConnection = connectionTypes(Pledge, 'Pledge', '廉政承诺');
export type PledgeConnection = InstanceType<typeof PledgeConnection>;

/** The most items one pledge may hold (the usual form is the ten-point pledge). */
export const MAX_PLEDGE_ITEMS = 30;

@InputType('OfficialPledgeFilter', { description: '干部承诺筛选 (filter of one official\'s pledges); all given conditions must hold' })
export class OfficialPledgeFilter {
  @Field(() => ID, { nullable: true, description: '单位子树 (pledges made in this unit and every unit below it)' })
  unitSubtree?: string | null;

  @Field(() => Int, { nullable: true, description: '年度 (year)' })
  year?: number | null;

  @Field(() => Boolean, { nullable: true, description: '已公示 (disclosed pledges only, or undisclosed only)' })
  disclosed?: boolean | null;
}

@InputType('PledgeFilter', { description: '承诺筛选 (pledge filter); all given conditions must hold' })
export class PledgeFilter extends OfficialPledgeFilter {
  @Field(() => ID, { nullable: true, description: '干部 (pledges of this official)' })
  official?: string | null;
}

@InputType('PledgeCreateInput', { description: '登记廉政承诺 (record a signed pledge of an official of your unit)' })
export class PledgeCreateInput {
  @Field(() => ID, { description: '干部 (the official who signed; must belong to your unit)' })
  official!: string;

  @Field(() => Int, { description: '年度 (year the pledge is for)' })
  @Min(2000, { message: 'year must be between 2000 and 2100' })
  @Max(2100, { message: 'year must be between 2000 and 2100' })
  year!: number;

  @Field({ description: '标题 (title), e.g. 廉政十项承诺' })
  @Length(1, 200, { message: 'title must not be empty (at most 200 characters)' })
  title!: string;

  @Field(() => [String], { description: `承诺事项 (the items pledged): 1 to ${MAX_PLEDGE_ITEMS}, none empty` })
  @ArrayMinSize(1, { message: 'items must hold at least one item' })
  @ArrayMaxSize(MAX_PLEDGE_ITEMS, { message: `items may hold at most ${MAX_PLEDGE_ITEMS} items` })
  @Length(1, 500, { each: true, message: 'each item must not be empty (at most 500 characters)' })
  items!: string[];

  @Field(() => LocalDateScalar, { description: '签订日期 (date signed): within the year, or in the December before it; not in the future' })
  signedDate!: string;
}

@InputType('PledgeDiscloseInput', { description: '公示承诺 (record the public disclosure of a pledge)' })
export class PledgeDiscloseInput {
  @Field(() => ID, { description: '承诺 (the pledge)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => DisclosureChannel, { description: '公示渠道 (channel)' })
  channel!: DisclosureChannel;

  @Field(() => LocalDateScalar, { description: '公示日期 (date disclosed): not before the date signed, not in the future' })
  disclosedDate!: string;
}

@InputType('PledgeEvaluateInput', { description: '践诺评议 (record the evaluation of a disclosed pledge)' })
export class PledgeEvaluateInput {
  @Field(() => ID, { description: '承诺 (the pledge)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => Grade, { description: '评议等次 (grade)' })
  grade!: Grade;

  @Field(() => String, { nullable: true, description: '评议意见 (comment)' })
  @IsOptional()
  @MaxLength(2000)
  comment?: string | null;

  @Field(() => LocalDateScalar, { description: '评议日期 (date evaluated): not before the date disclosed, not in the future' })
  evaluatedDate!: string;
}

@ObjectType('PledgePayload', { description: '承诺变更结果 (result of a pledge mutation)' })
export class PledgePayload {
  @Field(() => Pledge, { nullable: true, description: '承诺 (the pledge, null when nothing was changed)' })
  pledge!: Pledge | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}
