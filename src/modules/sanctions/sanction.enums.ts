import { describeEnum } from '../../common/enums';

export enum SanctionCategory {
  PARTY_DISCIPLINE = 'PARTY_DISCIPLINE',
  GOVERNMENT = 'GOVERNMENT',
  ACCOUNTABILITY = 'ACCOUNTABILITY',
  ORGANISATIONAL = 'ORGANISATIONAL',
  EDUCATION = 'EDUCATION',
  JUDICIAL = 'JUDICIAL',
}
describeEnum(SanctionCategory, 'SanctionCategory', '处理类别 (category of sanction)', {
  PARTY_DISCIPLINE: '党纪处分 (party discipline)',
  GOVERNMENT: '政务处分 (government sanction)',
  ACCOUNTABILITY: '问责 (accountability)',
  ORGANISATIONAL: '组织处理 (organisational handling)',
  EDUCATION: '批评教育 (criticism and education)',
  JUDICIAL: '移送司法 (transfer to the judiciary)',
});

export enum SanctionKind {
  WARNING = 'WARNING',
  SERIOUS_WARNING = 'SERIOUS_WARNING',
  REMOVAL_FROM_PARTY_POST = 'REMOVAL_FROM_PARTY_POST',
  PARTY_PROBATION = 'PARTY_PROBATION',
  EXPULSION_FROM_PARTY = 'EXPULSION_FROM_PARTY',
  DEMERIT = 'DEMERIT',
  MAJOR_DEMERIT = 'MAJOR_DEMERIT',
  DEMOTION = 'DEMOTION',
  DISMISSAL_FROM_POST = 'DISMISSAL_FROM_POST',
  EXPULSION = 'EXPULSION',
  CIRCULATED_CRITICISM = 'CIRCULATED_CRITICISM',
  ADMONISHMENT = 'ADMONISHMENT',
  ORGANISATIONAL_HANDLING = 'ORGANISATIONAL_HANDLING',
  INSPECTION = 'INSPECTION',
  CIRCULATION = 'CIRCULATION',
  REORGANISATION = 'REORGANISATION',
  SUSPENSION_FOR_REVIEW = 'SUSPENSION_FOR_REVIEW',
  POST_ADJUSTMENT = 'POST_ADJUSTMENT',
  ORDERED_RESIGNATION = 'ORDERED_RESIGNATION',
  REMOVAL_FROM_POST = 'REMOVAL_FROM_POST',
  DEMOTION_IN_POST = 'DEMOTION_IN_POST',
  CRITICISM_EDUCATION = 'CRITICISM_EDUCATION',
  REMINDER_TALK = 'REMINDER_TALK',
  WRITTEN_SELF_CRITICISM = 'WRITTEN_SELF_CRITICISM',
  TRANSFERRED_TO_JUDICIARY = 'TRANSFERRED_TO_JUDICIARY',
}
describeEnum(SanctionKind, 'SanctionKind', '处理种类 (kind of sanction); which kinds a category allows is listed on each value', {
  WARNING: '警告 (warning): party discipline, 12 months; government, 6 months',
  SERIOUS_WARNING: '严重警告 (serious warning): party discipline, 18 months',
  REMOVAL_FROM_PARTY_POST: '撤销党内职务 (removal from party post): party discipline, 24 months',
  PARTY_PROBATION: '留党察看 (party probation): party discipline, the probation (12 or 24 months) plus 24 months',
  EXPULSION_FROM_PARTY: '开除党籍 (expulsion from the party): party discipline, permanent',
  DEMERIT: '记过 (demerit): government, 12 months',
  MAJOR_DEMERIT: '记大过 (major demerit): government, 18 months',
  DEMOTION: '降级 (demotion): government, 24 months',
  DISMISSAL_FROM_POST: '撤职 (dismissal from post): government, 24 months',
  EXPULSION: '开除 (expulsion): government, permanent',
  CIRCULATED_CRITICISM: '通报 (circulated criticism): accountability of a person, as the decision records',
  ADMONISHMENT: '诫勉 (admonishment): accountability of a person, 6 months',
  ORGANISATIONAL_HANDLING: '组织调整或组织处理 (organisational adjustment): accountability of a person, as the decision records',
  INSPECTION: '检查 (ordered self-inspection): accountability of a party organisation, as the decision records',
  CIRCULATION: '通报 (circulation): accountability of a party organisation, as the decision records',
  REORGANISATION: '改组 (reorganisation): accountability of a party organisation, as the decision records',
  SUSPENSION_FOR_REVIEW: '停职检查 (suspension for review): organisational handling, as the decision records',
  POST_ADJUSTMENT: '调整职务 (post adjustment): organisational handling, 12 months unless recorded otherwise',
  ORDERED_RESIGNATION: '责令辞职 (ordered resignation): organisational handling, 24 months unless recorded otherwise',
  REMOVAL_FROM_POST: '免职 (removal from post): organisational handling, 24 months unless recorded otherwise',
  DEMOTION_IN_POST: '降职 (demotion in post): organisational handling, 24 months unless recorded otherwise',
  CRITICISM_EDUCATION: '批评教育 (criticism and education): no influence period',
  REMINDER_TALK: '提醒谈话 (reminder talk): no influence period',
  WRITTEN_SELF_CRITICISM: '责令书面检查 (written self-criticism): no influence period',
  TRANSFERRED_TO_JUDICIARY: '移送司法机关 (transferred to the judiciary): until the record is updated',
});

export enum SanctionStatus {
  EFFECTIVE = 'EFFECTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
describeEnum(SanctionStatus, 'SanctionStatus', '处理状态 (status), derived from the influence period and revocation', {
  EFFECTIVE: '生效 (effective): not revoked, and its influence period has not ended',
  EXPIRED: '期满 (expired): its influence period has ended',
  REVOKED: '撤销 (revoked on appeal)',
});

export enum FourForms {
  FIRST = 'FIRST',
  SECOND = 'SECOND',
  THIRD = 'THIRD',
  FOURTH = 'FOURTH',
}
describeEnum(FourForms, 'FourForms', '监督执纪“四种形态” (the four forms)', {
  FIRST: '第一种形态 (1): criticism and talks',
  SECOND: '第二种形态 (2): light discipline and organisational adjustment',
  THIRD: '第三种形态 (3): heavy discipline and major post adjustment',
  FOURTH: '第四种形态 (4): serious violations put on file and transferred',
});

export enum InfluencePeriodType {
  NONE = 'NONE',
  UNTIL_DATE = 'UNTIL_DATE',
  PERMANENT = 'PERMANENT',
  UNTIL_UPDATED = 'UNTIL_UPDATED',
}
describeEnum(InfluencePeriodType, 'InfluencePeriodType', '影响期类型 (kind of influence period)', {
  NONE: '无影响期 (none)',
  UNTIL_DATE: '至某日 (until influencePeriodEnd, inclusive)',
  PERMANENT: '永久 (permanent)',
  UNTIL_UPDATED: '至记录更新 (until the record is updated, e.g. transferred to the judiciary)',
});
