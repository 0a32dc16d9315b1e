import { describeEnum } from '../common/enums';

/** The roles of AUTHORIZATION.md. A grant binds one of them to a unit, a team, or nothing. */
export enum Role {
  PARTY_COMMITTEE = 'PARTY_COMMITTEE',
  DISCIPLINE_COMMISSION = 'DISCIPLINE_COMMISSION',
  DISPATCHED_TEAM = 'DISPATCHED_TEAM',
  UNIT = 'UNIT',
  ORGANIZATION_DEPT = 'ORGANIZATION_DEPT',
  PETITION_SYSTEM = 'PETITION_SYSTEM',
  SYSTEM_ADMIN = 'SYSTEM_ADMIN',
  SECURITY_ADMIN = 'SECURITY_ADMIN',
  AUDIT_ADMIN = 'AUDIT_ADMIN',
  INSPECTION_GROUP = 'INSPECTION_GROUP',
  PETITION_OFFICE = 'PETITION_OFFICE',
}

describeEnum(Role, 'Role', '角色 (role): what an account may do, bound to a unit, a dispatched team or nothing', {
  PARTY_COMMITTEE: '党委（党组） (party committee): its unit and every unit below it',
  DISCIPLINE_COMMISSION: '纪委监委 (discipline inspection commission): its unit and every unit below it',
  DISPATCHED_TEAM: '派驻纪检监察组 (dispatched discipline team): the units the team is assigned to today, and below',
  UNIT: '本单位 (supervised unit): its own unit only',
  ORGANIZATION_DEPT: '组织部 (organisation department): officials of its subtree, basic fields',
  PETITION_SYSTEM: '信访系统 (petition system, service account): the petitions it submitted',
  SYSTEM_ADMIN: '系统管理员 (system administrator): the registry of units and officials',
  SECURITY_ADMIN: '安全保密管理员 (security administrator): accounts and role grants',
  AUDIT_ADMIN: '安全审计员 (audit administrator): the audit log',
  INSPECTION_GROUP: '巡察组 (inspection group): the units of its inspection tour while the tour runs',
  PETITION_OFFICE: '信访室 (petition office of a discipline commission): petitions of its unit and every unit below it, with the reporter\'s details',
});

/** 三员分立: these exclude each other and every business role on one account. */
export const ADMIN_ROLES: readonly Role[] = [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN];

/** Roles bound to a unit (the grant names the unit). */
export const UNIT_BOUND_ROLES: readonly Role[] = [
  Role.PARTY_COMMITTEE,
  Role.DISCIPLINE_COMMISSION,
  Role.UNIT,
  Role.ORGANIZATION_DEPT,
  Role.PETITION_OFFICE,
];

/** Roles bound to a dispatched team. */
export const TEAM_BOUND_ROLES: readonly Role[] = [Role.DISPATCHED_TEAM];

export const ALL_ROLES: readonly Role[] = Object.values(Role);
