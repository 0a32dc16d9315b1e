import { InspectionFinding, InspectionGroupMember, InspectionMonthlyReport, InspectionTour, InspectionTourUnit, ProblemCategory, ProblemItem } from './inspection.entity';

/** The entities of this module, for the ORM (src/db/entities.ts). */
export const INSPECTION_ENTITIES: Function[] = [ProblemCategory, ProblemItem, InspectionTour, InspectionTourUnit, InspectionGroupMember, InspectionFinding, InspectionMonthlyReport];
