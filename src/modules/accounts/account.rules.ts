import { AUTHENTICATED, ROW, readers, type TypeRules } from '../../authz/table';
import { Role } from '../../authz/roles';

const SEC = Role.SECURITY_ADMIN;

export const accountRules: TypeRules[] = [
  // Account rows reach a caller only as its own viewer, or through SECURITY_ADMIN's queries.
  { type: 'Account', fields: { id: ROW, version: ROW, username: ROW, displayName: ROW, kind: ROW, disabled: ROW, official: ROW, grants: ROW } },
  { type: 'RoleGrant', fields: { id: ROW, role: ROW, grantedAt: ROW, revokedAt: ROW, unitCode: ROW, unitName: ROW, teamCode: ROW, teamName: ROW, tourName: ROW, active: ROW } },
  { type: 'Viewer', fields: { '*': ROW } },
  { type: 'ViewerScope', fields: { '*': ROW } },
  { type: 'AccountConnection', fields: { '*': ROW } },
  { type: 'AccountEdge', fields: { '*': ROW } },
  { type: 'AccountPayload', fields: { '*': ROW } },
  { type: 'RoleGrantPayload', fields: { '*': ROW } },
  // API keys reach a caller only through SECURITY_ADMIN's mutations
  { type: 'ApiKey', fields: { id: ROW, prefix: ROW, createdAt: ROW, revokedAt: ROW, lastUsedAt: ROW } },
  { type: 'ApiKeyPayload', fields: { '*': ROW } },
  { type: 'Query', fields: { viewer: AUTHENTICATED, accounts: readers(SEC) } },
  { type: 'Mutation', fields: { accountCreate: readers(SEC), accountSetDisabled: readers(SEC), roleGrantCreate: readers(SEC), roleGrantRevoke: readers(SEC), apiKeyCreate: readers(SEC), apiKeyRevoke: readers(SEC) } },
];
