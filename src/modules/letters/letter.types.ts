import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { UserError } from '../../common/errors';
import { LocalDateScalar } from '../../common/scalars';
import { Assessment, ResponsibilityItem, ResponsibilityLetter } from './letter.entity';
import { AssessmentPeriod, Grade, ItemKind, LetterStatus } from './letter.enums';

export const LetterConnection = connectionTypes(ResponsibilityLetter, 'ResponsibilityLetter', '责任书');
export const AssessmentConnection = connectionTypes(Assessment, 'Assessment', '考核');

const NOT_BLANK = /\S/;

@ObjectType('LetterViewerCan', { description: '当前账号对该责任书可做之事 (what the caller may do with this letter now), so a client can hide what it may not use' })
export class LetterViewerCan {
  @Field({ description: '可编辑责任书及其事项 (may edit the letter and its items: issuer, while DRAFT)' })
  editItems!: boolean;

  @Field({ description: '可签订 (may sign it: issuer, while DRAFT)' })
  sign!: boolean;

  @Field({ description: '可公示 (may publish it: issuer, once SIGNED)' })
  publish!: boolean;

  @Field({ description: '可报告事项进展 (may report progress on its items: issuer or the unit itself, while SIGNED or PUBLISHED)' })
  reportProgress!: boolean;

  @Field({ description: '可考核 (may assess it: issuer, while SIGNED or PUBLISHED)' })
  assess!: boolean;

  @Field({ description: '可提出一票否决建议 (may propose a veto: discipline commission, while SIGNED or PUBLISHED)' })
  proposeVeto!: boolean;
}

@InputType('LetterFilter', { description: '责任书筛选 (letter filter); all given conditions must hold' })
export class LetterFilter {
  @Field(() => Int, { nullable: true, description: '年度 (year)' })
  year?: number | null;

  @Field(() => ID, { nullable: true, description: '责任单位 (letters of this target unit only)' })
  unit?: string | null;

  @Field(() => ID, { nullable: true, description: '单位子树 (letters of this unit and every unit below it)' })
  unitSubtree?: string | null;

  @Field(() => [LetterStatus], { nullable: true, description: '状态 (any of these statuses)' })
  statuses?: LetterStatus[] | null;
}

@InputType('AssessmentFilter', { description: '考核筛选 (assessment filter); all given conditions must hold' })
export class AssessmentFilter {
  @Field(() => ID, { nullable: true, description: '单位子树 (assessments of this unit and every unit below it)' })
  unitSubtree?: string | null;

  @Field(() => Int, { nullable: true, description: '年度 (year)' })
  year?: number | null;

  @Field(() => AssessmentPeriod, { nullable: true, description: '考核期 (period)' })
  period?: AssessmentPeriod | null;
}

@InputType('LetterCreateInput', { description: '起草责任书 (draft a letter)' })
export class LetterCreateInput {
  @Field(() => ID, { nullable: true, description: '签发单位 (issuing party committee\'s unit); default: the unit of the caller\'s party-committee grant' })
  issuerUnit?: string | null;

  @Field(() => ID, { description: '责任单位 (target unit, below the issuer)' })
  unit!: string;

  @Field(() => Int, { description: '年度 (year, 2000-2100)' })
  @Min(2000, { message: 'year must be between 2000 and 2100' })
  @Max(2100, { message: 'year must be between 2000 and 2100' })
  year!: number;

  @Field({ description: '标题 (title)' })
  @Matches(NOT_BLANK, { message: 'title must not be empty' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;

  @Field(() => ID, { nullable: true, description: '责任人 (principal: an official of the target unit)' })
  principal?: string | null;
}

@InputType('LetterUpdateInput', { description: '修改草拟中的责任书 (edit a letter in DRAFT); omitted fields stay' })
export class LetterUpdateInput {
  @Field(() => ID, { description: '责任书 (the letter)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => String, { nullable: true, description: '标题 (title)' })
  @IsOptional()
  @Matches(NOT_BLANK, { message: 'title must not be empty' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title?: string | null;

  @Field(() => ID, { nullable: true, description: '责任人 (principal: an official of the target unit)' })
  principal?: string | null;
}

@InputType('LetterItemAddInput', { description: '添加责任事项 (add an item to a letter in DRAFT)' })
export class LetterItemAddInput {
  @Field(() => ID, { description: '责任书 (the letter)' })
  letter!: string;

  @Field(() => ItemKind, { description: '类型 (kind)' })
  kind!: ItemKind;

  @Field({ description: '任务内容 (task)' })
  @Matches(NOT_BLANK, { message: 'content must not be empty' })
  @MaxLength(2000, { message: 'content must be at most 2000 characters' })
  content!: string;

  @Field({ description: '工作措施 (measures)' })
  @Matches(NOT_BLANK, { message: 'measures must not be empty' })
  @MaxLength(4000, { message: 'measures must be at most 4000 characters' })
  measures!: string;

  @Field(() => LocalDateScalar, { description: '完成时限 (deadline, within the letter\'s year)' })
  deadline!: string;
}

@InputType('LetterItemUpdateInput', { description: '修改责任事项 (edit an item of a letter in DRAFT); omitted fields stay' })
export class LetterItemUpdateInput {
  @Field(() => ID, { description: '责任事项 (the item)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => ItemKind, { nullable: true, description: '类型 (kind)' })
  kind?: ItemKind | null;

  @Field(() => String, { nullable: true, description: '任务内容 (task)' })
  @IsOptional()
  @Matches(NOT_BLANK, { message: 'content must not be empty' })
  @MaxLength(2000, { message: 'content must be at most 2000 characters' })
  content?: string | null;

  @Field(() => String, { nullable: true, description: '工作措施 (measures)' })
  @IsOptional()
  @Matches(NOT_BLANK, { message: 'measures must not be empty' })
  @MaxLength(4000, { message: 'measures must be at most 4000 characters' })
  measures?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '完成时限 (deadline, within the letter\'s year)' })
  deadline?: string | null;
}

@InputType('LetterSignInput', { description: '签订责任书 (sign a letter: DRAFT → SIGNED)' })
export class LetterSignInput {
  @Field(() => ID, { description: '责任书 (the letter)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => LocalDateScalar, { description: '签订日期 (date signed: not in the future, in the letter\'s year or the year before)' })
  signedDate!: string;
}

@InputType('LetterPublishInput', { description: '公示责任书 (publish a letter: SIGNED → PUBLISHED)' })
export class LetterPublishInput {
  @Field(() => ID, { description: '责任书 (the letter)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => LocalDateScalar, { description: '公示日期 (date published: not before the date signed, not in the future)' })
  publishedDate!: string;
}

@InputType('LetterItemReportProgressInput', { description: '报告事项进展 (report progress on an item; locked after its deadline)' })
export class LetterItemReportProgressInput {
  @Field(() => ID, { description: '责任事项 (the item)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field({ description: '进展情况 (progress report)' })
  @Matches(NOT_BLANK, { message: 'progress must not be empty' })
  @MaxLength(4000, { message: 'progress must be at most 4000 characters' })
  progress!: string;

  @Field(() => Int, { description: '完成百分比 (percent complete, 0-100)' })
  @Min(0, { message: 'percent must be between 0 and 100' })
  @Max(100, { message: 'percent must be between 0 and 100' })
  percent!: number;
}

@InputType('LetterAssessInput', { description: '考核责任书 (assess a letter for a period)' })
export class LetterAssessInput {
  @Field(() => ID, { description: '责任书 (the letter)' })
  letter!: string;

  @Field(() => Int, { description: '责任书版本号 (the version of the letter you read)' })
  @Min(1)
  version!: number;

  @Field(() => AssessmentPeriod, { description: '考核期 (period): HALF_YEAR once SIGNED or PUBLISHED, YEAR_END once PUBLISHED' })
  period!: AssessmentPeriod;

  @Field(() => Float, { description: '得分 (score, 0-100)' })
  @Min(0, { message: 'score must be between 0 and 100' })
  @Max(100, { message: 'score must be between 0 and 100' })
  score!: number;

  @Field(() => Grade, { description: '等次 (grade)' })
  grade!: Grade;

  @Field({ defaultValue: false, description: '一票否决 (one-vote veto)' })
  vetoed!: boolean;

  @Field(() => String, { nullable: true, description: '否决理由 (reason for the veto; required when vetoed)' })
  @IsOptional()
  @MaxLength(2000, { message: 'vetoReason must be at most 2000 characters' })
  vetoReason?: string | null;
}

@InputType('AssessmentProposeVetoInput', { description: '提出一票否决建议 (the discipline commission proposes a veto for a period)' })
export class AssessmentProposeVetoInput {
  @Field(() => ID, { description: '责任书 (the letter)' })
  letter!: string;

  @Field(() => AssessmentPeriod, { description: '考核期 (period)' })
  period!: AssessmentPeriod;

  @Field({ description: '建议理由 (reason of the proposal)' })
  @Matches(NOT_BLANK, { message: 'reason must not be empty' })
  @MaxLength(2000, { message: 'reason must be at most 2000 characters' })
  reason!: string;
}

@ObjectType('LetterPayload', { description: '责任书变更结果 (result of a letter mutation)' })
export class LetterPayload {
  @Field(() => ResponsibilityLetter, { nullable: true, description: '责任书 (the letter, null when nothing was changed)' })
  letter!: ResponsibilityLetter | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@ObjectType('LetterItemPayload', { description: '责任事项变更结果 (result of an item mutation)' })
export class LetterItemPayload {
  @Field(() => ResponsibilityItem, { nullable: true, description: '责任事项 (the item, null when nothing was changed)' })
  item!: ResponsibilityItem | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@ObjectType('AssessmentPayload', { description: '考核变更结果 (result of an assessment mutation)' })
export class AssessmentPayload {
  @Field(() => Assessment, { nullable: true, description: '考核 (the assessment, null when nothing was changed)' })
  assessment!: Assessment | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}
