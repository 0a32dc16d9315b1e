import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType, GraphQLScalarType, GraphQLString, GraphQLSchema, isObjectType } from 'graphql';
import { emittedSdl } from '../src/cli/emit-schema';
import { buildAppSchema } from '../src/schema';
import { checkTableCoversSchema } from '../src/authz/table';
import { rulesDoc } from '../src/cli/rules-doc';

/** The checked-in schema, the descriptions, and the rule table's coverage of the schema. */

test('schema/schema.graphql is what the code emits (run `npm run schema` after a schema change)', async () => {
  const onDisk = readFileSync('schema/schema.graphql', 'utf8');
  expect(onDisk).toBe(await emittedSdl());
});

test('every type, field, argument and enum value has a description, Chinese term first', async () => {
  const { schema } = await buildAppSchema();
  const missing: string[] = [];
  // the Chinese term comes first: the text before the English gloss holds Chinese (it may start with "API", "12388", "Excel")
  const chineseFirst = { test: (d: string) => /[\u3400-\u9fff]/.test(d.split(' (')[0]) && !/^[A-Za-z]+ [a-z]/.test(d) };
  const check = (what: string, d: string | null | undefined) => {
    if (!d || !d.trim()) missing.push(`${what}: no description`);
    else if (!chineseFirst.test(d)) missing.push(`${what}: description does not start with the Chinese term`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    if (['Query', 'Mutation', 'Subscription'].includes(type.name)) {
      // root types carry no description of their own; their fields do
    } else check(`type ${type.name}`, type.description);
    if (type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType || type instanceof GraphQLInputObjectType) {
      for (const f of Object.values(type.getFields())) {
        check(`${type.name}.${f.name}`, f.description);
        if ('args' in f) for (const a of f.args) check(`${type.name}.${f.name}(${a.name})`, a.description);
      }
    }
    if (type instanceof GraphQLEnumType) for (const v of type.getValues()) check(`${type.name}.${v.name}`, v.description);
    if (type instanceof GraphQLScalarType) check(`scalar ${type.name}`, type.description);
  }
  expect(missing).toEqual([]);
});

test('every field of every object type is classified in the rule table', async () => {
  const { schema, rules } = await buildAppSchema();
  expect(() => checkTableCoversSchema(schema, rules)).not.toThrow();
  let fields = 0;
  for (const t of Object.values(schema.getTypeMap())) if (isObjectType(t) && !t.name.startsWith('__')) fields += Object.keys(t.getFields()).length;
  expect(fields).toBeGreaterThan(100);
});

test('a field without a rule is refused at start (fail closed)', async () => {
  const { schema, rules } = await buildAppSchema();
  const config = schema.toConfig();
  const query = schema.getQueryType()!.toConfig();
  const extended = new GraphQLSchema({
    ...config,
    query: new GraphQLObjectType({ ...query, fields: { ...query.fields, somethingNew: { type: GraphQLString } } }),
    types: config.types.filter((t) => t.name !== 'Query'),
  });
  expect(() => checkTableCoversSchema(extended, rules)).toThrow(/Query\.somethingNew has no rule/);
});

test('docs/authorization-rules.md is generated from the enforced rule table (run `npm run docs:rules`)', async () => {
  expect(readFileSync('docs/authorization-rules.md', 'utf8')).toBe(await rulesDoc());
});
