import type { AppModule } from '../modules';
import { NOT_ADMIN, ROW, readers } from '../authz/table';
import { Role } from '../authz/roles';
import { OFFICE_ROLES } from './outbox.service';
import { OutboxResolver } from './outbox.resolver';

const EVENT_FIELDS = [
  'eventId', 'sequence', 'petitionId', 'externalId', 'status', 'feedback', 'occurredAt',
  'state', 'attempts', 'nextAttemptAt', 'deliveredAt', 'deadAt', 'lastStatus', 'lastError',
];

/**
 * Status events reach a petition system only as its own (rows chosen in SQL by account), and the
 * petition office through its scope; the administrators never see them. Endpoints and their
 * secrets are the security administrator's.
 */
export const outboxModule: AppModule = {
  resolvers: [OutboxResolver],
  rules: [
    { type: 'PetitionEvent', fields: Object.fromEntries(EVENT_FIELDS.map((f) => [f, NOT_ADMIN])) },
    { type: 'PetitionEventConnection', fields: { '*': ROW } },
    { type: 'PetitionEventEdge', fields: { '*': ROW } },
    { type: 'WebhookEndpoint', fields: { account: ROW, url: ROW, secretSetAt: ROW } },
    { type: 'WebhookEndpointPayload', fields: { '*': ROW } },
    { type: 'OutboxRedeliverPayload', fields: { '*': ROW } },
    {
      type: 'Query',
      fields: {
        myPetitionEvents: readers(Role.PETITION_SYSTEM),
        petitionOutboxEvents: readers(...OFFICE_ROLES),
      },
    },
    {
      type: 'Mutation',
      fields: {
        outboxRedeliver: readers(...OFFICE_ROLES),
        webhookEndpointSet: readers(Role.SECURITY_ADMIN),
        webhookEndpointRotateSecret: readers(Role.SECURITY_ADMIN),
      },
    },
    { type: 'Subscription', fields: { petitionStatusChanged: readers(Role.PETITION_SYSTEM) } },
  ],
};
