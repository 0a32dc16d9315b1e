import {
  BREAK,
  GraphQLError,
  GraphQLID,
  GraphQLNonNull,
  GraphQLScalarType,
  getNullableType,
  getOperationAST,
  isEnumType,
  isNonNullType,
  isObjectType,
  getVariableValues,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { mapSchema } from '@graphql-tools/utils';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GLOBAL_ID_OF, Node } from '../common/relay';

/** Compiled documents kept per process (least recently used dropped first). */
const CACHE_SIZE = 500;

/**
 * graphql-jit as the executor behind Apollo: each document is compiled once into a function and
 * cached by its hash and operation name; on the list-heavy pages of this service graphql-js's
 * field-by-field interpretation was the largest cost after the database.
 *
 * Apollo 5 takes a custom executor only through its gateway interface, which is what this is:
 * parsing, validation (with the query limits), the context, the plugins and the error
 * formatting stay Apollo's. Two differences are smoothed over here:
 *  - variables are coerced by graphql-js first, so a bad variable gets graphql-js's error (with
 *    its node, which Apollo answers as BAD_USER_INPUT with status 400) exactly as before, and
 *    graphql-jit is given the coerced values: its own coercion does not fill in the default
 *    values of input-object fields. Coercing coerced values again is a no-op here because every
 *    enum value's internal value is its name (checked below, at start) and the custom scalars'
 *    parseValue accepts what it returns (LocalDate: the same string; DateTime: a Date);
 *  - graphql-jit's errors are its own objects whose `extensions` may be undefined, which Apollo's
 *    error formatter cannot take; they are rebuilt as GraphQLErrors with the same message, path,
 *    locations, original error and code.
 * The authorization layer is unaffected: graphql-shield's rules are resolvers of the schema, and
 * graphql-jit calls every resolver the schema has. Apollo's per-field plugin hooks do not run
 * (none is used: cache control is disabled). Subscriptions keep graphql-js (graphql-ws).
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isEnumType(type) || type.name.startsWith('__')) continue;
    for (const v of type.getValues()) {
      if (v.value !== v.name) throw new Error(`Enum ${type.name}.${v.name} has the internal value ${String(v.value)}: coerced variables would not coerce again`);
    }
  }
  const cache = new Map<string, CompiledQuery>();
  const compiledSchema = executionSchema(schema);

  const executor: GatewayExecutor = async (rc) => {
    const document = rc.document!;
    // the name the client sent, as Apollo gives graphql-js: `rc.operationName` is the resolved
    // operation's, null when none matched, and a document of one operation would then run it
    // instead of answering that the named operation is unknown
    const operationName = rc.request.operationName ?? undefined;
    let variables: Record<string, unknown> = rc.request.variables ?? {};
    const operation = getOperationAST(document, operationName);
    if (operation?.variableDefinitions?.length) {
      const coerced = getVariableValues(schema, operation.variableDefinitions, variables, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
      variables = coerced.coerced;
    }
    const key = `${rc.queryHash}:${operationName ?? ''}`;
    let compiled = cache.get(key);
    if (compiled) {
      cache.delete(key); // re-inserted below: most recently used last
    } else {
      // introspection describes the served schema, not the executor's copy
      const made = compileQuery(asksForIntrospection(document) ? schema : compiledSchema, document, operationName, { disablingCapturingStackErrors: true });
      if (!isCompiledQuery(made)) return { errors: (made.errors ?? []).map(rebuildError) };
      compiled = made;
    }
    cache.set(key, compiled);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    const result = await compiled.query(undefined, rc.context, variables);
    return result.errors?.length ? { ...result, errors: result.errors.map(rebuildError) } : result;
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return { executor };
    },
    async stop() {
      cache.clear();
    },
  };
}

/**
 * The schema documents are compiled against: a copy of the served one in which the `id` of each
 * Node type whose resolver only reads `Node.globalId(<type>, row.id)` (marked GLOBAL_ID_OF, see
 * src/schema.ts) has no resolver and a scalar of its own that encodes the key. graphql-jit reads
 * a field without a resolver inline, where a resolver costs a call with a resolve-info object and
 * a response path built for it: a nested page shows a few thousand ids. The answer is the same
 * string; a value that is not an integer key is a field error, as a missing `nodeId` was. Rules
 * are untouched: a field graphql-shield wraps has the shield's resolver, which carries no mark.
 * Types, fields and their extensions are otherwise the served schema's (mapSchema copies them,
 * so the served schema is not changed).
 */
export function executionSchema(schema: GraphQLSchema): GraphQLSchema {
  const copy = mapSchema(schema);
  for (const type of Object.values(copy.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const id = type.getFields().id;
    const typename = (id?.resolve as { [GLOBAL_ID_OF]?: string } | undefined)?.[GLOBAL_ID_OF];
    if (!id || typename !== type.name || !isNonNullType(id.type) || getNullableType(id.type) !== GraphQLID) continue;
    const encoded = new GraphQLScalarType({
      name: `${type.name}GlobalId`,
      description: `ID of ${type.name}, encoded from its integer key`,
      serialize(value) {
        if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`${type.name}.id: the record has no integer key`);
        return Node.globalId(typename, value);
      },
    });
    id.type = new GraphQLNonNull(encoded);
    id.resolve = undefined;
  }
  return copy;
}

/** Whether a document asks for `__schema` or `__type` (only valid at an operation's root, but a fragment may hold them). */
function asksForIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** A graphql-jit error as the GraphQLError graphql-js would have raised. */
function rebuildError(e: ExecutionResult['errors'] extends readonly (infer E)[] | undefined ? E : never): GraphQLError {
  const original = e.originalError ?? undefined;
  const rebuilt = new GraphQLError(e.message, {
    path: e.path,
    originalError: original,
    // the original error's code (FORBIDDEN, NOT_FOUND, …) when it is a GraphQLError; none otherwise
    extensions: (original as GraphQLError | undefined)?.extensions ?? e.extensions ?? undefined,
  });
  if (e.locations?.length) (rebuilt as { locations?: unknown }).locations = e.locations;
  return rebuilt;
}
