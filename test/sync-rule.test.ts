import 'reflect-metadata';
import { buildSchema, graphql } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, rule, shield } from 'graphql-shield';
import { syncRule } from '../src/authz/table';
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
