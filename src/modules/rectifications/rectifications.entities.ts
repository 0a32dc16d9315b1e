import { Rectification, RectificationReport } from './rectification.entity';
import { Warning } from '../units/warning.entity';

/** The entities of this module, for the ORM (src/db/entities.ts); the warning history lives with units. */
export const RECTIFICATION_ENTITIES: Function[] = [Rectification, RectificationReport, Warning];
