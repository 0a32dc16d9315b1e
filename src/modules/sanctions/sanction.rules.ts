import { ROW, readers, type TypeRules } from '../../authz/table';
import { Role } from '../../authz/roles';
import type { FieldAccess } from '../../authz/viewer';
import { OFFICIAL_INTEGRITY_ACCESS, OFFICIAL_SANCTIONS_ACCESS, officialScopePath } from '../officials/official.rules';
import type { Sanction } from './sanction.entity';

const { PARTY_COMMITTEE: PC, DISCIPLINE_COMMISSION: DC, DISPATCHED_TEAM: DT } = Role;

/** Who sees sanction rows at all (scoped in SQL by each grant's reach; a team: its assigned units). */
export const SANCTION_ROW_ROLES: readonly Role[] = [PC, DC, DT];
/** Who records, corrects and revokes sanctions, each within its reach. */
export const SANCTION_WRITERS: readonly Role[] = [DC, DT];
/** 案情 and evidence references: not for the party committee. */
export const SANCTION_CASE_ACCESS: FieldAccess = readers(DC, DT);

export const sanctionScopePath = (s: Sanction) => s.unitPath;
/** The officials a sanction is about (回避 applies to them and their close relatives). */
export const sanctionSubjects = (s: Sanction) => [s.official?.id];

export const sanctionRules: TypeRules<any>[] = [
  {
    type: 'Sanction',
    scopePath: sanctionScopePath,
    fields: {
      id: ROW,
      version: ROW,
      official: ROW,
      subjectOrganisation: ROW,
      unit: ROW,
      category: ROW,
      kind: ROW,
      decisionDate: ROW,
      effectiveDate: ROW,
      probationMonths: ROW,
      influenceMonths: ROW,
      influenceType: ROW,
      influencePeriodEnd: ROW,
      inInfluencePeriod: ROW,
      status: ROW,
      fourForms: ROW,
      decidingOrgan: ROW,
      decisionNumber: ROW,
      publiclyNamed: ROW,
      reasonSummary: ROW,
      caseFacts: SANCTION_CASE_ACCESS,
      evidenceRefs: SANCTION_CASE_ACCESS,
      primarySanction: ROW,
      accountabilities: ROW,
      revokedDate: ROW,
      revokeReason: ROW,
      viewerCan: ROW,
    },
    sensitive: ['caseFacts', 'evidenceRefs'],
    recusal: { fields: ['caseFacts', 'evidenceRefs'], subjects: sanctionSubjects },
    reads: ['unitPath', 'official'],
  },
  { type: 'SanctionViewerCan', fields: { '*': ROW } },
  { type: 'SanctionConnection', fields: { '*': ROW } },
  { type: 'SanctionEdge', fields: { '*': ROW } },
  { type: 'SanctionPayload', fields: { '*': ROW } },
  // Reached only through Official.integrityStatus, which carries the field rule.
  { type: 'IntegrityStatus', fields: { inInfluencePeriod: ROW, influenceUntil: ROW, permanent: ROW, sanctionsInInfluence: ROW } },
  {
    type: 'Official',
    scopePath: officialScopePath,
    fields: { sanctions: OFFICIAL_SANCTIONS_ACCESS, integrityStatus: OFFICIAL_INTEGRITY_ACCESS },
  },
  { type: 'Query', fields: { sanctions: readers(...SANCTION_ROW_ROLES), sanction: readers(...SANCTION_ROW_ROLES) } },
  {
    type: 'Mutation',
    fields: {
      sanctionRecord: readers(...SANCTION_WRITERS),
      sanctionCorrect: readers(...SANCTION_WRITERS),
      sanctionRevoke: readers(...SANCTION_WRITERS),
    },
  },
];
