import { ROW, readers, type TypeRules } from '../../authz/table';
import { Role } from '../../authz/roles';

const { PARTY_COMMITTEE: PC, DISCIPLINE_COMMISSION: DC, DISPATCHED_TEAM: DT } = Role;

/** Who sees teams by the reach of their grant over the commission unit's path. */
export const TEAM_REACH_ROLES: readonly Role[] = [PC, DC];
/** Who sees teams at all: PC and DC by reach, a dispatched team its own team only. */
export const TEAM_READERS: readonly Role[] = [PC, DC, DT];
/** Who creates teams and assigns or ends their supervision, within reach. */
export const TEAM_WRITERS: readonly Role[] = [DC];

export const teamRules: TypeRules[] = [
  {
    type: 'DispatchedTeam',
    fields: { id: ROW, version: ROW, code: ROW, name: ROW, commissionUnit: ROW, assignments: ROW },
  },
  {
    type: 'SupervisionAssignment',
    fields: { id: ROW, validFrom: ROW, validTo: ROW, team: ROW, unit: ROW, active: ROW },
  },
  { type: 'DispatchedTeamConnection', fields: { '*': ROW } },
  { type: 'DispatchedTeamEdge', fields: { '*': ROW } },
  { type: 'DispatchedTeamPayload', fields: { '*': ROW } },
  { type: 'SupervisionAssignmentPayload', fields: { '*': ROW } },
  { type: 'Query', fields: { dispatchedTeams: readers(...TEAM_READERS), dispatchedTeam: readers(...TEAM_READERS) } },
  {
    type: 'Mutation',
    fields: {
      dispatchedTeamCreate: readers(...TEAM_WRITERS),
      supervisionAssignmentCreate: readers(...TEAM_WRITERS),
      supervisionAssignmentEnd: readers(...TEAM_WRITERS),
    },
  },
];
