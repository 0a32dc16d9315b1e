import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { ArrayMaxSize } from 'class-validator';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs, connectionTypes } from '../../common/connection';
import { UserError, invalid } from '../../common/errors';
import { tryKeyOf } from '../../common/relay';
import { runMutation } from '../../common/mutation';
import { auditWrite } from '../../audit/audit.service';
import { ViewerInfo } from '../accounts/account.types';
import { Reminder } from './reminder.entity';
import { REMINDER_TOPIC, ReminderService, computeReminders } from './reminder.service';

export const ReminderConnection = connectionTypes(Reminder, 'Reminder', '提醒');

@InputType('ReminderMarkReadInput', { description: '标记提醒已读 (mark reminders read)' })
export class ReminderMarkReadInput {
  @Field(() => [ID], { description: '提醒 (the caller\'s reminders, at most 100)' })
  @ArrayMaxSize(100)
  ids!: string[];
}

@ObjectType('ReminderMarkReadPayload', { description: '标记已读结果 (result of marking reminders read)' })
export class ReminderMarkReadPayload {
  @Field(() => [Reminder], { description: '提醒 (the reminders now read)' })
  reminders!: Reminder[];

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}

@ObjectType('ReminderComputation', { description: '提醒计算结果 (result of computing reminders)' })
export class ReminderComputation {
  @Field(() => Int, { description: '新建提醒数 (reminders created)' })
  created!: number;
}

@Resolver(() => Reminder)
export class ReminderResolver {
  @Mutation(() => ReminderMarkReadPayload, { nullable: true, description: '标记提醒已读 (mark the caller\'s reminders read)' })
  reminderMarkRead(@Arg('input', () => ReminderMarkReadInput, { description: '输入 (input)' }) input: ReminderMarkReadInput, @Ctx() ctx: RequestContext) {
    return runMutation<ReminderMarkReadPayload>(ctx, input, async (em: EntityManager) => {
      const ids = input.ids.map((g, i) => {
        const id = tryKeyOf(g, Reminder.typename);
        if (id === null) throw invalid(['input', 'ids', String(i)], 'not a valid Reminder id');
        return id;
      });
      // only the caller's own reminders; others do not exist for it
      const reminders = await em.find(Reminder, { id: { $in: ids }, account: ctx.viewer.account!.id });
      if (reminders.length !== new Set(ids).size) throw invalid('ids', 'Some of these reminders do not exist');
      for (const r of reminders) r.readAt ??= ctx.now;
      await em.flush();
      return { reminders };
    }, { reminders: [] });
  }

  @Mutation(() => ReminderComputation, { nullable: true, description: '立即计算提醒 (compute due and overdue reminders now, as the daily job does; SYSTEM_ADMIN)' })
  async remindersCompute(@Ctx() ctx: RequestContext): Promise<ReminderComputation> {
    const r = await computeReminders(ctx.em.fork(), ctx.today);
    await ctx.em.fork().transactional((em) => auditWrite(em as EntityManager, ctx, 'remindersCompute', null, [], 'ALLOWED', `${r.created} created`));
    return { created: r.created };
  }

  @Subscription(() => Reminder, {
    topics: REMINDER_TOPIC,
    filter: ({ payload, context }: { payload: { accountId: number }; context: RequestContext }) => payload.accountId === context.viewer.account?.id,
    description: '新提醒 (a new reminder for the caller)',
  })
  reminderCreated(@Root() payload: { reminder: Reminder }): Reminder {
    return payload.reminder;
  }
}

@Resolver(() => ViewerInfo)
export class ViewerRemindersResolver {
  @FieldResolver(() => ReminderConnection, { description: '我的提醒 (the caller\'s reminders, oldest first)' })
  reminders(
    @Arg('unreadOnly', { defaultValue: false, description: '仅未读 (unread only)' }) unreadOnly: boolean,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return ReminderService.list(ctx, unreadOnly, args);
  }
}
