import { ROW, readers, type TypeRules } from '../../authz/table';
import { Role } from '../../authz/roles';
import type { FieldAccess } from '../../authz/viewer';
import type { Official } from './official.entity';

const { PARTY_COMMITTEE: PC, DISCIPLINE_COMMISSION: DC, DISPATCHED_TEAM: DT, UNIT, ORGANIZATION_DEPT: ORG, SYSTEM_ADMIN: SA, INSPECTION_GROUP: IG } = Role;

/**
 * Who sees official rows at all (UNIT: its own unit's officials only, by its grant's reach).
 * INSPECTION_GROUP: officials of its tour's units while the tour runs, basic fields only: contact
 * fields, sanctions, integrity status, pledges and relations stay denied.
 */
export const OFFICIAL_ROW_ROLES: readonly Role[] = [PC, DC, DT, UNIT, ORG, SA, IG];
/** 身份证号 and 手机号: read by DC and DT, masked for PC, ORG and SYSTEM_ADMIN, denied to UNIT. */
export const OFFICIAL_CONTACT_ACCESS: FieldAccess = { [PC]: 'M', [DC]: 'R', [DT]: 'R', [ORG]: 'M', [SA]: 'M' };
/** An official's sanctions (PC reads them without case facts; that rule is on Sanction). */
export const OFFICIAL_SANCTIONS_ACCESS: FieldAccess = readers(PC, DC, DT);
/** Integrity status (in an influence period, open clues): DC and DT only. */
export const OFFICIAL_INTEGRITY_ACCESS: FieldAccess = readers(DC, DT);
/** An official's pledges. */
export const OFFICIAL_PLEDGES_ACCESS: FieldAccess = readers(PC, DC, DT, UNIT, ORG);

/** Declared close relations (personal data used for recusal): the supervisors and the registry. */
export const OFFICIAL_RELATIONS_ACCESS: FieldAccess = readers(DC, DT, SA);

export const officialScopePath = (o: Official) => o.unitPath;

export const officialRules: TypeRules<Official>[] = [
  {
    type: 'Official',
    scopePath: officialScopePath,
    fields: {
      id: ROW,
      version: ROW,
      name: ROW,
      unit: ROW,
      post: ROW,
      rank: ROW,
      isPrincipal: ROW,
      inChargeUnits: ROW,
      identityNumber: OFFICIAL_CONTACT_ACCESS,
      phone: OFFICIAL_CONTACT_ACCESS,
      viewerCan: ROW,
      relations: OFFICIAL_RELATIONS_ACCESS,
    },
    sensitive: ['identityNumber', 'phone'],
    reads: ['unitPath'],
  },
  { type: 'OfficialRelation', fields: { id: ROW, kind: ROW, official: ROW, relative: ROW } },
  { type: 'OfficialRelationPayload', fields: { '*': ROW } },
  { type: 'OfficialViewerCan', fields: { '*': ROW } },
  { type: 'OfficialConnection', fields: { '*': ROW } },
  { type: 'OfficialEdge', fields: { '*': ROW } },
  { type: 'OfficialPayload', fields: { '*': ROW } },
  { type: 'Unit', fields: { officials: ROW } },
  { type: 'Query', fields: { officials: readers(...OFFICIAL_ROW_ROLES), official: readers(...OFFICIAL_ROW_ROLES) } },
  { type: 'Mutation', fields: { officialCreate: readers(SA), officialUpdate: readers(SA), officialRelationAdd: readers(SA), officialRelationRemove: readers(SA) } },
];
