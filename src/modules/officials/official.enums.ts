import { describeEnum } from '../../common/enums';

export enum OfficialRank {
  COUNTY_PRINCIPAL = 'COUNTY_PRINCIPAL',
  COUNTY_DEPUTY = 'COUNTY_DEPUTY',
  SECTION_PRINCIPAL = 'SECTION_PRINCIPAL',
  SECTION_DEPUTY = 'SECTION_DEPUTY',
  STAFF = 'STAFF',
  VILLAGE_CADRE = 'VILLAGE_CADRE',
}
describeEnum(OfficialRank, 'OfficialRank', '职级 (rank)', {
  COUNTY_PRINCIPAL: '正处级 (county level, principal)',
  COUNTY_DEPUTY: '副处级 (county level, deputy)',
  SECTION_PRINCIPAL: '正科级 (section level, principal)',
  SECTION_DEPUTY: '副科级 (section level, deputy)',
  STAFF: '科员及以下 (staff)',
  VILLAGE_CADRE: '村（社区）干部 (village or community cadre)',
});
