import { describeEnum } from '../../common/enums';

/** 巡察状态: derived from the period and today's date, never stored. */
export enum InspectionTourStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  FINISHED = 'FINISHED',
}
describeEnum(InspectionTourStatus, 'InspectionTourStatus', '巡察状态 (status of an inspection tour, derived from its period and today\'s date)', {
  PLANNED: '未开始 (planned: before the start date)',
  IN_PROGRESS: '进驻中 (in progress: from the start date to the end date, both included)',
  FINISHED: '已结束 (finished: after the end date)',
});

/** 问题严重程度. */
export enum FindingSeverity {
  MINOR = 'MINOR',
  GENERAL = 'GENERAL',
  SERIOUS = 'SERIOUS',
}
describeEnum(FindingSeverity, 'FindingSeverity', '问题严重程度 (severity of an inspection finding)', {
  MINOR: '轻微 (minor)',
  GENERAL: '一般 (general)',
  SERIOUS: '严重 (serious)',
});
