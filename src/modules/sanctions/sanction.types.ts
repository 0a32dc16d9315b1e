import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, MaxLength, Min } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { UserError } from '../../common/errors';
import { LocalDateScalar } from '../../common/scalars';
import { Sanction } from './sanction.entity';
import { FourForms, SanctionCategory, SanctionKind, SanctionStatus } from './sanction.enums';

export const SanctionConnection = connectionTypes(Sanction, 'Sanction', '处分');
export type SanctionConnection = InstanceType<typeof SanctionConnection>;

@ObjectType('SanctionViewerCan', { description: '当前账号对该处分可做之事 (what the caller may do with this sanction), so a client can hide what it may not use' })
export class SanctionViewerCan {
  @Field({ description: '可读案情和证据 (may read case facts and evidence references)' })
  readCaseFacts!: boolean;

  @Field({ description: '可更正 (may correct the record; never once revoked)' })
  correct!: boolean;

  @Field({ description: '可撤销 (may record its revocation on appeal; never once revoked)' })
  revoke!: boolean;
}

@ObjectType('IntegrityStatus', {
  description:
    '廉洁状态 (integrity status) of an official, from the sanctions the caller may see: whether one of them is inside its influence period (影响期) today. 未办结问题线索 (open clues) will be added with problem clues.',
})
export class IntegrityStatus {
  @Field({ description: '处于影响期 (inside the influence period of at least one sanction today)' })
  inInfluencePeriod!: boolean;

  @Field(() => LocalDateScalar, { nullable: true, description: '影响期截止 (last day of the latest influence period in force); null when none is in force, or when one has no end date (permanent)' })
  influenceUntil!: string | null;

  @Field({ description: '无截止日期 (a sanction in force has no end date: permanent, or until the record is updated, e.g. transferred to the judiciary)' })
  permanent!: boolean;

  @Field(() => Int, { description: '影响期内处分数 (number of sanctions inside their influence period today)' })
  sanctionsInInfluence!: number;
}

@InputType('SanctionFilter', { description: '处分筛选 (sanction filter); all given conditions must hold' })
export class SanctionFilter {
  @Field(() => ID, { nullable: true, description: '干部 (sanctions of this official)' })
  official?: string | null;

  @Field(() => ID, { nullable: true, description: '单位子树 (sanctions recorded under this unit and every unit below it)' })
  unitSubtree?: string | null;

  @Field(() => [SanctionCategory], { nullable: true, description: '类别 (any of these categories)' })
  categories?: SanctionCategory[] | null;

  @Field(() => [SanctionKind], { nullable: true, description: '种类 (any of these kinds)' })
  kinds?: SanctionKind[] | null;

  @Field(() => SanctionStatus, { nullable: true, description: '状态 (status as of today)' })
  status?: SanctionStatus | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '决定日期起 (decided on or after this date)' })
  decisionDateFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '决定日期止 (decided on or before this date)' })
  decisionDateTo?: string | null;

  @Field(() => Boolean, { nullable: true, description: '处于影响期 (inside, or outside, the influence period today)' })
  inInfluencePeriod?: boolean | null;
}

@InputType('SanctionRecordInput', { description: '登记处分 (record a sanction); the subject is an official, or (accountability of a party organisation) a unit' })
export class SanctionRecordInput {
  @Field(() => ID, { nullable: true, description: '被处分干部 (the official sanctioned); give exactly one of official and subjectOrganisation' })
  official?: string | null;

  @Field(() => ID, { nullable: true, description: '被问责党组织 (the unit whose party organisation is held accountable: INSPECTION, CIRCULATION, REORGANISATION only)' })
  subjectOrganisation?: string | null;

  @Field(() => SanctionCategory, { description: '类别 (category)' })
  category!: SanctionCategory;

  @Field(() => SanctionKind, { description: '种类 (kind); must be a kind of the category' })
  kind!: SanctionKind;

  @Field(() => LocalDateScalar, { description: '决定日期 (decision date)' })
  decisionDate!: string;

  @Field(() => LocalDateScalar, { description: '生效日期 (effective date, not before the decision date)' })
  effectiveDate!: string;

  @Field(() => Int, { nullable: true, description: '留党察看期 (probation in months, 12 or 24; party probation only)' })
  probationMonths?: number | null;

  @Field(() => Int, { nullable: true, description: '影响期月数 (influence period in months, where the rules let the decision set it)' })
  influenceMonths?: number | null;

  @Field(() => FourForms, { description: '四种形态 (four-forms class)' })
  fourForms!: FourForms;

  @Field({ description: '决定机关 (deciding organ)' })
  @Length(1, 200, { message: 'decidingOrgan must not be empty (at most 200 characters)' })
  decidingOrgan!: string;

  @Field(() => String, { nullable: true, description: '文号 (decision document number)' })
  @IsOptional()
  @MaxLength(100)
  decisionNumber?: string | null;

  @Field({ defaultValue: false, description: '点名道姓通报 (named in a public circular)' })
  publiclyNamed!: boolean;

  @Field({ description: '事由摘要 (reason summary), not empty' })
  @Length(1, 2000, { message: 'reasonSummary must not be empty (at most 2000 characters)' })
  reasonSummary!: string;

  @Field(() => String, { nullable: true, description: '案情 (case facts); read only by the discipline commission and dispatched teams' })
  @IsOptional()
  @MaxLength(20000)
  caseFacts?: string | null;

  @Field(() => [String], { nullable: true, description: '证据索引 (evidence references, e.g. file numbers)' })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(500, { each: true })
  evidenceRefs?: string[] | null;

  @Field(() => ID, { nullable: true, description: '一案双查 (the sanction for the matter itself, when this one holds a leader accountable for it); must be visible to the caller' })
  primarySanction?: string | null;
}

@InputType('SanctionCorrectInput', {
  description: '更正处分 (correct a recorded sanction); omitted fields stay, null clears a nullable field; the influence period is recomputed. The subject cannot be changed.',
})
export class SanctionCorrectInput {
  @Field(() => ID, { description: '处分 (the sanction)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => SanctionCategory, { nullable: true, description: '类别 (category)' })
  category?: SanctionCategory | null;

  @Field(() => SanctionKind, { nullable: true, description: '种类 (kind)' })
  kind?: SanctionKind | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '决定日期 (decision date)' })
  decisionDate?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '生效日期 (effective date)' })
  effectiveDate?: string | null;

  @Field(() => Int, { nullable: true, description: '留党察看期 (probation in months); null clears it' })
  probationMonths?: number | null;

  @Field(() => Int, { nullable: true, description: '影响期月数 (influence period in months); null clears it' })
  influenceMonths?: number | null;

  @Field(() => FourForms, { nullable: true, description: '四种形态 (four-forms class)' })
  fourForms?: FourForms | null;

  @Field(() => String, { nullable: true, description: '决定机关 (deciding organ)' })
  @IsOptional()
  @Length(1, 200, { message: 'decidingOrgan must not be empty (at most 200 characters)' })
  decidingOrgan?: string | null;

  @Field(() => String, { nullable: true, description: '文号 (decision document number); null clears it' })
  @IsOptional()
  @MaxLength(100)
  decisionNumber?: string | null;

  @Field(() => Boolean, { nullable: true, description: '点名道姓通报 (named in a public circular)' })
  publiclyNamed?: boolean | null;

  @Field(() => String, { nullable: true, description: '事由摘要 (reason summary), not empty' })
  @IsOptional()
  @Length(1, 2000, { message: 'reasonSummary must not be empty (at most 2000 characters)' })
  reasonSummary?: string | null;

  @Field(() => String, { nullable: true, description: '案情 (case facts); null clears them' })
  @IsOptional()
  @MaxLength(20000)
  caseFacts?: string | null;

  @Field(() => [String], { nullable: true, description: '证据索引 (evidence references); null clears them' })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(500, { each: true })
  evidenceRefs?: string[] | null;

  @Field(() => ID, { nullable: true, description: '一案双查 (the sanction for the matter itself); null removes the link' })
  primarySanction?: string | null;
}

@InputType('SanctionRevokeInput', { description: '撤销处分 (record that a sanction was revoked on appeal)' })
export class SanctionRevokeInput {
  @Field(() => ID, { description: '处分 (the sanction)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => LocalDateScalar, { description: '撤销日期 (date revoked; not before the decision date, not in the future)' })
  revokedDate!: string;

  @Field({ description: '撤销理由 (reason for revocation), not empty' })
  @Length(1, 2000, { message: 'reason must not be empty (at most 2000 characters)' })
  reason!: string;
}

@ObjectType('SanctionPayload', { description: '处分变更结果 (result of a sanction mutation)' })
export class SanctionPayload {
  @Field(() => Sanction, { nullable: true, description: '处分 (the sanction, null when nothing was changed)' })
  sanction!: Sanction | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}
