import 'reflect-metadata';
import { buildSchema as buildSDL, getNamedType, GraphQLID, GraphQLNonNull, GraphQLScalarType, isObjectType, type GraphQLObjectType } from 'graphql';
import { executionSchema } from '../src/http/executor';
import { Node, nodeIdIsGlobalIdOf } from '../src/common/relay';
import { Official } from '../src/modules/officials/official.entity';
import { buildAppSchema } from '../src/schema';
import { Arg, Field, FieldResolver, InputType, ObjectType, Query, Resolver, Root, buildSchema } from 'type-graphql';
import { Lean, leanFieldResolvers } from '../src/common/lean-resolver';
import { buildShield, mergeTables, readers, ROW, PUBLIC, AUTHENTICATED } from '../src/authz/table';
import { Role } from '../src/authz/roles';
import { startTestApp, type TestApp } from './support/app';

/**
 * What the performance work changed under the rules, pinned down:
 *  - graphql-shield leaves unwrapped exactly the fields whose rule is a plain `allow`;
 *  - the compiled executor (graphql-jit) answers what graphql-js answers, errors and codes included;
 *  - nested pages, built from read-only rows, answer what a lookup of the same record answers.
 */

test('shield wraps every field whose rule does work, and only the plain-allow fields are left out', async () => {
  const { schema, protectedSchema, rules, unwrapped, synchronous } = await buildAppSchema();
  const tables = mergeTables(rules);
  const left = new Set(unwrapped);
  const sync = new Set(synchronous);
  let checked = 0;
  for (const type of Object.values(protectedSchema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const table = tables.get(type.name)!;
    const plainFields = (schema.getType(type.name) as typeof type).getFields();
    for (const [name, field] of Object.entries(type.getFields())) {
      const rule = table.fields['*'] ?? table.fields[name];
      const plainAllow =
        type.name !== 'Subscription' &&
        (rule === ROW || rule === PUBLIC) &&
        !table.sensitive?.includes(name) &&
        !table.recusal?.fields.includes(name);
      expect([`${type.name}.${name}`, left.has(`${type.name}.${name}`)]).toEqual([`${type.name}.${name}`, plainAllow]);
      // a wrapped field runs shield's function, not the field's own resolver
      if (!plainAllow) expect([`${type.name}.${name}`, field.resolve === plainFields[name].resolve]).toEqual([`${type.name}.${name}`, false]);
      // the wrapped fields of record types have shield's wrapper in its synchronous form (every
      // rule of the table is a syncRule); the root types keep shield's own
      const rootType = ['Query', 'Mutation', 'Subscription'].includes(type.name);
      expect([`${type.name}.${name}`, sync.has(`${type.name}.${name}`)]).toEqual([`${type.name}.${name}`, !plainAllow && !rootType]);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(500);
  // the sensitive fields are among the wrapped ones
  for (const f of ['Official.identityNumber', 'Official.phone', 'Sanction.caseFacts', 'Sanction.evidenceRefs', 'Official.sanctions']) expect(left.has(f)).toBe(false);
  expect(synchronous).toContain('Official.sanctions');
  expect(synchronous).toContain('Sanction.caseFacts');
});

test("a whole type ('*') is classified only as ROW or PUBLIC: any other rule would have nothing to check, and the schema build refuses it", () => {
  const schema = buildSDL('type Query { thing: Thing } type Thing { secret: String }');
  const table = (rule: unknown) => [{ type: 'Query', fields: { thing: ROW } }, { type: 'Thing', fields: { '*': rule } }] as never;
  expect(() => buildShield(schema, table(readers(Role.DISCIPLINE_COMMISSION)))).toThrow(/Thing gives '\*' a rule other than ROW or PUBLIC/);
  expect(() => buildShield(schema, table(AUTHENTICATED))).toThrow(/Thing gives '\*'/);
  expect(buildShield(schema, table(ROW)).unwrapped).toEqual(['Query.thing', 'Thing.secret']);
});

test('@Lean() fields are the per-row fields of units, officials and sanctions, and a field that is not data-only in and out is refused at start', async () => {
  const { lean, protectedSchema, schema, unwrapped } = await buildAppSchema();
  // the field resolvers of the three types a nested page answers row by row
  expect(lean).toEqual([
    ...['identityNumber', 'inChargeUnits', 'integrityStatus', 'phone', 'sanctions', 'unit', 'viewerCan'].map((f) => `Official.${f}`),
    ...['accountabilities', 'caseFacts', 'evidenceRefs', 'inInfluencePeriod', 'official', 'primarySanction', 'status', 'subjectOrganisation', 'unit', 'viewerCan'].map((f) => `Sanction.${f}`),
    ...['children', 'officials', 'parent'].map((f) => `Unit.${f}`),
  ]);
  // still behind graphql-shield where their rule does work (Official.sanctions: PC, DC and DT only)
  expect(unwrapped).not.toContain('Official.sanctions');
  for (const f of lean.filter((x) => !unwrapped.includes(x))) {
    const [t, n] = f.split('.');
    expect((protectedSchema.getType(t) as any).getFields()[n].resolve).not.toBe((schema.getType(t) as any).getFields()[n].resolve);
  }

  @InputType('LeanTestFilter')
  class WithMethod {
    @Field({ nullable: true })
    code?: string;

    upper() {
      return this.code?.toUpperCase();
    }
  }
  @ObjectType('LeanTestThing')
  class Thing {
    @Field()
    id!: string;
  }
  @Resolver(() => Thing)
  class ThingResolver {
    @Query(() => Thing)
    thing(): Thing {
      return Object.assign(new Thing(), { id: '1' });
    }

    @FieldResolver(() => String)
    @Lean()
    code(@Root() t: Thing, @Arg('filter', () => WithMethod, { nullable: true }) filter: WithMethod | null) {
      return filter?.upper() ?? t.id;
    }
  }
  const small = await buildSchema({ resolvers: [ThingResolver], validate: false });
  expect(() => leanFieldResolvers(small)).toThrow(/LeanTestThing\.code: input LeanTestFilter has members \(upper\)/);
});

test("the executor's copy of the schema encodes every Node type's id from its key, and leaves the served schema as it is", async () => {
  const { protectedSchema } = await buildAppSchema();
  const compiled = executionSchema(protectedSchema);
  const nodeTypes = Object.values(protectedSchema.getTypeMap()).filter((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'));
  expect(nodeTypes.length).toBeGreaterThan(25);
  for (const served of nodeTypes) {
    const servedId = (served as any).getFields().id;
    const id = (compiled.getType(served.name) as GraphQLObjectType).getFields().id;
    // served: ID! through its resolver; compiled: read inline and encoded by the type's own scalar
    expect([served.name, String(servedId.type), typeof servedId.resolve]).toEqual([served.name, 'ID!', 'function']);
    expect([served.name, id.resolve, id.type instanceof GraphQLNonNull, getNamedType(id.type) instanceof GraphQLScalarType]).toEqual([served.name, undefined, true, true]);
    const scalar = getNamedType(id.type) as GraphQLScalarType;
    expect(scalar).not.toBe(GraphQLID);
    expect(scalar.serialize(42)).toBe(Node.globalId(served.name, 42));
    // anything but an integer key is a field error, never a made-up id
    for (const bad of ['42', 4.2, null, {}]) expect(() => scalar.serialize(bad)).toThrow(/no integer key/);
  }
  // the other fields keep the served schema's resolvers (the shield's among them)
  expect((compiled.getType('Official') as any).getFields().sanctions.resolve).toBe((protectedSchema.getType('Official') as any).getFields().sanctions.resolve);
  expect(protectedSchema.getType('OfficialGlobalId')).toBeUndefined();
});

test('an id getter is taken for Node.globalId(type, key) only when it answers exactly that', () => {
  expect(nodeIdIsGlobalIdOf(Official, 'Official')).toBe(true);
  expect(nodeIdIsGlobalIdOf(Official, 'Sanction')).toBe(false);
  class Composite {
    id = 0;
    get nodeId() {
      return Node.globalId('Composite', this.id * 1000);
    }
  }
  class Plain {
    id = 0;
  }
  expect(nodeIdIsGlobalIdOf(Composite, 'Composite')).toBe(false);
  expect(nodeIdIsGlobalIdOf(Plain, 'Plain')).toBe(false);
});

describe('answers', () => {
  let jit: TestApp;
  let reference: TestApp;
  beforeAll(async () => {
    [jit, reference] = await Promise.all([startTestApp(), startTestApp({ env: { GRAPHQL_EXECUTOR: 'graphql-js' } })]);
  });
  afterAll(async () => {
    await Promise.all([jit?.stop(), reference?.stop()]);
  });

  const SANCTION_FIELDS = `id version category kind decisionDate effectiveDate probationMonths influenceMonths influenceType influencePeriodEnd
    inInfluencePeriod status fourForms decidingOrgan decisionNumber publiclyNamed reasonSummary caseFacts evidenceRefs revokedDate revokeReason
    official { id name } subjectOrganisation { id } unit { id code } primarySanction { id } accountabilities { id } viewerCan { readCaseFacts correct revoke }`;
  const OFFICIAL_FIELDS = `id version name post rank isPrincipal identityNumber phone unit { id code } inChargeUnits { id }
    viewerCan { readContact contactMasked readSanctions readIntegrityStatus update }`;
  const NESTED = `query N($first: Int, $inner: Int = 100) { units(first: $first) { nodes { id code name kind officials(first: $inner) { totalCount edges { cursor }
    nodes { ${OFFICIAL_FIELDS} sanctions(first: $inner) { totalCount pageInfo { hasNextPage startCursor endCursor } nodes { ${SANCTION_FIELDS} } } } } } } }`;

  const cases: [string, string, Record<string, unknown>][] = [
    ['qs-discipline', NESTED, { first: 100 }],
    ['qs-party', NESTED, { first: 100 }],
    ['qs-team1', NESTED, { first: 100 }],
    ['qs-finance', NESTED, { first: 100 }],
    ['qs-org', NESTED, { first: 100 }],
    ['qs-inspection', NESTED, { first: 100 }],
    ['sysadmin', NESTED, { first: 100 }],
    // errors: bad variables, a bad argument, a forbidden root field, an unknown id
    ['qs-party', NESTED, { first: 'many' }],
    ['qs-party', NESTED, { first: 1000 }],
    ['qs-finance', '{ sanctions(first: 5) { totalCount } }', {}],
    ['qs-discipline', 'query($id: ID!) { official(id: $id) { id } node(id: $id) { id } }', { id: 'T2ZmaWNpYWw6OTk5OTk5' }],
    // introspection describes the served schema (ID), not the executor's copy, in a fragment too
    ['qs-discipline', '{ __type(name: "Official") { fields { name type { kind name ofType { name } } } } }', {}],
    ['qs-discipline', 'query { ...T } fragment T on Query { __schema { types { name } } units(first: 2) { nodes { id } } }', {}],
  ];

  test.each(cases.map((c, i) => [i, ...c]))('case %i as %s: graphql-jit answers what graphql-js answers', async (i, as, query, variables) => {
    const [a, b] = await Promise.all([jit.gql(as as string, query as string, variables as never), reference.gql(as as string, query as string, variables as never)]);
    // the first seven are whole pages, read with each account's masks and denials
    if ((i as number) < 7) expect(a.body.data?.units?.nodes?.length).toBeGreaterThan(0);
    expect(a.status).toBe(b.status);
    expect(a.body).toEqual(b.body);
    expect(JSON.stringify(a.body).length).toBeGreaterThan(40);
    expect(JSON.stringify(a.body)).not.toContain('GlobalId');
  });

  test.each([
    ['an unknown name, one operation', 'query A { __typename }', 'Nope'],
    ['an unknown name, two operations', 'query A { __typename } query B { units(first: 1) { nodes { code } } }', 'Nope'],
    ['a known name, two operations', 'query A { __typename } query B { units(first: 1) { nodes { code } } }', 'B'],
    ['no name, two operations', 'query A { __typename } query B { units(first: 1) { nodes { code } } }', undefined],
  ])('the operation asked for by name (%s): graphql-jit answers what graphql-js answers', async (_what, query, operationName) => {
    const ask = async (app: TestApp) => {
      const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await app.token('qs-discipline')}` }, body: JSON.stringify({ query, operationName }) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const [a, b] = await Promise.all([ask(jit), ask(reference)]);
    expect(a).toEqual(b);
    if (operationName === 'B') expect(a.body.data.units.nodes).toHaveLength(1);
    else {
      // an operation that was not asked for is never run: the client is told what is wrong
      expect(a.status).toBe(400);
      expect(a.body.data).toBeUndefined();
      expect(a.body.errors.map((e: any) => e.extensions.code)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    }
  });

  test('rows of a nested page carry the same values as the same records looked up by id', async () => {
    const page = await jit.gql('qs-discipline', NESTED, { first: 100 });
    expect(page.body.errors).toBeUndefined();
    const officials = page.body.data.units.nodes.flatMap((u: any) => u.officials.nodes);
    const sanctions = officials.flatMap((o: any) => o.sanctions.nodes);
    expect(officials.length).toBeGreaterThan(50);
    expect(sanctions.length).toBeGreaterThan(3);
    for (const o of officials.slice(0, 40)) {
      const one = await jit.gql('qs-discipline', `query($id: ID!) { official(id: $id) { ${OFFICIAL_FIELDS} } }`, { id: o.id });
      const { sanctions: _s, ...own } = o;
      expect(one.body.data.official).toEqual(own);
    }
    for (const s of sanctions) {
      const one = await jit.gql('qs-discipline', `query($id: ID!) { sanction(id: $id) { ${SANCTION_FIELDS} } }`, { id: s.id });
      expect(one.body.data.sanction).toEqual(s);
    }
  });
});
