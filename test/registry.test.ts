import { startTestApp, type TestApp, codes } from './support/app';

/** Units, officials, accounts and grants: the registry and the security administrator's work. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

const unitId = (code: string) => app.gid('Unit', 'select id from unit where code = $1', [code]);
const version = async (table: string, where: string, params: unknown[]) => (await app.sql(`select version from ${table} where ${where}`, params))[0].version as number;

/** Runs a request that must be refused, and asserts the database did not change. */
async function refused(as: string, query: string, variables?: Record<string, unknown>) {
  const before = await app.fingerprint();
  const r = await app.gql(as, query, variables);
  expect(await app.fingerprint()).toBe(before);
  return r;
}

const UNIT_CREATE = 'mutation($i: UnitCreateInput!) { unitCreate(input: $i) { unit { id code path depth parent { code } } userErrors { field message code } } }';

describe('units', () => {
  test('the tree: roots, children, subtree, kinds, and paging both ways', async () => {
    const qs = await unitId('QS');
    const roots = await app.gql('qs-discipline', '{ units(filter: { rootsOnly: true }) { nodes { code depth parent { code } } } }');
    expect(roots.body.data.units.nodes).toEqual([{ code: 'QS', depth: 0, parent: null }]);
    const kids = await app.gql('qs-discipline', 'query($id: ID!) { unit(id: $id) { children(first: 100) { totalCount nodes { code } } } }', { id: qs });
    const expected = (await app.sql("select code from unit where parent_id = (select id from unit where code = 'QS') order by id")).map((r) => r.code);
    expect(kids.body.data.unit.children.nodes.map((n: any) => n.code)).toEqual(expected);
    expect(kids.body.data.unit.children.totalCount).toBe(expected.length);
    const villages = await app.gql('qs-party', 'query($s: ID!) { units(filter: { subtreeOf: $s, kinds: [VILLAGE] }) { totalCount nodes { code } } }', { s: await unitId('QS-DL') });
    expect(villages.body.data.units.totalCount).toBe(4);

    const all = (await app.sql('select code from unit order by id')).map((r) => r.code);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await app.gql('qs-party', 'query($a: String) { units(first: 7, after: $a) { pageInfo { hasNextPage endCursor } nodes { code } } }', { a: after });
      seen.push(...page.body.data.units.nodes.map((n: any) => n.code));
      if (!page.body.data.units.pageInfo.hasNextPage) break;
      after = page.body.data.units.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    const last = await app.gql('qs-party', '{ units(last: 3) { pageInfo { hasPreviousPage hasNextPage } nodes { code } } }');
    expect(last.body.data.units.nodes.map((n: any) => n.code)).toEqual(all.slice(-3));
    expect(last.body.data.units.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: false });
  });

  test('paging arguments out of range and bad cursors are BAD_USER_INPUT', async () => {
    expect(codes(await app.gql('qs-party', '{ units(first: 101) { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await app.gql('qs-party', '{ units(first: 1, last: 1) { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await app.gql('qs-party', '{ units(after: "nonsense") { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
  });

  test('a township committee sees nothing of another township: NOT_FOUND, never FORBIDDEN', async () => {
    const xh = await unitId('QS-XH');
    const r = await app.gql('dongling-party', 'query($id: ID!) { unit(id: $id) { name } node(id: $id) { id } }', { id: xh });
    expect(r.body.data).toEqual({ unit: null, node: null });
    expect(codes(r)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    const byCode = await app.gql('dongling-party', '{ unit(code: "QS-XH") { name } }');
    expect(codes(byCode)).toEqual(['NOT_FOUND']);
    const parent = await app.gql('dongling-party', '{ unit(code: "QS-DL") { parent { code } } }');
    expect(parent.body.data.unit.parent).toBeNull();
  });

  test('malformed ids are BAD_USER_INPUT', async () => {
    expect(codes(await app.gql('qs-party', '{ node(id: "%%%") { id } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await app.gql('qs-party', '{ unit(id: "VW5pdDox") { name } }').then((r) => r))).toEqual([]); // "Unit:1" is a valid id
    const officialIdAsUnit = await app.gid('Official', 'select min(id) as id from official');
    expect(codes(await app.gql('qs-party', 'query($id: ID!) { unit(id: $id) { name } }', { id: officialIdAsUnit }))).toEqual(['BAD_USER_INPUT']);
  });

  test('SYSTEM_ADMIN creates and edits units; the path follows the tree', async () => {
    const parent = await unitId('QS-DL');
    const r = await app.gql('sysadmin', UNIT_CREATE, { i: { code: 'QS-DL-09', name: '东岭镇白石村', kind: 'VILLAGE', partyOrgKind: 'BRANCH', parent } });
    expect(r.body.data.unitCreate.userErrors).toEqual([]);
    const created = r.body.data.unitCreate.unit;
    const dlPath = (await app.sql("select path from unit where code = 'QS-DL'"))[0].path;
    expect(created.path).toMatch(new RegExp(`^${dlPath}\\d+/$`));
    expect(created.depth).toBe(2);
    expect(created.parent.code).toBe('QS-DL');
    // dongling's committee sees the new village at once
    const dl = await app.gql('dongling-party', '{ units { totalCount } }');
    expect(dl.body.data.units.totalCount).toBe(6);

    const v = await version('unit', 'code = $1', ['QS-DL-09']);
    const upd = await app.gql('sysadmin', 'mutation($i: UnitUpdateInput!) { unitUpdate(input: $i) { unit { name version } userErrors { code } } }', { i: { id: created.id, version: v, name: '东岭镇白石社区' } });
    expect(upd.body.data.unitUpdate.unit).toEqual({ name: '东岭镇白石社区', version: v + 1 });
    const stale = await refused('sysadmin', 'mutation($i: UnitUpdateInput!) { unitUpdate(input: $i) { unit { name } userErrors { field code message } } }', { i: { id: created.id, version: v, name: '旧名' } });
    expect(stale.body.data.unitUpdate.userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'version'] });
  });

  test('bad unit input: user errors, nothing written', async () => {
    const qs = await unitId('QS');
    const bad: [Record<string, unknown>, string, string[]][] = [
      [{ code: 'QS-CZ', name: '重复', kind: 'DEPARTMENT', partyOrgKind: 'BRANCH', parent: qs }, 'BAD_USER_INPUT', ['input', 'code']],
      [{ code: 'bad code', name: 'x', kind: 'DEPARTMENT', partyOrgKind: 'BRANCH', parent: qs }, 'BAD_USER_INPUT', ['input', 'code']],
      [{ code: 'QS-NEW', name: '', kind: 'DEPARTMENT', partyOrgKind: 'BRANCH', parent: qs }, 'BAD_USER_INPUT', ['input', 'name']],
      [{ code: 'QS-NEW', name: 'x', kind: 'DEPARTMENT', partyOrgKind: 'BRANCH', parent: 'garbage' }, 'BAD_USER_INPUT', ['input', 'parent']],
      [{ code: 'QS-NEW', name: 'x', kind: 'DEPARTMENT', partyOrgKind: 'BRANCH', parent: Buffer.from('Unit:999999').toString('base64url') }, 'NOT_FOUND', ['input', 'parent']],
    ];
    for (const [input, code, field] of bad) {
      const r = await refused('sysadmin', UNIT_CREATE, { i: input });
      expect(r.body.data.unitCreate.unit).toBeNull();
      expect(r.body.data.unitCreate.userErrors[0]).toMatchObject({ code, field });
      expect(r.body.data.unitCreate.userErrors[0].message.length).toBeGreaterThan(10);
    }
    const enumBad = await refused('sysadmin', UNIT_CREATE, { i: { code: 'QS-NEW', name: 'x', kind: 'PLANET', partyOrgKind: 'BRANCH' } });
    expect(enumBad.status).toBe(400);
    expect(codes(enumBad)).toEqual(['BAD_USER_INPUT']);
  });

  test('only SYSTEM_ADMIN edits the registry', async () => {
    for (const who of ['qs-party', 'qs-discipline', 'secadmin', 'auditor', 'qs-finance']) {
      const r = await refused(who, UNIT_CREATE, { i: { code: 'QS-X1', name: 'x', kind: 'DEPARTMENT', partyOrgKind: 'BRANCH' } });
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(r.body.data).toEqual({ unitCreate: null });
    }
  });

  test('warnings: DC and DT set them within their reach; ORG and SYSTEM_ADMIN may not read them', async () => {
    const cz = await unitId('QS-CZ');
    const MUT = 'mutation($i: UnitWarningSetInput!) { unitWarningSet(input: $i) { unit { warningLevel warningReason version } userErrors { field code } } }';
    let v = await version('unit', 'code = $1', ['QS-CZ']);
    const set = await app.gql('qs-team1', MUT, { i: { id: cz, version: v, level: 'ORANGE', reason: '（虚构）专项检查发现问题较多' } });
    expect(set.body.data.unitWarningSet.unit).toMatchObject({ warningLevel: 'ORANGE' });
    v += 1;
    const noReason = await refused('qs-discipline', MUT, { i: { id: cz, version: v, level: 'RED' } });
    expect(noReason.body.data.unitWarningSet.userErrors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'reason'] });
    const zr = await unitId('QS-ZR');
    const outOfReach = await refused('qs-team1', MUT, { i: { id: zr, version: await version('unit', 'code = $1', ['QS-ZR']), level: null } });
    expect(outOfReach.body.data.unitWarningSet.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'id'] });
    const party = await refused('qs-party', MUT, { i: { id: cz, version: v, level: null } });
    expect(codes(party)).toEqual(['FORBIDDEN']);
    const lift = await app.gql('qs-discipline', MUT, { i: { id: cz, version: v, level: null } });
    expect(lift.body.data.unitWarningSet.unit).toMatchObject({ warningLevel: null, warningReason: null });

    for (const who of ['qs-org', 'sysadmin']) {
      const r = await app.gql(who, '{ unit(code: "QS-ZR") { name warningLevel warningReason } }');
      expect(r.body.data.unit.name).toBe('青山县自然资源局');
      expect(r.body.data.unit.warningLevel).toBeNull();
      expect(r.body.errors!.map((e) => [e.extensions?.code, e.path])).toEqual([
        ['FORBIDDEN', ['unit', 'warningLevel']],
        ['FORBIDDEN', ['unit', 'warningReason']],
      ]);
    }
    for (const who of ['qs-party', 'qs-finance']) {
      const code = who === 'qs-finance' ? 'QS-CZ' : 'QS-ZR';
      const r = await app.gql(who, `{ unit(code: "${code}") { warningLevel } }`);
      expect(r.body.errors).toBeUndefined();
    }
  });
});

describe('officials', () => {
  const CREATE = 'mutation($i: OfficialCreateInput!) { officialCreate(input: $i) { official { id name identityNumber phone isPrincipal unit { code } inChargeUnits { code } } userErrors { field code message } } }';

  test('SYSTEM_ADMIN registers an official (writes the identity number, reads it masked)', async () => {
    const r = await app.gql('sysadmin', CREATE, {
      i: { name: '测试干部', unit: await unitId('QS-NS'), post: '副镇长', rank: 'SECTION_DEPUTY', isPrincipal: false, inChargeUnits: [await unitId('QS-NS-01')], identityNumber: '11010519491231002X', phone: '13800138000' },
    });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.officialCreate.userErrors).toEqual([]);
    expect(r.body.data.officialCreate.official).toMatchObject({ name: '测试干部', identityNumber: '1101**********002X', phone: '138****8000', unit: { code: 'QS-NS' }, inChargeUnits: [{ code: 'QS-NS-01' }] });
    const asDc = await app.gql('qs-discipline', 'query($id: ID!) { official(id: $id) { identityNumber phone } }', { id: r.body.data.officialCreate.official.id });
    expect(asDc.body.data.official).toEqual({ identityNumber: '11010519491231002X', phone: '13800138000' });
  });

  test('bad official input: identity check digit, phone, empty name, unknown unit; nothing written', async () => {
    const unit = await unitId('QS-NS');
    const base = { name: '某', unit, post: '科员', rank: 'STAFF', isPrincipal: false, inChargeUnits: [] };
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ ...base, identityNumber: '110105194912310021' }, 'BAD_USER_INPUT', ['input', 'identityNumber']],
      [{ ...base, phone: '12345' }, 'BAD_USER_INPUT', ['input', 'phone']],
      [{ ...base, name: '' }, 'BAD_USER_INPUT', ['input', 'name']],
      [{ ...base, unit: Buffer.from('Unit:424242').toString('base64url') }, 'NOT_FOUND', ['input', 'unit']],
      [{ ...base, inChargeUnits: [Buffer.from('Unit:424242').toString('base64url')] }, 'NOT_FOUND', ['input', 'inChargeUnits']],
    ];
    for (const [i, code, field] of cases) {
      const r = await refused('sysadmin', CREATE, { i });
      expect(r.body.data.officialCreate.userErrors[0]).toMatchObject({ code, field });
    }
  });

  test('officials are scoped: UNIT sees its own unit only; counts match', async () => {
    const r = await app.gql('qs-finance', '{ officials(first: 100) { totalCount nodes { unit { code } } } }');
    const n = (await app.sql("select count(*)::int as n from official o join unit u on u.id = o.unit_id where u.code = 'QS-CZ'"))[0].n;
    expect(r.body.data.officials.totalCount).toBe(n);
    expect(new Set(r.body.data.officials.nodes.map((x: any) => x.unit.code))).toEqual(new Set(['QS-CZ']));
    const team = await app.gql('qs-team1', '{ officials(first: 100) { totalCount } }');
    const m = (await app.sql("select count(*)::int as n from official o join unit u on u.id = o.unit_id where u.code in ('QS-CZ', 'QS-JY')"))[0].n;
    expect(team.body.data.officials.totalCount).toBe(m);
    const other = await app.gid('Official', "select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-JY' limit 1");
    const nf = await app.gql('qs-finance', 'query($id: ID!) { official(id: $id) { name } }', { id: other });
    expect(codes(nf)).toEqual(['NOT_FOUND']);
  });

  test('filters: name, principal, unit subtree', async () => {
    const dl = await unitId('QS-DL');
    const r = await app.gql('qs-discipline', 'query($u: ID!) { officials(first: 100, filter: { unitSubtree: $u, isPrincipal: true }) { totalCount nodes { isPrincipal unit { code } } } }', { u: dl });
    expect(r.body.data.officials.totalCount).toBe(5);
    const name = (await app.sql("select name from official order by id limit 1"))[0].name;
    const byName = await app.gql('qs-discipline', 'query($n: String) { officials(filter: { nameContains: $n }) { nodes { name } } }', { n: name });
    expect(byName.body.data.officials.nodes.map((n: any) => n.name)).toContain(name);
  });

  test('viewerCan tells the client what it may use', async () => {
    const id = await app.gid('Official', "select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-CZ' limit 1");
    const Q = 'query($id: ID!) { official(id: $id) { viewerCan { readContact contactMasked readSanctions readIntegrityStatus update } } }';
    expect((await app.gql('qs-party', Q, { id })).body.data.official.viewerCan).toEqual({ readContact: true, contactMasked: true, readSanctions: true, readIntegrityStatus: false, update: false });
    expect((await app.gql('qs-team1', Q, { id })).body.data.official.viewerCan).toEqual({ readContact: true, contactMasked: false, readSanctions: true, readIntegrityStatus: true, update: false });
    expect((await app.gql('qs-finance', Q, { id })).body.data.official.viewerCan).toEqual({ readContact: false, contactMasked: false, readSanctions: false, readIntegrityStatus: false, update: false });
    expect((await app.gql('sysadmin', Q, { id })).body.data.official.viewerCan).toEqual({ readContact: true, contactMasked: true, readSanctions: false, readIntegrityStatus: false, update: true });
  });
});

describe('accounts and grants (SECURITY_ADMIN)', () => {
  const CREATE = 'mutation($i: AccountCreateInput!) { accountCreate(input: $i) { account { id username grants { role } } userErrors { field code message } } }';
  const GRANT = 'mutation($i: RoleGrantCreateInput!) { roleGrantCreate(input: $i) { grant { id role unitCode teamCode active } userErrors { field code message } } }';

  test('create an account, grant a role bound to a unit, and revoke it: effective on the next request', async () => {
    const acc = await app.gql('secadmin', CREATE, { i: { username: 'xh-party', displayName: '西河乡党委', kind: 'PERSON' } });
    const accountId = acc.body.data.accountCreate.account.id;
    const g = await app.gql('secadmin', GRANT, { i: { account: accountId, role: 'PARTY_COMMITTEE', unitCode: 'QS-XH' } });
    expect(g.body.data.roleGrantCreate.grant).toMatchObject({ role: 'PARTY_COMMITTEE', unitCode: 'QS-XH', active: true });
    const seen = await app.gql('xh-party', '{ units { totalCount } }');
    expect(seen.body.data.units.totalCount).toBe(4);
    const rev = await app.gql('secadmin', 'mutation($i: RoleGrantRevokeInput!) { roleGrantRevoke(input: $i) { grant { active revokedAt } userErrors { code } } }', { i: { id: g.body.data.roleGrantCreate.grant.id } });
    expect(rev.body.data.roleGrantRevoke.grant.active).toBe(false);
    expect(codes(await app.gql('xh-party', '{ units { totalCount } }'))).toEqual(['FORBIDDEN']);
    const twice = await refused('secadmin', 'mutation($i: RoleGrantRevokeInput!) { roleGrantRevoke(input: $i) { userErrors { code } } }', { i: { id: g.body.data.roleGrantCreate.grant.id } });
    expect(twice.body.data.roleGrantRevoke.userErrors[0].code).toBe('CONFLICT');
  });

  test('separation of duties: no account holds two admin roles, or an admin role and a business role', async () => {
    const acc = await app.gql('secadmin', CREATE, { i: { username: 'ops-one', displayName: '运维', kind: 'PERSON' } });
    const id = acc.body.data.accountCreate.account.id;
    expect((await app.gql('secadmin', GRANT, { i: { account: id, role: 'SYSTEM_ADMIN' } })).body.data.roleGrantCreate.userErrors).toEqual([]);
    for (const i of [{ account: id, role: 'AUDIT_ADMIN' }, { account: id, role: 'SECURITY_ADMIN' }, { account: id, role: 'PARTY_COMMITTEE', unitCode: 'QS' }]) {
      const r = await refused('secadmin', GRANT, { i });
      expect(r.body.data.roleGrantCreate.userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'role'] });
      expect(r.body.data.roleGrantCreate.userErrors[0].message).toMatch(/Separation of duties/);
    }
    const biz = await app.gql('secadmin', CREATE, { i: { username: 'biz-one', displayName: '业务', kind: 'PERSON' } });
    const bid = biz.body.data.accountCreate.account.id;
    await app.gql('secadmin', GRANT, { i: { account: bid, role: 'UNIT', unitCode: 'QS-JY' } });
    const r = await refused('secadmin', GRANT, { i: { account: bid, role: 'AUDIT_ADMIN' } });
    expect(r.body.data.roleGrantCreate.userErrors[0].code).toBe('CONFLICT');
  });

  test('bad grants: unknown unit or team, missing binding, duplicate; nothing written', async () => {
    const id = await app.gid('Account', "select id from account where username = 'qs-org'");
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ account: id, role: 'UNIT', unitCode: 'NO-SUCH' }, 'NOT_FOUND', ['input', 'unitCode']],
      [{ account: id, role: 'UNIT' }, 'BAD_USER_INPUT', ['input', 'unitCode']],
      [{ account: id, role: 'DISPATCHED_TEAM', teamCode: 'T-NONE' }, 'NOT_FOUND', ['input', 'teamCode']],
      [{ account: id, role: 'ORGANIZATION_DEPT', unitCode: 'QS' }, 'CONFLICT', ['input', 'role']],
      [{ account: 'junk', role: 'UNIT', unitCode: 'QS' }, 'BAD_USER_INPUT', ['input', 'account']],
    ];
    for (const [i, code, field] of cases) {
      const r = await refused('secadmin', GRANT, { i });
      expect(r.body.data.roleGrantCreate.userErrors[0]).toMatchObject({ code, field });
    }
    const dup = await refused('secadmin', CREATE, { i: { username: 'qs-party', displayName: 'x', kind: 'PERSON' } });
    expect(dup.body.data.accountCreate.userErrors[0]).toMatchObject({ code: 'CONFLICT' });
  });

  test('only SECURITY_ADMIN manages accounts; it sees no supervision records', async () => {
    for (const who of ['sysadmin', 'auditor', 'qs-discipline']) {
      expect(codes(await refused(who, CREATE, { i: { username: 'sneaky', displayName: 'x', kind: 'PERSON' } }))).toEqual(['FORBIDDEN']);
      expect(codes(await app.gql(who, '{ accounts { totalCount } }'))).toEqual(['FORBIDDEN']);
    }
    const list = await app.gql('secadmin', '{ accounts(first: 100, filter: { role: DISPATCHED_TEAM }) { totalCount nodes { username grants { teamCode } } } }');
    expect(list.body.data.accounts.nodes.map((a: any) => a.username).sort()).toEqual(['qs-team1', 'qs-team2']);
    for (const q of ['{ officials { totalCount } }', '{ units { totalCount } }']) expect(codes(await app.gql('secadmin', q))).toEqual(['FORBIDDEN']);
  });
});
