import { startTestApp, codes, type TestApp } from './support/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

const UNITS = 'query($codes: [String!]!) { unitsByCodes(codes: $codes) { code found error unit { id code name } } }';
const OFFICIALS = 'query($n: [String!]!) { officialsByIdentityNumbers(identityNumbers: $n) { index found error officials { id name identityNumber unit { code } } } }';
const FEED = 'query($cursor: String, $first: Int) { officialsChangedSince(cursor: $cursor, first: $first) { nodes { id name } nextCursor hasMore } }';
const gidOf = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');

const numberAt = async (code: string, i = 0): Promise<{ id: number; identity_number: string }> =>
  (await app.sql(`select o.id, o.identity_number from official o join unit u on u.id = o.unit_id where u.code = $1 and o.identity_number is not null order by o.id offset $2 limit 1`, [code, i]))[0];

async function auditedReads(afterId: number, username: string): Promise<any[]> {
  // the READ record is written as the response leaves: give it a moment
  for (let i = 0; i < 50; i++) {
    const rows = await app.sql("select fields, outcome from audit_log where id > $1 and account_username = $2 and action = 'READ' order by id", [afterId, username]);
    if (rows.length) return rows;
    await new Promise((r) => setTimeout(r, 20));
  }
  return [];
}
const lastAudit = async () => Number((await app.sql('select coalesce(max(id), 0) as id from audit_log'))[0].id);

describe('unitsByCodes', () => {
  test('answered per code in the order asked: unknown and out of reach are NOT_FOUND, the rest served', async () => {
    const r = await app.gql('qs-finance', UNITS, { codes: ['QS-JY', 'QS-CZ', 'NO-SUCH-UNIT', 'QS-CZ'] });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.unitsByCodes.map((x: any) => [x.code, x.found, x.error, x.unit?.code ?? null])).toEqual([
      ['QS-JY', false, 'NOT_FOUND', null],
      ['QS-CZ', true, null, 'QS-CZ'],
      ['NO-SUCH-UNIT', false, 'NOT_FOUND', null],
      ['QS-CZ', true, null, 'QS-CZ'],
    ]);
    const org = await app.gql('qs-org', UNITS, { codes: ['QS-JY', 'QS-DL-01'] });
    expect(org.body.data.unitsByCodes.map((x: any) => x.found)).toEqual([true, true]);
  });

  test('500 codes are answered; 501 are BAD_USER_INPUT', async () => {
    const all = (await app.sql('select code from unit order by code')).map((u) => u.code);
    const five = Array.from({ length: 500 }, (_, i) => all[i % all.length]);
    const ok = await app.gql('qs-org', UNITS, { codes: five });
    expect(ok.body.data.unitsByCodes).toHaveLength(500);
    const over = await app.gql('qs-org', UNITS, { codes: [...five, 'QS'] });
    expect(over.body.data.unitsByCodes).toBeNull();
    expect(codes(over)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('officialsByIdentityNumbers', () => {
  test('ORGANIZATION_DEPT: found officials with masked numbers, unknown NOT_FOUND, each lookup audited as a sensitive read', async () => {
    const a = await numberAt('QS-CZ', 0);
    const b = await numberAt('QS-DL-01', 1);
    const masked = (await app.gql('qs-org', 'query($id: ID!) { official(id: $id) { identityNumber } }', { id: gidOf('Official', a.id) })).body.data.official.identityNumber;
    expect(masked).not.toBe(a.identity_number);
    const before = await lastAudit();
    const r = await app.gql('qs-org', OFFICIALS, { n: [a.identity_number, '110101199001011234', ` ${b.identity_number.toLowerCase()} `] });
    expect(r.body.errors).toBeUndefined();
    const rows = r.body.data.officialsByIdentityNumbers;
    expect(rows.map((x: any) => [x.index, x.found, x.error, x.officials.map((o: any) => o.id)])).toEqual([
      [0, true, null, [gidOf('Official', a.id)]],
      [1, false, 'NOT_FOUND', []],
      [2, true, null, [gidOf('Official', b.id)]],
    ]);
    expect(rows[0].officials[0].identityNumber).toBe(masked);
    const logged = await auditedReads(before, 'qs-org');
    const fields = logged.flatMap((l) => l.fields);
    expect(fields).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'Official', field: 'identityNumber', outcome: 'MASKED' }),
      expect.objectContaining({ type: 'Official', field: 'identityNumber', outcome: 'DENIED' }),
    ]));
    expect(JSON.stringify(logged)).not.toContain(a.identity_number);
  });

  test('audited even when the number is not selected', async () => {
    const a = await numberAt('QS-CZ', 1);
    const before = await lastAudit();
    const r = await app.gql('qs-org', 'query($n: [String!]!) { officialsByIdentityNumbers(identityNumbers: $n) { found officials { name } } }', { n: [a.identity_number] });
    expect(r.body.data.officialsByIdentityNumbers[0].found).toBe(true);
    expect((await auditedReads(before, 'qs-org')).flatMap((l) => l.fields)).toEqual([expect.objectContaining({ field: 'identityNumber', outcome: 'MASKED' })]);
  });

  test('a dispatched team: its units only, numbers in full; others NOT_FOUND', async () => {
    const inside = await numberAt('QS-CZ', 2);
    const outside = await numberAt('QS-ZR', 0);
    const r = await app.gql('qs-team1', OFFICIALS, { n: [inside.identity_number, outside.identity_number] });
    const rows = r.body.data.officialsByIdentityNumbers;
    expect(rows[0]).toMatchObject({ found: true, officials: [{ identityNumber: inside.identity_number, unit: { code: 'QS-CZ' } }] });
    expect(rows[1]).toMatchObject({ found: false, error: 'NOT_FOUND', officials: [] });
  });

  test('roles that may not read the number are refused; more than 500 is BAD_USER_INPUT', async () => {
    const a = await numberAt('QS-CZ', 0);
    const unit = await app.gql('qs-finance', OFFICIALS, { n: [a.identity_number] });
    expect(unit.body.data?.officialsByIdentityNumbers ?? null).toBeNull();
    expect(codes(unit)).toEqual(['FORBIDDEN']);
    const over = await app.gql('qs-org', OFFICIALS, { n: Array.from({ length: 501 }, () => a.identity_number) });
    expect(over.body.data.officialsByIdentityNumbers).toBeNull();
    expect(codes(over)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('officialsChangedSince', () => {
  async function drain(as: string, first: number, cursor: string | null = null) {
    const ids: string[] = [];
    let pages = 0;
    for (;;) {
      const r = await app.gql(as, FEED, { cursor, first });
      expect(r.body.errors).toBeUndefined();
      const f = r.body.data.officialsChangedSince;
      ids.push(...f.nodes.map((n: any) => n.id));
      pages++;
      cursor = f.nextCursor;
      if (!f.hasMore) return { ids, cursor, pages };
    }
  }

  let cursor: string | null = null;

  test('pages through every official in reach exactly once, in (updated_at, id) order', async () => {
    const expected = (await app.sql(
      `select o.id from official o join unit u on u.id = o.unit_id where u.code in ('QS-CZ', 'QS-JY') or u.path like (select path from unit where code = 'QS-CZ') || '%' or u.path like (select path from unit where code = 'QS-JY') || '%' order by o.updated_at, o.id`,
    )).map((o) => gidOf('Official', o.id));
    const all = await drain('qs-team1', 7);
    expect(all.ids).toEqual(expected);
    expect(all.pages).toBe(Math.ceil(expected.length / 7) + (expected.length % 7 === 0 ? 1 : 0) || 1);
    cursor = all.cursor;
    // nothing changed: an empty page, the same cursor
    const again = await app.gql('qs-team1', FEED, { cursor, first: 7 });
    expect(again.body.data.officialsChangedSince).toEqual({ nodes: [], nextCursor: cursor, hasMore: false });
  });

  test('after a change, only the changed official in reach comes back', async () => {
    const [inReach] = await app.sql("select o.id, o.version from official o join unit u on u.id = o.unit_id where u.code = 'QS-JY' order by o.id limit 1");
    const [outOfReach] = await app.sql("select o.id, o.version from official o join unit u on u.id = o.unit_id where u.code = 'QS-ZR' order by o.id limit 1");
    for (const o of [inReach, outOfReach]) {
      const r = await app.gql('sysadmin', 'mutation($input: OfficialUpdateInput!) { officialUpdate(input: $input) { userErrors { code } } }', {
        input: { id: gidOf('Official', o.id), version: o.version, post: '（测试）新职务' },
      });
      expect(r.body.data.officialUpdate.userErrors).toEqual([]);
    }
    const next = await drain('qs-team1', 7, cursor);
    expect(next.ids).toEqual([gidOf('Official', inReach.id)]);
    const team2 = await drain('qs-team2', 500);
    expect(team2.ids[team2.ids.length - 1]).toBe(gidOf('Official', outOfReach.id));
  });

  test('a cursor that was not given out, and page sizes out of range, are BAD_USER_INPUT', async () => {
    for (const vars of [{ cursor: 'bm90LWEtY3Vyc29y' }, { first: 0 }, { first: 501 }]) {
      const r = await app.gql('qs-org', FEED, vars);
      expect(r.body.data.officialsChangedSince).toBeNull();
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    }
    const denied = await app.gql('auditor', FEED, {});
    expect(codes(denied)).toEqual(['FORBIDDEN']);
  });
});
