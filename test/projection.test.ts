import 'reflect-metadata';
import { isObjectType } from 'graphql';
import { buildAppSchema } from '../src/schema';
import { fieldReads, typeReads } from '../src/common/projection';
import { Client } from 'pg';
import { keepPrepared, plainJsonKey, readOnlyRowsById, readOnlyRowsWithRelation, rowPlan, type PgClient } from '../src/db/read-only-rows';
import { Unit } from '../src/modules/units/unit.entity';
import { recordStatements, startTestApp, globalId, type TestApp } from './support/app';

/**
 * Nested pages select only the columns their selected fields read (src/common/projection.ts).
 * Pinned down here: which columns go to PostgreSQL, that a small selection answers exactly what a
 * lookup of the same record answers (masks, denials and recusal included), that an undeclared
 * field falls back to every column, and that a row never answers a column it was not given.
 */

let app: TestApp;
let log: string[];
beforeAll(async () => {
  app = await startTestApp();
  log = recordStatements(app);
});
afterAll(async () => app?.stop());

/** The SQL of the sanctions level of a nested request. */
async function sanctionStatement(as: string, query: string): Promise<{ sql: string; body: any }> {
  const before = log.length;
  const res = await app.gql(as, query, PAGE);
  const sql = log.slice(before).find((s) => /from "sanction" as "e"/.test(s));
  if (!sql) throw new Error(`no nested sanction statement for ${query}`);
  return { sql, body: res.body };
}
// page sizes as variables: the cost limit counts a page whose size it cannot see as a small one
const PAGE = { u: 50, o: 50, s: 50 };
const officialsWith = (sanctionFields: string, officialFields = 'id') =>
  `query($u: Int, $o: Int, $s: Int) { units(first: $u) { nodes { officials(first: $o) { nodes { ${officialFields} sanctions(first: $s) { nodes { ${sanctionFields} } } } } } } }`;

describe('the columns a nested page selects', () => {
  test('only what the selected fields and the rules read: no case facts, no timestamps', async () => {
    const { sql, body } = await sanctionStatement('qs-party', officialsWith('id category kind decisionDate reasonSummary'));
    expect(body.errors).toBeUndefined();
    const selected = /select ("e"\..*?), row_number\(\)/.exec(sql)![1];
    const columns = selected.split(', ').map((c) => c.replace(/"e"\."(\w+)"/, '$1')).sort();
    // id and the parent's column always; every field shown is readable wherever the row is (ROW),
    // so nothing the rules read (the rows are scoped in SQL); the row number stays inside the window
    expect(columns).toEqual(['category', 'decision_date', 'id', 'kind', 'official_id', 'reason_summary']);
    expect(sql).toMatch(/^select "w"\."id", /);
  });

  test('a field whose rule reads the row brings in what the rules read: the scope path, the recusal subject', async () => {
    const { sql, body } = await sanctionStatement('qs-party', officialsWith('id category caseFacts'));
    // qs-party reads no case facts: FORBIDDEN per row, decided from the row's unit path
    expect(body.errors?.length).toBeGreaterThan(0);
    const selected = /select ("e"\..*?), row_number\(\)/.exec(sql)![1];
    const columns = selected.split(', ').map((c) => c.replace(/"e"\."(\w+)"/, '$1')).sort();
    expect(columns).toEqual(['case_facts', 'category', 'id', 'official_id', 'unit_path']);
    // the officials' level keeps the unit path: Official.sanctions is a rule on the official's row
    const before = log.length;
    await app.gql('qs-party', officialsWith('id category'), PAGE);
    expect(log.slice(before).find((s) => /from "official" as "e"/.test(s))).toContain('"e"."unit_path"');
  });

  test('a field that reads another column brings it in (status reads the influence period)', async () => {
    const { sql } = await sanctionStatement('qs-party', officialsWith('id status'));
    expect(sql).toContain('"e"."influence_end"');
    expect(sql).toContain('"e"."revoked"');
    expect(sql).not.toContain('"e"."case_facts"');
  });

  test('a field that declares nothing makes the page select every column', async () => {
    const { sql, body } = await sanctionStatement('qs-discipline', officialsWith('id clue { id }'));
    expect(body.errors).toBeUndefined();
    for (const c of ['case_facts', 'evidence_refs', 'created_at', 'revoke_reason', 'primary_sanction_id']) expect(sql).toContain(`"e"."${c}"`);
  });

  test('fragments and edges are followed: a field asked only through them is selected', async () => {
    const q = `fragment S on Sanction { decidingOrgan } query($u: Int, $o: Int, $s: Int) { units(first: $u) { nodes { officials(first: $o) { nodes { id sanctions(first: $s) { edges { node { id ...S } } nodes { ... on Sanction { fourForms } } } } } } } }`;
    const { sql, body } = await sanctionStatement('qs-discipline', q);
    expect(body.errors).toBeUndefined();
    expect(sql).toContain('"e"."deciding_organ"');
    expect(sql).toContain('"e"."four_forms"');
  });
});

describe('root lists (units, officials, sanctions) read the same way', () => {
  test.each([
    ['sanctions', 'Sanction', 'sanction', 'id kind reasonSummary caseFacts', ['case_facts', 'id', 'kind', 'official_id', 'reason_summary', 'unit_path']],
    ['officials', 'Official', 'official', 'id name phone', ['id', 'name', 'phone', 'unit_path']],
    ['units', 'Unit', 'unit', 'id code warningLevel', ['code', 'id', 'path', 'warning_level']],
  ] as const)('%s: only the columns read, and each row equals its lookup', async (list, _type, one, fields, columns) => {
    const before = log.length;
    const res = await app.gql('qs-party', `query($n: Int) { ${list}(first: $n) { nodes { ${fields} } } }`, { n: 8 });
    const sql = log.slice(before).find((q) => q.startsWith('select "e".'))!;
    const selected = /^select (.*?) from/.exec(sql)![1].split(', ').map((c) => c.replace(/"e"\."(\w+)"/, '$1')).sort();
    expect(selected).toEqual(columns);
    const rows = res.body.data[list].nodes;
    expect(rows.length).toBe(8);
    for (const row of rows) {
      const single = await app.gql('qs-party', `query($id: ID!) { ${one}(id: $id) { ${fields} } }`, { id: row.id });
      expect(single.body.data[one]).toEqual(row);
    }
  });
});

describe('a small selection answers what a lookup answers', () => {
  const cases: [string, string, string][] = [
    // masked for the party committee, read by the commission, denied to the unit
    ['qs-party', 'id identityNumber phone', 'id'],
    ['qs-discipline', 'id identityNumber phone viewerCan { readContact contactMasked }', 'id'],
    // case facts denied to the party committee; read by the commission and the dispatched team
    ['qs-party', 'id', 'id caseFacts evidenceRefs'],
    ['qs-discipline', 'id', 'id caseFacts evidenceRefs status inInfluencePeriod viewerCan { readCaseFacts correct revoke }'],
    ['qs-team1', 'id', 'id caseFacts official { id } unit { code } subjectOrganisation { id }'],
  ];
  test.each(cases)('as %s: officials { %s } with sanctions { %s }', async (as, officialFields, sanctionFields) => {
    const page = await app.gql(as, officialsWith(sanctionFields, officialFields), PAGE);
    const officials = page.body.data.units.nodes.flatMap((u: any) => u.officials.nodes);
    const sanctions = officials.flatMap((o: any) => o.sanctions?.nodes ?? []);
    expect(officials.length).toBeGreaterThan(10);
    expect(sanctions.length).toBeGreaterThan(0);
    for (const o of officials.slice(0, 15)) {
      const one = await app.gql(as, `query($id: ID!) { official(id: $id) { ${officialFields} } }`, { id: o.id });
      const { sanctions: _s, ...own } = o;
      expect(one.body.data.official).toEqual(own);
    }
    for (const s of sanctions.slice(0, 15)) {
      const one = await app.gql(as, `query($id: ID!) { sanction(id: $id) { ${sanctionFields} } }`, { id: s.id });
      expect(one.body.data.sanction).toEqual(s);
    }
    // the page's errors (denied fields) are the lookups' errors, at the page's paths
    const pageCodes = new Set((page.body.errors ?? []).map((e: any) => `${e.extensions.code}:${e.path.at(-1)}`));
    const expectedCodes = new Set<string>();
    if (as === 'qs-party' && sanctionFields.includes('caseFacts')) ['FORBIDDEN:caseFacts', 'FORBIDDEN:evidenceRefs'].forEach((c) => expectedCodes.add(c));
    expect(pageCodes).toEqual(expectedCodes);
  });

  test('recusal holds on a nested page: an account linked to an official does not read the case facts of that official\'s sanctions', async () => {
    const s = (await app.sql("select s.id, s.official_id, o.unit_id from sanction s join official o on o.id = s.official_id join unit u on u.id = s.unit_id where u.code = 'QS-JY' order by s.id limit 1"))[0];
    // a commissioner at the county who is the sanctioned official, set up as the security administrator would
    const acc = await app.gql('secadmin', 'mutation($i: AccountCreateInput!) { accountCreate(input: $i) { account { id } userErrors { message } } }', {
      i: { username: 'recused-nested', displayName: '回避测试（虚构）', kind: 'PERSON', official: globalId('Official', s.official_id) },
    });
    const g = await app.gql('secadmin', 'mutation($i: RoleGrantCreateInput!) { roleGrantCreate(input: $i) { userErrors { message } } }', {
      i: { account: acc.body.data.accountCreate.account.id, role: 'DISCIPLINE_COMMISSION', unitCode: 'QS' },
    });
    expect(g.body.data.roleGrantCreate.userErrors).toEqual([]);
    const q = `query($u: ID!, $o: Int, $s: Int) { node(id: $u) { ... on Unit { officials(first: $o) { nodes { id sanctions(first: $s) { nodes { id caseFacts } } } } } } }`;
    const res = await app.gql('recused-nested', q, { u: globalId('Unit', s.unit_id), o: 100, s: 100 });
    const mine = res.body.data.node.officials.nodes.find((o: any) => o.id === globalId('Official', s.official_id));
    const own = mine.sanctions.nodes.find((x: any) => x.id === globalId('Sanction', s.id));
    expect(own.caseFacts).toBeNull();
    expect((res.body.errors ?? []).some((e: any) => e.extensions?.code === 'FORBIDDEN' && /Recusal/.test(e.message))).toBe(true);
    // the sanctions of the other officials of the unit are read in full
    const others = res.body.data.node.officials.nodes.filter((o: any) => o !== mine).flatMap((o: any) => o.sanctions.nodes);
    if (others.length) expect(others.every((x: any) => typeof x.caseFacts === 'string')).toBe(true);
  });
});

describe('declarations', () => {
  test('every field of Unit, Official and Sanction reads columns their rows hold, or declares nothing', async () => {
    const { protectedSchema } = await buildAppSchema();
    const meta = app.orm.getMetadata();
    const platform = app.orm.em.getPlatform();
    let declared = 0;
    for (const name of ['Unit', 'Official', 'Sanction']) {
      const type = protectedSchema.getType(name);
      if (!isObjectType(type)) throw new Error(name);
      const m = meta.find(name)!;
      expect([name, rowPlan(m, platform, [...typeReads(type)])]).toEqual([name, expect.anything()]);
      for (const field of Object.keys(type.getFields())) {
        const reads = fieldReads(type, field);
        if (!reads) continue;
        declared++;
        expect([`${name}.${field}`, rowPlan(m, platform, [...reads]) !== null]).toEqual([`${name}.${field}`, true]);
      }
    }
    expect(declared).toBeGreaterThan(40);
  });

  test('a row built for some columns throws on reading another, instead of answering null', async () => {
    const m = app.orm.getMetadata().find('Sanction')!;
    const plan = rowPlan(m, app.orm.em.getPlatform(), ['id', 'unitPath', 'official'])!;
    const row = new plan.Row({ id: 7, unit_path: '/1/', official_id: 3 }) as any;
    expect(row.id).toBe(7);
    expect(row.official).toEqual({ id: 3 });
    expect(() => row.caseFacts).toThrow(/Sanction\.caseFacts was not selected/);
    expect(row.constructor.name).toBe('Sanction');
    // a property that is not a column (a collection, a getter, a typo) gives no plan: every column is selected
    expect(rowPlan(m, app.orm.em.getPlatform(), ['id', 'nodeId'])).toBeNull();
    expect(rowPlan(m, app.orm.em.getPlatform(), ['id', 'reasonSumary'])).toBeNull();
  });

  test('a read-only row by key holds what the managed entity holds, for every entity a request reads by key', async () => {
    // Loaders.row answers relation targets and lookups by key (official(id), a sanction's unit,
    // a letter) with read-only rows; every column must read as the ORM's own entity reads it
    const em = app.orm.em.fork();
    let compared = 0;
    for (const name of ['Unit', 'Official', 'Sanction', 'ResponsibilityLetter', 'ResponsibilityItem', 'Assessment']) {
      const m = app.orm.getMetadata().find(name)!;
      const ids = (await app.sql(`select id from "${m.tableName}" order by id limit 25`)).map((r) => Number(r.id));
      expect([name, ids.length]).toEqual([name, expect.any(Number)]);
      expect(ids.length).toBeGreaterThan(0);
      const rows = await readOnlyRowsById<any>(em, m.class, [...ids, 987654321]);
      expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids); // the unknown key is simply absent
      const entities = new Map(((await em.fork().find(m.class, { id: { $in: ids } } as never)) as any[]).map((e) => [e.id, e]));
      const plan = rowPlan(m, app.orm.em.getPlatform(), null)!;
      for (const row of rows) {
        const entity = entities.get(row.id);
        expect(row).toBeInstanceOf(m.class);
        for (const p of plan.props) {
          const want = p.ref ? (entity[p.name] ? { id: entity[p.name].id } : null) : (entity[p.name] ?? null);
          const got = p.ref ? (row[p.name] ? { id: row[p.name].id } : null) : row[p.name];
          expect([`${name}.${p.name}`, got]).toEqual([`${name}.${p.name}`, want]);
          compared++;
        }
        // the entity's getters work on the row as on the entity
        expect(row.nodeId).toBe(entity.nodeId);
      }
    }
    expect(compared).toBeGreaterThan(500);
    // a row read with the row its relation points to (one statement) is the same row, and so is the related one
    for (const [name, relation] of [
      ['Official', 'unit'],
      ['Sanction', 'unit'],
    ] as const) {
      const m = app.orm.getMetadata().find(name)!;
      const ids = (await app.sql(`select id from "${m.tableName}" order by id limit 25`)).map((r) => Number(r.id));
      const { rows, related } = await readOnlyRowsWithRelation<any, any>(em, m.class, relation, [...ids, 987654321]);
      const alone = new Map((await readOnlyRowsById<any>(em, m.class, ids)).map((r) => [r.id, r]));
      expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
      for (const r of rows) expect({ ...r }).toEqual({ ...alone.get(r.id) });
      const relIds = [...new Set(rows.map((r) => r[relation].id))].sort((a, b) => a - b);
      const relMeta = app.orm.getMetadata().find(m.properties[relation].type)!;
      const relAlone = new Map((await readOnlyRowsById<any>(em, relMeta.class, relIds)).map((r) => [r.id, r]));
      expect([...new Set(related.map((r) => r.id))].sort((a, b) => a - b)).toEqual(relIds);
      for (const r of related) {
        expect(r).toBeInstanceOf(relMeta.class);
        expect({ ...r }).toEqual({ ...relAlone.get(r.id) });
      }
    }
  });

  test('a statement is reused only for a predicate of plain JSON values, whose text names it exactly', () => {
    expect(plainJsonKey({ $and: [{ unitPath: { $like: '/1/%' } }, { id: { $in: [1, 2] } }, { revoked: false }, { parent: null }] })).toBe(
      '{"$and":[{"unitPath":{"$like":"/1/%"}},{"id":{"$in":[1,2]}},{"revoked":false},{"parent":null}]}',
    );
    // values JSON would write the same as another value, or drop: never cached
    expect(plainJsonKey({ decisionDate: new Date(0) })).toBeNull();
    expect(plainJsonKey({ official: undefined })).toBeNull();
    expect(plainJsonKey({ id: Number.NaN })).toBeNull();
    expect(plainJsonKey({ id: { $gt: Infinity } })).toBeNull();
    expect(plainJsonKey({ $and: [{ unit: { id: 1, toJSON: () => 2 } }] })).toBeNull();
    expect(plainJsonKey({ [Symbol('x')]: 1, id: 1 })).toBeNull();
    expect(plainJsonKey({ unit: Object.assign(Object.create({ inherited: 1 }), { id: 1 }) })).toBeNull();
    expect(plainJsonKey({ id: 1n })).toBeNull();
  });

  test('the same query as callers of different reach: each answer holds its own scope, whatever statement ran before', async () => {
    // the statement text of a level is kept by its predicate, which holds the caller's scope: a
    // county team, a party committee and the commission ask the same document in turn, twice
    const q = `query($o: Int, $s: Int) { officials(first: $o) { nodes { unit { code } sanctions(first: $s) { totalCount nodes { unit { code } } } } } }`;
    const answers: Record<string, string> = {};
    for (const round of [1, 2]) {
      for (const as of ['qs-team1', 'qs-party', 'qs-discipline']) {
        const res = await app.gql(as, q, { o: PAGE.o, s: PAGE.s });
        expect(res.body.errors).toBeUndefined();
        const codes = res.body.data.officials.nodes.flatMap((o: any) => (o.sanctions?.nodes ?? []).map((s: any) => s.unit.code));
        if (as === 'qs-team1') expect(codes.every((c: string) => c.startsWith('QS-CZ') || c.startsWith('QS-JY'))).toBe(true);
        const text = JSON.stringify(res.body.data);
        if (round === 1) answers[as] = text;
        else expect(text).toBe(answers[as]);
      }
    }
    // the team reaches fewer units than the county's committee and commission
    expect(answers['qs-team1']).not.toBe(answers['qs-party']);
  });
});

test('a root page takes its keys first as an array looked up in the key index, and answers the page a plain ordered select answers', async () => {
  const q = `query($n: Int, $after: String) { units(first: $n, after: $after) { pageInfo { endCursor } nodes { id code } } }`;
  const before = log.length;
  const first = await app.gql('qs-discipline', q, { n: 7 });
  expect(first.body.errors).toBeUndefined();
  const page = log.slice(before).find((s) => /from "unit" as "e"/.test(s) && /limit/.test(s))!;
  // `in (select …)` was planned as a semi-join hashed against a scan of every unit
  expect(page).toMatch(/"e"\."id" = any\(array\(\(select "k"\."id" from "unit" as "k" .* limit 8\)\)\)/);
  const second = await app.gql('qs-discipline', q, { n: 7, after: first.body.data.units.pageInfo.endCursor });
  const codes = [...first.body.data.units.nodes, ...second.body.data.units.nodes].map((u: any) => u.code);
  // the commission reaches the whole county: its first two pages are the first fourteen units
  const expected = (await app.sql(`select code from unit where path like (select path from unit where parent_id is null order by id limit 1) || '%' order by id limit 14`)).map((r: any) => r.code);
  expect(codes).toEqual(expected);
  expect(codes).toHaveLength(14);
});

describe('prepared statements', () => {
  test('a statement run again goes as a prepared statement with the parents as its parameter, answers the same and is counted', async () => {
    // a selection no other test of this file asks for: its statements are new to the process
    const q = `query($u: Int, $o: Int, $s: Int) { units(first: $u) { nodes { code officials(first: $o) { nodes { rank sanctions(first: $s) { nodes { fourForms kind } } } } } } }`;
    const runs: { sql: string[]; text: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const before = log.length;
      const res = await app.gql('qs-discipline', q, PAGE);
      expect(res.body.errors).toBeUndefined();
      runs.push({ sql: log.slice(before), text: JSON.stringify(res.body.data) });
    }
    const level = (sql: string[]) => sql.find((s) => /from "sanction" as "e"/.test(s))!;
    // first run: the values inlined, as the ORM sends text; then the prepared form
    expect(level(runs[0].sql)).toMatch(/any\('\{[\d,]+\}'::int\[\]\)/);
    expect(level(runs[1].sql)).toContain('any($1::int[])');
    expect(level(runs[2].sql)).toBe(level(runs[1].sql));
    // the scope stays a literal of the text (the plan is made for it), not a parameter
    expect(level(runs[1].sql)).toMatch(/"e"\."unit_path" like '\/[\d/]+%'/);
    // the caller's statement is prepared from the first run: the account and the day are parameters
    expect(runs[1].sql[0]).toMatch(/a\.username = \$2::text/);
    expect(runs[1].sql.length).toBe(runs[0].sql.length);
    expect(runs[1].text).toBe(runs[0].text);
    expect(runs[2].text).toBe(runs[0].text);
    expect(runs[0].text).toContain('fourForms');
  });

  test('a read inside a transaction runs on the transaction\'s connection, prepared too', async () => {
    const [{ id: countyId }] = await app.sql(`select id from unit where parent_id is null order by id limit 1`);
    await app.orm.em.fork().transactional(async (em) => {
      const unit = em.create(Unit, { code: 'QS-TX-1', name: '事务内的单位', kind: 'DEPARTMENT', partyOrgKind: 'BRANCH', parent: em.getReference(Unit, Number(countyId)), path: '/tx/', depth: 1 } as never);
      await em.flush();
      // twice: the second read is the prepared one; both see the row only this transaction holds
      for (let i = 0; i < 2; i++) expect((await readOnlyRowsById<any>(em as never, Unit, [unit.id])).map((r) => r.code)).toEqual(['QS-TX-1']);
      throw Object.assign(new Error('roll back'), { rollback: true });
    }).catch((e) => {
      if (!e.rollback) throw e;
    });
    expect(await app.sql(`select id from unit where code = 'QS-TX-1'`)).toEqual([]);
  });

  test('a lookup of one key has a text of its own, which PostgreSQL plans once, and answers as the lookup of several keys', async () => {
    const units = (await app.sql(`select id from unit order by id limit 2`)).map((r: any) => Number(r.id));
    const [{ id: officialId }] = await app.sql(`select id from official order by id limit 1`);
    await app.orm.em.fork().transactional(async (em) => {
      // on the transaction's connection, so that its prepared statements can be looked at
      const one: string[] = [];
      for (let i = 0; i < 8; i++) {
        one.push(JSON.stringify(await readOnlyRowsById<any>(em as never, Unit, [units[0]])));
        one.push(JSON.stringify((await readOnlyRowsWithRelation<any, any>(em as never, 'Official', 'unit', [Number(officialId)])).rows));
      }
      const several = await readOnlyRowsById<any>(em as never, Unit, units);
      expect(JSON.parse(one[0])).toEqual(several.filter((r) => r.id === units[0]).map((r) => JSON.parse(JSON.stringify(r))));
      expect(new Set(one.filter((_, i) => i % 2 === 0)).size).toBe(1);
      expect(JSON.parse(one[1])[0].id).toBe(Number(officialId));
      const held = await em.execute(
        `select statement, generic_plans from pg_prepared_statements
          where statement like 'select %from "unit" where "id" = $1::int' or statement like 'select %from "official" e left join "unit" r on % where e."id" = $1::int'`,
      );
      expect(held).toHaveLength(2);
      // `= any($1)` of one key was planned for its value on every run (custom plans only): the
      // generic plan of a join looked dearer at the ten rows PostgreSQL assumes for an array
      for (const h of held) expect(Number(h.generic_plans)).toBeGreaterThan(0);
    });
  });

  test('a connection keeps at most its bound of prepared statements: the oldest is deallocated and parsed again when used', async () => {
    const conn = new Client({ connectionString: app.dbUrl }) as unknown as PgClient & Client;
    await conn.connect();
    try {
      const run = async (n: number) => {
        const name = `lz_test_${n}`;
        keepPrepared(conn, name, 2);
        return (await conn.query({ name, text: `select $1::int + ${n} as v`, values: [1] })).rows[0].v;
      };
      const held = async () => (await conn.query(`select name from pg_prepared_statements order by name`)).rows.map((r: any) => r.name);
      expect([await run(1), await run(2)]).toEqual([2, 3]);
      expect(await held()).toEqual(['lz_test_1', 'lz_test_2']);
      expect(await run(1)).toBe(2); // used again: now the newest
      expect(await run(3)).toBe(4); // over the bound: lz_test_2, the oldest use, goes
      expect(await held()).toEqual(['lz_test_1', 'lz_test_3']);
      expect(Object.keys(conn.connection.parsedStatements).sort()).toEqual(['lz_test_1', 'lz_test_3']);
      expect(await run(2)).toBe(3); // parsed again; lz_test_1 goes
      expect(await held()).toEqual(['lz_test_2', 'lz_test_3']);
    } finally {
      await conn.end();
    }
  });

  test('DB_PREPARED_STATEMENTS=false: every statement goes as text, with the same answers', async () => {
    // its own server (the switch is the process's); the last test of the file, so the others keep the default
    const off = await startTestApp({ env: { DB_PREPARED_STATEMENTS: 'false' } });
    try {
      expect(off.config.preparedStatements).toBe(false);
      const sent = recordStatements(off);
      const q = `query($u: Int, $o: Int, $s: Int) { units(first: $u) { nodes { officials(first: $o) { nodes { name sanctions(first: $s) { nodes { category } } } } } } }`;
      const answers: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await off.gql('qs-discipline', q, PAGE);
        expect(res.body.errors).toBeUndefined();
        answers.push(JSON.stringify(res.body.data));
      }
      expect(new Set(answers).size).toBe(1);
      const levels = sent.filter((s) => /from "sanction" as "e"/.test(s));
      expect(levels).toHaveLength(3);
      for (const s of levels) expect(s).toMatch(/any\('\{[\d,]+\}'::int\[\]\)/);
      // the same answer as the file's first server gives
      expect(JSON.stringify((await app.gql('qs-discipline', q, PAGE)).body.data)).toBe(answers[0]);
    } finally {
      await off.stop();
    }
  });
});
