import { describeEnum } from '../../common/enums';

export enum UnitKind {
  COUNTY = 'COUNTY',
  TOWNSHIP = 'TOWNSHIP',
  DEPARTMENT = 'DEPARTMENT',
  DISCIPLINE_COMMISSION = 'DISCIPLINE_COMMISSION',
  VILLAGE = 'VILLAGE',
  STATE_ENTERPRISE = 'STATE_ENTERPRISE',
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
}
describeEnum(UnitKind, 'UnitKind', '单位类型 (kind of unit)', {
  COUNTY: '县（市、区） (county)',
  TOWNSHIP: '乡镇（街道） (township or subdistrict)',
  DEPARTMENT: '县直部门 (county department)',
  DISCIPLINE_COMMISSION: '纪委监委机关 (discipline inspection commission organ)',
  VILLAGE: '村（社区） (village or community)',
  STATE_ENTERPRISE: '国有企业 (state enterprise)',
  PUBLIC_INSTITUTION: '事业单位 (public institution)',
});

export enum PartyOrgKind {
  PARTY_COMMITTEE = 'PARTY_COMMITTEE',
  PARTY_GROUP = 'PARTY_GROUP',
  GENERAL_BRANCH = 'GENERAL_BRANCH',
  BRANCH = 'BRANCH',
}
describeEnum(PartyOrgKind, 'PartyOrgKind', '党组织类型 (kind of party organisation)', {
  PARTY_COMMITTEE: '党委 (party committee)',
  PARTY_GROUP: '党组 (leading party group)',
  GENERAL_BRANCH: '党总支 (general party branch)',
  BRANCH: '党支部 (party branch)',
});

export enum WarningLevel {
  YELLOW = 'YELLOW',
  ORANGE = 'ORANGE',
  RED = 'RED',
}
describeEnum(WarningLevel, 'WarningLevel', '预警等级 (early-warning level)', {
  YELLOW: '黄色预警 (yellow)',
  ORANGE: '橙色预警 (orange)',
  RED: '红色预警 (red)',
});
