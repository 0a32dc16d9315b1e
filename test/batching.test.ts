import { recordStatements, startTestApp, type TestApp } from './support/app';

/**
 * Nested connections are batched per level of the query: the number of SQL statements a request
 * issues depends on the depth of the query, never on page sizes. Statements are counted on the
 * server's own connection pool (knex's query event), so nothing is mocked.
 */
let app: TestApp;
let log: string[];
beforeAll(async () => {
  app = await startTestApp();
  log = recordStatements(app);
});

// the viewer (account, grants and their reach) is read in one statement per request, whatever the query asks
const isViewerLookup = (sql: string) => /from account where|from role_grant g/.test(sql);
afterAll(async () => app?.stop());

async function counted(as: string, query: string, vars?: Record<string, unknown>) {
  // warm the viewer and the compiled query so that only the request's own statements are counted
  await app.gql(as, query, vars);
  const before = log.length;
  const res = await app.gql(as, query, vars);
  const sql = log.slice(before);
  return { res, n: sql.filter((s) => !isViewerLookup(s)).length, viewer: sql.filter(isViewerLookup).length, sql };
}

const NESTED = `query Nested($units: Int, $officials: Int, $sanctions: Int) {
  units(first: $units) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      code
      officials(first: $officials) {
        pageInfo { hasNextPage }
        nodes { name post sanctions(first: $sanctions) { nodes { kind decisionDate reasonSummary } } }
      }
    }
  }
}`;

test('the nested page (units × officials × sanctions) takes at most 4 statements, whatever the page sizes', async () => {
  const big = await counted('qs-party', NESTED, { units: 50, officials: 20, sanctions: 20 });
  expect(big.res.body.errors).toBeUndefined();
  // units page, its totalCount, the officials of all 50 units, the sanctions of all their officials
  expect(big.n).toBeLessThanOrEqual(4);
  expect(big.viewer).toBe(1);
  expect(big.sql.length).toBeLessThanOrEqual(5);
  const small = await counted('qs-party', NESTED, { units: 3, officials: 1, sanctions: 1 });
  expect(small.res.body.errors).toBeUndefined();
  expect(small.n).toBe(big.n);
  // enough rows were loaded that a per-row strategy would have shown
  const units = big.res.body.data.units.nodes;
  const officialsSeen = units.reduce((s: number, u: any) => s + u.officials.nodes.length, 0);
  expect(units.length).toBeGreaterThan(5);
  expect(officialsSeen).toBeGreaterThan(10);
});

test('batched pages hold exactly the rows an unbatched query would, in scope and in order', async () => {
  const { res } = await counted('qs-party', NESTED, { units: 50, officials: 2, sanctions: 1 });
  for (const u of res.body.data.units.nodes) {
    const ids = await app.sql<{ name: string }>(
      'select o.name from official o join unit u on u.id = o.unit_id where u.code = $1 order by o.id limit 3',
      [u.code],
    );
    expect(u.officials.nodes.map((o: any) => o.name)).toEqual(ids.slice(0, 2).map((r) => r.name));
    expect(u.officials.pageInfo.hasNextPage).toBe(ids.length > 2);
  }
  // a team sees sanctions of its assigned units only, also when nested under officials it may read
  const team = await counted(
    'qs-team1',
    '{ officials(first: 30) { nodes { unit { code } sanctions(first: 30) { totalCount nodes { id } } } } }',
  );
  expect(team.res.body.errors).toBeUndefined();
  const nested = team.res.body.data.officials.nodes.flatMap((o: any) => o.sanctions?.nodes ?? []);
  const [{ n }] = await app.sql<{ n: string }>(
    "select count(*)::int as n from sanction s join unit u on u.id = s.unit_id where s.official_id is not null and (u.code like 'QS-CZ%' or u.code like 'QS-JY%')",
  );
  expect(nested.length).toBe(Number(n));
  const totals = team.res.body.data.officials.nodes.reduce((s: number, o: any) => s + (o.sanctions?.totalCount ?? 0), 0);
  expect(totals).toBe(Number(n));
});

test('cursors page nested connections the same way for every parent', async () => {
  const q = `query($after: String) { units(first: 50) { nodes { code officials(first: 1, after: $after) { nodes { name } } } } }`;
  const first = await counted('qs-party', '{ units(first: 50) { nodes { code officials(first: 1) { edges { cursor } } } } }');
  const withMany = first.res.body.data.units.nodes.find((u: any) => u.officials.edges.length === 1);
  const cursor = withMany.officials.edges[0].cursor;
  const next = await counted('qs-party', q, { after: cursor });
  expect(next.res.body.errors).toBeUndefined();
  const page = next.res.body.data.units.nodes.find((u: any) => u.code === withMany.code).officials.nodes;
  const rows = await app.sql<{ name: string }>(
    'select o.name from official o join unit u on u.id = o.unit_id where u.code = $1 order by o.id offset 1 limit 1',
    [withMany.code],
  );
  expect(page.map((o: any) => o.name)).toEqual(rows.map((r) => r.name));
});

describe('a nested level is prepared once per field of the document, not per parent', () => {
  // src/common/nested-page.ts childPage: the filter, scope and batch of Official.sanctions are
  // worked out for the first official and shared by the others at the same place
  const withSanctions = (id: string) => app.sql<{ id: number; category: string }>('select s.id, s.category from sanction s where s.official_id = $1 order by s.id', [id]);

  test('two aliases of one connection with different arguments answer each their own page', async () => {
    const q = `query($n: Int, $m: Int) { officials(first: 40) { nodes { id
      all: sanctions(first: $n) { totalCount nodes { id category } }
      some: sanctions(first: $m, filter: { categories: [PARTY_DISCIPLINE] }) { totalCount nodes { id category } } } } }`;
    const { res, n } = await counted('qs-discipline', q, { n: 50, m: 1 });
    expect(res.body.errors).toBeUndefined();
    let seen = 0;
    let filtered = 0;
    for (const o of res.body.data.officials.nodes) {
      const key = Buffer.from(o.id, 'base64url').toString().split(':')[1];
      const rows = await withSanctions(key);
      const admin = rows.filter((r) => r.category === 'PARTY_DISCIPLINE');
      expect(o.all.nodes.map((s: any) => s.category)).toEqual(rows.map((r) => r.category));
      expect(o.all.totalCount).toBe(rows.length);
      expect(o.some.nodes.map((s: any) => s.category)).toEqual(admin.slice(0, 1).map((r) => r.category));
      expect(o.some.totalCount).toBe(admin.length);
      seen += rows.length;
      filtered += admin.length;
    }
    // both pages have rows to tell them apart: the filter drops some sanctions, keeps others
    expect(seen).toBeGreaterThan(filtered);
    expect(filtered).toBeGreaterThan(0);
    // officials page + its count-free level: two pages and two counts of sanctions, one per alias
    expect(n).toBe(5);
  });

  test('a fragment spread under two types is prepared for each type', async () => {
    const q = `fragment S on Official { sanctions(first: 5) { totalCount } }
      query($id: ID!) { a: official(id: $id) { ...S } b: integrityArchive(official: $id) { official { ...S } sanctions(first: 5) { totalCount } } }`;
    const [o] = await app.sql<{ id: number }>('select official_id as id from sanction where official_id is not null group by official_id order by count(*) desc limit 1');
    const id = Buffer.from(`Official:${o.id}`).toString('base64url');
    const res = await app.gql('qs-discipline', q, { id });
    expect(res.body.errors).toBeUndefined();
    const total = (await withSanctions(String(o.id))).length;
    expect(total).toBeGreaterThan(0);
    expect(res.body.data.a.sanctions.totalCount).toBe(total);
    expect(res.body.data.b.official.sanctions.totalCount).toBe(total);
    expect(res.body.data.b.sanctions.totalCount).toBe(total);
  });

  test('a bad filter is the error of every parent, and nothing else fails', async () => {
    const q = `{ officials(first: 5) { nodes { name sanctions(filter: { decisionDateFrom: "2025-02-01", decisionDateTo: "2025-01-01" }) { totalCount } } } }`;
    const res = await app.gql('qs-discipline', q);
    const officials = res.body.data.officials.nodes;
    expect(officials.length).toBe(5);
    expect(officials.every((o: any) => typeof o.name === 'string' && o.sanctions === null)).toBe(true);
    expect(res.body.errors!.map((e: any) => [e.extensions.code, e.path.join('.')])).toEqual(
      officials.map((_: any, i: number) => ['BAD_USER_INPUT', `officials.nodes.${i}.sanctions`]),
    );
  });
});

test('an official with its unit is read in one statement, and answers what the two lookups answered', async () => {
  const [{ id }] = await app.sql<{ id: number }>("select o.id from official o join unit u on u.id = o.unit_id where u.code like 'QS-%' order by o.id limit 1");
  const gid = Buffer.from(`Official:${id}`).toString('base64url');
  const withUnit = await counted('qs-discipline', 'query($id: ID!) { official(id: $id) { id name unit { id code name } } }', { id: gid });
  expect(withUnit.res.body.errors).toBeUndefined();
  expect(withUnit.n).toBe(1);
  const [unit] = await app.sql<{ code: string; name: string }>('select u.code, u.name from unit u join official o on o.unit_id = u.id where o.id = $1', [id]);
  expect(withUnit.res.body.data.official.unit).toMatchObject({ code: unit.code, name: unit.name });
  // through a fragment too; and without the unit, one statement as before
  const viaFragment = await counted('qs-discipline', 'fragment U on Official { unit { code } } query($id: ID!) { official(id: $id) { id ...U } }', { id: gid });
  expect(viaFragment.n).toBe(1);
  expect(viaFragment.res.body.data.official.unit.code).toBe(unit.code);
  const alone = await counted('qs-discipline', 'query($id: ID!) { official(id: $id) { id name } }', { id: gid });
  expect(alone.n).toBe(1);
  // out of scope: still NOT_FOUND, and nothing about the unit
  const [far] = await app.sql<{ id: number }>("select o.id from official o join unit u on u.id = o.unit_id where u.code like 'QS-%' and u.code not like 'QS-CZ%' and u.code not like 'QS-JY%' order by o.id limit 1");
  const outside = await app.gql('qs-team1', 'query($id: ID!) { official(id: $id) { id unit { code } } }', { id: Buffer.from(`Official:${far.id}`).toString('base64url') });
  expect(outside.body.data.official).toBeNull();
  expect(outside.body.errors!.map((e: any) => e.extensions.code)).toEqual(['NOT_FOUND']);
});
