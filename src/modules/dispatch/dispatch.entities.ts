import { DispatchItem, DispatchItemReport, DispatchList } from './dispatch.entity';

/** The entities of this module, for the ORM (src/db/entities.ts). */
export const DISPATCH_ENTITIES: Function[] = [DispatchList, DispatchItem, DispatchItemReport];
