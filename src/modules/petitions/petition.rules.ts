import { PUBLIC, ROW, readers, type TypeRules } from '../../authz/table';
import { Role } from '../../authz/roles';
import type { Petition } from './petition.entity';

const { PETITION_OFFICE: PO, DISCIPLINE_COMMISSION: DC, PETITION_SYSTEM: PS } = Role;

/** Fields beyond the status: the petition office and the commission, within their reach. */
const CASE = readers(PO, DC);

export const petitionRules: TypeRules<any>[] = [
  {
    type: 'Petition',
    scopePath: (p: Petition) => p.unitPath,
    fields: {
      // status fields: whoever sees the row (a petition system sees only its own submissions)
      id: ROW,
      version: ROW,
      externalId: ROW,
      status: ROW,
      receivedAt: ROW,
      concludedOn: ROW,
      channel: CASE,
      receivedOn: CASE,
      anonymous: CASE,
      subjectText: CASE,
      subjectUnresolved: CASE,
      subjectOfficial: CASE,
      subjectUnit: CASE,
      content: CASE,
      unit: CASE,
      acceptDeadline: CASE,
      acceptanceNoticeDeadline: CASE,
      acceptanceNotifiedOn: CASE,
      registeredOn: CASE,
      transferredOn: CASE,
      transferUnit: CASE,
      transferTeam: CASE,
      transferNote: CASE,
      clue: CASE,
      matterClosedOn: CASE,
      resultNoticeDeadline: CASE,
      feedback: CASE,
      overdue: CASE,
      probableRepeatOf: readers(PO),
      receiptCode: readers(PO),
      reporter: readers(PO),
    },
    sensitive: ['reporter'],
    recusal: { fields: ['reporter'], subjects: (p: Petition) => [p.subjectOfficialId] },
  },
  // reached only through Petition.reporter, which is guarded
  { type: 'PetitionReporter', fields: { name: ROW, phone: ROW, identityNumber: ROW, address: ROW } },
  { type: 'PetitionStatusAnswer', fields: { found: PUBLIC, status: PUBLIC, feedback: PUBLIC } },
  { type: 'PetitionConnection', fields: { '*': ROW } },
  { type: 'PetitionEdge', fields: { '*': ROW } },
  { type: 'PetitionPayload', fields: { '*': ROW } },
  { type: 'PetitionSubmitPayload', fields: { '*': ROW } },
  { type: 'Query', fields: { petitions: readers(PO, DC, PS), petition: readers(PO, DC, PS), petitionStatus: PUBLIC } },
  {
    type: 'Mutation',
    fields: {
      petitionSubmit: readers(PS),
      petitionRegister: readers(PO),
      petitionTransfer: readers(PO),
      petitionCreateClue: readers(PO),
      petitionConclude: readers(PO),
    },
  },
];
