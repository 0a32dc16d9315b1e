import { ROW, readers, type TypeRules } from '../../authz/table';
import { Role } from '../../authz/roles';
import { OFFICIAL_PLEDGES_ACCESS, officialScopePath } from '../officials/official.rules';
import type { Pledge } from './pledge.entity';

const { PARTY_COMMITTEE: PC, DISCIPLINE_COMMISSION: DC, DISPATCHED_TEAM: DT, UNIT, ORGANIZATION_DEPT: ORG } = Role;

/** Who sees pledge rows at all, each by its grant's reach over the official's unit (UNIT: its own unit only). */
export const PLEDGE_ROW_ROLES: readonly Role[] = [PC, DC, DT, UNIT, ORG];
/** Who creates, discloses and evaluates pledges: the unit of the officials who sign them. */
export const PLEDGE_WRITERS: readonly Role[] = [UNIT];

export const pledgeScopePath = (p: Pledge) => p.unitPath;

export const pledgeRules: TypeRules[] = [
  {
    type: 'Pledge',
    scopePath: pledgeScopePath,
    fields: {
      id: ROW,
      version: ROW,
      official: ROW,
      unit: ROW,
      year: ROW,
      title: ROW,
      items: ROW,
      signedDate: ROW,
      disclosed: ROW,
      disclosureChannel: ROW,
      disclosedDate: ROW,
      evaluated: ROW,
      evaluationGrade: ROW,
      evaluationComment: ROW,
      evaluatedDate: ROW,
    },
  },
  { type: 'PledgeConnection', fields: { '*': ROW } },
  { type: 'PledgeEdge', fields: { '*': ROW } },
  { type: 'PledgePayload', fields: { '*': ROW } },
  { type: 'Official', scopePath: officialScopePath, fields: { pledges: OFFICIAL_PLEDGES_ACCESS } },
  { type: 'Query', fields: { pledges: readers(...PLEDGE_ROW_ROLES), pledge: readers(...PLEDGE_ROW_ROLES) } },
  {
    type: 'Mutation',
    fields: {
      pledgeCreate: readers(...PLEDGE_WRITERS),
      pledgeDisclose: readers(...PLEDGE_WRITERS),
      pledgeEvaluate: readers(...PLEDGE_WRITERS),
    },
  },
];
