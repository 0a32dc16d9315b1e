import 'reflect-metadata';
import { buildSchema, graphql, parse, type GraphQLError } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, rule, shield } from 'graphql-shield';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { syncFieldMiddleware, syncRule, type ShieldFieldOptions } from '../src/authz/table';
import { ErrorCode, gqlError } from '../src/common/errors';

/**
 * The table's rules answer synchronously (syncRule), without graphql-shield's asynchronous
 * Rule.resolve. Whatever a check answers or throws, the field must come out exactly as it does
 * through shield's own rule: allowed, refused with the fallback error, or refused with the
 * check's error; a thrown error never reaches the client.
 */
const checks: Record<string, (parent: unknown) => boolean | Error> = {
  allowed: () => true,
  refused: () => false,
  ownError: () => gqlError(ErrorCode.FORBIDDEN, 'Recusal: not this record'),
  throws: () => {
    throw new Error('secret detail of a failed check');
  },
  byRow: (parent) => (parent as { n: number }).n % 2 === 0,
};

function served(make: (name: string, check: (parent: unknown) => boolean | Error) => unknown) {
  const schema = buildSchema(`type Row { n: Int ${Object.keys(checks).map((f) => `${f}: String`).join(' ')} } type Query { rows: [Row!]! }`);
  const resolvers: Record<string, unknown> = {};
  for (const f of Object.keys(checks)) resolvers[f] = () => `value of ${f}`;
  for (const [f, field] of Object.entries((schema.getType('Row') as any).getFields())) if (f !== 'n') (field as any).resolve = resolvers[f];
  (schema.getQueryType()!.getFields().rows as any).resolve = () => [1, 2, 3, 4].map((n) => ({ n }));
  const rules = Object.fromEntries(Object.entries(checks).map(([f, c]) => [f, make(`Row.${f}`, c)]));
  const permissions = shield(
    { Query: { rows: rule('rows')(() => true) }, Row: { n: rule('n')(() => true), ...rules } } as never,
    { fallbackRule: deny, fallbackError: () => gqlError(ErrorCode.FORBIDDEN, 'You may not read or do this'), allowExternalErrors: true },
  );
  return applyMiddleware(schema, permissions);
}

test("a synchronous rule answers every field as graphql-shield's own rule does, errors included", async () => {
  const query = `{ rows { n ${Object.keys(checks).join(' ')} } }`;
  const [ours, shields] = await Promise.all([
    graphql({ schema: served((name, check) => syncRule(name, (parent) => check(parent))), source: query, contextValue: {} }),
    graphql({ schema: served((name, check) => rule(name, { cache: 'no_cache' })((parent) => check(parent))), source: query, contextValue: {} }),
  ]);
  // the same data and the same errors (the order of errors follows when each field settled)
  const described = (r: typeof ours) => (r.errors ?? []).map((e) => `${e.path!.join('.')}: ${e.message} (${e.extensions.code})`).sort();
  expect(ours.data).toEqual(shields.data);
  expect(described(ours)).toEqual(described(shields));
  const rows = ours.data!.rows as Record<string, unknown>[];
  expect(rows.map((r) => r.allowed)).toEqual(['value of allowed', 'value of allowed', 'value of allowed', 'value of allowed']);
  expect(rows.map((r) => r.byRow)).toEqual([null, 'value of byRow', null, 'value of byRow']);
  const messages = described(ours);
  expect(messages).toContain('rows.0.refused: You may not read or do this (FORBIDDEN)');
  expect(messages).toContain('rows.0.ownError: Recusal: not this record (FORBIDDEN)');
  expect(messages).toContain('rows.0.throws: You may not read or do this (FORBIDDEN)');
  expect(JSON.stringify(ours)).not.toContain('secret detail');
  expect(ours.errors).toHaveLength(4 * 3 + 2);
});

/**
 * The synchronous form of shield's field wrapper (syncFieldMiddleware) against shield's own,
 * generated from the same rule tree: every answer of the rule, and every way a resolver can end
 * (a value, a promise, a thrown error, a rejected promise), through graphql-js and graphql-jit.
 */
const resolvers: Record<string, (parent: { n: number }) => unknown> = {
  value: (p) => `value ${p.n}`,
  promise: (p) => Promise.resolve(`later ${p.n}`),
  throws: () => {
    throw new Error('resolver failed');
  },
  rejects: () => Promise.reject(new Error('resolver failed later')),
  errorValue: () => new Error('resolver answered an error'),
};

function guarded(wrap: 'shield' | 'sync') {
  const fields: string[] = [];
  for (const c of Object.keys(checks)) for (const r of Object.keys(resolvers)) fields.push(`${c}_${r}`);
  const schema = buildSchema(`type Row { n: Int ${fields.map((f) => `${f}: String`).join(' ')} } type Query { rows: [Row!]! }`);
  const rowFields = (schema.getType('Row') as any).getFields();
  for (const f of fields) rowFields[f].resolve = resolvers[f.split('_')[1]];
  (schema.getQueryType()!.getFields().rows as any).resolve = () => [1, 2, 3, 4].map((n) => ({ n }));
  const rules = Object.fromEntries(fields.map((f) => [f, syncRule(`Row.${f}`, (parent) => checks[f.split('_')[0]](parent))]));
  const options: ShieldFieldOptions = { debug: false, allowExternalErrors: true, fallbackError: () => gqlError(ErrorCode.FORBIDDEN, 'You may not read or do this') };
  const generated = (shield({ Query: { rows: rule('rows')(() => true) }, Row: { n: rule('n')(() => true), ...rules } } as never, { ...options, fallbackRule: deny }) as any).generate(schema);
  if (wrap === 'sync') for (const f of fields) generated.Row[f] = syncFieldMiddleware(rules[f], options);
  return { schema: applyMiddleware(schema, generated), fields };
}

test("shield's field wrapper in its synchronous form answers every rule and every resolver's ending as shield's own, under graphql-js and graphql-jit", async () => {
  const shieldWrapped = guarded('shield');
  const syncWrapped = guarded('sync');
  const query = `{ rows { n ${shieldWrapped.fields.join(' ')} } }`;
  const described = (r: { data?: unknown; errors?: readonly { path?: readonly (string | number)[]; message: string; extensions?: Record<string, unknown> }[] }) => ({
    data: r.data,
    errors: (r.errors ?? []).map((e) => `${e.path!.join('.')}: ${e.message} (${String(e.extensions?.code ?? '')})`).sort(),
  });
  const viaJs = async (schema: typeof syncWrapped.schema) => described(await graphql({ schema, source: query, contextValue: {} }));
  const viaJit = async (schema: typeof syncWrapped.schema) => {
    const compiled = compileQuery(schema, parse(query));
    if (!isCompiledQuery(compiled)) throw new Error('not compiled');
    return described((await compiled.query(undefined, {}, {})) as never);
  };
  const reference = await viaJs(shieldWrapped.schema);
  expect(await viaJs(syncWrapped.schema)).toEqual(reference);
  expect(await viaJit(syncWrapped.schema)).toEqual(await viaJit(shieldWrapped.schema));

  // what the reference says, so that the comparison is not between two empty answers
  const rows = (reference.data as { rows: Record<string, unknown>[] }).rows;
  expect(rows.map((r) => r.allowed_value)).toEqual(['value 1', 'value 2', 'value 3', 'value 4']);
  expect(rows.map((r) => r.allowed_promise)).toEqual(['later 1', 'later 2', 'later 3', 'later 4']);
  expect(rows.map((r) => r.byRow_promise)).toEqual([null, 'later 2', null, 'later 4']);
  expect(reference.errors).toContain('rows.0.allowed_throws: resolver failed ()');
  expect(reference.errors).toContain('rows.0.allowed_rejects: resolver failed later ()');
  expect(reference.errors).toContain('rows.0.allowed_errorValue: resolver answered an error ()');
  expect(reference.errors).toContain('rows.0.refused_value: You may not read or do this (FORBIDDEN)');
  expect(reference.errors).toContain('rows.0.ownError_rejects: Recusal: not this record (FORBIDDEN)');
  expect(reference.errors).toContain('rows.0.throws_promise: You may not read or do this (FORBIDDEN)');
  expect(reference.errors).toContain('rows.1.byRow_throws: resolver failed ()');
  expect(reference.errors.filter((e) => e.includes('secret detail'))).toEqual([]);
  // refused rows never run the resolver: 4 rows × (refused, ownError, throws) × 5 endings, byRow's odd rows × 5, and the resolvers' own 3 errors where allowed
  expect(reference.errors).toHaveLength(4 * 3 * 5 + 2 * 5 + 4 * 3 + 2 * 3);
});

test('the synchronous wrapper does not run the resolver of a refused field, and starts the request\'s rule cache as shield does', () => {
  const options: ShieldFieldOptions = { debug: false, allowExternalErrors: true, fallbackError: () => gqlError(ErrorCode.FORBIDDEN, 'refused') };
  let ran = 0;
  const resolve = () => (ran++, 'value');
  const ctx: { _shield?: unknown } = {};
  const refused = syncFieldMiddleware(syncRule('t.refused', () => false), options)(resolve, {}, {}, ctx, {});
  expect(ran).toBe(0);
  expect((refused as GraphQLError).extensions.code).toBe('FORBIDDEN');
  expect(ctx._shield).toEqual({ cache: {} });
  expect(syncFieldMiddleware(syncRule('t.allowed', () => true), options)(resolve, {}, {}, ctx, {})).toBe('value');
  expect(ran).toBe(1);
});
