import { Unit } from '../modules/units/unit.entity';
import { Official } from '../modules/officials/official.entity';
import { DispatchedTeam, SupervisionAssignment } from '../modules/teams/team.entity';
import { Assessment, ResponsibilityItem, ResponsibilityLetter } from '../modules/letters/letter.entity';
import { Pledge } from '../modules/pledges/pledge.entity';
import { Sanction } from '../modules/sanctions/sanction.entity';
import { Account, RoleGrant } from '../modules/accounts/account.entity';
import { OfficialRelation } from '../modules/officials/relation.entity';
import { AuditRecord } from '../audit/audit.entity';
import { CLUE_ENTITIES } from '../modules/clues/clues.entities';
import { RECTIFICATION_ENTITIES } from '../modules/rectifications/rectifications.entities';
import { INSPECTION_ENTITIES } from '../modules/inspections/inspections.entities';
import { DISPATCH_ENTITIES } from '../modules/dispatch/dispatch.entities';
import { Reminder } from '../modules/reminders/reminder.entity';
import { PETITION_ENTITIES } from '../modules/petitions/petitions.entities';
import { OPINION_ENTITIES } from '../modules/opinions/opinions.entities';

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
  ...CLUE_ENTITIES,
  ...RECTIFICATION_ENTITIES,
  ...INSPECTION_ENTITIES,
  ...DISPATCH_ENTITIES,
  Reminder,
  ...PETITION_ENTITIES,
  ...OPINION_ENTITIES,
];
