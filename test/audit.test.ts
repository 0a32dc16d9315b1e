import { Client } from 'pg';
import { startTestApp, type TestApp, codes } from './support/app';

/** The audit log: who saw what, every write, refused credentials; append-only and hash-chained; recusal. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

const lastId = async () => Number((await app.sql('select coalesce(max(id), 0) as id from audit_log'))[0].id);
const since = (id: number) => app.sql('select * from audit_log where id > $1 order by id', [id]);
const officialRow = async (unitCode: string) => (await app.sql('select o.id, o.identity_number from official o join unit u on u.id = o.unit_id where u.code = $1 order by o.id limit 1', [unitCode]))[0];
const gidOf = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');

/** A client that runs as the application's role, as the server's connections do. */
async function asAppRole(): Promise<Client> {
  const c = new Client({ connectionString: app.dbUrl });
  await c.connect();
  await c.query('set role lianzheng_app');
  return c;
}

describe('reads of sensitive fields', () => {
  const Q = 'query Person($id: ID!) { official(id: $id) { name identityNumber } }';

  test.each([
    ['qs-discipline', 'ALLOWED'],
    ['qs-party', 'MASKED'],
    ['qs-finance', 'DENIED'],
  ])('%s reading an identity number adds exactly one record: %s', async (who, outcome) => {
    const o = await officialRow('QS-CZ');
    const before = await lastId();
    const r = await app.gql(who, Q, { id: gidOf('Official', o.id) }, { 'x-request-id': `req-${who}` });
    expect(r.body.data.official.name).toEqual(expect.any(String));
    const rows = await since(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'READ',
      account_username: who,
      request_id: `req-${who}`,
      operation_name: 'Person',
      record_type: 'Official',
      record_id: o.id,
      outcome,
      fields: [{ type: 'Official', id: o.id, field: 'identityNumber', outcome }],
    });
    expect(rows[0].grants).toHaveLength(1);
    expect(rows[0].client_address).toMatch(/127\.0\.0\.1/);
  });

  test('a request that reads no sensitive field writes nothing; a list writes one record for all its rows', async () => {
    let before = await lastId();
    await app.gql('qs-discipline', '{ officials(first: 5) { nodes { name post } } }');
    expect(await since(before)).toHaveLength(0);
    before = await lastId();
    await app.gql('qs-discipline', '{ officials(first: 5) { nodes { identityNumber phone } } }');
    const rows = await since(before);
    expect(rows).toHaveLength(1);
    expect(rows[0].fields).toHaveLength(10);
    expect(rows[0].record_id).toBeNull();
  });

  test('case facts read by a dispatched team are audited; the party committee is refused and that is audited too', async () => {
    const s = (await app.sql("select s.id from sanction s join unit u on u.id = s.unit_id where u.code = 'QS-CZ' order by s.id limit 1"))[0];
    const Q2 = 'query($id: ID!) { sanction(id: $id) { reasonSummary caseFacts } }';
    let before = await lastId();
    await app.gql('qs-team1', Q2, { id: gidOf('Sanction', s.id) });
    expect((await since(before))[0]).toMatchObject({ outcome: 'ALLOWED', record_type: 'Sanction', record_id: s.id, fields: [{ field: 'caseFacts', outcome: 'ALLOWED' }] });
    before = await lastId();
    const pc = await app.gql('qs-party', Q2, { id: gidOf('Sanction', s.id) });
    expect(codes(pc)).toEqual(['FORBIDDEN']);
    expect((await since(before))[0]).toMatchObject({ outcome: 'DENIED', fields: [{ field: 'caseFacts', outcome: 'DENIED' }] });
  });

  test('no sensitive value ever reaches the audit log', async () => {
    const values = (await app.sql('select identity_number as v from official union all select phone from official union all select case_facts from sanction')).map((r) => r.v).filter(Boolean);
    const log = (await app.sql('select (to_jsonb(a) - \'hash\' - \'prev_hash\')::text as t from audit_log a')).map((r) => r.t).join('\n');
    expect(log.length).toBeGreaterThan(100);
    for (const v of values) expect(log.includes(v)).toBe(false);
  });
});

describe('writes', () => {
  test('a write is recorded in its own transaction with the names of the input fields; a refused write is recorded as denied', async () => {
    const before = await lastId();
    const cz = (await app.sql("select id, version from unit where code = 'QS-CZ'"))[0];
    const M = 'mutation Warn($i: UnitWarningSetInput!) { unitWarningSet(input: $i) { unit { warningLevel } userErrors { code } } }';
    await app.gql('qs-discipline', M, { i: { id: gidOf('Unit', cz.id), version: cz.version, level: 'YELLOW', reason: '（虚构）测试' } });
    await app.gql('qs-discipline', M, { i: { id: gidOf('Unit', cz.id), version: cz.version, level: 'RED', reason: '（虚构）过期版本' } });
    await app.gql('qs-party', M, { i: { id: gidOf('Unit', cz.id), version: cz.version + 1, level: null } });
    const rows = await since(before);
    expect(rows.map((r) => [r.action, r.outcome, r.record_type, r.account_username])).toEqual([
      ['unitWarningSet', 'ALLOWED', 'Unit', 'qs-discipline'],
      ['unitWarningSet', 'DENIED', null, 'qs-discipline'],
      ['unitWarningSet', 'DENIED', null, 'qs-party'],
    ]);
    expect(rows[0].fields.map((f: { field: string }) => f.field).sort()).toEqual(['id', 'level', 'reason', 'version']);
    expect(rows[1].detail).toBe('CONFLICT: input.version');
    expect(JSON.stringify(rows)).not.toContain('（虚构）测试');
  });

  test('refused credentials are audited without the token', async () => {
    const before = await lastId();
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' }, body: JSON.stringify({ query: '{ viewer { account { username } } }' }) });
    expect(res.status).toBe(401);
    const rows = await since(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'AUTHENTICATE', outcome: 'DENIED', account_id: null, detail: 'The token is invalid or expired' });
    expect(JSON.stringify(rows[0])).not.toContain('not.a.token');
  });
});

describe('append-only and tamper-evident', () => {
  test('the application role may insert and read, but PostgreSQL refuses its UPDATE, DELETE and TRUNCATE', async () => {
    const c = await asAppRole();
    try {
      expect((await c.query('select count(*)::int as n from audit_log')).rows[0].n).toBeGreaterThan(0);
      for (const sql of ["update audit_log set outcome = 'ALLOWED'", 'delete from audit_log', 'truncate audit_log', 'drop table audit_log', 'alter table audit_log disable trigger all']) {
        await expect(c.query(sql)).rejects.toThrow(/permission denied|must be owner/);
      }
    } finally {
      await c.end();
    }
  });

  test('auditVerify: intact, then an edit made as a superuser is named', async () => {
    const Q = '{ auditVerify { intact checked firstBrokenSequence reason } }';
    const ok = await app.gql('auditor', Q);
    expect(ok.body.data.auditVerify).toMatchObject({ intact: true, firstBrokenSequence: null });
    expect(ok.body.data.auditVerify.checked).toBeGreaterThan(5);
    const victim = (await app.sql("select id from audit_log where action = 'READ' order by id limit 1 offset 1"))[0].id;
    // the test's own connection is the superuser that owns the database
    await app.sql("update audit_log set outcome = 'ALLOWED', fields = '[]' where id = $1", [victim]);
    const broken = await app.gql('auditor', Q);
    expect(broken.body.data.auditVerify).toMatchObject({ intact: false, firstBrokenSequence: String(victim) });
    expect(broken.body.data.auditVerify.reason).toMatch(/edited/);
  });

  test('8 concurrent writers leave an intact chain', async () => {
    const fresh = await startTestApp();
    try {
      const ids = (await fresh.sql("select o.id from official o order by o.id limit 8")).map((r) => gidOf('Official', r.id));
      const before = Number((await fresh.sql('select count(*)::int as n from audit_log'))[0].n);
      await Promise.all(
        Array.from({ length: 8 }, (_, w) =>
          (async () => {
            for (let i = 0; i < 5; i++) await fresh.gql(w % 2 ? 'qs-discipline' : 'qs-party', 'query($id: ID!) { official(id: $id) { phone } }', { id: ids[(w + i) % 8] });
          })(),
        ),
      );
      const after = Number((await fresh.sql('select count(*)::int as n from audit_log'))[0].n);
      expect(after - before).toBe(40);
      const v = await fresh.gql('auditor', '{ auditVerify { intact checked } }');
      expect(v.body.data.auditVerify).toEqual({ intact: true, checked: after });
      const forks = await fresh.sql('select prev_hash, count(*)::int as n from audit_log group by prev_hash having count(*) > 1');
      expect(forks).toEqual([]);
    } finally {
      await fresh.stop();
    }
  });
});

describe('reading the log', () => {
  test('AUDIT_ADMIN filters by account, record, action, outcome and time; nobody else may read it', async () => {
    const o = await officialRow('QS-JY');
    await app.gql('qs-team1', 'query($id: ID!) { official(id: $id) { identityNumber } }', { id: gidOf('Official', o.id) });
    const r = await app.gql('auditor', 'query($r: ID!) { auditLog(first: 100, filter: { account: "qs-team1", record: $r, outcome: ALLOWED, action: "READ" }) { totalCount nodes { action accountUsername recordType recordId outcome fields { type recordId field outcome } hash prevHash } } }', { r: gidOf('Official', o.id) });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.auditLog.totalCount).toBe(1);
    expect(r.body.data.auditLog.nodes[0]).toMatchObject({ action: 'READ', accountUsername: 'qs-team1', recordType: 'Official', recordId: gidOf('Official', o.id), outcome: 'ALLOWED', fields: [{ type: 'Official', recordId: gidOf('Official', o.id), field: 'identityNumber', outcome: 'ALLOWED' }] });
    const future = await app.gql('auditor', '{ auditLog(filter: { from: "2999-01-01T00:00:00Z" }) { totalCount } }');
    expect(future.body.data.auditLog.totalCount).toBe(0);
    const denied = await app.gql('auditor', '{ auditLog(filter: { outcome: DENIED }) { totalCount } }');
    expect(denied.body.data.auditLog.totalCount).toBeGreaterThan(0);
    for (const who of ['secadmin', 'sysadmin', 'qs-discipline', 'qs-party']) {
      expect(codes(await app.gql(who, '{ auditLog { totalCount } auditVerify { intact } }'))).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    }
  });
});

describe('recusal (回避)', () => {
  /** An account that holds DISCIPLINE_COMMISSION at the county and is linked to an official. */
  async function linkedCommissioner(username: string, officialId: number) {
    const acc = await app.gql('secadmin', 'mutation($i: AccountCreateInput!) { accountCreate(input: $i) { account { id } userErrors { message } } }', {
      i: { username, displayName: '纪委干部（虚构）', kind: 'PERSON', official: gidOf('Official', officialId) },
    });
    const id = acc.body.data.accountCreate.account.id;
    const g = await app.gql('secadmin', 'mutation($i: RoleGrantCreateInput!) { roleGrantCreate(input: $i) { userErrors { message } } }', { i: { account: id, role: 'DISCIPLINE_COMMISSION', unitCode: 'QS' } });
    expect(g.body.data.roleGrantCreate.userErrors).toEqual([]);
  }

  test('an official with a discipline role never sees the case facts of their own sanction; the attempt is audited as denied', async () => {
    const s = (await app.sql("select s.id, s.official_id from sanction s join unit u on u.id = s.unit_id where u.code = 'QS-JY' and s.official_id is not null order by s.id limit 1"))[0];
    const other = (await app.sql("select s.id from sanction s join unit u on u.id = s.unit_id where u.code = 'QS-CZ' order by s.id limit 1"))[0];
    await linkedCommissioner('recused-one', s.official_id);
    const before = await lastId();
    const Q = 'query($id: ID!) { sanction(id: $id) { reasonSummary caseFacts evidenceRefs viewerCan { readCaseFacts } } }';
    const own = await app.gql('recused-one', Q, { id: gidOf('Sanction', s.id) });
    expect(own.body.data.sanction).toMatchObject({ caseFacts: null, evidenceRefs: null, viewerCan: { readCaseFacts: false } });
    expect(own.body.data.sanction.reasonSummary).toEqual(expect.any(String));
    expect(own.body.errors!.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([
      ['FORBIDDEN', 'sanction.caseFacts'],
      ['FORBIDDEN', 'sanction.evidenceRefs'],
    ]);
    expect(own.body.errors![0].message).toMatch(/Recusal/);
    const rows = await since(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ account_username: 'recused-one', outcome: 'DENIED', record_type: 'Sanction', record_id: s.id });
    // another official's sanction: the same account reads it in full
    const theirs = await app.gql('recused-one', Q, { id: gidOf('Sanction', other.id) });
    expect(theirs.body.errors).toBeUndefined();
    expect(theirs.body.data.sanction.caseFacts).toEqual(expect.any(String));
  });

  test('the same holds for a declared close relative, from the next request', async () => {
    const s = (await app.sql("select s.id, s.official_id from sanction s join unit u on u.id = s.unit_id where u.code = 'QS-ZR' and s.official_id is not null order by s.id limit 1"))[0];
    const relative = (await app.sql("select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-JW' order by o.id desc limit 1"))[0];
    await linkedCommissioner('recused-two', relative.id);
    const Q = 'query($id: ID!) { sanction(id: $id) { caseFacts } }';
    expect((await app.gql('recused-two', Q, { id: gidOf('Sanction', s.id) })).body.data.sanction.caseFacts).toEqual(expect.any(String));
    const add = await app.gql('sysadmin', 'mutation($i: OfficialRelationAddInput!) { officialRelationAdd(input: $i) { relation { kind official { id } relative { id } } userErrors { message } } }', {
      i: { official: gidOf('Official', s.official_id), relative: gidOf('Official', relative.id), kind: 'SIBLING' },
    });
    expect(add.body.data.officialRelationAdd.userErrors).toEqual([]);
    const after = await app.gql('recused-two', Q, { id: gidOf('Sanction', s.id) });
    expect(after.body.data.sanction.caseFacts).toBeNull();
    expect(codes(after)).toEqual(['FORBIDDEN']);
    const rel = await app.gql('qs-discipline', 'query($id: ID!) { official(id: $id) { relations { kind } } }', { id: gidOf('Official', relative.id) });
    expect(rel.body.data.official.relations).toEqual([{ kind: 'SIBLING' }]);
    expect(codes(await app.gql('qs-party', 'query($id: ID!) { official(id: $id) { relations { kind } } }', { id: gidOf('Official', relative.id) }))).toEqual(['FORBIDDEN']);
  });
});
