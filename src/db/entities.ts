import { Unit } from '../modules/units/unit.entity';
import { Official } from '../modules/officials/official.entity';
import { DispatchedTeam, SupervisionAssignment } from '../modules/teams/team.entity';
import { Assessment, ResponsibilityItem, ResponsibilityLetter } from '../modules/letters/letter.entity';
import { Pledge } from '../modules/pledges/pledge.entity';
import { Sanction } from '../modules/sanctions/sanction.entity';
import { Account, RoleGrant } from '../modules/accounts/account.entity';
import { OfficialRelation } from '../modules/officials/relation.entity';
import { AuditRecord } from '../audit/audit.entity';

/** Every entity the ORM maps; the database schema itself changes only through migrations/. */
export const ENTITIES = [
  Unit,
  Official,
  DispatchedTeam,
  SupervisionAssignment,
  ResponsibilityLetter,
  ResponsibilityItem,
  Assessment,
  Pledge,
  Sanction,
  Account,
  RoleGrant,
  OfficialRelation,
  AuditRecord,
];
