import { describeEnum } from '../../common/enums';

export enum CampaignKind {
  SPECIAL_ACTION = 'SPECIAL_ACTION',
  SPECIAL_RECTIFICATION = 'SPECIAL_RECTIFICATION',
}
describeEnum(CampaignKind, 'CampaignKind', '专项类型 (kind of campaign)', {
  SPECIAL_ACTION: '专项行动 (special action)',
  SPECIAL_RECTIFICATION: '专项整治 (special rectification drive)',
});

export enum ClueSource {
  PETITION = 'PETITION',
  INSPECTION_TOUR = 'INSPECTION_TOUR',
  AUDIT = 'AUDIT',
  DAILY_SUPERVISION = 'DAILY_SUPERVISION',
  MEDIA_EXPOSURE = 'MEDIA_EXPOSURE',
  BIG_DATA = 'BIG_DATA',
  TRANSFER = 'TRANSFER',
  SELF_REPORT = 'SELF_REPORT',
}
describeEnum(ClueSource, 'ClueSource', '线索来源 (source of a problem clue)', {
  PETITION: '信访举报 (petition or report from the public)',
  INSPECTION_TOUR: '巡察移交 (handed over by an inspection tour)',
  AUDIT: '审计发现 (audit finding)',
  DAILY_SUPERVISION: '日常监督 (daily supervision)',
  MEDIA_EXPOSURE: '媒体曝光 (media exposure)',
  BIG_DATA: '大数据比对 (big-data comparison)',
  TRANSFER: '其他部门移送 (transferred by another department)',
  SELF_REPORT: '主动交代 (self-report)',
});

export enum ClueStatus {
  RECEIVED = 'RECEIVED',
  TALK_OR_INQUIRY_LETTER = 'TALK_OR_INQUIRY_LETTER',
  PRELIMINARY_VERIFICATION = 'PRELIMINARY_VERIFICATION',
  SHELVED = 'SHELVED',
  CLOSED = 'CLOSED',
  TALK_CONCLUDED = 'TALK_CONCLUDED',
  CASE_FILED = 'CASE_FILED',
  CASE_CONCLUDED = 'CASE_CONCLUDED',
  CLEARED = 'CLEARED',
}
describeEnum(ClueStatus, 'ClueStatus', '线索状态 (status of a problem clue); the allowed transitions are listed on ProblemClue.nextStatuses', {
  RECEIVED: '已受理 (received, awaiting a disposition)',
  TALK_OR_INQUIRY_LETTER: '谈话函询 (disposed of by a talk or an inquiry letter)',
  PRELIMINARY_VERIFICATION: '初步核实 (under preliminary verification)',
  SHELVED: '暂存待查 (shelved for later)',
  CLOSED: '予以了结 (closed without further action)',
  TALK_CONCLUDED: '谈话函询了结 (talk or inquiry letter finished)',
  CASE_FILED: '立案 (case filed)',
  CASE_CONCLUDED: '结案 (case concluded, with the sanctions it led to)',
  CLEARED: '澄清正名 (cleared: the report proved false)',
});

/** The four dispositions a received clue may be given (四类处置方式). */
export enum ClueDisposition {
  TALK_OR_INQUIRY_LETTER = 'TALK_OR_INQUIRY_LETTER',
  PRELIMINARY_VERIFICATION = 'PRELIMINARY_VERIFICATION',
  SHELVED = 'SHELVED',
  CLOSED = 'CLOSED',
}
describeEnum(ClueDisposition, 'ClueDisposition', '处置方式 (disposition of a received clue)', {
  TALK_OR_INQUIRY_LETTER: '谈话函询 (talk or inquiry letter)',
  PRELIMINARY_VERIFICATION: '初步核实 (preliminary verification)',
  SHELVED: '暂存待查 (shelve for later)',
  CLOSED: '予以了结 (close without further action)',
});
