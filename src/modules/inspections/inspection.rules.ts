import { ROW, readers, type TypeRules } from '../../authz/table';
import { Role } from '../../authz/roles';
import type { FieldAccess } from '../../authz/viewer';
import type { InspectionFinding } from './inspection.entity';

const { PARTY_COMMITTEE: PC, DISCIPLINE_COMMISSION: DC, DISPATCHED_TEAM: DT, UNIT, ORGANIZATION_DEPT: ORG, INSPECTION_GROUP: IG } = Role;

/**
 * A tour row is visible to a grant of these roles that reaches one of the units it inspects
 * (PARTY_COMMITTEE and DISCIPLINE_COMMISSION: their subtree; a team: its assigned units; UNIT: its own unit).
 */
export const TOUR_UNIT_ROLES: readonly Role[] = [PC, DC, DT, UNIT];
/** …and to these roles when their grant reaches the organising unit (so a tour is visible before it has units). */
export const TOUR_ORGANIZER_ROLES: readonly Role[] = [PC, DC];
/** Create, edit and extend tours: the discipline commission whose reach holds the organising unit. */
export const TOUR_MANAGERS: readonly Role[] = [DC];
/**
 * Finding rows: by the unit they are about. INSPECTION_GROUP is not listed here: it sees the findings
 * of its own tour while the tour runs, a condition on the tour and not on a unit path.
 */
export const FINDING_ROW_ROLES: readonly Role[] = [PC, DC, DT, UNIT];
/** Record findings and hand them over: the discipline commission in reach of the unit (and the tour's own group). */
export const FINDING_WRITERS: readonly Role[] = [DC];
/**
 * 问题描述: the inspected unit reads that a problem of a category was found, not the description,
 * which may name people and facts that become clue material before it is handed over.
 */
export const FINDING_DESCRIPTION_ACCESS: FieldAccess = readers(PC, DC, DT, IG);
/** The clue a finding was handed over as: the roles that read clues (the clue's own scope and recusal then apply). */
export const FINDING_CLUE_ACCESS: FieldAccess = readers(DC, DT, IG);
/** Monthly reports: the tour's readers except the inspected units (a report covers every unit of the tour). */
export const REPORT_UNIT_ROLES: readonly Role[] = [PC, DC, DT];
/** File monthly reports: the discipline commission that sees the tour (and the tour's own group while it runs). */
export const REPORT_WRITERS: readonly Role[] = [DC];
/** The common-problem list is reference data: every business role reads it. */
export const PROBLEM_LIST_READERS: readonly Role[] = [PC, DC, DT, UNIT, ORG, IG];
/** Who may call the tour and finding queries at all (rows are then scoped). */
export const TOUR_QUERY_ROLES: readonly Role[] = [PC, DC, DT, UNIT, IG];

export const findingScopePath = (f: InspectionFinding) => f.unitPath;

export const inspectionRules: TypeRules<any>[] = [
  {
    type: 'InspectionTour',
    fields: {
      id: ROW,
      version: ROW,
      round: ROW,
      name: ROW,
      organizerUnit: ROW,
      startDate: ROW,
      endDate: ROW,
      status: ROW,
      members: ROW,
      leader: ROW,
      units: ROW,
      findings: ROW,
      monthlyReports: ROW,
      viewerCan: ROW,
    },
  },
  {
    type: 'InspectionFinding',
    scopePath: findingScopePath,
    fields: {
      id: ROW,
      version: ROW,
      tour: ROW,
      unit: ROW,
      item: ROW,
      category: ROW,
      severity: ROW,
      description: FINDING_DESCRIPTION_ACCESS,
      foundOn: ROW,
      handedOver: ROW,
      handedOverOn: ROW,
      clue: FINDING_CLUE_ACCESS,
      rectificationOrdered: ROW,
      rectifications: ROW,
      viewerCan: ROW,
    },
    sensitive: ['description'],
  },
  { type: 'InspectionMonthlyReport', fields: { id: ROW, version: ROW, tour: ROW, month: ROW, text: ROW, filedOn: ROW, filedByRole: ROW } },
  { type: 'InspectionGroupMember', fields: { name: ROW, post: ROW, isLeader: ROW, official: ROW } },
  { type: 'ProblemCategory', fields: { id: ROW, code: ROW, name: ROW, sortOrder: ROW, items: ROW } },
  { type: 'ProblemItem', fields: { id: ROW, code: ROW, name: ROW, sortOrder: ROW, category: ROW } },
  { type: 'InspectionTourViewerCan', fields: { '*': ROW } },
  { type: 'InspectionFindingViewerCan', fields: { '*': ROW } },
  { type: 'InspectionTourConnection', fields: { '*': ROW } },
  { type: 'InspectionTourEdge', fields: { '*': ROW } },
  { type: 'InspectionFindingConnection', fields: { '*': ROW } },
  { type: 'InspectionFindingEdge', fields: { '*': ROW } },
  { type: 'InspectionMonthlyReportConnection', fields: { '*': ROW } },
  { type: 'InspectionMonthlyReportEdge', fields: { '*': ROW } },
  { type: 'InspectionTourPayload', fields: { '*': ROW } },
  { type: 'InspectionFindingPayload', fields: { '*': ROW } },
  { type: 'InspectionReportFilePayload', fields: { '*': ROW } },
  {
    type: 'Query',
    fields: {
      inspectionTours: readers(...TOUR_QUERY_ROLES),
      inspectionTour: readers(...TOUR_QUERY_ROLES),
      inspectionFindings: readers(...TOUR_QUERY_ROLES),
      inspectionFinding: readers(...TOUR_QUERY_ROLES),
      problemCategories: readers(...PROBLEM_LIST_READERS),
    },
  },
  {
    type: 'Mutation',
    fields: {
      inspectionTourCreate: readers(...TOUR_MANAGERS),
      inspectionTourUpdate: readers(...TOUR_MANAGERS),
      inspectionTourAddUnit: readers(...TOUR_MANAGERS),
      inspectionFindingRecord: readers(...FINDING_WRITERS, IG),
      inspectionFindingHandOver: readers(...FINDING_WRITERS, IG),
      inspectionReportFile: readers(...REPORT_WRITERS, IG),
    },
  },
];
