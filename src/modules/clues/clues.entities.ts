import { Campaign, CampaignBatch } from './campaign.entity';
import { ClueEvent, ProblemClue } from './clue.entity';

/** The entities of this module, for the ORM (src/db/entities.ts). */
export const CLUE_ENTITIES: Function[] = [Campaign, CampaignBatch, ProblemClue, ClueEvent];
