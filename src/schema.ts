import { buildSchema, getMetadataStorage } from 'type-graphql';
import { isInterfaceType, isObjectType, isUnionType, lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildShield, mergeTables, type TypeRules } from './authz/table';
import { LocalDateScalar, DateTimeScalar } from './common/scalars';
import { MODULES } from './modules';
import { pubSub } from './common/pubsub';
import { leanFieldResolvers } from './common/lean-resolver';
import { GLOBAL_ID_OF, nodeIdIsGlobalIdOf } from './common/relay';

/**
 * The one place that gathers every module's resolvers and rules.
 * `schema` is the plain schema (emitted to schema/schema.graphql); `protectedSchema` is it
 * behind graphql-shield, generated from the rule table.
 */
export interface BuiltSchema {
  schema: GraphQLSchema;
  protectedSchema: GraphQLSchema;
  rules: TypeRules[];
  /** Fields graphql-shield does not wrap because their rule is a plain `allow` (see buildShield). */
  unwrapped: string[];
  /** Fields graphql-shield guards with the synchronous form of its wrapper (syncFieldMiddleware). */
  synchronous: string[];
  /** Fields resolved without type-graphql's per-call wrapper (`@Lean()`, src/common/lean-resolver.ts). */
  lean: string[];
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
  plainPropertyFields(schema);
  const lean = leanFieldResolvers(schema);
  const rules = MODULES.flatMap((m) => m.rules);
  // what each type's rules read from a row, for nested pages' column selection (src/common/projection.ts)
  for (const t of mergeTables(rules).values()) {
    const type = schema.getType(t.type);
    if (t.reads && isObjectType(type)) (type as { extensions: Record<string, unknown> }).extensions = { ...type.extensions, reads: t.reads };
  }
  const { middleware, unwrapped, synchronous } = buildShield(schema, rules);
  markRuledFields(schema, unwrapped);
  const protectedSchema = applyMiddleware(schema, middleware);
  return { schema, protectedSchema, rules, unwrapped, synchronous, lean };
}

/**
 * Marks on each object type the fields whose rule does work on the row (those graphql-shield
 * wraps: every field not left `unwrapped`), so that a page selects what the type's rules read
 * (`reads`) only when it shows one of them (src/common/projection.ts).
 */
function markRuledFields(schema: GraphQLSchema, unwrapped: readonly string[]): void {
  const plain = new Set(unwrapped);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const ruled = Object.keys(type.getFields()).filter((f) => !plain.has(`${type.name}.${f}`) && !plain.has(`${type.name}.*`));
    (type as { extensions: Record<string, unknown> }).extensions = { ...type.extensions, ruledFields: ruled };
  }
}

/**
 * type-graphql gives every field a resolver, even a plain property with no middleware: a
 * function call per field per row, and one that keeps a compiled executor from reading the
 * property inline. This drops those resolvers (or, when the GraphQL name differs from the
 * property, e.g. `id` → `nodeId`, leaves a one-line synchronous getter), as type-graphql's
 * `simpleResolvers` would, but for every type at once and without the renaming trap. Fields
 * with a @FieldResolver, middlewares or @Authorized roles keep type-graphql's resolver.
 */
function plainPropertyFields(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  // type-graphql makes every resolveType async; a compiled executor needs the type at once.
  // Ours are synchronous (the class's typename), so they are installed as they are.
  for (const it of [...storage.interfaceTypes, ...storage.unions]) {
    const type = schema.getType(it.name);
    const own = it.resolveType as ((value: unknown, ...rest: unknown[]) => unknown) | undefined;
    if (!own || !(isInterfaceType(type) || isUnionType(type))) continue;
    type.resolveType = (value, ...rest) => {
      const r = own(value, ...rest);
      if (r === undefined || r === null || typeof r === 'string') return r ?? undefined;
      if (typeof r === 'function') return storage.objectTypes.find((o) => o.target === r)?.name;
      throw new Error(`resolveType of ${it.name} must answer synchronously`);
    };
  }
  for (const ot of storage.objectTypes) {
    const type = schema.getType(ot.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    const metas = [
      ...storage.interfaceTypes.filter((it) => ot.interfaceClasses?.includes(it.target)).flatMap((it) => it.fields ?? []),
      ...ot.fields!,
    ];
    for (const f of metas) {
      const field = fields[f.schemaName];
      if (!field) continue;
      const advanced = storage.fieldResolvers.some((fr) => fr.getObjectType!() === f.target && fr.methodName === f.name);
      if (advanced || f.middlewares?.length || f.roles !== undefined) continue;
      const prop = f.name;
      if (prop === f.schemaName) field.resolve = undefined;
      else {
        const read = (root: Record<string, unknown>) => root[prop];
        // `id` → `nodeId` as Node.globalId(type, id): an executor may encode the key itself
        if (f.schemaName === 'id' && prop === 'nodeId' && nodeIdIsGlobalIdOf(ot.target as never, ot.name)) Object.assign(read, { [GLOBAL_ID_OF]: ot.name });
        field.resolve = read;
      }
      // a plain property reads itself (unless it declares otherwise with @Reads): see src/common/projection.ts
      if (!Array.isArray(field.extensions?.reads)) (field as { extensions: Record<string, unknown> }).extensions = { ...field.extensions, reads: [prop] };
    }
  }
}

export function printableSchema(schema: GraphQLSchema): GraphQLSchema {
  return lexicographicSortSchema(schema);
}
