import { startTestApp, type TestApp, type GqlResult, codes, globalId } from './support/app';
import { localDate } from '../src/common/context';

let app: TestApp;
const today = localDate(new Date());
const yesterday = localDate(new Date(Date.now() - 86400_000));
const Y = Number(today.slice(0, 4));
const unitIds: Record<string, string> = {};
const paths: Record<string, string> = {};
let T1: string;
let T2: string;

beforeAll(async () => {
  app = await startTestApp();
  for (const r of await app.sql<{ id: number; code: string; path: string }>('select id, code, path from unit')) {
    unitIds[r.code] = globalId('Unit', r.id);
    paths[r.code] = r.path;
  }
  T1 = await app.gid('DispatchedTeam', "select id from dispatched_team where code = 'QS-T1'");
  T2 = await app.gid('DispatchedTeam', "select id from dispatched_team where code = 'QS-T2'");
});
afterAll(async () => app?.stop());

const count = async (sql: string, params: unknown[] = []) => Number((await app.sql<{ n: string }>(sql, params))[0].n);

const assignmentOf = (team: string, unit: string) =>
  app.gid(
    'SupervisionAssignment',
    'select a.id from supervision_assignment a join dispatched_team t on t.id = a.team_id join unit u on u.id = a.unit_id where t.code = $1 and u.code = $2 order by a.id limit 1',
    [team, unit],
  );

const TEAM_FIELDS = 'id version code name commissionUnit { code } assignments { id validFrom validTo active unit { code } team { code } }';
const CREATE_TEAM = 'mutation($input: DispatchedTeamCreateInput!) { dispatchedTeamCreate(input: $input) { dispatchedTeam { id code name version commissionUnit { code } assignments { id } } userErrors { field message code } } }';
const ASSIGN = 'mutation($input: SupervisionAssignmentCreateInput!) { supervisionAssignmentCreate(input: $input) { supervisionAssignment { id validFrom validTo active unit { code } team { code } } userErrors { field message code } } }';
const END = 'mutation($input: SupervisionAssignmentEndInput!) { supervisionAssignmentEnd(input: $input) { supervisionAssignment { id validFrom validTo active unit { code } team { code } } userErrors { field message code } } }';

const NO_TEAMS = ['qs-finance', 'qs-org', 'qs-petition', 'sysadmin', 'secadmin', 'auditor'];

async function unchanged(as: string, query: string, variables: Record<string, unknown>): Promise<GqlResult> {
  const before = await app.fingerprint();
  const r = await app.gql(as, query, variables);
  expect(await app.fingerprint()).toBe(before);
  return r;
}

function userError(r: GqlResult, field: string, object: string) {
  expect(r.body.errors).toBeUndefined();
  const payload = r.body.data[field];
  expect(payload[object]).toBeNull();
  expect(payload.userErrors).toHaveLength(1);
  return payload.userErrors[0] as { field: string[]; message: string; code: string };
}

describe('reading dispatched teams', () => {
  test('each role lists the teams it may see; counts match an independent SQL count', async () => {
    const q = '{ dispatchedTeams(first: 100) { totalCount nodes { code } } }';
    const expectCodes: Record<string, { sql: string; params: unknown[] }> = {
      'qs-party': { sql: 'unit_path like $1', params: [`${paths.QS}%`] },
      'qs-discipline': { sql: 'unit_path like $1', params: [`${paths.QS}%`] },
      'dongling-party': { sql: 'unit_path like $1', params: [`${paths['QS-DL']}%`] },
      'qs-team1': { sql: "code = 'QS-T1'", params: [] },
      'qs-team2': { sql: "code = 'QS-T2'", params: [] },
    };
    for (const [account, { sql, params }] of Object.entries(expectCodes)) {
      const expected = (await app.sql<{ code: string }>(`select code from dispatched_team where ${sql} order by id`, params)).map((r) => r.code);
      const r = await app.gql(account, q);
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.dispatchedTeams.totalCount).toBe(expected.length);
      expect(r.body.data.dispatchedTeams.nodes.map((n: any) => n.code)).toEqual(expected);
    }
    expect(await count('select count(*) as n from dispatched_team')).toBe(2);
    for (const account of NO_TEAMS) {
      const r = await app.gql(account, q);
      expect(Object.values(r.body.data ?? {})).toEqual([null]);
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(r.body.errors![0].path).toEqual(['dispatchedTeams']);
    }
    expect(codes(await app.gql(null, q))).toEqual(['UNAUTHENTICATED']);
  });

  test('dispatchedTeam(id): value for PC, DC and the team itself; NOT_FOUND for another team or out of reach; FORBIDDEN otherwise', async () => {
    const q = `query($id: ID!) { dispatchedTeam(id: $id) { ${TEAM_FIELDS} } }`;
    for (const account of ['qs-party', 'qs-discipline', 'qs-team2']) {
      const r = await app.gql(account, q, { id: T2 });
      expect(r.body.errors).toBeUndefined();
      const t = r.body.data.dispatchedTeam;
      expect(t).toMatchObject({ id: T2, code: 'QS-T2', version: 1 });
      expect(t.assignments.map((a: any) => [a.unit.code, a.team.code, a.validFrom, a.validTo, a.active])).toEqual([
        ['QS-ZR', 'QS-T2', `${Y - 1}-01-01`, null, true],
        ['QS-WJ', 'QS-T2', `${Y - 1}-01-01`, null, true],
      ]);
      // the commission organ is outside a dispatched team's reach: null, not an error
      expect(t.commissionUnit).toEqual(account === 'qs-team2' ? null : { code: 'QS-JW' });
    }
    for (const [account, id] of [['qs-team1', T2], ['qs-team2', T1], ['dongling-party', T1]] as const) {
      const r = await app.gql(account, q, { id });
      expect(r.body.data.dispatchedTeam).toBeNull();
      expect(codes(r)).toEqual(['NOT_FOUND']);
      expect(r.body.errors![0].path).toEqual(['dispatchedTeam']);
      const n = await app.gql(account, 'query($id: ID!) { node(id: $id) { id } }', { id });
      expect(codes(n)).toEqual(['NOT_FOUND']);
    }
    for (const account of NO_TEAMS) {
      const r = await app.gql(account, q, { id: T1 });
      expect(r.body.data?.dispatchedTeam ?? null).toBeNull();
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(r.body.errors![0].path).toEqual(['dispatchedTeam']);
      const n = await app.gql(account, 'query($id: ID!) { node(id: $id) { id } }', { id: T1 });
      expect(codes(n)).toEqual(['NOT_FOUND']);
    }
    // assignments refetch by node(id) with the visibility of their team
    const t2zr = await assignmentOf('QS-T2', 'QS-ZR');
    const t1cz = await assignmentOf('QS-T1', 'QS-CZ');
    const nq = 'query($id: ID!) { node(id: $id) { ... on SupervisionAssignment { unit { code } team { code } } } }';
    expect(codes(await app.gql('qs-team1', nq, { id: t2zr }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql('dongling-party', nq, { id: t2zr }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql('sysadmin', nq, { id: t2zr }))).toEqual(['NOT_FOUND']);
    expect((await app.gql('qs-team1', nq, { id: t1cz })).body.data.node).toEqual({ unit: { code: 'QS-CZ' }, team: { code: 'QS-T1' } });
    expect((await app.gql('qs-party', nq, { id: t2zr })).body.data.node).toEqual({ unit: { code: 'QS-ZR' }, team: { code: 'QS-T2' } });
  });

  test('teams asked for together each get their own answer', async () => {
    const q = 'query($a: ID!, $b: ID!) { a: dispatchedTeam(id: $a) { code } b: dispatchedTeam(id: $b) { code } c: dispatchedTeam(id: $a) { code } }';
    const r = await app.gql('qs-team1', q, { a: T2, b: T1 });
    expect(r.body.data).toEqual({ a: null, b: { code: 'QS-T1' }, c: null });
    expect(r.body.errors!.map((e) => [e.path![0], e.extensions!.code]).sort()).toEqual([['a', 'NOT_FOUND'], ['c', 'NOT_FOUND']]);
  });
});

describe('creating teams and assignments (DISCIPLINE_COMMISSION)', () => {
  let T3: string;

  test('dispatchedTeamCreate: refusals change nothing; a valid team is created', async () => {
    const input = { code: 'QS-T3', name: '青山县纪委监委第三派驻纪检监察组', commissionUnit: unitIds['QS-JW'] };
    for (const account of ['qs-party', 'qs-team1', 'qs-finance', 'qs-org', 'sysadmin', 'dongling-party']) {
      const r = await unchanged(account, CREATE_TEAM, { input });
      expect(Object.values(r.body.data ?? {})).toEqual([null]);
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(r.body.errors![0].path).toEqual(['dispatchedTeamCreate']);
    }
    let e = userError(await unchanged('qs-discipline', CREATE_TEAM, { input: { ...input, code: 'QS-T1' } }), 'dispatchedTeamCreate', 'dispatchedTeam');
    expect(e).toMatchObject({ code: 'CONFLICT', field: ['input', 'code'] });
    e = userError(await unchanged('qs-discipline', CREATE_TEAM, { input: { ...input, code: 'qs t3' } }), 'dispatchedTeamCreate', 'dispatchedTeam');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'code'] });
    e = userError(await unchanged('qs-discipline', CREATE_TEAM, { input: { ...input, name: '  ' } }), 'dispatchedTeamCreate', 'dispatchedTeam');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'name'] });
    for (const kindOfWrong of ['QS-CZ', 'QS-DL', 'QS-DL-01']) {
      e = userError(await unchanged('qs-discipline', CREATE_TEAM, { input: { ...input, commissionUnit: unitIds[kindOfWrong] } }), 'dispatchedTeamCreate', 'dispatchedTeam');
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'commissionUnit'] });
    }
    e = userError(await unchanged('qs-discipline', CREATE_TEAM, { input: { ...input, commissionUnit: T1 } }), 'dispatchedTeamCreate', 'dispatchedTeam');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'commissionUnit'] });
    e = userError(await unchanged('qs-discipline', CREATE_TEAM, { input: { ...input, commissionUnit: globalId('Unit', 999999) } }), 'dispatchedTeamCreate', 'dispatchedTeam');
    expect(e).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'commissionUnit'] });

    const r = await app.gql('qs-discipline', CREATE_TEAM, { input });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.dispatchedTeamCreate.userErrors).toEqual([]);
    expect(r.body.data.dispatchedTeamCreate.dispatchedTeam).toMatchObject({ code: 'QS-T3', name: input.name, version: 1, commissionUnit: { code: 'QS-JW' }, assignments: [] });
    T3 = r.body.data.dispatchedTeamCreate.dispatchedTeam.id;
    const [row] = await app.sql("select unit_path from dispatched_team where code = 'QS-T3'");
    expect(row.unit_path).toBe(paths['QS-JW']);
    // a county may hold a team directly
    const r4 = await app.gql('qs-discipline', CREATE_TEAM, { input: { code: 'QS-T4', name: '青山县直属派驻组', commissionUnit: unitIds.QS } });
    expect(r4.body.data.dispatchedTeamCreate.dispatchedTeam.commissionUnit).toEqual({ code: 'QS' });
  });

  test('the list is cut for a dispatched team: its own team among four', async () => {
    expect(await count('select count(*) as n from dispatched_team')).toBe(4);
    const r = await app.gql('qs-team1', '{ dispatchedTeams(first: 100) { totalCount nodes { code } } }');
    expect(r.body.data.dispatchedTeams).toEqual({ totalCount: 1, nodes: [{ code: 'QS-T1' }] });
    const p = await app.gql('qs-party', '{ dispatchedTeams(first: 2) { totalCount pageInfo { hasNextPage } nodes { code } } }');
    expect(p.body.data.dispatchedTeams).toEqual({ totalCount: 4, pageInfo: { hasNextPage: true }, nodes: [{ code: 'QS-T1' }, { code: 'QS-T2' }] });
    const dl = await app.gql('dongling-party', '{ dispatchedTeams(first: 100) { totalCount } }');
    expect(dl.body.data.dispatchedTeams.totalCount).toBe(await count('select count(*) as n from dispatched_team where unit_path like $1', [`${paths['QS-DL']}%`]));
  });

  test('units outside the commission\'s reach do not exist for it', async () => {
    const made = await app.gql('sysadmin', 'mutation($input: UnitCreateInput!) { unitCreate(input: $input) { unit { id } userErrors { code } } }', {
      input: { code: 'HS', name: '黑石县', kind: 'COUNTY', partyOrgKind: 'PARTY_COMMITTEE' },
    });
    const hs = made.body.data.unitCreate.unit.id;
    let e = userError(await unchanged('qs-discipline', CREATE_TEAM, { input: { code: 'HS-T1', name: '黑石县派驻组', commissionUnit: hs } }), 'dispatchedTeamCreate', 'dispatchedTeam');
    expect(e).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'commissionUnit'] });
    e = userError(await unchanged('qs-discipline', ASSIGN, { input: { team: T3, unit: hs, validFrom: `${Y}-01-01` } }), 'supervisionAssignmentCreate', 'supervisionAssignment');
    expect(e).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'unit'] });
  });

  test('supervisionAssignmentCreate and supervisionAssignmentEnd: lifecycle and refusals', async () => {
    const input = { team: T3, unit: unitIds['QS-DL'], validFrom: `${Y}-01-01` };
    for (const account of ['qs-party', 'qs-team1', 'qs-finance', 'sysadmin']) {
      const r = await unchanged(account, ASSIGN, { input });
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(r.body.errors![0].path).toEqual(['supervisionAssignmentCreate']);
    }
    let e = userError(await unchanged('qs-discipline', ASSIGN, { input: { ...input, validTo: `${Y - 1}-12-31` } }), 'supervisionAssignmentCreate', 'supervisionAssignment');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'validTo'] });
    e = userError(await unchanged('qs-discipline', ASSIGN, { input: { ...input, team: unitIds.QS } }), 'supervisionAssignmentCreate', 'supervisionAssignment');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'team'] });
    e = userError(await unchanged('qs-discipline', ASSIGN, { input: { ...input, unit: globalId('Unit', 999999) } }), 'supervisionAssignmentCreate', 'supervisionAssignment');
    expect(e).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'unit'] });

    const r = await app.gql('qs-discipline', ASSIGN, { input });
    expect(r.body.data.supervisionAssignmentCreate.userErrors).toEqual([]);
    const created = r.body.data.supervisionAssignmentCreate.supervisionAssignment;
    expect(created).toMatchObject({ validFrom: `${Y}-01-01`, validTo: null, active: true, unit: { code: 'QS-DL' }, team: { code: 'QS-T3' } });
    const [row] = await app.sql("select a.unit_path, a.team_unit_path from supervision_assignment a join unit u on u.id = a.unit_id where u.code = 'QS-DL'");
    expect(row).toEqual({ unit_path: paths['QS-DL'], team_unit_path: paths['QS-JW'] });

    // any period that meets the open-ended one overlaps it
    for (const period of [{ validFrom: `${Y + 1}-01-01` }, { validFrom: `${Y - 1}-06-01`, validTo: `${Y}-01-01` }, { validFrom: `${Y - 3}-01-01` }]) {
      e = userError(await unchanged('qs-discipline', ASSIGN, { input: { ...input, ...period } }), 'supervisionAssignmentCreate', 'supervisionAssignment');
      expect(e.code).toBe('CONFLICT');
    }
    // a period that ends before it begins does not
    const before = await app.gql('qs-discipline', ASSIGN, { input: { ...input, validFrom: `${Y - 2}-01-01`, validTo: `${Y - 1}-12-31` } });
    expect(before.body.data.supervisionAssignmentCreate.supervisionAssignment).toMatchObject({ active: false, validTo: `${Y - 1}-12-31` });
    // nor does the same unit for another team
    const other = await app.gql('qs-discipline', ASSIGN, { input: { ...input, team: T1 } });
    expect(other.body.data.supervisionAssignmentCreate.userErrors).toEqual([]);

    const t = await app.gql('qs-discipline', 'query($id: ID!) { dispatchedTeam(id: $id) { all: assignments { validFrom } now: assignments(activeOn: "' + today + '") { validFrom } then: assignments(activeOn: "' + `${Y - 2}-05-01` + '") { validFrom } } }', { id: T3 });
    expect(t.body.data.dispatchedTeam).toEqual({
      all: [{ validFrom: `${Y - 2}-01-01` }, { validFrom: `${Y}-01-01` }],
      now: [{ validFrom: `${Y}-01-01` }],
      then: [{ validFrom: `${Y - 2}-01-01` }],
    });

    // ending
    const endInput = { id: created.id, validTo: `${Y - 1}-12-31` };
    for (const account of ['qs-party', 'qs-team1', 'qs-finance']) {
      expect(codes(await unchanged(account, END, { input: endInput }))).toEqual(['FORBIDDEN']);
    }
    e = userError(await unchanged('qs-discipline', END, { input: endInput }), 'supervisionAssignmentEnd', 'supervisionAssignment');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'validTo'] });
    e = userError(await unchanged('qs-discipline', END, { input: { ...endInput, id: T3 } }), 'supervisionAssignmentEnd', 'supervisionAssignment');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'id'] });
    e = userError(await unchanged('qs-discipline', END, { input: { ...endInput, id: globalId('SupervisionAssignment', 999999) } }), 'supervisionAssignmentEnd', 'supervisionAssignment');
    expect(e).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'id'] });
    const ended = await app.gql('qs-discipline', END, { input: { id: created.id, validTo: `${Y}-01-01` } });
    expect(ended.body.data.supervisionAssignmentEnd.userErrors).toEqual([]);
    expect(ended.body.data.supervisionAssignmentEnd.supervisionAssignment).toMatchObject({ validTo: `${Y}-01-01`, unit: { code: 'QS-DL' } });
    e = userError(await unchanged('qs-discipline', END, { input: { id: created.id, validTo: `${Y}-06-30` } }), 'supervisionAssignmentEnd', 'supervisionAssignment');
    expect(e).toMatchObject({ code: 'CONFLICT', field: ['input', 'id'] });
    e = userError(await unchanged('qs-discipline', END, { input: { id: before.body.data.supervisionAssignmentCreate.supervisionAssignment.id, validTo: `${Y}-06-30` } }), 'supervisionAssignmentEnd', 'supervisionAssignment');
    expect(e.code).toBe('CONFLICT');
  });
});

describe('a dispatched team\'s reach follows its assignments, from the next request', () => {
  const officialsQ = '{ officials(first: 100) { totalCount nodes { unit { code } } } }';
  const teamUnits = async () => {
    const r = await app.gql('qs-team1', '{ viewer { scopes { role units { code } } } }');
    return r.body.data.viewer.scopes.flatMap((s: any) => s.units.map((u: any) => u.code)).sort();
  };
  const officialCount = (...codes: string[]) =>
    count('select count(*) as n from official o join unit u on u.id = o.unit_id where ' + codes.map((_, i) => `u.path like $${i + 1}`).join(' or '), codes.map((c) => `${paths[c]}%`));

  test('ending QS-CZ takes it out of team 1\'s reach; a new assignment brings a unit in', async () => {
    const czOfficial = await app.gid('Official', "select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-CZ' order by o.id limit 1");
    const zrOfficial = await app.gid('Official', "select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-ZR' order by o.id limit 1");
    const czPledge = await app.gid('Pledge', "select p.id from pledge p join unit u on u.id = p.unit_id where u.code = 'QS-CZ' order by p.id limit 1");
    const oq = 'query($id: ID!) { official(id: $id) { name unit { code } } }';
    // team 1 was given QS-DL earlier in this file; that is part of its reach too
    const base = ['QS-CZ', 'QS-DL', 'QS-JY'];
    expect(await teamUnits()).toEqual(base);

    let r = await app.gql('qs-team1', officialsQ);
    expect(r.body.data.officials.totalCount).toBe(await officialCount(...base));
    expect((await app.gql('qs-team1', oq, { id: czOfficial })).body.data.official.unit.code).toBe('QS-CZ');
    expect((await app.gql('qs-team1', 'query($id: ID!) { pledge(id: $id) { unit { code } } }', { id: czPledge })).body.data.pledge.unit.code).toBe('QS-CZ');
    expect(codes(await app.gql('qs-team1', oq, { id: zrOfficial }))).toEqual(['NOT_FOUND']);

    const cz = await assignmentOf('QS-T1', 'QS-CZ');
    const ended = await app.gql('qs-discipline', END, { input: { id: cz, validTo: yesterday } });
    expect(ended.body.data.supervisionAssignmentEnd.userErrors).toEqual([]);
    expect(ended.body.data.supervisionAssignmentEnd.supervisionAssignment).toMatchObject({ validTo: yesterday, active: false });

    // the very next request of team 1 no longer reaches QS-CZ
    expect(await teamUnits()).toEqual(['QS-DL', 'QS-JY']);
    r = await app.gql('qs-team1', officialsQ);
    expect(r.body.data.officials.totalCount).toBe(await officialCount('QS-DL', 'QS-JY'));
    expect(r.body.data.officials.totalCount).toBeLessThan(await officialCount(...base));
    expect(r.body.data.officials.nodes.some((n: any) => n.unit.code === 'QS-CZ')).toBe(false);
    const gone = await app.gql('qs-team1', oq, { id: czOfficial });
    expect(gone.body.data.official).toBeNull();
    expect(codes(gone)).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql('qs-team1', 'query($id: ID!) { pledge(id: $id) { id } }', { id: czPledge }))).toEqual(['NOT_FOUND']);
    const pledges = await app.gql('qs-team1', '{ pledges(first: 100) { totalCount nodes { unit { code } } } }');
    expect(pledges.body.data.pledges.nodes.every((n: any) => n.unit.code !== 'QS-CZ')).toBe(true);
    // QS-JY is still in reach
    const jyOfficial = await app.gid('Official', "select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-JY' order by o.id limit 1");
    expect((await app.gql('qs-team1', oq, { id: jyOfficial })).body.data.official.unit.code).toBe('QS-JY');
    // its own team still shows the ended assignment, whose unit is now outside its reach
    const own = await app.gql('qs-team1', `query($id: ID!) { dispatchedTeam(id: $id) { assignments { id validTo active unit { code } } } }`, { id: T1 });
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.dispatchedTeam.assignments.find((a: any) => a.id === cz)).toEqual({ id: cz, validTo: yesterday, active: false, unit: null });
    // nor did the unit pass to any other team
    expect(codes(await app.gql('qs-team2', oq, { id: czOfficial }))).toEqual(['NOT_FOUND']);

    // overlapping the ended period is refused; starting today is accepted
    const overlap = await unchanged('qs-discipline', ASSIGN, { input: { team: T1, unit: unitIds['QS-CZ'], validFrom: yesterday } });
    expect(userError(overlap, 'supervisionAssignmentCreate', 'supervisionAssignment').code).toBe('CONFLICT');
    const zr = await app.gql('qs-discipline', ASSIGN, { input: { team: T1, unit: unitIds['QS-ZR'], validFrom: today } });
    expect(zr.body.data.supervisionAssignmentCreate.supervisionAssignment).toMatchObject({ active: true, unit: { code: 'QS-ZR' } });
    expect(await teamUnits()).toEqual(['QS-DL', 'QS-JY', 'QS-ZR']);
    r = await app.gql('qs-team1', officialsQ);
    expect(r.body.data.officials.totalCount).toBe(await officialCount('QS-DL', 'QS-JY', 'QS-ZR'));
    expect((await app.gql('qs-team1', oq, { id: zrOfficial })).body.data.official.unit.code).toBe('QS-ZR');

    const back = await app.gql('qs-discipline', ASSIGN, { input: { team: T1, unit: unitIds['QS-CZ'], validFrom: today } });
    expect(back.body.data.supervisionAssignmentCreate.userErrors).toEqual([]);
    expect((await app.gql('qs-team1', oq, { id: czOfficial })).body.data.official.unit.code).toBe('QS-CZ');

    // an assignment starting tomorrow does not reach anything today
    const tomorrow = localDate(new Date(Date.now() + 86400_000));
    const later = await app.gql('qs-discipline', ASSIGN, { input: { team: T1, unit: unitIds['QS-WJ'], validFrom: tomorrow } });
    expect(later.body.data.supervisionAssignmentCreate.supervisionAssignment).toMatchObject({ active: false });
    expect(await teamUnits()).toEqual(['QS-CZ', 'QS-DL', 'QS-JY', 'QS-ZR']);
  });
});
