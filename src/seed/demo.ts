import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../authz/roles';
import { addMonths } from '../common/scalars';
import { identityCheckDigit } from '../common/validators';
import { localDate } from '../common/context';
import { Unit } from '../modules/units/unit.entity';
import { PartyOrgKind, UnitKind, WarningLevel } from '../modules/units/unit.enums';
import { Official } from '../modules/officials/official.entity';
import { OfficialRank } from '../modules/officials/official.enums';
import { DispatchedTeam, SupervisionAssignment } from '../modules/teams/team.entity';
import { Assessment, ResponsibilityItem, ResponsibilityLetter } from '../modules/letters/letter.entity';
import { AssessmentPeriod, Grade, ItemKind, LetterStatus } from '../modules/letters/letter.enums';
import { DisclosureChannel, Pledge } from '../modules/pledges/pledge.entity';
import { Sanction } from '../modules/sanctions/sanction.entity';
import { FourForms, SanctionCategory as C, SanctionKind as K } from '../modules/sanctions/sanction.enums';
import { computeInfluence } from '../modules/sanctions/influence';
import { Account, AccountKind, RoleGrant } from '../modules/accounts/account.entity';
import { fictionalName, prng } from './names';
import type { DemoContext } from './demo-context';
import { seedClues } from '../modules/clues/clues.seed';
import { seedRectifications } from '../modules/rectifications/rectifications.seed';
import { seedInspections } from '../modules/inspections/inspections.seed';
import { seedDispatch } from '../modules/dispatch/dispatch.seed';
import { seedPetitions } from '../modules/petitions/petitions.seed';
import { seedOpinions } from '../modules/opinions/opinions.seed';

/**
 * The fictional demo county 青山县 (QS). Every name, number and case in it is invented.
 * Dates are set relative to `today`, so some sanctions are inside their influence period
 * and some past it whenever the demo is loaded.
 */

interface UnitSpec {
  code: string;
  name: string;
  kind: UnitKind;
  org: PartyOrgKind;
  parent?: string;
  staff: number;
}

const TOWNSHIPS: [string, string, string[]][] = [
  ['QS-DL', '东岭镇', ['东岭村', '石桥村', '柳湾村', '新丰社区']],
  ['QS-XH', '西河乡', ['西河村', '沙坪村', '杨柳村']],
  ['QS-NS', '南山镇', ['南山村', '竹林村', '云台社区']],
];

const DEPARTMENTS: [string, string, PartyOrgKind][] = [
  ['QS-CZ', '青山县财政局', PartyOrgKind.PARTY_GROUP],
  ['QS-JY', '青山县教育局', PartyOrgKind.PARTY_GROUP],
  ['QS-ZR', '青山县自然资源局', PartyOrgKind.PARTY_GROUP],
  ['QS-WJ', '青山县卫生健康局', PartyOrgKind.PARTY_GROUP],
  ['QS-ZZB', '中共青山县委组织部', PartyOrgKind.GENERAL_BRANCH],
];

export const DEMO_ACCOUNTS: { username: string; displayName: string; kind: AccountKind; role: Role; unit?: string; team?: string; official?: string }[] = [
  { username: 'qs-party', displayName: '青山县委（党委）', kind: AccountKind.PERSON, role: Role.PARTY_COMMITTEE, unit: 'QS' },
  { username: 'qs-discipline', displayName: '青山县纪委监委', kind: AccountKind.PERSON, role: Role.DISCIPLINE_COMMISSION, unit: 'QS' },
  { username: 'qs-team1', displayName: '第一派驻纪检监察组', kind: AccountKind.PERSON, role: Role.DISPATCHED_TEAM, team: 'QS-T1' },
  { username: 'qs-team2', displayName: '第二派驻纪检监察组', kind: AccountKind.PERSON, role: Role.DISPATCHED_TEAM, team: 'QS-T2' },
  { username: 'qs-finance', displayName: '青山县财政局', kind: AccountKind.PERSON, role: Role.UNIT, unit: 'QS-CZ' },
  { username: 'qs-org', displayName: '青山县委组织部', kind: AccountKind.PERSON, role: Role.ORGANIZATION_DEPT, unit: 'QS' },
  { username: 'qs-petition', displayName: '青山县信访信息系统', kind: AccountKind.SERVICE, role: Role.PETITION_SYSTEM },
  { username: 'sysadmin', displayName: '系统管理员', kind: AccountKind.PERSON, role: Role.SYSTEM_ADMIN },
  { username: 'secadmin', displayName: '安全保密管理员', kind: AccountKind.PERSON, role: Role.SECURITY_ADMIN },
  { username: 'auditor', displayName: '安全审计员', kind: AccountKind.PERSON, role: Role.AUDIT_ADMIN },
  { username: 'dongling-party', displayName: '东岭镇党委', kind: AccountKind.PERSON, role: Role.PARTY_COMMITTEE, unit: 'QS-DL' },
];

const POSTS: Record<string, [string, OfficialRank][]> = {
  county: [['县委书记', OfficialRank.COUNTY_PRINCIPAL], ['县长', OfficialRank.COUNTY_PRINCIPAL], ['县委副书记', OfficialRank.COUNTY_DEPUTY], ['常务副县长', OfficialRank.COUNTY_DEPUTY], ['副县长', OfficialRank.COUNTY_DEPUTY], ['县委常委、宣传部部长', OfficialRank.COUNTY_DEPUTY], ['县委办公室主任', OfficialRank.SECTION_PRINCIPAL], ['县政府办公室主任', OfficialRank.SECTION_PRINCIPAL]],
  commission: [['县纪委书记、监委主任', OfficialRank.COUNTY_DEPUTY], ['县纪委副书记', OfficialRank.SECTION_PRINCIPAL], ['县监委副主任', OfficialRank.SECTION_PRINCIPAL], ['案件审理室主任', OfficialRank.SECTION_DEPUTY], ['信访室主任', OfficialRank.SECTION_DEPUTY], ['第一派驻组组长', OfficialRank.SECTION_PRINCIPAL], ['第二派驻组组长', OfficialRank.SECTION_PRINCIPAL]],
  department: [['党组书记、局长', OfficialRank.SECTION_PRINCIPAL], ['党组成员、副局长', OfficialRank.SECTION_DEPUTY], ['党组成员、副局长', OfficialRank.SECTION_DEPUTY], ['办公室主任', OfficialRank.STAFF], ['股长', OfficialRank.STAFF], ['股长', OfficialRank.STAFF], ['科员', OfficialRank.STAFF], ['科员', OfficialRank.STAFF], ['科员', OfficialRank.STAFF], ['科员', OfficialRank.STAFF], ['科员', OfficialRank.STAFF], ['科员', OfficialRank.STAFF]],
  township: [['党委书记', OfficialRank.SECTION_PRINCIPAL], ['镇（乡）长', OfficialRank.SECTION_PRINCIPAL], ['党委副书记', OfficialRank.SECTION_DEPUTY], ['纪委书记', OfficialRank.SECTION_DEPUTY], ['副镇（乡）长', OfficialRank.SECTION_DEPUTY], ['副镇（乡）长', OfficialRank.SECTION_DEPUTY], ['党政办主任', OfficialRank.STAFF], ['财政所所长', OfficialRank.STAFF], ['办事员', OfficialRank.STAFF], ['办事员', OfficialRank.STAFF], ['办事员', OfficialRank.STAFF], ['办事员', OfficialRank.STAFF]],
  village: [['党支部书记', OfficialRank.VILLAGE_CADRE], ['村（居）委会主任', OfficialRank.VILLAGE_CADRE], ['村务监督委员会主任', OfficialRank.VILLAGE_CADRE], ['村会计', OfficialRank.VILLAGE_CADRE], ['村委委员', OfficialRank.VILLAGE_CADRE], ['村委委员', OfficialRank.VILLAGE_CADRE], ['网格员', OfficialRank.VILLAGE_CADRE]],
};

function unitSpecs(): UnitSpec[] {
  const specs: UnitSpec[] = [
    { code: 'QS', name: '青山县', kind: UnitKind.COUNTY, org: PartyOrgKind.PARTY_COMMITTEE, staff: 8 },
    { code: 'QS-JW', name: '青山县纪委监委', kind: UnitKind.DISCIPLINE_COMMISSION, org: PartyOrgKind.GENERAL_BRANCH, parent: 'QS', staff: 7 },
  ];
  for (const [code, name, org] of DEPARTMENTS) specs.push({ code, name, kind: UnitKind.DEPARTMENT, org, parent: 'QS', staff: 12 });
  for (const [code, name, villages] of TOWNSHIPS) {
    specs.push({ code, name, kind: UnitKind.TOWNSHIP, org: PartyOrgKind.PARTY_COMMITTEE, parent: 'QS', staff: 12 });
    villages.forEach((v, i) =>
      specs.push({ code: `${code}-${String(i + 1).padStart(2, '0')}`, name: `${name}${v}`, kind: UnitKind.VILLAGE, org: PartyOrgKind.BRANCH, parent: code, staff: 7 }),
    );
  }
  return specs;
}

function postsFor(spec: UnitSpec): [string, OfficialRank][] {
  const key = spec.kind === UnitKind.COUNTY ? 'county' : spec.kind === UnitKind.DISCIPLINE_COMMISSION ? 'commission' : spec.kind === UnitKind.TOWNSHIP ? 'township' : spec.kind === UnitKind.VILLAGE ? 'village' : 'department';
  return POSTS[key].slice(0, spec.staff);
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Loads the demo county unless the database already holds units. Returns whether it loaded. */
export async function seedDemoIfEmpty(em: EntityManager, today = localDate(new Date())): Promise<boolean> {
  return em.transactional(async (tem) => {
    // Serialise concurrent first starts.
    await tem.execute('select pg_advisory_xact_lock(727001)');
    if ((await tem.count(Unit, {})) > 0) return false;
    await loadDemo(tem as EntityManager, today);
    return true;
  });
}

async function loadDemo(em: EntityManager, today: string): Promise<void> {
  const rand = prng(20261125);
  const year = Number(today.slice(0, 4));
  const units = new Map<string, Unit>();

  for (const spec of unitSpecs()) {
    const parent = spec.parent ? units.get(spec.parent)! : null;
    const unit = em.create(Unit, { code: spec.code, name: spec.name, kind: spec.kind, partyOrgKind: spec.org, parent: parent ?? undefined, path: `tmp:${spec.code}`, depth: parent ? parent.depth + 1 : 0 } as never);
    await em.flush();
    unit.path = `${parent ? parent.path : '/'}${unit.id}/`;
    units.set(spec.code, unit);
  }
  await em.flush();

  // Officials: each unit's staff, principal first.
  const officials = new Map<string, Official[]>();
  let seq = 1;
  for (const spec of unitSpecs()) {
    const unit = units.get(spec.code)!;
    const list: Official[] = [];
    postsFor(spec).forEach(([post, rank], i) => {
      const birthYear = 1965 + Math.floor(rand() * 30);
      const first17 = `990101${birthYear}${pad(1 + Math.floor(rand() * 12), 2)}${pad(1 + Math.floor(rand() * 28), 2)}${pad(seq, 3).slice(-3)}`;
      const official = em.create(Official, {
        name: fictionalName(rand),
        unit,
        unitPath: unit.path,
        post,
        rank,
        isPrincipal: i === 0,
        identityNumber: first17 + identityCheckDigit(first17),
        phone: `139${pad(Math.floor(rand() * 1e8), 8)}`,
      } as never);
      seq++;
      list.push(official);
    });
    officials.set(spec.code, list);
  }
  // 分管: county deputies are in charge of departments and townships.
  const county = officials.get('QS')!;
  const charge: [number, string[]][] = [[2, ['QS-ZZB']], [3, ['QS-CZ', 'QS-ZR']], [4, ['QS-JY', 'QS-WJ']], [5, ['QS-DL', 'QS-XH', 'QS-NS']]];
  for (const [i, codes] of charge) county[i].inChargeUnits.set(codes.map((c) => units.get(c)!));
  await em.flush();

  // Dispatched teams, each assigned two departments since the start of last year.
  const commission = units.get('QS-JW')!;
  const teams: [string, string, string[]][] = [
    ['QS-T1', '青山县纪委监委第一派驻纪检监察组', ['QS-CZ', 'QS-JY']],
    ['QS-T2', '青山县纪委监委第二派驻纪检监察组', ['QS-ZR', 'QS-WJ']],
  ];
  for (const [code, name, assigned] of teams) {
    const team = em.create(DispatchedTeam, { code, name, commissionUnit: commission, unitPath: commission.path } as never);
    for (const c of assigned) {
      const u = units.get(c)!;
      em.create(SupervisionAssignment, { team, unit: u, unitPath: u.path, teamUnitPath: commission.path, validFrom: `${year - 1}-01-01`, validTo: null } as never);
    }
  }
  // A past assignment, ended: team 2 supervised the education bureau for a while.
  await em.flush();

  // Responsibility letters: the county committee with departments and townships; 东岭镇 with its villages.
  const letterTargets: [string, string][] = [
    ...DEPARTMENTS.map(([c]) => ['QS', c] as [string, string]),
    ...TOWNSHIPS.map(([c]) => ['QS', c] as [string, string]),
    ...TOWNSHIPS[0][2].map((_, i) => ['QS-DL', `QS-DL-${pad(i + 1, 2)}`] as [string, string]),
  ];
  const statuses = [LetterStatus.PUBLISHED, LetterStatus.SIGNED, LetterStatus.DRAFT, LetterStatus.PUBLISHED];
  const itemTexts: [ItemKind, string, string][] = [
    [ItemKind.MANDATORY, '落实党风廉政建设主体责任，每季度专题研究一次', '召开党组（党委）会议专题研究，形成会议纪要'],
    [ItemKind.MANDATORY, '开展廉政警示教育', '组织观看警示教育片，开展以案促改'],
    [ItemKind.MANDATORY, '落实“一岗双责”，班子成员定期报告履责情况', '半年和年终各报告一次'],
    [ItemKind.SELF_CHOSEN, '整治群众身边不正之风和腐败问题', '建立问题台账，逐项销号'],
  ];
  for (const [y, statusOf] of [[year - 1, () => LetterStatus.ASSESSED], [year, (i: number) => statuses[i % statuses.length]]] as const) {
    letterTargets.forEach(([issuerCode, unitCode], i) => {
      if (y === year - 1 && issuerCode !== 'QS') return;
      const issuer = units.get(issuerCode)!;
      const unit = units.get(unitCode)!;
      const status = statusOf(i);
      const signed = status !== LetterStatus.DRAFT;
      const letter = em.create(ResponsibilityLetter, {
        year: y,
        title: `${y}年度党风廉政建设责任书（${unit.name}）`,
        issuerUnit: issuer,
        issuerPath: issuer.path,
        unit,
        unitPath: unit.path,
        principal: officials.get(unitCode)![0],
        status,
        signedDate: signed ? `${y}-02-${pad(10 + (i % 15), 2)}` : null,
        publishedDate: status === LetterStatus.PUBLISHED || status === LetterStatus.ASSESSED ? `${y}-03-01` : null,
      } as never);
      itemTexts.forEach(([kind, content, measures], k) => {
        em.create(ResponsibilityItem, {
          letter,
          unitPath: unit.path,
          kind,
          content,
          measures,
          deadline: `${y}-${pad(3 * (k + 1), 2)}-${k === 3 ? '15' : '30'}`,
          // last year's items were all completed; this year's first two are under way
          progress: y < year ? '已完成' : signed && k < 2 ? '已按计划推进' : null,
          progressPercent: y < year ? 100 : signed && k < 2 ? 60 + k * 20 : null,
          progressReportedOn: y < year ? `${y}-${pad(3 * (k + 1), 2)}-10` : signed && k < 2 ? `${y}-06-${pad(20 + k, 2)}` : null,
        } as never);
      });
      if (y < year) {
        for (const period of [AssessmentPeriod.HALF_YEAR, AssessmentPeriod.YEAR_END]) {
          const score = 78 + Math.floor(rand() * 20);
          const vetoed = unitCode === 'QS-ZR' && period === AssessmentPeriod.YEAR_END;
          em.create(Assessment, {
            letter,
            unit,
            unitPath: unit.path,
            year: y,
            period,
            score,
            grade: vetoed ? Grade.POOR : score >= 90 ? Grade.EXCELLENT : score >= 85 ? Grade.GOOD : Grade.FAIR,
            vetoed,
            vetoReason: vetoed ? '本单位发生严重违纪违法案件，实行一票否决' : null,
            vetoProposed: vetoed,
            vetoProposalReason: vetoed ? '班子成员严重违纪，建议一票否决' : null,
            assessedDate: period === AssessmentPeriod.HALF_YEAR ? `${y}-07-15` : `${y + 1}-01-20`,
          } as never);
        }
      }
    });
  }
  await em.flush();

  // Pledges: every principal signs the ten-point pledge; most are disclosed, last year's evaluated.
  const TEN_POINTS = ['严守政治纪律和政治规矩', '严格执行中央八项规定精神', '不利用职权为本人和他人谋取私利', '不违规收受礼品礼金', '不违规插手工程项目', '不违规操办婚丧喜庆事宜', '不违规兼职取酬', '不公款吃喝和公车私用', '管好家属子女和身边工作人员', '自觉接受组织和群众监督'];
  let p = 0;
  for (const [code, list] of officials) {
    const principal = list[0];
    const unit = units.get(code)!;
    for (const y of [year - 1, year]) {
      const disclosed = y < year || p % 3 !== 0;
      em.create(Pledge, {
        official: principal,
        unit,
        unitPath: unit.path,
        year: y,
        title: '廉政十项承诺',
        items: TEN_POINTS,
        signedDate: `${y}-01-${pad(10 + (p % 15), 2)}`,
        disclosureChannel: disclosed ? [DisclosureChannel.WEBSITE, DisclosureChannel.BULLETIN_BOARD, DisclosureChannel.TV][p % 3] : null,
        disclosedDate: disclosed ? `${y}-02-01` : null,
        evaluationGrade: y < year ? [Grade.EXCELLENT, Grade.GOOD, Grade.GOOD, Grade.FAIR][p % 4] : null,
        evaluationComment: y < year ? '践诺情况良好' : null,
        evaluatedDate: y < year ? `${y}-12-20` : null,
      } as never);
      p++;
    }
  }
  await em.flush();

  // Sanctions of every category; dates relative to today.
  const ago = (months: number) => addMonths(today, -months);
  const staff = (code: string, i: number) => officials.get(code)![i];
  /** `primary`: index of the sanction for the matter itself (一案双查). */
  type S = { o?: Official; orgUnit?: string; cat: C; kind: K; decided: number; forms: FourForms; reason: string; facts: string; probation?: number; months?: number; named?: boolean; primary?: number; revoked?: boolean };
  const specs: S[] = [
    { o: staff('QS-CZ', 4), cat: C.PARTY_DISCIPLINE, kind: K.WARNING, decided: 3, forms: FourForms.SECOND, reason: '违规收受管理服务对象礼金', facts: '（虚构）该股长于春节期间收受某供应商所送购物卡若干张，折合人民币6000元，已全部退缴。' },
    { o: staff('QS-CZ', 5), cat: C.GOVERNMENT, kind: K.DEMERIT, decided: 8, forms: FourForms.SECOND, reason: '违规审批财政补助资金', facts: '（虚构）在审核农业补助项目时未按规定实地核查，导致补助资金被套取3.2万元。' },
    { o: staff('QS-CZ', 1), cat: C.ACCOUNTABILITY, kind: K.ADMONISHMENT, decided: 2, forms: FourForms.FIRST, reason: '履行“一岗双责”不力（一案双查）', facts: '（虚构）分管股室连续发生违规问题，对分管领域监督管理不力。', primary: 0 },
    { o: staff('QS-JY', 3), cat: C.PARTY_DISCIPLINE, kind: K.SERIOUS_WARNING, decided: 30, forms: FourForms.SECOND, reason: '违规发放津贴补贴', facts: '（虚构）以加班费名义违规发放津贴补贴共计4.5万元。' },
    { o: staff('QS-JY', 6), cat: C.PARTY_DISCIPLINE, kind: K.PARTY_PROBATION, decided: 10, forms: FourForms.THIRD, reason: '利用职务便利为他人谋利', facts: '（虚构）在教材采购中为亲属经营的书店提供便利，收受好处费2万元。', probation: 12 },
    { o: staff('QS-ZR', 2), cat: C.PARTY_DISCIPLINE, kind: K.EXPULSION_FROM_PARTY, decided: 14, forms: FourForms.FOURTH, reason: '严重违纪违法，涉嫌受贿', facts: '（虚构）在土地出让审批中收受他人财物，数额巨大，已移送检察机关。', named: true },
    { o: staff('QS-ZR', 2), cat: C.JUDICIAL, kind: K.TRANSFERRED_TO_JUDICIARY, decided: 14, forms: FourForms.FOURTH, reason: '涉嫌受贿罪移送审查起诉', facts: '（虚构）同上案件，已移送县人民检察院。' },
    { o: staff('QS-ZR', 0), cat: C.ORGANISATIONAL, kind: K.POST_ADJUSTMENT, decided: 13, forms: FourForms.SECOND, reason: '对本单位严重违纪问题负有领导责任（一案双查）', facts: '（虚构）本单位班子成员严重违纪，作为主要负责人负有领导责任。', primary: 5 },
    { o: staff('QS-WJ', 7), cat: C.GOVERNMENT, kind: K.WARNING, decided: 9, forms: FourForms.SECOND, reason: '工作日饮酒', facts: '（虚构）工作日午间饮酒，影响下午工作。' },
    { o: staff('QS-WJ', 8), cat: C.EDUCATION, kind: K.REMINDER_TALK, decided: 1, forms: FourForms.FIRST, reason: '考勤管理松散', facts: '（虚构）多次迟到早退，经提醒谈话后改正。' },
    { o: staff('QS-DL', 7), cat: C.PARTY_DISCIPLINE, kind: K.WARNING, decided: 20, forms: FourForms.SECOND, reason: '违规使用公务用车', facts: '（虚构）周末驾驶公务用车办理私事。' },
    { o: staff('QS-DL-01', 3), cat: C.PARTY_DISCIPLINE, kind: K.REMOVAL_FROM_PARTY_POST, decided: 5, forms: FourForms.THIRD, reason: '侵占集体资金', facts: '（虚构）村会计虚列开支侵占村集体资金1.8万元，已追缴。', named: true },
    { o: staff('QS-DL-01', 0), cat: C.ACCOUNTABILITY, kind: K.CIRCULATED_CRITICISM, decided: 4, forms: FourForms.FIRST, reason: '村级财务监管失职（一案双查）', facts: '（虚构）对村会计侵占集体资金问题监管失职。', months: 6, primary: 11 },
    { o: staff('QS-XH', 9), cat: C.GOVERNMENT, kind: K.DEMOTION, decided: 26, forms: FourForms.THIRD, reason: '违规办理低保', facts: '（虚构）为不符合条件的亲属违规办理最低生活保障。' },
    { o: staff('QS-XH-02', 1), cat: C.ORGANISATIONAL, kind: K.REMOVAL_FROM_POST, decided: 6, forms: FourForms.THIRD, reason: '履职不力造成不良影响', facts: '（虚构）对群众反映强烈的问题长期推诿。' },
    { o: staff('QS-NS', 10), cat: C.EDUCATION, kind: K.CRITICISM_EDUCATION, decided: 2, forms: FourForms.FIRST, reason: '工作作风漂浮', facts: '（虚构）填报数据弄虚作假，经批评教育。' },
    { o: staff('QS-NS-01', 2), cat: C.EDUCATION, kind: K.WRITTEN_SELF_CRITICISM, decided: 3, forms: FourForms.FIRST, reason: '村务公开不及时', facts: '（虚构）村务监督不到位，村务公开滞后。' },
    { o: staff('QS-JY', 9), cat: C.GOVERNMENT, kind: K.MAJOR_DEMERIT, decided: 4, forms: FourForms.SECOND, reason: '违规收取学生费用', facts: '（虚构）违规向学生收取资料费。' },
    { o: staff('QS-NS', 5), cat: C.ORGANISATIONAL, kind: K.SUSPENSION_FOR_REVIEW, decided: 1, forms: FourForms.THIRD, reason: '涉嫌严重违纪接受审查', facts: '（虚构）涉嫌在征地拆迁补偿中弄虚作假，停职接受审查。', months: 3 },
    { orgUnit: 'QS-XH', cat: C.ACCOUNTABILITY, kind: K.INSPECTION, decided: 7, forms: FourForms.FIRST, reason: '落实全面从严治党主体责任不力（对党组织问责）', facts: '（虚构）乡党委对辖区内多发的侵害群众利益问题失察。', months: 6 },
    { o: staff('QS-CZ', 7), cat: C.GOVERNMENT, kind: K.DEMERIT, decided: 18, forms: FourForms.SECOND, reason: '违规出借财政资金', facts: '（虚构）未经批准出借财政资金。', revoked: true },
  ];
  const created: Sanction[] = [];
  specs.forEach((s, i) => {
    const unit = s.o ? units.get(unitCodeOf(s.o, units))! : units.get(s.orgUnit!)!;
    const decisionDate = ago(s.decided);
    const effectiveDate = decisionDate;
    const inf = computeInfluence({ category: s.cat, kind: s.kind, effectiveDate, probationMonths: s.probation, influenceMonths: s.months });
    const sanction = em.create(Sanction, {
      official: s.o ?? null,
      unit,
      unitPath: unit.path,
      category: s.cat,
      kind: s.kind,
      decisionDate,
      effectiveDate,
      probationMonths: s.probation ?? null,
      influenceMonths: s.months ?? null,
      influenceType: inf.type,
      influenceEnd: inf.end,
      fourForms: s.forms,
      decidingOrgan: s.cat === C.ORGANISATIONAL ? '中共青山县委组织部' : s.cat === C.JUDICIAL ? '青山县监察委员会' : '中共青山县纪律检查委员会',
      decisionNumber: `青纪处〔${decisionDate.slice(0, 4)}〕${i + 1}号`,
      publiclyNamed: s.named ?? false,
      reasonSummary: s.reason,
      caseFacts: s.facts,
      evidenceRefs: [`卷宗 QS-${decisionDate.slice(0, 4)}-${pad(i + 1, 3)}`],
      primarySanction: s.primary !== undefined ? created[s.primary] : null,
      revoked: s.revoked ?? false,
      revokedDate: s.revoked ? ago(s.decided - 3) : null,
      revokeReason: s.revoked ? '经复审，认定事实不清，予以撤销' : null,
    } as never);
    created.push(sanction);
  });
  await em.flush();

  // A red warning on the natural-resources bureau after its serious case; yellow on 西河乡.
  units.get('QS-ZR')!.warningLevel = WarningLevel.RED;
  units.get('QS-ZR')!.warningReason = '班子成员严重违纪违法，政治生态亟需修复';
  units.get('QS-XH')!.warningLevel = WarningLevel.YELLOW;
  units.get('QS-XH')!.warningReason = '群众身边不正之风问题多发';

  // Accounts, one per role.
  const teamByCode = new Map((await em.find(DispatchedTeam, {})).map((t) => [t.code, t]));
  for (const a of DEMO_ACCOUNTS) {
    const account = em.create(Account, { username: a.username, displayName: a.displayName, kind: a.kind } as never);
    em.create(RoleGrant, { account, role: a.role, unit: a.unit ? units.get(a.unit)! : null, team: a.team ? teamByCode.get(a.team)! : null, grantedAt: new Date() } as never);
  }
  await em.flush();

  // the supervision workflow: each module seeds its own records
  const demo: DemoContext = { today, year, units, officials, rand };
  await seedClues(em, demo);
  await seedRectifications(em, demo);
  await seedInspections(em, demo);
  await seedDispatch(em, demo);
  await seedPetitions(em, demo);
  await seedOpinions(em, demo);
  await em.flush();
}

function unitCodeOf(o: Official, units: Map<string, Unit>): string {
  for (const [code, u] of units) if (u.path === o.unitPath) return code;
  throw new Error('unit of official not found');
}
