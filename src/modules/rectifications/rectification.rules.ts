import { ROW, readers, type TypeRules, NOT_ADMIN } from '../../authz/table';
import { Role } from '../../authz/roles';
import type { Rectification, RectificationReport } from './rectification.entity';

const { PARTY_COMMITTEE: PC, DISCIPLINE_COMMISSION: DC, DISPATCHED_TEAM: DT, UNIT } = Role;

/**
 * Who sees rectification rows by role, scoped by the responsible unit's path: the party committee
 * its subtree, the discipline commission and dispatched teams their reach, a unit its own rows.
 * The leader in charge of the responsible unit (分管领导) also reads them, through the official its
 * account is linked to, whatever its roles (双向抄告); see RectificationService.scope.
 */
export const RECTIFICATION_ROW_ROLES: readonly Role[] = [PC, DC, DT, UNIT];
/** Who records rectifications, and edits their measures, deadline and responsible official. */
export const RECTIFICATION_CREATORS: readonly Role[] = [PC, DC, DT];
/** Who files monthly progress reports: the responsible unit, and the party committee above it. */
export const RECTIFICATION_REPORTERS: readonly Role[] = [PC, UNIT];
/** Who moves a rectification from PENDING to IN_PROGRESS: the creators and the unit itself. */
export const RECTIFICATION_STARTERS: readonly Role[] = [PC, DC, DT, UNIT];
/** Who verifies and writes off (对账销账): the supervisors. */
export const RECTIFICATION_VERIFIERS: readonly Role[] = [DC, DT];

export const rectificationRules: TypeRules[] = [
  {
    // Every field is readable wherever the row is: rows are scoped in SQL (and for single rows
    // by RectificationService.findVisible), copies to the leader in charge included.
    type: 'Rectification',
    scopePath: (r: Rectification) => r.unitPath,
    fields: {
      id: ROW,
      version: ROW,
      problem: ROW,
      measures: ROW,
      responsibleUnit: ROW,
      responsibleOfficial: ROW,
      deadline: ROW,
      status: ROW,
      recordedStatus: ROW,
      overdue: ROW,
      reminderDue: ROW,
      origin: ROW,
      source: ROW,
      sourceAssessment: ROW,
      foundDate: ROW,
      registeredDate: ROW,
      completedDate: ROW,
      verifierName: ROW,
      verificationNote: ROW,
      verificationDate: ROW,
      reports: ROW,
      latestReport: ROW,
      copiedTo: ROW,
      viewerCan: ROW,
    },
  },
  {
    type: 'RectificationReport',
    scopePath: (r: RectificationReport) => r.unitPath,
    fields: {
      id: ROW,
      version: ROW,
      month: ROW,
      content: ROW,
      percent: ROW,
      reportedDate: ROW,
      reporterName: ROW,
      locked: ROW,
      rectification: ROW,
    },
  },
  { type: 'RectificationViewerCan', fields: { '*': ROW } },
  { type: 'RectificationLedger', fields: { '*': ROW } },
  { type: 'RectificationLedgerRow', fields: { '*': ROW } },
  { type: 'RectificationConnection', fields: { '*': ROW } },
  { type: 'RectificationEdge', fields: { '*': ROW } },
  { type: 'RectificationPayload', fields: { '*': ROW } },
  { type: 'RectificationReportPayload', fields: { '*': ROW } },
  {
    type: 'Query',
    // Any signed-in account reaches the resolvers, which refuse (FORBIDDEN) an account that holds
    // none of RECTIFICATION_ROW_ROLES and is not linked to a leader in charge of some unit.
    fields: { rectifications: NOT_ADMIN, rectification: NOT_ADMIN, rectificationLedger: NOT_ADMIN },
  },
  {
    type: 'Mutation',
    fields: {
      rectificationCreate: readers(...RECTIFICATION_CREATORS),
      rectificationUpdate: readers(...RECTIFICATION_CREATORS),
      rectificationStart: readers(...RECTIFICATION_STARTERS),
      rectificationReport: readers(...RECTIFICATION_REPORTERS),
      rectificationReportUpdate: readers(...RECTIFICATION_REPORTERS),
      rectificationVerify: readers(...RECTIFICATION_VERIFIERS),
    },
  },
];
