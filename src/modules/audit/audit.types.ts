import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/connection';
import { describeEnum } from '../../common/enums';
import { DateTimeScalar } from '../../common/scalars';

export enum AuditOutcomeEnum {
  ALLOWED = 'ALLOWED',
  MASKED = 'MASKED',
  DENIED = 'DENIED',
}
describeEnum(AuditOutcomeEnum, 'AuditOutcome', '审计结果 (outcome of an audited access)', {
  ALLOWED: '允许 (allowed: the value was read or the write was made)',
  MASKED: '脱敏 (a masked value was read)',
  DENIED: '拒绝 (refused: null with FORBIDDEN, a refused write, or refused credentials)',
});

@ObjectType('AuditField', { description: '审计字段 (one field the request touched; never its value)' })
export class AuditFieldType {
  @Field({ description: '记录类型 (record type), or "input" for a mutation\'s input field' })
  type!: string;

  @Field(() => ID, { nullable: true, description: '记录标识 (global id of the record)' })
  recordId!: string | null;

  @Field({ description: '字段 (field name)' })
  field!: string;

  @Field(() => AuditOutcomeEnum, { description: '结果 (outcome)' })
  outcome!: AuditOutcomeEnum;
}

@ObjectType('AuditRecord', { description: '审计记录 (audit record): append-only and hash-chained' })
export class AuditRecordType {
  @Field(() => ID, { description: '序号 (sequence number in the chain)' })
  sequence!: string;

  @Field(() => DateTimeScalar, { description: '时间 (when)' })
  at!: Date;

  @Field({ description: '请求标识 (request id, also in the X-Request-Id response header)' })
  requestId!: string;

  @Field(() => String, { nullable: true, description: '账号 (username); null for refused credentials' })
  accountUsername!: string | null;

  @Field(() => [String], { description: '所用授权 (the grants the account held: role#grant)' })
  grants!: string[];

  @Field(() => String, { nullable: true, description: '客户端地址 (client address)' })
  clientAddress!: string | null;

  @Field(() => String, { nullable: true, description: '操作名 (operation name the client sent)' })
  operationName!: string | null;

  @Field({ description: '动作 (action): READ, AUTHENTICATE, or the mutation\'s name' })
  action!: string;

  @Field(() => String, { nullable: true, description: '记录类型 (type of the record, when the request touched one)' })
  recordType!: string | null;

  @Field(() => ID, { nullable: true, description: '记录标识 (global id of the record, when the request touched one)' })
  recordId!: string | null;

  @Field(() => [AuditFieldType], { description: '字段 (the fields read, or the input fields written)' })
  fields!: AuditFieldType[];

  @Field(() => AuditOutcomeEnum, { description: '结果 (outcome)' })
  outcome!: AuditOutcomeEnum;

  @Field(() => String, { nullable: true, description: '说明 (detail: why a write or credentials were refused)' })
  detail!: string | null;

  @Field({ description: '前一条哈希 (hash of the previous record)' })
  prevHash!: string;

  @Field({ description: '本条哈希 (hash of this record: SHA-256 over the previous hash and this record\'s content)' })
  hash!: string;
}

export const AuditRecordConnection = connectionTypes(AuditRecordType, 'AuditRecord', '审计记录');

@InputType('AuditFilter', { description: '审计筛选 (audit filter); all given conditions must hold' })
export class AuditFilter {
  @Field(() => String, { nullable: true, description: '账号 (username)' })
  account?: string | null;

  @Field(() => ID, { nullable: true, description: '记录 (global id of a record: the records that touched it)' })
  record?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '起始时间 (from, inclusive)' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '截止时间 (to, exclusive)' })
  to?: Date | null;

  @Field(() => String, { nullable: true, description: '动作 (action)' })
  action?: string | null;

  @Field(() => AuditOutcomeEnum, { nullable: true, description: '结果 (outcome)' })
  outcome?: AuditOutcomeEnum | null;
}

@ObjectType('AuditVerification', { description: '审计链校验结果 (result of verifying the hash chain)' })
export class AuditVerificationType {
  @Field({ description: '完好 (intact: every link and every record verifies)' })
  intact!: boolean;

  @Field(() => Int, { description: '已校验条数 (records verified before the first break, or all)' })
  checked!: number;

  @Field(() => ID, { nullable: true, description: '首个断点 (sequence number of the first record that does not verify)' })
  firstBrokenSequence!: string | null;

  @Field(() => String, { nullable: true, description: '原因 (why it does not verify)' })
  reason!: string | null;
}
