import { buildSchema } from 'type-graphql';
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildShield, type TypeRules } from './authz/table';
import { LocalDateScalar, DateTimeScalar } from './common/scalars';
import { MODULES } from './modules';
import { pubSub } from './common/pubsub';

/**
 * The one place that gathers every module's resolvers and rules.
 * `schema` is the plain schema (emitted to schema/schema.graphql); `protectedSchema` is it
 * behind graphql-shield, generated from the rule table.
 */
export interface BuiltSchema {
  schema: GraphQLSchema;
  protectedSchema: GraphQLSchema;
  rules: TypeRules[];
}

export async function buildAppSchema(): Promise<BuiltSchema> {
  const resolvers = MODULES.flatMap((m) => m.resolvers) as unknown as [Function, ...Function[]];
  const schema = await buildSchema({
    resolvers,
    scalarsMap: [
      { type: Date, scalar: DateTimeScalar },
    ],
    orphanedTypes: MODULES.flatMap((m) => m.orphanedTypes ?? []),
    validate: false,
    // resolved at each call, so a shared pub/sub installed at start is used
    pubSub: { publish: (topic: string, payload: unknown) => pubSub.publish(topic, payload), subscribe: (topic: string) => pubSub.subscribe(topic) },
    emitSchemaFile: false,
  });
  void LocalDateScalar;
  const rules = MODULES.flatMap((m) => m.rules);
  const protectedSchema = applyMiddleware(schema, buildShield(schema, rules));
  return { schema, protectedSchema, rules };
}

export function printableSchema(schema: GraphQLSchema): GraphQLSchema {
  return lexicographicSortSchema(schema);
}
