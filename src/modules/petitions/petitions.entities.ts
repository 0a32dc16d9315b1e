import { ApiKey } from '../accounts/api-key.entity';
import { Petition } from './petition.entity';

/** The entities of this module, for the ORM (src/db/entities.ts); API keys authenticate petition systems. */
export const PETITION_ENTITIES: Function[] = [Petition, ApiKey];
