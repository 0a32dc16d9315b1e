import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { describeEnum } from '../common/enums';
import { DateTimeScalar } from '../common/scalars';
import { UserError } from '../common/errors';
import { PetitionStatus } from '../modules/petitions/petition.enums';
import { Account } from '../modules/accounts/account.entity';

export enum OutboxState {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  DEAD = 'DEAD',
}
describeEnum(OutboxState, 'OutboxState', '投递状态 (delivery state of a status event)', {
  PENDING: '待投递 (not yet acknowledged: waiting for its next attempt)',
  DELIVERED: '已投递 (the petition system answered 2xx)',
  DEAD: '投递失败 (dead-lettered after the last attempt; the petition office may redeliver it)',
});

/**
 * 信访状态事件: one status change of a petition, for the petition system that submitted it.
 * It carries the status and the feedback text only: never the reporter, the content or the handler.
 */
@ObjectType('PetitionEvent', { description: '信访状态事件 (petition status event): a status change sent back to the petition system that submitted the petition' })
export class PetitionEvent {
  static readonly typename = 'PetitionEvent';

  id!: number;
  accountId!: number;
  petitionKey!: number;

  @Field(() => ID, { description: '事件标识 (event id, a UUID; the X-Event-Id header of its webhook, for de-duplication)' })
  eventId!: string;

  @Field(() => Int, { description: '序号 (sequence: increases with each event; a receiver keeps the status of the highest one per petition)' })
  sequence!: number;

  @Field(() => ID, { description: '信访件 (global id of the petition, as petitionSubmit returned it)' })
  petitionId!: string;

  @Field(() => String, { nullable: true, description: '来源系统编号 (the source system\'s own id of the petition)' })
  externalId!: string | null;

  @Field(() => PetitionStatus, { description: '状态 (the status the petition reached)' })
  status!: PetitionStatus;

  @Field(() => String, { nullable: true, description: '反馈意见 (feedback text for the reporter, once concluded)' })
  feedback!: string | null;

  @Field(() => DateTimeScalar, { description: '发生时间 (when the status changed)' })
  occurredAt!: Date;

  @Field(() => OutboxState, { description: '投递状态 (delivery state of its webhook)' })
  state!: OutboxState;

  @Field(() => Int, { description: '投递次数 (delivery attempts so far)' })
  attempts!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: '下次投递时间 (next attempt, while pending)' })
  nextAttemptAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '投递成功时间 (when it was acknowledged)' })
  deliveredAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '转入死信时间 (when it was dead-lettered)' })
  deadAt!: Date | null;

  @Field(() => Int, { nullable: true, description: '最近响应码 (HTTP status of the last attempt; null after a network error)' })
  lastStatus!: number | null;

  @Field(() => String, { nullable: true, description: '最近错误 (short reason the last attempt failed)' })
  lastError!: string | null;
}

/** 回调地址: where a petition system receives its status events. Its secret is never shown again. */
@ObjectType('WebhookEndpoint', { description: '回调地址 (webhook endpoint of a petition system); its signing secret is shown only when set or rotated' })
export class WebhookEndpoint {
  static readonly typename = 'WebhookEndpoint';

  id!: number;
  accountId!: number;

  @Field(() => Account, { description: '信访系统账号 (the petition system\'s account)' })
  account!: Account;

  @Field({ description: '地址 (URL, http or https)' })
  url!: string;

  @Field(() => DateTimeScalar, { description: '密钥设置时间 (when the current signing secret was issued)' })
  secretSetAt!: Date;
}

@InputType('WebhookEndpointSetInput', { description: '设置回调地址 (set the webhook endpoint of a petition system)' })
export class WebhookEndpointSetInput {
  @Field(() => ID, { description: '账号 (the PETITION_SYSTEM account)' })
  @IsString()
  account!: string;

  @Field({ description: '地址 (http or https URL, at most 2000 characters, no user name or password in it)' })
  @IsString()
  @MinLength(8)
  @MaxLength(2000)
  url!: string;
}

@InputType('WebhookEndpointRotateSecretInput', { description: '更换回调签名密钥 (issue a new signing secret)' })
export class WebhookEndpointRotateSecretInput {
  @Field(() => ID, { description: '账号 (the PETITION_SYSTEM account)' })
  @IsString()
  account!: string;
}

@ObjectType('WebhookEndpointPayload', { description: '回调地址结果 (result of setting a webhook endpoint or rotating its secret)' })
export class WebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: '回调地址 (the endpoint)' })
  endpoint!: WebhookEndpoint | null;

  @Field(() => String, { nullable: true, description: '签名密钥 (signing secret: shown this once, when first set or rotated; null otherwise)' })
  secret!: string | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@InputType('OutboxRedeliverInput', { description: '重新投递 (deliver a status event again)' })
export class OutboxRedeliverInput {
  @Field(() => ID, { description: '事件标识 (event id, the UUID)' })
  @IsString()
  @MaxLength(64)
  eventId!: string;
}

@ObjectType('OutboxRedeliverPayload', { description: '重新投递结果 (result of a redelivery)' })
export class OutboxRedeliverPayload {
  @Field(() => PetitionEvent, { nullable: true, description: '事件 (the event, due again)' })
  event!: PetitionEvent | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}
