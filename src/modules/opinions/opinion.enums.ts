import { describeEnum } from '../../common/enums';

export enum OpinionPurpose {
  PROMOTION = 'PROMOTION',
  APPOINTMENT = 'APPOINTMENT',
  AWARD = 'AWARD',
  EVALUATION = 'EVALUATION',
}
describeEnum(OpinionPurpose, 'OpinionPurpose', '征求意见事由 (purpose of an integrity opinion request)', {
  PROMOTION: '提拔 (promotion)',
  APPOINTMENT: '任用 (appointment)',
  AWARD: '评优评先 (award)',
  EVALUATION: '考察考核 (evaluation)',
});

/** The commission's side of a reply; the organisation department sees AWAITING_REPLY until SENT. */
export enum OpinionStatus {
  AWAITING_REPLY = 'AWAITING_REPLY',
  DRAFT = 'DRAFT',
  CONFIRMED = 'CONFIRMED',
  SENT = 'SENT',
}
describeEnum(OpinionStatus, 'OpinionStatus', '回复状态 (status of an integrity opinion reply)', {
  AWAITING_REPLY: '待回复 (awaiting the reply: what the organisation department sees until the reply is sent)',
  DRAFT: '草稿 (draft computed from the records, awaiting the commission\'s confirmation)',
  CONFIRMED: '已确认 (confirmed or amended by the commission, not yet sent)',
  SENT: '已回复 (sent to the organisation department)',
});

export enum OpinionAnswer {
  NO_OBJECTION = 'NO_OBJECTION',
  OBJECTION = 'OBJECTION',
  PENDING = 'PENDING',
}
describeEnum(OpinionAnswer, 'OpinionAnswer', '回复意见 (answer of an integrity opinion)', {
  NO_OBJECTION: '无异议 (no objection)',
  OBJECTION: '有异议 (objection; the reason class says why)',
  PENDING: '暂缓 (pending: a matter about the official is still being verified)',
});

export enum OpinionReason {
  IN_INFLUENCE_PERIOD = 'IN_INFLUENCE_PERIOD',
  CASE_FILED_NOT_CONCLUDED = 'CASE_FILED_NOT_CONCLUDED',
  PRELIMINARY_VERIFICATION = 'PRELIMINARY_VERIFICATION',
  TALK_OR_INQUIRY_LETTER = 'TALK_OR_INQUIRY_LETTER',
}
describeEnum(OpinionReason, 'OpinionReason', '意见类别 (reason class of an objection or a pending answer); never the facts', {
  IN_INFLUENCE_PERIOD: '处于处分影响期 (inside a sanction\'s influence period; OBJECTION)',
  CASE_FILED_NOT_CONCLUDED: '已立案未结案 (a case filed and not concluded; OBJECTION)',
  PRELIMINARY_VERIFICATION: '初步核实中 (a clue under preliminary verification; PENDING)',
  TALK_OR_INQUIRY_LETTER: '谈话函询未了结 (a talk or inquiry letter not finished; PENDING)',
});

/** The reason classes each answer allows. */
export const REASONS_OF: Record<OpinionAnswer, readonly OpinionReason[]> = {
  [OpinionAnswer.NO_OBJECTION]: [],
  [OpinionAnswer.OBJECTION]: [OpinionReason.IN_INFLUENCE_PERIOD, OpinionReason.CASE_FILED_NOT_CONCLUDED],
  [OpinionAnswer.PENDING]: [OpinionReason.PRELIMINARY_VERIFICATION, OpinionReason.TALK_OR_INQUIRY_LETTER],
};
