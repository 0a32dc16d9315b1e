import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, Length, Matches, Min, ValidateNested } from 'class-validator';
import { connectionTypes } from '../../common/connection';
import { UserError } from '../../common/errors';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { IsIdentityNumber, IsMobilePhone } from '../../common/validators';
import { Petition } from './petition.entity';
import { PetitionChannel, PetitionStatus } from './petition.enums';

export const PetitionConnection = connectionTypes(Petition, 'Petition', '信访件');

@ObjectType('PetitionReporter', { description: '举报人信息 (the real-name reporter: only the petition office reads it, never the subject or the subject\'s unit)' })
export class PetitionReporter {
  @Field({ description: '姓名 (name)' })
  name!: string;

  @Field(() => String, { nullable: true, description: '手机号码 (mobile phone)' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: '身份证号码 (identity number)' })
  identityNumber!: string | null;

  @Field(() => String, { nullable: true, description: '地址 (address)' })
  address!: string | null;
}

@ObjectType('PetitionStatusAnswer', { description: '信访件查询结果 (public status check): the same shape whether or not the code exists' })
export class PetitionStatusAnswer {
  @Field({ description: '是否找到 (found)' })
  found!: boolean;

  @Field(() => PetitionStatus, { nullable: true, description: '状态 (status); null when not found' })
  status!: PetitionStatus | null;

  @Field(() => String, { nullable: true, description: '反馈意见 (feedback text, once concluded); null otherwise' })
  feedback!: string | null;
}

@InputType('PetitionReporterInput', { description: '实名举报人 (real-name reporter); leave out the whole object for an anonymous report' })
export class PetitionReporterInput {
  @Field({ description: '姓名 (name)' })
  @Length(1, 100, { message: 'reporter.name must be 1-100 characters' })
  name!: string;

  @Field(() => String, { nullable: true, description: '手机号码 (11-digit mobile phone)' })
  @IsOptional()
  @IsMobilePhone({ message: 'reporter.phone must be an 11-digit mobile number' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: '身份证号码 (18-digit identity number with its check digit)' })
  @IsOptional()
  @IsIdentityNumber({ message: 'reporter.identityNumber must be an 18-digit identity number with a valid check digit' })
  identityNumber?: string | null;

  @Field(() => String, { nullable: true, description: '地址 (address)' })
  @IsOptional()
  @Length(1, 300, { message: 'reporter.address must be 1-300 characters' })
  address?: string | null;
}

@InputType('PetitionSubjectInput', { description: '被反映对象 (subject): an official by identity number, a unit by code (with the name), or free text' })
export class PetitionSubjectInput {
  @Field(() => String, { nullable: true, description: '被反映干部身份证号码 (identity number of the official reported on)' })
  @IsOptional()
  @Matches(/^\d{17}[\dX]$/, { message: 'subject.officialIdentityNumber must be 18 characters: 17 digits and a digit or X' })
  officialIdentityNumber?: string | null;

  @Field(() => String, { nullable: true, description: '单位代码 (code of the unit reported on, or of the official\'s unit)' })
  @IsOptional()
  @Length(1, 40, { message: 'subject.unitCode must be 1-40 characters' })
  unitCode?: string | null;

  @Field(() => String, { nullable: true, description: '名称 (name of the official or unit as the reporter gave it)' })
  @IsOptional()
  @Length(1, 200, { message: 'subject.name must be 1-200 characters' })
  name?: string | null;
}

@InputType('PetitionSubmitInput', { description: '推送信访件 (submit a petition from a petition system)' })
export class PetitionSubmitInput {
  @Field({ description: '来源系统编号 (the system\'s own id: a retry with the same id and content returns the same petition)' })
  @Length(1, 100, { message: 'externalId must be 1-100 characters' })
  externalId!: string;

  @Field(() => PetitionChannel, { description: '渠道 (channel)' })
  channel!: PetitionChannel;

  @Field(() => DateTimeScalar, { description: '收到时间 (received at)' })
  receivedAt!: Date;

  @Field(() => PetitionReporterInput, { nullable: true, description: '实名举报人 (real-name reporter); null for an anonymous report' })
  @IsOptional()
  @ValidateNested()
  reporter?: PetitionReporterInput | null;

  @Field(() => PetitionSubjectInput, { description: '被反映对象 (subject)' })
  @ValidateNested()
  subject!: PetitionSubjectInput;

  @Field({ description: '反映内容 (content)' })
  @Length(1, 20000, { message: 'content must be 1-20000 characters' })
  content!: string;
}

@InputType('PetitionRegisterInput', { description: '受理登记 (accept and register a petition)' })
export class PetitionRegisterInput {
  @Field(() => ID, { description: '信访件 (the petition)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field({ nullable: true, description: '已告知受理 (the real-name reporter was told of the acceptance today)' })
  reporterNotified?: boolean;
}

@InputType('PetitionTransferInput', { description: '转办 (forward a petition to a lower commission or a dispatched team)' })
export class PetitionTransferInput {
  @Field(() => ID, { description: '信访件 (the petition)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field(() => String, { nullable: true, description: '承办单位代码 (code of the unit whose commission takes it over); or give teamCode' })
  @IsOptional()
  @Length(1, 40)
  unitCode?: string | null;

  @Field(() => String, { nullable: true, description: '派驻组代码 (code of the dispatched team that takes it over)' })
  @IsOptional()
  @Length(1, 40)
  teamCode?: string | null;

  @Field(() => String, { nullable: true, description: '转办说明 (note)' })
  @IsOptional()
  @Length(0, 2000)
  note?: string | null;
}

@InputType('PetitionCreateClueInput', { description: '转为问题线索 (turn a petition into a problem clue)' })
export class PetitionCreateClueInput {
  @Field(() => ID, { description: '信访件 (the petition)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field({ description: '线索摘要 (summary of the clue)' })
  @Length(1, 500, { message: 'summary must be 1-500 characters' })
  summary!: string;
}

@InputType('PetitionConcludeInput', { description: '办结反馈 (conclude a petition with the feedback for the reporter)' })
export class PetitionConcludeInput {
  @Field(() => ID, { description: '信访件 (the petition)' })
  id!: string;

  @Field(() => Int, { description: '版本号 (the version you read)' })
  @Min(1)
  version!: number;

  @Field({ description: '反馈意见 (feedback text for the reporter)' })
  @Length(1, 5000, { message: 'feedback must be 1-5000 characters' })
  feedback!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: '事项办结日期 (date the matter closed; default today)' })
  matterClosedOn?: string | null;
}

@InputType('PetitionFilter', { description: '信访件筛选 (petition filter); there is no filter on reporter details' })
export class PetitionFilter {
  @Field(() => PetitionStatus, { nullable: true, description: '状态 (status)' })
  status?: PetitionStatus | null;

  @Field(() => Boolean, { nullable: true, description: '已超期 (overdue: a statutory deadline has passed)' })
  overdue?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '本系统推送 (only petitions the calling petition system submitted)' })
  submittedByMe?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '疑似重复件 (only probable repeats)' })
  probableRepeat?: boolean | null;
}

@ObjectType('PetitionSubmitPayload', { description: '推送结果 (result of a submission)' })
export class PetitionSubmitPayload {
  @Field(() => Petition, { nullable: true, description: '信访件 (the petition; the same one on a retry)' })
  petition!: Petition | null;

  @Field(() => String, { nullable: true, description: '查询码 (receipt code for the reporter: 16 digits)' })
  receiptCode!: string | null;

  @Field(() => [UserError], { description: '用户错误 (user errors)' })
  userErrors!: UserError[];
}

@ObjectType('PetitionPayload', { description: '信访件变更结果 (result of a petition mutation)' })
export class PetitionPayload {
  @Field(() => Petition, { nullable: true, description: '信访件 (the petition; null when nothing was changed)' })
  petition!: Petition | null;

  @Field(() => [UserError], { description: '用户错误 (user errors)' })
  userErrors!: UserError[];
}
