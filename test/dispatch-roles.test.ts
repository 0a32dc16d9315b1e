import 'reflect-metadata';
import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { startTestApp, type TestApp, codes, globalId } from './support/app';
import { buildAppSchema } from '../src/schema';

/**
 * 主体责任派单, role by role: every demo account, the demo leader account `qs-deputy` (no role
 * grant, linked to 常务副县长) and two mixed accounts read every field of every dispatch type.
 * What each account may see is computed here in SQL from its grants and its linked official,
 * independently of the server: the issuing PARTY_COMMITTEE by the issuing unit's path,
 * DISCIPLINE_COMMISSION and DISPATCHED_TEAM by the leader's unit path, the leader by its
 * official once the list is issued.
 */
const TODAY = '2026-11-20';
let app: TestApp;
let schema: GraphQLSchema;

const DEMO = ['qs-party', 'qs-discipline', 'qs-team1', 'qs-team2', 'qs-finance', 'qs-org', 'qs-petition', 'sysadmin', 'secadmin', 'auditor', 'dongling-party'];
/** PARTY_COMMITTEE at 东岭镇, linked to the deputy in charge of the townships. */
const MIXED_LEADER = 'mixed-leader';
/** PARTY_COMMITTEE at 东岭镇 and UNIT at the finance bureau. */
const DL_PLUS_CZ = 'dl-plus-cz';
const ALL = [...DEMO, 'qs-deputy', MIXED_LEADER, DL_PLUS_CZ];
/** Accounts that can never see a list: the root list is FORBIDDEN for them. */
const NEVER = ['qs-finance', 'qs-org', 'qs-petition', 'sysadmin', 'secadmin', 'auditor'];

let draftListId: number;
let townshipListId: number;

const countyOfficial = async (index: number) => (await app.sql("select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS' order by o.id offset $1 limit 1", [index]))[0].id as number;
const principal = async (code: string) => (await app.sql('select o.id from official o join unit u on u.id = o.unit_id where u.code = $1 and o.is_principal', [code]))[0].id as number;
const unitId = async (code: string) => (await app.sql('select id from unit where code = $1', [code]))[0].id as number;

beforeAll(async () => {
  app = await startTestApp({ clock: { now: () => new Date(`${TODAY}T02:00:00Z`) } });
  ({ schema } = await buildAppSchema());
  // a draft addressed to qs-deputy's official: it must stay invisible to the leader until issued
  const created = await app.gql('qs-party', 'mutation($i: DispatchListCreateInput!) { dispatchListCreate(input: $i) { list { id } userErrors { message } } }', {
    i: { leader: globalId('Official', await countyOfficial(3)), year: 2026, quarter: 4, kind: 'ADDITIONAL', title: '草拟中的增派单' },
  });
  expect(created.body.data.dispatchListCreate.userErrors).toEqual([]);
  const listGid = created.body.data.dispatchListCreate.list.id;
  const added = await app.gql('qs-party', 'mutation($i: DispatchListAddItemInput!) { dispatchListAddItem(input: $i) { userErrors { message } } }', { i: { list: listGid, task: '草拟事项', measures: '措施', deadline: '2026-12-20' } });
  expect(added.body.data.dispatchListAddItem.userErrors).toEqual([]);
  draftListId = Number(Buffer.from(listGid, 'base64url').toString().split(':')[1]);

  const [m] = await app.sql("insert into account (username, display_name, kind, official_id) values ($1, '混合：镇党委兼派单对象', 'PERSON', $2) returning id", [MIXED_LEADER, await countyOfficial(5)]);
  await app.sql("insert into role_grant (account_id, role, unit_id, granted_at) values ($1, 'PARTY_COMMITTEE', $2, now())", [m.id, await unitId('QS-DL')]);
  // the county committee's list to 东岭镇's party secretary: inside dongling-party's reach by the
  // leader's unit, but not issued by it, so dongling-party must not see it
  const toTownship = await app.gql('qs-party', 'mutation($i: DispatchListCreateInput!) { dispatchListCreate(input: $i) { list { id version } userErrors { message } } }', {
    i: { leader: globalId('Official', await principal('QS-DL')), year: 2026, quarter: 4, kind: 'REGULAR', title: '县委对东岭镇党委书记第四季度派单' },
  });
  expect(toTownship.body.data.dispatchListCreate.userErrors).toEqual([]);
  const tl = toTownship.body.data.dispatchListCreate.list;
  await app.gql('qs-party', 'mutation($i: DispatchListAddItemInput!) { dispatchListAddItem(input: $i) { userErrors { message } } }', { i: { list: tl.id, task: '乡镇换届风气监督', measures: '措施', deadline: '2026-12-10' } });
  const issued = await app.gql('qs-party', 'mutation($i: DispatchListIssueInput!) { dispatchListIssue(input: $i) { list { status } userErrors { message } } }', { i: { id: tl.id, version: tl.version } });
  expect(issued.body.data.dispatchListIssue).toEqual({ list: { status: 'ISSUED' }, userErrors: [] });
  townshipListId = Number(Buffer.from(tl.id, 'base64url').toString().split(':')[1]);

  await addOtherCounty();
  const [d] = await app.sql("insert into account (username, display_name, kind) values ($1, '混合：镇党委兼财政局', 'PERSON') returning id", [DL_PLUS_CZ]);
  await app.sql("insert into role_grant (account_id, role, unit_id, granted_at) values ($1, 'PARTY_COMMITTEE', $2, now()), ($1, 'UNIT', $3, now())", [d.id, await unitId('QS-DL'), await unitId('QS-CZ')]);
});
afterAll(async () => app?.stop());

/** A second county, outside the reach of every account here, with an issued list, an item and a report. */
async function addOtherCounty() {
  const [u] = await app.sql("insert into unit (code, name, kind, party_org_kind, path, depth) values ('HX', '和溪县（虚构）', 'COUNTY', 'PARTY_COMMITTEE', 'tmp', 0) returning id");
  const path = `/${u.id}/`;
  await app.sql('update unit set path = $1 where id = $2', [path, u.id]);
  const [o] = await app.sql("insert into official (name, unit_id, unit_path, post, rank, is_principal) values ('和溪副县长', $1, $2, '副县长', 'COUNTY_DEPUTY', false) returning id", [u.id, path]);
  const [l] = await app.sql(
    "insert into dispatch_list (year, quarter, kind, title, issuer_unit_id, issuer_path, leader_id, unit_id, unit_path, status, issued_date) values (2026, 4, 'REGULAR', '和溪县派单', $1, $2, $3, $1, $2, 'ISSUED', '2026-10-08') returning id",
    [u.id, path, o.id],
  );
  const [i] = await app.sql("insert into dispatch_item (list_id, leader_id, unit_path, issuer_path, position, task, measures, deadline) values ($1, $2, $3, $3, 1, '和溪事项', '措施', '2026-12-20') returning id", [l.id, o.id, path]);
  await app.sql("insert into dispatch_item_report (item_id, list_id, leader_id, unit_path, issuer_path, content, percent, done, reported_date) values ($1, $2, $3, $4, $4, '和溪报告', 40, false, '2026-11-10')", [i.id, l.id, o.id, path]);
}

/** The ids of the lists an account may see, from its grants and linked official, in SQL. */
async function visibleListIds(username: string): Promise<number[]> {
  const rows = await app.sql(
    `with acc as (select id, official_id from account where username = $1),
          g as (select g.role, g.team_id, u.path from role_grant g join acc on acc.id = g.account_id left join unit u on u.id = g.unit_id where g.revoked_at is null),
          team_paths as (select u.path from g join supervision_assignment sa on sa.team_id = g.team_id join unit u on u.id = sa.unit_id
                          where g.role = 'DISPATCHED_TEAM' and sa.valid_from <= $2::date and (sa.valid_to is null or sa.valid_to >= $2::date))
     select l.id from dispatch_list l
      where exists (select 1 from g where g.role = 'PARTY_COMMITTEE' and l.issuer_path like g.path || '%')
         or exists (select 1 from g where g.role = 'DISCIPLINE_COMMISSION' and l.unit_path like g.path || '%')
         or exists (select 1 from team_paths t where l.unit_path like t.path || '%')
         or (l.status <> 'DRAFT' and l.leader_id = (select official_id from acc)
             and not exists (select 1 from g where g.role in ('SYSTEM_ADMIN', 'SECURITY_ADMIN', 'AUDIT_ADMIN')))
      order by l.id`,
    [username, TODAY],
  );
  return rows.map((r) => r.id);
}

const gidsOf = (typename: string, ids: number[]) => ids.map((id) => globalId(typename, id));

/** Every field of a type: scalars by name, objects by __typename. */
function allFields(typeName: string): string {
  const type = schema.getType(typeName);
  if (!type || !isObjectType(type)) throw new Error(`no type ${typeName}`);
  return Object.values(type.getFields())
    .map((f) => (isObjectType(getNamedType(f.type)) ? `${f.name} { __typename }` : f.name))
    .join(' ');
}

describe('the root list and the leader\'s own lists', () => {
  test('the seeded lists and the sets each account sees (sanity of the independent SQL)', async () => {
    const sizes = Object.fromEntries(await Promise.all(ALL.map(async (a) => [a, (await visibleListIds(a)).length])));
    expect(sizes).toEqual({
      'qs-party': 13,
      'qs-discipline': 13,
      // (the other county's list is outside every reach: 14 lists in all)
      'qs-team1': 1,
      'qs-team2': 0,
      'qs-finance': 0,
      'qs-org': 0,
      'qs-petition': 0,
      sysadmin: 0,
      secadmin: 0,
      auditor: 0,
      'dongling-party': 1,
      'qs-deputy': 2,
      [MIXED_LEADER]: 4,
      [DL_PLUS_CZ]: 1,
    });
    expect(await app.sql("select kind, status, count(*)::int as n from dispatch_list group by kind, status order by kind, status")).toEqual([
      { kind: 'REGULAR', status: 'ISSUED', n: 12 },
      { kind: 'ADDITIONAL', status: 'DRAFT', n: 1 },
      { kind: 'ADDITIONAL', status: 'ISSUED', n: 1 },
    ]);
  });

  for (const as of ALL) {
    test(`${as}: dispatchLists holds exactly the rows in its scope; totalCount equals the SQL count`, async () => {
      const expected = await visibleListIds(as);
      const r = await app.gql(as, '{ dispatchLists(first: 100) { totalCount nodes { id } } }');
      if (NEVER.includes(as)) {
        expect(r.body.data?.dispatchLists).toBeNull();
        expect(r.body.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['FORBIDDEN', ['dispatchLists']]]);
        return;
      }
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.dispatchLists.totalCount).toBe(expected.length);
      expect(r.body.data.dispatchLists.nodes.map((n: { id: string }) => n.id)).toEqual(gidsOf('DispatchList', expected));
    });
  }

  test('paging: pages of 2 walk the whole scoped list, counts stay exact', async () => {
    for (const as of ['qs-party', MIXED_LEADER]) {
      const expected = gidsOf('DispatchList', await visibleListIds(as));
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const r: any = await app.gql(as, 'query($after: String) { dispatchLists(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }', { after });
        expect(r.body.data.dispatchLists.totalCount).toBe(expected.length);
        seen.push(...r.body.data.dispatchLists.nodes.map((n: { id: string }) => n.id));
        if (!r.body.data.dispatchLists.pageInfo.hasNextPage) break;
        after = r.body.data.dispatchLists.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
    }
  });

  test('filters, as accounts whose scope cuts the lists: counts equal SQL counts', async () => {
    const deputy = await countyOfficial(3);
    const filters: [string, Record<string, unknown>, string, unknown[]][] = [
      ['qs-party', { year: 2026, quarter: 3 }, 'l.year = 2026 and l.quarter = 3', []],
      ['qs-party', { leader: globalId('Official', deputy) }, 'l.leader_id = $3', [deputy]],
      ['qs-party', { issuerUnit: globalId('Unit', await unitId('QS-DL')) }, "l.issuer_unit_id = $3", [await unitId('QS-DL')]],
      ['qs-party', { unitSubtree: globalId('Unit', await unitId('QS-DL')) }, "l.unit_path like (select path from unit where code = 'QS-DL') || '%'", []],
      ['qs-party', { status: 'DRAFT' }, "l.status = 'DRAFT'", []],
      ['qs-discipline', { kind: 'ADDITIONAL' }, "l.kind = 'ADDITIONAL'", []],
      ['qs-team1', { quarter: 4 }, 'l.quarter = 4', []],
      ['qs-team1', { unitSubtree: globalId('Unit', await unitId('QS')) }, 'true', []],
      ['dongling-party', { year: 2026 }, 'l.year = 2026', []],
      ['dongling-party', { leader: globalId('Official', deputy) }, 'l.leader_id = $3', [deputy]],
      ['qs-deputy', { quarter: 4 }, 'l.quarter = 4', []],
      ['qs-deputy', { status: 'DRAFT' }, "l.status = 'DRAFT'", []],
      [MIXED_LEADER, { kind: 'ADDITIONAL' }, "l.kind = 'ADDITIONAL'", []],
      [MIXED_LEADER, { issuerUnit: globalId('Unit', await unitId('QS')) }, "l.issuer_path = (select path from unit where code = 'QS')", []],
    ];
    for (const [as, filter, where, params] of filters) {
      const visible = await visibleListIds(as);
      const rows = await app.sql(`select l.id from dispatch_list l where l.id = any($1::int[]) and (${where}) and $2::text is not null order by l.id`, [visible, as, ...params]);
      const r = await app.gql(as, 'query($f: DispatchListFilter) { dispatchLists(first: 100, filter: $f) { totalCount nodes { id } } }', { f: filter });
      expect(r.body.errors).toBeUndefined();
      expect({ as, filter, count: r.body.data.dispatchLists.totalCount, ids: r.body.data.dispatchLists.nodes.map((n: { id: string }) => n.id) }).toEqual({
        as,
        filter,
        count: rows.length,
        ids: gidsOf('DispatchList', rows.map((x) => x.id)),
      });
    }
  });

  test('the leader sees only its own lists, issued ones only, whatever roles its account holds', async () => {
    const deputy = await countyOfficial(3);
    const r = await app.gql('qs-deputy', '{ viewer { myDispatchLists(first: 100) { totalCount nodes { id status leaderName } } } }');
    expect(r.body.errors).toBeUndefined();
    const mine = await app.sql("select id from dispatch_list where leader_id = $1 and status <> 'DRAFT' order by id", [deputy]);
    expect(mine.length).toBe(2);
    expect(r.body.data.viewer.myDispatchLists.totalCount).toBe(2);
    expect(r.body.data.viewer.myDispatchLists.nodes.map((n: { id: string }) => n.id)).toEqual(gidsOf('DispatchList', mine.map((x) => x.id)));
    expect(r.body.data.viewer.myDispatchLists.nodes.every((n: { status: string }) => n.status === 'ISSUED')).toBe(true);

    const draft = await app.gql('qs-deputy', 'query($id: ID!) { dispatchList(id: $id) { id } }', { id: globalId('DispatchList', draftListId) });
    expect(draft.body.data.dispatchList).toBeNull();
    expect(codes(draft)).toEqual(['NOT_FOUND']);

    // the mixed account: its own lists through myDispatchLists, its township's lists too through dispatchLists
    const m = await app.gql(MIXED_LEADER, '{ viewer { myDispatchLists { totalCount } } dispatchLists { totalCount } }');
    const own = await app.sql("select count(*)::int as n from dispatch_list where leader_id = $1 and status <> 'DRAFT'", [await countyOfficial(5)]);
    expect(m.body.data).toEqual({ viewer: { myDispatchLists: { totalCount: own[0].n } }, dispatchLists: { totalCount: (await visibleListIds(MIXED_LEADER)).length } });
    expect(own[0].n).toBe(3);
  });

  test('a township party committee sees the lists its reach issued, not the county\'s lists to its own leaders', async () => {
    const q = 'query($id: ID!) { dispatchList(id: $id) { id issuerName } }';
    const asDl = await app.gql('dongling-party', q, { id: globalId('DispatchList', townshipListId) });
    expect({ list: asDl.body.data.dispatchList, codes: codes(asDl) }).toEqual({ list: null, codes: ['NOT_FOUND'] });
    const asParty = await app.gql('qs-party', q, { id: globalId('DispatchList', townshipListId) });
    expect(asParty.body.data.dispatchList).toEqual({ id: globalId('DispatchList', townshipListId), issuerName: '青山县' });
    const [{ n: inReachByUnit }] = await app.sql("select count(*)::int as n from dispatch_list where unit_path like (select path from unit where code = 'QS-DL') || '%'");
    const [{ n: issuedByDl }] = await app.sql("select count(*)::int as n from dispatch_list where issuer_path like (select path from unit where code = 'QS-DL') || '%'");
    expect(inReachByUnit).toBe(issuedByDl + 1);
    const list = await app.gql('dongling-party', '{ dispatchLists { totalCount nodes { issuerName } } }');
    expect(list.body.data.dispatchLists.totalCount).toBe(issuedByDl);
    expect(list.body.data.dispatchLists.nodes.every((n: { issuerName: string }) => n.issuerName === '东岭镇')).toBe(true);
  });

  test('myDispatchLists is empty for every account not linked to an official', async () => {
    for (const as of [...DEMO, DL_PLUS_CZ]) {
      const r = await app.gql(as, '{ viewer { myDispatchLists { totalCount nodes { id } } } }');
      expect({ as, errors: r.body.errors, mine: r.body.data.viewer.myDispatchLists }).toEqual({ as, errors: undefined, mine: { totalCount: 0, nodes: [] } });
    }
  });
});

describe('every field of every dispatch type, for every account', () => {
  /** One list of each kind of reach, with an item and a report. */
  async function rowsOfList(listId: number) {
    const [item] = await app.sql('select id from dispatch_item where list_id = $1 order by position limit 1', [listId]);
    const [report] = await app.sql('select id from dispatch_item_report where list_id = $1 order by id limit 1', [listId]);
    return { DispatchList: listId, DispatchItem: item.id as number, DispatchItemReport: report?.id as number | undefined };
  }

  const SQL_VALUES: Record<string, string> = {
    DispatchList: "select year, quarter, kind::text as kind, title, status::text as status, to_char(issued_date, 'YYYY-MM-DD') as \"issuedDate\", to_char(closed_date, 'YYYY-MM-DD') as \"closedDate\", version from dispatch_list where id = $1",
    DispatchItem: "select position as \"order\", task, measures, to_char(deadline, 'YYYY-MM-DD') as deadline, version from dispatch_item where id = $1",
    DispatchItemReport: "select content as text, percent, done, to_char(reported_date, 'YYYY-MM-DD') as \"reportedDate\", version from dispatch_item_report where id = $1",
  };

  for (const as of ALL) {
    test(`${as}: values in scope, NOT_FOUND outside it, through node(id) and dispatchList(id)`, async () => {
      const visible = await visibleListIds(as);
      const withReports = (await app.sql('select distinct list_id from dispatch_item_report order by list_id')).map((r) => r.list_id as number);
      const inList = visible.find((id) => withReports.includes(id));
      const outList = withReports.find((id) => !visible.includes(id))!;
      expect(outList).toBeDefined();

      for (const [listId, seen] of [[inList, true], [outList, false]] as const) {
        if (listId === undefined) continue;
        const rows = await rowsOfList(listId);
        for (const type of ['DispatchList', 'DispatchItem', 'DispatchItemReport'] as const) {
          const id = globalId(type, rows[type]!);
          const r = await app.gql(as, `query($id: ID!) { node(id: $id) { __typename ... on ${type} { ${allFields(type)} } } }`, { id });
          if (!seen) {
            expect({ type, node: r.body.data?.node, codes: codes(r) }).toEqual({ type, node: null, codes: ['NOT_FOUND'] });
            continue;
          }
          expect({ type, errors: r.body.errors }).toEqual({ type, errors: undefined });
          const node = r.body.data.node;
          expect(node.__typename).toBe(type);
          expect(node.id).toBe(id);
          const [want] = await app.sql(SQL_VALUES[type], [rows[type]]);
          for (const [k, v] of Object.entries(want)) expect({ type, k, v: node[k] }).toEqual({ type, k, v });
          const fieldNames = Object.keys((schema.getType(type) as any).getFields());
          for (const f of fieldNames) expect({ type, f, present: f in node }).toEqual({ type, f, present: true });
        }
        const root = await app.gql(as, `query($id: ID!) { dispatchList(id: $id) { id items { id report { id } } } }`, { id: globalId('DispatchList', listId) });
        if (seen) {
          expect(root.body.errors).toBeUndefined();
          expect(root.body.data.dispatchList.items.length).toBe((await app.sql('select count(*)::int as n from dispatch_item where list_id = $1', [listId]))[0].n);
        } else {
          // the three administrators are refused by the rule; everyone else is told the list does not exist
          const expected = ['sysadmin', 'secadmin', 'auditor'].includes(as) ? 'FORBIDDEN' : 'NOT_FOUND';
          expect({ list: root.body.data?.dispatchList, codes: codes(root) }).toEqual({ list: null, codes: [expected] });
        }
      }
    });
  }

  test('relation fields answer null outside the reader\'s reach of units and officials, names are always there', async () => {
    const q = 'query($id: ID!) { dispatchList(id: $id) { issuerName leaderName issuerUnit { code } unit { code } leader { name } } }';
    const czList = (await app.sql("select l.id from dispatch_list l join unit u on u.id = l.unit_id where u.code = 'QS-CZ'"))[0].id;
    const czChief = (await app.sql('select name from official where id = $1', [await principal('QS-CZ')]))[0].name;
    const team1 = await app.gql('qs-team1', q, { id: globalId('DispatchList', czList) });
    expect(team1.body.errors).toBeUndefined();
    expect(team1.body.data.dispatchList).toEqual({ issuerName: '青山县', leaderName: czChief, issuerUnit: null, unit: { code: 'QS-CZ' }, leader: { name: czChief } });
    const party = await app.gql('qs-party', q, { id: globalId('DispatchList', czList) });
    expect(party.body.data.dispatchList).toEqual({ issuerName: '青山县', leaderName: czChief, issuerUnit: { code: 'QS' }, unit: { code: 'QS-CZ' }, leader: { name: czChief } });
    const deputyList = (await visibleListIds('qs-deputy'))[0];
    const deputy = await app.gql('qs-deputy', q, { id: globalId('DispatchList', deputyList) });
    expect(deputy.body.errors).toBeUndefined();
    expect(deputy.body.data.dispatchList).toMatchObject({ issuerName: '青山县', leaderName: expect.any(String), issuerUnit: null, unit: null, leader: null });
  });

  test('viewerCan: the issuer edits and issues drafts, the leader reports on issued lists, supervisors do neither', async () => {
    const q = 'query($id: ID!) { dispatchList(id: $id) { viewerCan { editItems issue close report } } }';
    const draft = globalId('DispatchList', draftListId);
    const issued = globalId('DispatchList', (await app.sql("select id from dispatch_list where leader_id = $1 and quarter = 4 and status = 'ISSUED' and kind = 'REGULAR'", [await countyOfficial(3)]))[0].id);
    const q3 = globalId('DispatchList', (await app.sql("select id from dispatch_list where leader_id = $1 and quarter = 3", [await countyOfficial(3)]))[0].id);
    const can = async (as: string, id: string) => (await app.gql(as, q, { id })).body.data.dispatchList?.viewerCan ?? null;
    expect(await can('qs-party', draft)).toEqual({ editItems: true, issue: true, close: false, report: false });
    expect(await can('qs-discipline', draft)).toEqual({ editItems: false, issue: false, close: false, report: false });
    expect(await can('qs-deputy', draft)).toBeNull();
    expect(await can('qs-party', issued)).toEqual({ editItems: false, issue: false, close: false, report: false });
    expect(await can('qs-deputy', issued)).toEqual({ editItems: false, issue: false, close: false, report: true });
    // the third quarter is over: its issuer may close it
    expect(await can('qs-party', q3)).toEqual({ editItems: false, issue: false, close: true, report: false });
    expect(await can('qs-deputy', q3)).toEqual({ editItems: false, issue: false, close: false, report: true });
  });
});

describe('Official.dispatchLists', () => {
  const Q = 'query($id: ID!) { official(id: $id) { name dispatchLists(first: 100) { totalCount nodes { id } } } }';

  test('issuer and supervisors read an official\'s lists in their scope; UNIT, ORGANIZATION_DEPT and SYSTEM_ADMIN get FORBIDDEN at the field', async () => {
    const deputy = await countyOfficial(3);
    const czChief = await principal('QS-CZ');
    const dlChief = await principal('QS-DL-01');
    const zrChief = await principal('QS-ZR');
    const cases: [string, number, 'R' | '-' | 'ROOT_FORBIDDEN'][] = [
      ['qs-party', deputy, 'R'],
      ['qs-party', dlChief, 'R'],
      ['qs-discipline', deputy, 'R'],
      ['qs-team1', czChief, 'R'],
      ['qs-team2', zrChief, 'R'],
      ['dongling-party', dlChief, 'R'],
      [MIXED_LEADER, dlChief, 'R'],
      ['qs-finance', czChief, '-'],
      ['qs-org', deputy, '-'],
      ['sysadmin', deputy, '-'],
      ['qs-petition', deputy, 'ROOT_FORBIDDEN'],
      ['secadmin', deputy, 'ROOT_FORBIDDEN'],
      ['auditor', deputy, 'ROOT_FORBIDDEN'],
      ['qs-deputy', deputy, 'ROOT_FORBIDDEN'],
    ];
    for (const [as, officialId, cell] of cases) {
      const r = await app.gql(as, Q, { id: globalId('Official', officialId) });
      if (cell === 'ROOT_FORBIDDEN') {
        expect({ as, official: r.body.data?.official ?? null, codes: codes(r) }).toEqual({ as, official: null, codes: ['FORBIDDEN'] });
        continue;
      }
      expect({ as, errors: r.body.data.official ? 'ok' : r.body.errors }).toEqual({ as, errors: 'ok' });
      expect(r.body.data.official.name).toEqual(expect.any(String));
      if (cell === '-') {
        expect({ as, value: r.body.data.official.dispatchLists, errors: r.body.errors?.map((e) => [e.extensions?.code, e.path]) }).toEqual({ as, value: null, errors: [['FORBIDDEN', ['official', 'dispatchLists']]] });
        continue;
      }
      expect(r.body.errors).toBeUndefined();
      const visible = await visibleListIds(as);
      const expected = (await app.sql('select id from dispatch_list where leader_id = $1 and id = any($2::int[]) order by id', [officialId, visible])).map((x) => x.id);
      expect({ as, ids: r.body.data.official.dispatchLists.nodes.map((n: { id: string }) => n.id), total: r.body.data.official.dispatchLists.totalCount }).toEqual({ as, ids: gidsOf('DispatchList', expected), total: expected.length });
    }
    // dongling-party reaches the deputy? No: the county's officials are outside its reach
    const out = await app.gql('dongling-party', Q, { id: globalId('Official', deputy) });
    expect({ official: out.body.data.official, codes: codes(out) }).toEqual({ official: null, codes: ['NOT_FOUND'] });
  });

  test('officials of units under different rules in one list: the field rule is judged row by row', async () => {
    const r = await app.gql(DL_PLUS_CZ, '{ officials(first: 100) { nodes { unit { code } dispatchLists { totalCount } } } }');
    expect(r.body.data?.officials ? 'ok' : r.body.errors).toBe('ok');
    const nodes = r.body.data.officials.nodes as { unit: { code: string }; dispatchLists: { totalCount: number } | null }[];
    const forbidden = new Set((r.body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path![2]));
    const cz = nodes.filter((n) => n.unit.code === 'QS-CZ');
    const dl = nodes.filter((n) => n.unit.code.startsWith('QS-DL'));
    expect(cz.length).toBeGreaterThan(2);
    expect(dl.length).toBeGreaterThan(2);
    expect(forbidden.size).toBe(cz.length);
    nodes.forEach((n, i) => {
      if (n.unit.code === 'QS-CZ') {
        expect({ i, v: n.dispatchLists, forbidden: forbidden.has(i) }).toEqual({ i, v: null, forbidden: true });
      } else {
        expect({ i, forbidden: forbidden.has(i), counted: typeof n.dispatchLists?.totalCount }).toEqual({ i, forbidden: false, counted: 'number' });
      }
    });
    const total = nodes.reduce((s, n) => s + (n.dispatchLists?.totalCount ?? 0), 0);
    expect(total).toBe((await visibleListIds(DL_PLUS_CZ)).length);
  });
});
