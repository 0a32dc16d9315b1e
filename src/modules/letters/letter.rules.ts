import { ROW, readers, type TypeRules } from '../../authz/table';
import { Role } from '../../authz/roles';
import type { Assessment, ResponsibilityItem, ResponsibilityLetter } from './letter.entity';

const { PARTY_COMMITTEE: PC, DISCIPLINE_COMMISSION: DC, DISPATCHED_TEAM: DT, UNIT, ORGANIZATION_DEPT: ORG } = Role;

/**
 * Who sees letter and item rows at all, scoped by the target unit's path (UNIT: its own
 * unit's letters only). ORGANIZATION_DEPT, the administrators and the petition system see none.
 */
export const LETTER_ROW_ROLES: readonly Role[] = [PC, DC, DT, UNIT];
/** Who may draft, sign, publish and assess letters: the issuing party committee (its grant must reach the issuer unit). */
export const LETTER_WRITERS: readonly Role[] = [PC];
/** Who may report progress on items: the issuing party committee, or the unit on its own letters. */
export const PROGRESS_REPORTERS: readonly Role[] = [PC, UNIT];
/** Who sees assessment rows (ORGANIZATION_DEPT reads assessments, though not letters). */
export const ASSESSMENT_ROW_ROLES: readonly Role[] = [PC, DC, DT, UNIT, ORG];
/** Who may propose a one-vote veto. */
export const VETO_PROPOSERS: readonly Role[] = [DC];

export const letterRules: TypeRules[] = [
  {
    type: 'ResponsibilityLetter',
    scopePath: (l: ResponsibilityLetter) => l.unitPath,
    fields: {
      id: ROW,
      version: ROW,
      year: ROW,
      title: ROW,
      status: ROW,
      signedDate: ROW,
      publishedDate: ROW,
      issuerUnit: ROW,
      unit: ROW,
      principal: ROW,
      items: ROW,
      assessments: ROW,
      viewerCan: ROW,
    },
  },
  {
    type: 'ResponsibilityItem',
    scopePath: (i: ResponsibilityItem) => i.unitPath,
    fields: {
      id: ROW,
      version: ROW,
      kind: ROW,
      content: ROW,
      measures: ROW,
      deadline: ROW,
      progress: ROW,
      progressPercent: ROW,
      progressReportedOn: ROW,
      overdue: ROW,
      reminderDue: ROW,
      letter: ROW,
    },
  },
  {
    type: 'Assessment',
    scopePath: (a: Assessment) => a.unitPath,
    fields: {
      id: ROW,
      version: ROW,
      year: ROW,
      period: ROW,
      score: ROW,
      grade: ROW,
      vetoed: ROW,
      vetoReason: ROW,
      vetoProposed: ROW,
      vetoProposalReason: ROW,
      assessedDate: ROW,
      unit: ROW,
      letter: ROW,
    },
  },
  { type: 'LetterViewerCan', fields: { '*': ROW } },
  { type: 'ResponsibilityLetterConnection', fields: { '*': ROW } },
  { type: 'ResponsibilityLetterEdge', fields: { '*': ROW } },
  { type: 'AssessmentConnection', fields: { '*': ROW } },
  { type: 'AssessmentEdge', fields: { '*': ROW } },
  { type: 'LetterPayload', fields: { '*': ROW } },
  { type: 'LetterItemPayload', fields: { '*': ROW } },
  { type: 'AssessmentPayload', fields: { '*': ROW } },
  {
    type: 'Query',
    fields: {
      letters: readers(...LETTER_ROW_ROLES),
      letter: readers(...LETTER_ROW_ROLES),
      assessments: readers(...ASSESSMENT_ROW_ROLES),
    },
  },
  {
    type: 'Mutation',
    fields: {
      letterCreate: readers(...LETTER_WRITERS),
      letterUpdate: readers(...LETTER_WRITERS),
      letterItemAdd: readers(...LETTER_WRITERS),
      letterItemUpdate: readers(...LETTER_WRITERS),
      letterSign: readers(...LETTER_WRITERS),
      letterPublish: readers(...LETTER_WRITERS),
      letterItemReportProgress: readers(...PROGRESS_REPORTERS),
      letterAssess: readers(...LETTER_WRITERS),
      assessmentProposeVeto: readers(...VETO_PROPOSERS),
    },
  },
];
