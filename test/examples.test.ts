import 'reflect-metadata';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { buildAppSchema } from '../src/schema';
import { localDate } from '../src/common/context';
import { startTestApp, codes, type TestApp } from './support/app';

/**
 * examples/operations/: the operations a client team needs first. Every file present must be
 * valid against the schema the server builds, self-contained (its fragments in the same file),
 * with named operations whose names are unique across files (GraphQL Code Generator needs that);
 * and each one runs as written against the real server.
 */

const DIR = path.join(__dirname, '..', 'examples', 'operations');
const files = readdirSync(DIR).filter((f) => f.endsWith('.graphql')).sort();
const source = (file: string) => readFileSync(path.join(DIR, file), 'utf8');
const doc = (file: string): DocumentNode => parse(source(file));

let schema: GraphQLSchema;
beforeAll(async () => {
  ({ schema } = await buildAppSchema());
});

describe('every example validates against the schema', () => {
  test('the first operations a client needs are there', () => {
    for (const f of ['viewer', 'units-tree', 'official-with-sanctions', 'letter-create', 'letter-item-add', 'letter-sign', 'letter-publish']) {
      expect([f, existsSync(path.join(DIR, `${f}.graphql`))]).toEqual([f, true]);
    }
  });

  test.each(files)('%s', (file) => {
    const document = doc(file);
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) expect(op.name?.value).toMatch(/^[A-Z]\w+$/);
  });

  test('operation and fragment names are unique across files', () => {
    const names = new Map<string, string>();
    const clashes: string[] = [];
    for (const file of files) {
      for (const d of doc(file).definitions) {
        if ((d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) && d.name) {
          const key = `${d.kind}:${d.name.value}`;
          if (names.has(key)) clashes.push(`${d.name.value} in ${file} and ${names.get(key)}`);
          names.set(key, file);
        }
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('the examples run as written', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.stop());

  // app.gql sends no operationName: send a document with the one operation (and the file's fragments)
  const only = (file: string, operationName: string) => {
    const d = doc(file);
    return {
      ...d,
      definitions: d.definitions.filter((x) => x.kind !== Kind.OPERATION_DEFINITION || x.name?.value === operationName),
    } as DocumentNode;
  };
  const exec = (as: string, file: string, operationName: string, variables?: Record<string, unknown>) => app.gql(as, print(only(file, operationName)), variables);

  test('Viewer: the caller and its reach', async () => {
    const r = await exec('dongling-party', 'viewer.graphql', 'Viewer');
    expect(r.body.errors).toBeUndefined();
    const v = r.body.data.viewer;
    expect(v.account.username).toBe('dongling-party');
    expect(v.grants.map((g: { role: string; unitCode: string }) => [g.role, g.unitCode])).toEqual([['PARTY_COMMITTEE', 'QS-DL']]);
    expect(v.scopes[0].units.map((u: { code: string }) => u.code)).toEqual(['QS-DL']);
  });

  test('UnitsTree: a township committee gets its township and the villages below, nothing else', async () => {
    const r = await exec('dongling-party', 'units-tree.graphql', 'UnitsTree');
    expect(r.body.errors).toBeUndefined();
    const [root] = r.body.data.viewer.scopes[0].units;
    expect(root.code).toBe('QS-DL');
    const villages = await app.sql<{ code: string }>("select code from unit where parent_id = (select id from unit where code = 'QS-DL') order by id");
    expect(root.children.totalCount).toBe(villages.length);
    expect(root.children.nodes.map((u: { code: string }) => u.code)).toEqual(villages.map((v) => v.code));

    const county = await exec('qs-party', 'units-tree.graphql', 'UnitsTree');
    expect(county.body.errors).toBeUndefined();
    const [qs] = county.body.data.viewer.scopes[0].units;
    const [{ n }] = await app.sql<{ n: number }>("select count(*)::int as n from unit where parent_id = (select id from unit where code = 'QS')");
    expect(qs.children.totalCount).toBe(n);
    const dl = qs.children.nodes.find((u: { code: string }) => u.code === 'QS-DL');

    const more = await exec('qs-party', 'units-tree.graphql', 'UnitChildren', { id: dl.id });
    expect(more.body.errors).toBeUndefined();
    expect(more.body.data.unit.children.totalCount).toBe(villages.length);
    expect(more.body.data.unit.children.nodes.map((u: { code: string }) => u.code)).toEqual(villages.map((v) => v.code));
    // a unit outside the reach does not exist for the caller
    const outside = await exec('dongling-party', 'units-tree.graphql', 'UnitChildren', { id: qs.id });
    expect(outside.body.data.unit).toBeNull();
    expect(codes(outside)).toEqual(['NOT_FOUND']);
  });

  test('OfficialWithSanctions: values, masks and denials per role', async () => {
    const [row] = await app.sql<{ id: number; n: number }>(
      "select o.id, count(s.id)::int as n from official o join sanction s on s.official_id = o.id join unit u on u.id = o.unit_id where u.code = 'QS-CZ' group by o.id order by count(s.id) desc, o.id limit 1",
    );
    expect(row).toBeDefined();
    const id = await app.gid('Official', 'select $1::int as id', [row.id]);

    const dc = await exec('qs-discipline', 'official-with-sanctions.graphql', 'OfficialWithSanctions', { id });
    expect(dc.body.errors).toBeUndefined();
    const o = dc.body.data.official;
    expect(o.identityNumber).toMatch(/^\d{17}[\dX]$/);
    expect(o.viewerCan).toEqual(expect.objectContaining({ readContact: true, contactMasked: false, readSanctions: true }));
    expect(o.sanctions.totalCount).toBe(row.n);
    expect(o.sanctions.nodes.every((s: { viewerCan: { readCaseFacts: boolean } }) => s.viewerCan.readCaseFacts)).toBe(true);

    const pc = await exec('qs-party', 'official-with-sanctions.graphql', 'OfficialWithSanctions', { id });
    expect(pc.body.errors).toBeUndefined();
    expect(pc.body.data.official.identityNumber).toBe(`${o.identityNumber.slice(0, 4)}${'*'.repeat(10)}${o.identityNumber.slice(-4)}`);
    expect(pc.body.data.official.viewerCan.contactMasked).toBe(true);
    expect(pc.body.data.official.sanctions.totalCount).toBe(row.n);
    expect(pc.body.data.official.sanctions.nodes.some((s: { viewerCan: { readCaseFacts: boolean } }) => s.viewerCan.readCaseFacts)).toBe(false);

    // the unit itself: its own official, but neither the identity number nor the sanctions
    const unit = await exec('qs-finance', 'official-with-sanctions.graphql', 'OfficialWithSanctions', { id });
    expect(unit.body.data.official.name).toBe(o.name);
    expect(unit.body.data.official.identityNumber).toBeNull();
    expect(unit.body.data.official.sanctions).toBeNull();
    expect(unit.body.data.official.viewerCan.readSanctions).toBe(false);
    const denied = (unit.body.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]).sort();
    expect(denied).toEqual(expect.arrayContaining([['official.identityNumber', 'FORBIDDEN'], ['official.sanctions', 'FORBIDDEN']]));

    // outside the reach: NOT_FOUND, never FORBIDDEN
    const other = await exec('qs-team2', 'official-with-sanctions.graphql', 'OfficialWithSanctions', { id });
    expect(other.body.data.official).toBeNull();
    expect(codes(other)).toEqual(['NOT_FOUND']);
  });

  test('the letter workflow: create, add an item, sign, publish; a role that may not write changes nothing', async () => {
    const today = localDate(new Date());
    const year = Number(today.slice(0, 4)) + 1;
    const [target] = await app.sql<{ unit: number; official: number }>(
      `select u.id as unit, (select o.id from official o where o.unit_id = u.id order by o.is_principal desc, o.id limit 1) as official
         from unit u join unit p on p.id = u.parent_id
        where p.code = 'QS' and u.code = 'QS-CZ'
          and not exists (select 1 from responsibility_letter l where l.unit_id = u.id and l.year = $1)`,
      [year],
    );
    expect(target).toBeDefined();
    const unit = await app.gid('Unit', 'select $1::int as id', [target.unit]);
    const principal = await app.gid('Official', 'select $1::int as id', [target.official]);

    const before = await app.fingerprint();
    const refused = await exec('qs-finance', 'letter-create.graphql', 'LetterCreate', { input: { unit, principal, year, title: '不应写入' } });
    expect(refused.body.data.letterCreate).toBeNull();
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(await app.fingerprint()).toBe(before);

    const created = await exec('qs-party', 'letter-create.graphql', 'LetterCreate', { input: { unit, principal, year, title: `${year}年度党风廉政建设责任书` } });
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.letterCreate.userErrors).toEqual([]);
    const letter = created.body.data.letterCreate.letter;
    expect(letter.status).toBe('DRAFT');
    expect(letter.viewerCan.editItems).toBe(true);

    const added = await exec('qs-party', 'letter-item-add.graphql', 'LetterItemAdd', {
      input: { letter: letter.id, kind: 'MANDATORY', content: '落实全面从严治党主体责任', measures: '每季度专题研究党风廉政建设', deadline: `${year}-06-30` },
    });
    expect(added.body.data.letterItemAdd.userErrors).toEqual([]);
    const version = added.body.data.letterItemAdd.item.letter.version;

    // a stale version is a CONFLICT user error, and nothing is written
    const stale = await app.fingerprint();
    const conflict = await exec('qs-party', 'letter-sign.graphql', 'LetterSign', { input: { id: letter.id, version: version + 7, signedDate: today } });
    expect(conflict.body.data.letterSign.userErrors.map((e: { code: string }) => e.code)).toEqual(['CONFLICT']);
    expect(await app.fingerprint()).toBe(stale);

    const signed = await exec('qs-party', 'letter-sign.graphql', 'LetterSign', { input: { id: letter.id, version, signedDate: today } });
    expect(signed.body.data.letterSign.userErrors).toEqual([]);
    expect(signed.body.data.letterSign.letter).toEqual(expect.objectContaining({ status: 'SIGNED', signedDate: today }));

    const published = await exec('qs-party', 'letter-publish.graphql', 'LetterPublish', { input: { id: letter.id, version: signed.body.data.letterSign.letter.version, publishedDate: today } });
    expect(published.body.data.letterPublish.userErrors).toEqual([]);
    const done = published.body.data.letterPublish.letter;
    expect(done).toEqual(expect.objectContaining({ status: 'PUBLISHED', publishedDate: today }));
    expect(done.items.map((i: { content: string }) => i.content)).toEqual(['落实全面从严治党主体责任']);
    const [stored] = await app.sql<{ status: string }>('select status from responsibility_letter where unit_id = $1 and year = $2', [target.unit, year]);
    expect(stored.status).toBe('PUBLISHED');
  });
});
