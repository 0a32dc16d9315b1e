import { ROW, readers, type TypeRules } from '../../authz/table';
import { Role } from '../../authz/roles';
import type { Unit } from './unit.entity';
import type { Warning } from './warning.entity';

const { PARTY_COMMITTEE: PC, DISCIPLINE_COMMISSION: DC, DISPATCHED_TEAM: DT, UNIT, ORGANIZATION_DEPT: ORG, SYSTEM_ADMIN: SA, INSPECTION_GROUP: IG } = Role;

/**
 * Who sees unit rows at all (scoped in SQL by each grant's reach). INSPECTION_GROUP: the units of
 * its tour and below them, while the tour runs; basic fields only (the warning stays denied).
 */
export const UNIT_ROW_ROLES: readonly Role[] = [PC, DC, DT, UNIT, ORG, SA, IG];
/** Who may set or lift a unit's warning. */
export const UNIT_WARNING_WRITERS: readonly Role[] = [DC, DT];
/** Who reads a unit's warning, current and past (as the Unit warning field of AUTHORIZATION.md). */
export const UNIT_WARNING_READERS: readonly Role[] = [PC, DC, DT, UNIT];

export const unitRules: TypeRules[] = [
  {
    type: 'Unit',
    scopePath: (u: Unit) => u.path,
    reads: ['path'],
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
      warningLevel: readers(...UNIT_WARNING_READERS),
      warningReason: readers(...UNIT_WARNING_READERS),
      warnings: readers(...UNIT_WARNING_READERS),
    },
  },
  {
    // Warning rows are scoped in SQL (and by findVisibleWarning) to UNIT_WARNING_READERS' reach.
    type: 'Warning',
    scopePath: (w: Warning) => w.unitPath,
    fields: {
      id: ROW,
      unit: ROW,
      level: ROW,
      reason: ROW,
      issuedDate: ROW,
      issuerName: ROW,
      liftedDate: ROW,
      lifterName: ROW,
      liftReason: ROW,
      active: ROW,
    },
  },
  { type: 'WarningConnection', fields: { '*': ROW } },
  { type: 'WarningEdge', fields: { '*': ROW } },
  { type: 'UnitConnection', fields: { '*': ROW } },
  { type: 'UnitEdge', fields: { '*': ROW } },
  { type: 'UnitPayload', fields: { '*': ROW } },
  { type: 'Query', fields: { units: readers(...UNIT_ROW_ROLES), unit: readers(...UNIT_ROW_ROLES), warnings: readers(...UNIT_WARNING_READERS) } },
  {
    type: 'Mutation',
    fields: {
      unitCreate: readers(SA),
      unitUpdate: readers(SA),
      unitWarningSet: readers(...UNIT_WARNING_WRITERS),
    },
  },
];
