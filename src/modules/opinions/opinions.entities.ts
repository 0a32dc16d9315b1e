import { IntegrityOpinion, IntegrityOpinionRequest } from './opinion.entity';

/** The entities of this module, for the ORM (src/db/entities.ts). */
export const OPINION_ENTITIES: Function[] = [IntegrityOpinionRequest, IntegrityOpinion];
