import { AUTHENTICATED, ROW, readers, type TypeRules, NOT_ADMIN } from '../../authz/table';
import { Role } from '../../authz/roles';

const { PARTY_COMMITTEE: PC, DISCIPLINE_COMMISSION: DC, DISPATCHED_TEAM: DT } = Role;

/**
 * Who sees a dispatch list (and its items and reports). Rows are scoped in SQL, three ways:
 *  - the issuing party committee: a PARTY_COMMITTEE grant that reaches the issuing unit (issuer_path);
 *  - the supervisors: a DISCIPLINE_COMMISSION or DISPATCHED_TEAM grant that reaches the leader's unit (unit_path);
 *  - the leader: the account linked to the official the list is issued to, once it is issued,
 *    whatever roles that account holds (none of the three administrators, who see no supervision records).
 * Nobody else sees a row: UNIT, ORGANIZATION_DEPT, PETITION_SYSTEM and the administrators.
 */
export const DISPATCH_ISSUER_ROLES: readonly Role[] = [PC];
export const DISPATCH_SUPERVISOR_ROLES: readonly Role[] = [DC, DT];
/** Roles whose grants may show lists; an account without them sees only lists issued to its own official. */
export const DISPATCH_ROW_ROLES: readonly Role[] = [PC, DC, DT];

/**
 * Every field of the three record types is ROW: the row scope above is the whole rule (no field
 * is withheld from a reader of the row). Root fields the leader uses are AUTHENTICATED, because
 * the leader may hold no role at all; the services apply the row scope and refuse the rest.
 */
export const dispatchRules: TypeRules[] = [
  {
    type: 'DispatchList',
    fields: {
      id: ROW,
      version: ROW,
      year: ROW,
      quarter: ROW,
      kind: ROW,
      title: ROW,
      status: ROW,
      issuedDate: ROW,
      closedDate: ROW,
      issuerUnit: ROW,
      issuerName: ROW,
      leader: ROW,
      leaderName: ROW,
      unit: ROW,
      items: ROW,
      viewerCan: ROW,
    },
  },
  {
    type: 'DispatchItem',
    fields: {
      id: ROW,
      version: ROW,
      order: ROW,
      task: ROW,
      measures: ROW,
      deadline: ROW,
      overdue: ROW,
      reminderDue: ROW,
      entryLocked: ROW,
      report: ROW,
      list: ROW,
    },
  },
  {
    type: 'DispatchItemReport',
    fields: {
      id: ROW,
      version: ROW,
      text: ROW,
      percent: ROW,
      done: ROW,
      reportedDate: ROW,
      item: ROW,
    },
  },
  { type: 'DispatchListViewerCan', fields: { '*': ROW } },
  { type: 'DispatchListConnection', fields: { '*': ROW } },
  { type: 'DispatchListEdge', fields: { '*': ROW } },
  { type: 'DispatchListPayload', fields: { '*': ROW } },
  { type: 'DispatchItemPayload', fields: { '*': ROW } },
  { type: 'DispatchItemReportPayload', fields: { '*': ROW } },
  // an official's lists: the issuer and the supervisors (UNIT, ORGANIZATION_DEPT and SYSTEM_ADMIN read officials, not their lists)
  { type: 'Official', fields: { dispatchLists: readers(...DISPATCH_ROW_ROLES) } },
  {
    type: 'Query',
    fields: {
      dispatchLists: NOT_ADMIN,
      dispatchList: NOT_ADMIN,
    },
  },
  {
    type: 'Mutation',
    fields: {
      dispatchListCreate: readers(...DISPATCH_ISSUER_ROLES),
      dispatchListAddItem: readers(...DISPATCH_ISSUER_ROLES),
      dispatchListUpdateItem: readers(...DISPATCH_ISSUER_ROLES),
      dispatchListIssue: readers(...DISPATCH_ISSUER_ROLES),
      dispatchListClose: readers(...DISPATCH_ISSUER_ROLES),
      dispatchItemReport: NOT_ADMIN,
    },
  },
];
