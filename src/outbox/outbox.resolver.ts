import { Arg, Args, Ctx, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../common/context';
import { ConnectionArgs, connectionTypes } from '../common/connection';
import { runMutation } from '../common/mutation';
import { OutboxService, PETITION_EVENT_TOPIC, WebhookEndpointService } from './outbox.service';
import {
  OutboxRedeliverInput,
  OutboxRedeliverPayload,
  OutboxState,
  PetitionEvent,
  WebhookEndpointPayload,
  WebhookEndpointRotateSecretInput,
  WebhookEndpointSetInput,
} from './outbox.types';

export const PetitionEventConnection = connectionTypes(PetitionEvent, 'PetitionEvent', '信访状态事件');

@Resolver(() => PetitionEvent)
export class OutboxResolver {
  @Query(() => PetitionEventConnection, { nullable: true, description: '我的信访状态事件 (the calling petition system\'s status events, oldest first: poll with `after` set to the last endCursor)' })
  myPetitionEvents(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: RequestContext) {
    return OutboxService.mine(ctx, args);
  }

  @Query(() => PetitionEventConnection, { nullable: true, description: '信访状态事件投递 (status events of the petitions in the caller\'s scope, by delivery state: the dead-letter list)' })
  petitionOutboxEvents(
    @Arg('state', () => OutboxState, { nullable: true, description: '投递状态 (only events in this delivery state)' }) state: OutboxState | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return OutboxService.forOffice(ctx, state, args);
  }

  @Mutation(() => OutboxRedeliverPayload, { nullable: true, description: '重新投递 (make a delivered or dead-lettered status event due again)' })
  outboxRedeliver(@Arg('input', () => OutboxRedeliverInput, { description: '输入 (input)' }) input: OutboxRedeliverInput, @Ctx() ctx: RequestContext) {
    return runMutation<OutboxRedeliverPayload>(ctx, input, async (em: EntityManager) => ({ event: await OutboxService.redeliver(ctx, em, input.eventId) }), { event: null });
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: '设置回调地址 (set a petition system\'s webhook URL; the first time, returns its signing secret once)' })
  webhookEndpointSet(@Arg('input', () => WebhookEndpointSetInput, { description: '输入 (input)' }) input: WebhookEndpointSetInput, @Ctx() ctx: RequestContext) {
    return runMutation<WebhookEndpointPayload>(ctx, input, (em: EntityManager) => WebhookEndpointService.set(em, input.account, input.url), { endpoint: null, secret: null });
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: '更换回调签名密钥 (issue a new signing secret, returned once; the old one stops at once)' })
  webhookEndpointRotateSecret(
    @Arg('input', () => WebhookEndpointRotateSecretInput, { description: '输入 (input)' }) input: WebhookEndpointRotateSecretInput,
    @Ctx() ctx: RequestContext,
  ) {
    return runMutation<WebhookEndpointPayload>(ctx, input, (em: EntityManager) => WebhookEndpointService.rotate(em, input.account), { endpoint: null, secret: null });
  }

  @Subscription(() => PetitionEvent, {
    topics: PETITION_EVENT_TOPIC,
    filter: ({ payload, context }: { payload: { accountId: number }; context: RequestContext }) => payload.accountId === context.viewer.account?.id,
    description: '信访状态变化 (a status change of a petition the calling petition system submitted; sent after the change commits)',
  })
  petitionStatusChanged(@Root() payload: { event: PetitionEvent }): PetitionEvent {
    return payload.event;
  }
}
