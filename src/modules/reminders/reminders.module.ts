import type { AppModule } from '..';
import { AUTHENTICATED, ROW, readers } from '../../authz/table';
import { Role } from '../../authz/roles';
import { Reminder } from './reminder.entity';
import { ReminderResolver, ViewerRemindersResolver } from './reminder.resolver';


export const remindersModule: AppModule = {
  resolvers: [ReminderResolver, ViewerRemindersResolver],
  rules: [
    // reminders reach a caller only as its own (viewer.reminders, its subscription)
    { type: 'Reminder', fields: { '*': ROW } },
    { type: 'ReminderConnection', fields: { '*': ROW } },
    { type: 'ReminderEdge', fields: { '*': ROW } },
    { type: 'ReminderMarkReadPayload', fields: { '*': ROW } },
    { type: 'ReminderComputation', fields: { '*': ROW } },
    { type: 'Mutation', fields: { reminderMarkRead: AUTHENTICATED, remindersCompute: readers(Role.SYSTEM_ADMIN) } },
    { type: 'Subscription', fields: { reminderCreated: AUTHENTICATED } },
  ],
};
