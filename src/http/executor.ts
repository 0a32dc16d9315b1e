import { GraphQLError, getOperationAST, isEnumType, getVariableValues, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';

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

  const executor: GatewayExecutor = async (rc) => {
    const document = rc.document!;
    const operationName = rc.operationName ?? undefined;
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
      const made = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
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
