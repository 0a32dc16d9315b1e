import { describeEnum } from '../../common/enums';

export enum PetitionChannel {
  LETTER = 'LETTER',
  VISIT = 'VISIT',
  PHONE = 'PHONE',
  ONLINE = 'ONLINE',
  HOTLINE_12388 = 'HOTLINE_12388',
}
describeEnum(PetitionChannel, 'PetitionChannel', '信访渠道 (channel a petition came in by)', {
  LETTER: '来信 (letter)',
  VISIT: '来访 (visit in person)',
  PHONE: '来电 (telephone)',
  ONLINE: '网络举报 (online)',
  HOTLINE_12388: '12388 举报电话及网站 (the 12388 reporting line)',
});

export enum PetitionStatus {
  RECEIVED = 'RECEIVED',
  REGISTERED = 'REGISTERED',
  TRANSFERRED = 'TRANSFERRED',
  CLUE_CREATED = 'CLUE_CREATED',
  CONCLUDED = 'CONCLUDED',
}
describeEnum(PetitionStatus, 'PetitionStatus', '信访件状态 (status of a petition)', {
  RECEIVED: '已接收 (received, not yet accepted)',
  REGISTERED: '已受理登记 (accepted and registered)',
  TRANSFERRED: '已转办 (forwarded to a lower commission or a dispatched team)',
  CLUE_CREATED: '已转为问题线索 (turned into a problem clue)',
  CONCLUDED: '已办结反馈 (concluded, feedback given)',
});

/** Allowed transitions (DOMAIN.md): anything else is a CONFLICT user error. */
export const PETITION_TRANSITIONS: Record<PetitionStatus, PetitionStatus[]> = {
  RECEIVED: [PetitionStatus.REGISTERED],
  REGISTERED: [PetitionStatus.TRANSFERRED, PetitionStatus.CLUE_CREATED],
  TRANSFERRED: [PetitionStatus.CONCLUDED],
  CLUE_CREATED: [PetitionStatus.CONCLUDED],
  CONCLUDED: [],
};
