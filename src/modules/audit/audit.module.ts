import type { AppModule } from '..';
import { ROW, readers } from '../../authz/table';
import { Role } from '../../authz/roles';
import { AuditResolver } from './audit.resolver';

export const auditModule: AppModule = {
  resolvers: [AuditResolver],
  rules: [
    { type: 'AuditRecord', fields: { '*': ROW } },
    { type: 'AuditField', fields: { '*': ROW } },
    { type: 'AuditVerification', fields: { '*': ROW } },
    { type: 'AuditRecordConnection', fields: { '*': ROW } },
    { type: 'AuditRecordEdge', fields: { '*': ROW } },
    { type: 'Query', fields: { auditLog: readers(Role.AUDIT_ADMIN), auditVerify: readers(Role.AUDIT_ADMIN) } },
  ],
};
