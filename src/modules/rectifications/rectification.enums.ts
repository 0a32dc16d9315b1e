import { describeEnum } from '../../common/enums';

/**
 * 整改状态. IMMEDIATE, IN_PROGRESS, PENDING and COMPLETED are stored; OVERDUE is derived
 * from the deadline (past it and not COMPLETED) and never stored.
 */
export enum RectificationStatus {
  IMMEDIATE = 'IMMEDIATE',
  IN_PROGRESS = 'IN_PROGRESS',
  PENDING = 'PENDING',
  COMPLETED = 'COMPLETED',
  OVERDUE = 'OVERDUE',
}
describeEnum(RectificationStatus, 'RectificationStatus', '整改状态 (status of a rectification); OVERDUE is derived from the deadline, never stored', {
  IMMEDIATE: '立行立改 (fixed at once, awaiting verification)',
  IN_PROGRESS: '正在整改 (being fixed)',
  PENDING: '待整改 (waiting to start)',
  COMPLETED: '已完成 (verified and written off, 对账销账)',
  OVERDUE: '已逾期 (past the deadline and not completed; derived)',
});

/** The statuses a row can hold in the database. */
export const STORED_STATUSES = [RectificationStatus.IMMEDIATE, RectificationStatus.IN_PROGRESS, RectificationStatus.PENDING, RectificationStatus.COMPLETED] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];

export enum FindingOrigin {
  SELF_FOUND = 'SELF_FOUND',
  EXTERNAL = 'EXTERNAL',
}
describeEnum(FindingOrigin, 'FindingOrigin', '问题发现方式 (how the problem was found): the two ledgers (两本账) kept apart for reconciliation', {
  SELF_FOUND: '自查发现 (found by the unit itself)',
  EXTERNAL: '外部发现 (found by supervision, inspection, audit or the public)',
});

export enum RectificationSource {
  CLUE = 'CLUE',
  INSPECTION_FINDING = 'INSPECTION_FINDING',
  ASSESSMENT = 'ASSESSMENT',
  DAILY_SUPERVISION = 'DAILY_SUPERVISION',
}
describeEnum(RectificationSource, 'RectificationSource', '整改来源 (where the rectification comes from)', {
  CLUE: '问题线索 (a problem clue)',
  INSPECTION_FINDING: '巡察发现问题 (an inspection finding)',
  ASSESSMENT: '责任书考核 (a responsibility letter\'s assessment)',
  DAILY_SUPERVISION: '日常监督 (daily supervision)',
});
