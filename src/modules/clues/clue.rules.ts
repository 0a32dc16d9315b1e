import { ROW, readers, type TypeRules, NOT_ADMIN } from '../../authz/table';
import { Role } from '../../authz/roles';
import type { Campaign } from './campaign.entity';
import type { ProblemClue } from './clue.entity';

const { PARTY_COMMITTEE: PC, DISCIPLINE_COMMISSION: DC, DISPATCHED_TEAM: DT, INSPECTION_GROUP: IG } = Role;

/** Clue rows reached through a unit path: the commission in its subtree, a team in its assigned units. */
export const CLUE_PATH_ROLES: readonly Role[] = [DC, DT];
/** Everyone who may see some clue rows (INSPECTION_GROUP: only those its tour handed over). */
export const CLUE_ROW_ROLES: readonly Role[] = [DC, DT, IG];
/** Who records clues and moves them through their lifecycle, each within its reach. */
export const CLUE_WRITERS: readonly Role[] = [DC, DT];
/** Who sees a campaign: those whose reach overlaps the lead unit's subtree. */
export const CAMPAIGN_ROW_ROLES: readonly Role[] = [PC, DC, DT, IG];
/** Who creates and edits campaigns and their batches (the lead unit inside its reach). */
export const CAMPAIGN_WRITERS: readonly Role[] = [DC];

export const clueScopePath = (c: ProblemClue) => c.unitPath;
/** The officials a clue is about: an account linked to one of them (or to a close relative) never sees the clue. */
export const clueSubjects = (c: ProblemClue) => c.subjectIds;

export const clueRules: TypeRules<any>[] = [
  {
    type: 'ProblemClue',
    scopePath: clueScopePath,
    fields: {
      id: ROW,
      version: ROW,
      source: ROW,
      unit: ROW,
      subjects: ROW,
      summary: ROW,
      details: ROW,
      receivedOn: ROW,
      campaign: ROW,
      batch: ROW,
      handler: ROW,
      deadline: ROW,
      overdue: ROW,
      reminderDue: ROW,
      status: ROW,
      nextStatuses: ROW,
      disposition: ROW,
      dispositionReason: ROW,
      decidedBy: ROW,
      decidedOn: ROW,
      caseFiledOn: ROW,
      concludedOn: ROW,
      conclusion: ROW,
      clearedOn: ROW,
      clearingNote: ROW,
      recoveredMoney: ROW,
      sanctions: ROW,
      history: ROW,
      viewerCan: ROW,
    },
    sensitive: ['details'],
    recusal: { fields: ['details'], subjects: clueSubjects },
  },
  // Reached only through a clue the caller may see.
  { type: 'ClueEvent', fields: { fromStatus: ROW, toStatus: ROW, occurredOn: ROW, account: ROW, note: ROW } },
  { type: 'ClueActor', fields: { id: ROW, displayName: ROW } },
  { type: 'ClueViewerCan', fields: { '*': ROW } },
  { type: 'ProblemClueConnection', fields: { '*': ROW } },
  { type: 'ProblemClueEdge', fields: { '*': ROW } },
  { type: 'CluePayload', fields: { '*': ROW } },
  {
    type: 'Campaign',
    scopePath: (c: Campaign) => c.unitPath,
    fields: {
      id: ROW,
      version: ROW,
      name: ROW,
      kind: ROW,
      theme: ROW,
      periodStart: ROW,
      periodEnd: ROW,
      inProgress: ROW,
      leadUnit: ROW,
      batches: ROW,
      clueCounts: ROW,
      viewerCan: ROW,
    },
  },
  { type: 'CampaignBatch', fields: { id: ROW, number: ROW, name: ROW, listedOn: ROW, campaign: ROW, clueCounts: ROW } },
  // Counts of clue rows: only for the roles that see clue rows (counted in SQL within their reach).
  // No scopePath: the check is on the roles held, as a campaign reaches beyond a team's units.
  { type: 'ClueCounts', fields: { total: readers(...CLUE_ROW_ROLES), overdue: readers(...CLUE_ROW_ROLES), byStatus: readers(...CLUE_ROW_ROLES) } },
  { type: 'ClueStatusCount', fields: { status: ROW, count: ROW } },
  { type: 'CampaignViewerCan', fields: { '*': ROW } },
  { type: 'CampaignConnection', fields: { '*': ROW } },
  { type: 'CampaignEdge', fields: { '*': ROW } },
  { type: 'CampaignPayload', fields: { '*': ROW } },
  { type: 'CampaignBatchPayload', fields: { '*': ROW } },
  // 结案: the clue a sanction came from, where the caller may see that clue (null otherwise, without error).
  { type: 'Sanction', fields: { clue: ROW } },
  {
    type: 'Query',
    fields: {
      clues: readers(...CLUE_ROW_ROLES),
      // any account may ask; a clue outside its reach (or any clue, for roles that see none) is NOT_FOUND
      clue: NOT_ADMIN,
      campaigns: readers(...CAMPAIGN_ROW_ROLES),
      campaign: readers(...CAMPAIGN_ROW_ROLES),
    },
  },
  {
    type: 'Mutation',
    fields: {
      campaignCreate: readers(...CAMPAIGN_WRITERS),
      campaignUpdate: readers(...CAMPAIGN_WRITERS),
      campaignBatchAdd: readers(...CAMPAIGN_WRITERS),
      clueRecord: readers(...CLUE_WRITERS),
      clueUpdate: readers(...CLUE_WRITERS),
      clueDispose: readers(...CLUE_WRITERS),
      clueFileCase: readers(...CLUE_WRITERS),
      clueConcludeCase: readers(...CLUE_WRITERS),
      clueClear: readers(...CLUE_WRITERS),
      clueFinishTalk: readers(...CLUE_WRITERS),
      clueEscalate: readers(...CLUE_WRITERS),
      clueReopen: readers(...CLUE_WRITERS),
      clueRecordRecoveredMoney: readers(...CLUE_WRITERS),
    },
  },
];
