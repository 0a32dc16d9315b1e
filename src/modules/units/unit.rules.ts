import { ROW, readers, type TypeRules } from '../../authz/table';
import { Role } from '../../authz/roles';
import type { Unit } from './unit.entity';

const { PARTY_COMMITTEE: PC, DISCIPLINE_COMMISSION: DC, DISPATCHED_TEAM: DT, UNIT, ORGANIZATION_DEPT: ORG, SYSTEM_ADMIN: SA } = Role;

/** Who sees unit rows at all (scoped in SQL by each grant's reach). */
export const UNIT_ROW_ROLES: readonly Role[] = [PC, DC, DT, UNIT, ORG, SA];
/** Who may set or lift a unit's warning. */
export const UNIT_WARNING_WRITERS: readonly Role[] = [DC, DT];

export const unitRules: TypeRules<Unit>[] = [
  {
    type: 'Unit',
    scopePath: (u) => u.path,
    fields: {
      id: ROW,
      version: ROW,
      code: ROW,
      name: ROW,
      kind: ROW,
      partyOrgKind: ROW,
      path: ROW,
      depth: ROW,
      parent: ROW,
      children: ROW,
      warningLevel: readers(PC, DC, DT, UNIT),
      warningReason: readers(PC, DC, DT, UNIT),
    },
  },
  { type: 'UnitConnection', fields: { '*': ROW } },
  { type: 'UnitEdge', fields: { '*': ROW } },
  { type: 'UnitPayload', fields: { '*': ROW } },
  { type: 'Query', fields: { units: readers(...UNIT_ROW_ROLES), unit: readers(...UNIT_ROW_ROLES) } },
  {
    type: 'Mutation',
    fields: {
      unitCreate: readers(SA),
      unitUpdate: readers(SA),
      unitWarningSet: readers(...UNIT_WARNING_WRITERS),
    },
  },
];
