/** The entities of this module, for the ORM (src/db/entities.ts). */
export const PETITION_ENTITIES: Function[] = [];
