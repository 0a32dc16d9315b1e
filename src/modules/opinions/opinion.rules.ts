import { ROW, readers, type TypeRules } from '../../authz/table';
import { Role } from '../../authz/roles';
import type { FieldAccess } from '../../authz/viewer';
import type { IntegrityOpinion } from './opinion.entity';
import type { IntegrityArchive } from './opinion.types';

const { DISCIPLINE_COMMISSION: DC, DISPATCHED_TEAM: DT, ORGANIZATION_DEPT: ORG } = Role;

/** Who asks for integrity opinions: the organisation department, about officials in its reach. */
export const OPINION_REQUESTERS: readonly Role[] = [ORG];
/** Who reads every reply about officials in its reach, confirms, amends and sends them. */
export const OPINION_WRITERS: readonly Role[] = [DC];
/** Who reads an official's integrity archive (廉政档案), in its reach. */
export const ARCHIVE_READERS: readonly Role[] = [DC, DT];
/** The commission's working data on a reply (the computed draft, the amendment): never the requester's. */
export const OPINION_INTERNAL_ACCESS: FieldAccess = readers(DC);

/** An opinion is about its official: an account linked to that official recuses itself from the answer. */
export const opinionSubjects = (o: IntegrityOpinion) => [o.official.id];

export const opinionRules: TypeRules<any>[] = [
  {
    type: 'IntegrityOpinion',
    scopePath: (o: IntegrityOpinion) => o.unitPath,
    fields: {
      id: ROW,
      version: ROW,
      request: ROW,
      official: ROW,
      // the requester reads AWAITING_REPLY and null answers until the reply is sent (decided in the resolver)
      status: ROW,
      answer: ROW,
      reasonClass: ROW,
      influenceUntil: ROW,
      sentAt: ROW,
      computedAnswer: OPINION_INTERNAL_ACCESS,
      computedReasonClass: OPINION_INTERNAL_ACCESS,
      computedInfluenceUntil: OPINION_INTERNAL_ACCESS,
      amended: OPINION_INTERNAL_ACCESS,
      amendNote: OPINION_INTERNAL_ACCESS,
      confirmedBy: OPINION_INTERNAL_ACCESS,
      confirmedAt: OPINION_INTERNAL_ACCESS,
      viewerCan: ROW,
    },
    sensitive: ['answer', 'reasonClass', 'computedAnswer', 'computedReasonClass', 'amendNote'],
    recusal: {
      fields: ['answer', 'reasonClass', 'influenceUntil', 'computedAnswer', 'computedReasonClass', 'computedInfluenceUntil', 'amendNote'],
      subjects: opinionSubjects,
    },
  },
  {
    type: 'IntegrityOpinionRequest',
    fields: { id: ROW, purpose: ROW, requestedOn: ROW, note: ROW, officialCount: ROW, requestedBy: ROW, requesterUnit: ROW, opinions: ROW },
  },
  { type: 'IntegrityOpinionViewerCan', fields: { '*': ROW } },
  { type: 'IntegrityOpinionConnection', fields: { '*': ROW } },
  { type: 'IntegrityOpinionEdge', fields: { '*': ROW } },
  { type: 'IntegrityOpinionRequestConnection', fields: { '*': ROW } },
  { type: 'IntegrityOpinionRequestEdge', fields: { '*': ROW } },
  { type: 'IntegrityOpinionRequestItem', fields: { '*': ROW } },
  { type: 'IntegrityOpinionRequestPayload', fields: { '*': ROW } },
  { type: 'IntegrityOpinionsPayload', fields: { '*': ROW } },
  { type: 'IntegrityOpinionPayload', fields: { '*': ROW } },
  {
    type: 'IntegrityArchive',
    scopePath: (a: IntegrityArchive) => a.official.unitPath,
    fields: {
      official: readers(...ARCHIVE_READERS),
      postsHeld: readers(...ARCHIVE_READERS),
      postHistoryRecorded: readers(...ARCHIVE_READERS),
      responsibilityLetters: readers(...ARCHIVE_READERS),
      pledges: readers(...ARCHIVE_READERS),
      sanctions: readers(...ARCHIVE_READERS),
      clues: readers(...ARCHIVE_READERS),
      // replies are the commission's: a dispatched team reads the rest of the archive only
      integrityOpinions: readers(...OPINION_WRITERS),
      warnings: readers(...ARCHIVE_READERS),
    },
  },
  { type: 'ArchivePost', fields: { unit: ROW, post: ROW, rank: ROW, isPrincipal: ROW, inChargeUnits: ROW, current: ROW } },
  // Reached only through Official.integrityStatus, which carries the field rule (DC, DT); counted within the caller's clue scope.
  { type: 'IntegrityStatus', fields: { openClues: ROW, pendingVerification: ROW } },
  {
    type: 'Query',
    fields: {
      integrityOpinionRequests: readers(...OPINION_REQUESTERS, ...OPINION_WRITERS),
      integrityOpinions: readers(...OPINION_REQUESTERS, ...OPINION_WRITERS),
      integrityArchive: readers(...ARCHIVE_READERS),
    },
  },
  {
    type: 'Mutation',
    fields: {
      integrityOpinionRequest: readers(...OPINION_REQUESTERS),
      integrityOpinionConfirm: readers(...OPINION_WRITERS),
      integrityOpinionAmend: readers(...OPINION_WRITERS),
      integrityOpinionSend: readers(...OPINION_WRITERS),
    },
  },
];
