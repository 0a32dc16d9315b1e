import { GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { allow, deny, rule, shield, type IRules } from 'graphql-shield';
import type { IMiddleware } from 'graphql-middleware';
type IRule = Parameters<typeof import('graphql-shield').and>[0];
import { ErrorCode, gqlError, unauthenticated } from '../common/errors';
import { ADMIN_ROLES, Role } from './roles';
import type { FieldAccess, Level, Viewer } from './viewer';
import type { AuditCollector } from '../audit/collector';

/**
 * The rule table. Every field of every object type of the schema is classified here:
 *  - ROW: readable wherever the row itself is visible. Rows are scoped in SQL, so no
 *    per-field check runs (shield's `allow`).
 *  - PUBLIC: no account needed (only used on a few root fields).
 *  - AUTHENTICATED: any signed-in account (the viewer's own data).
 *  - a map role → 'R' | 'M': the roles whose grants reach the row (or, for root fields,
 *    that the caller holds) may read it; 'M' reads a masked value. Anyone else gets null
 *    with FORBIDDEN at the field's path.
 * A field that the table does not classify makes the server refuse to start, and
 * graphql-shield's fallback rule denies it anyway.
 */
export const ROW = 'ROW' as const;
export const PUBLIC = 'PUBLIC' as const;
export const AUTHENTICATED = 'AUTHENTICATED' as const;
/**
 * Any signed-in account that holds no administrator role: supervision records whose readers are
 * decided row by row in the service (e.g. a leader with no grant reads the lists issued to them),
 * while the three administrators never see supervision records (三员分立).
 */
export const NOT_ADMIN = 'NOT_ADMIN' as const;
export type FieldRule = typeof ROW | typeof PUBLIC | typeof AUTHENTICATED | typeof NOT_ADMIN | FieldAccess;

export interface TypeRules<T = any> {
  /** GraphQL type name. */
  type: string;
  /** The unit path a row is scoped by; fields with a role map are checked against it. */
  scopePath?: (row: T) => string | null | undefined;
  /** Every field of the type. `'*': ROW` classifies a structural type (connection, edge, payload) whole. */
  fields: Record<string, FieldRule>;
  /** Fields whose every read, masked read or refusal is written to the audit log (never the value). */
  sensitive?: string[];
  /**
   * 回避: fields withheld (FORBIDDEN, audited as denied) from an account linked to an official this
   * row is about, or to a declared close relative of one, whatever its roles.
   */
  recusal?: { fields: string[]; subjects: (row: T) => (number | null | undefined)[] };
  /**
   * The entity properties `scopePath` and the recusal subjects read. A nested page that selects
   * only some columns always selects these (src/common/projection.ts).
   */
  reads?: string[];
}

export const readers = (...roles: Role[]): FieldAccess => Object.fromEntries(roles.map((r) => [r, 'R'])) as FieldAccess;

export interface RequestContextLike {
  viewer: Viewer;
  audit: AuditCollector;
}

/** The level a viewer has on a field of a row of a type in the table; used by masking resolvers. */
export function fieldLevel(table: TypeRules, field: string, row: unknown, viewer: Viewer): Level | null {
  const r = table.fields[field];
  if (r === undefined) return null;
  if (r === ROW || r === PUBLIC) return 'R';
  if (r === AUTHENTICATED) return viewer.authenticated ? 'R' : null;
  if (r === NOT_ADMIN) return viewer.authenticated && !viewer.holdsAny(ADMIN_ROLES) ? 'R' : null;
  return table.scopePath ? viewer.levelAt(table.scopePath(row), r) : viewer.levelAnywhere(r);
}

const forbiddenField = (type: string, field: string) =>
  gqlError(ErrorCode.FORBIDDEN, `You may not read ${type}.${field}`);

function ruleFor(table: TypeRules, field: string, r: FieldRule): IRule {
  const sensitive = table.sensitive?.includes(field) ?? false;
  const recusal = table.recusal?.fields.includes(field) ? table.recusal.subjects : null;
  if ((r === ROW || r === PUBLIC) && !sensitive && !recusal) return allow;
  const name = `${table.type}.${field}`;
  if (r === AUTHENTICATED) {
    return syncRule(name, (_p, ctx) => ctx.viewer.authenticated || unauthenticated());
  }
  if (r === NOT_ADMIN) {
    return syncRule(name, (_p, ctx) => {
      if (!ctx.viewer.authenticated) return unauthenticated();
      if (!ctx.viewer.holdsAny(ADMIN_ROLES)) return true;
      if (table.type === 'Mutation') ctx.audit.refusedMutations.push(field);
      return forbiddenField(table.type, field);
    });
  }
  const isMutation = table.type === 'Mutation';
  return syncRule(name, (parent, ctx) => {
    if (!ctx.viewer.authenticated) return unauthenticated();
    const row = parent as { id?: number } | undefined;
    let level: Level | null;
    if (r === ROW || r === PUBLIC) level = 'R';
    else level = table.scopePath ? ctx.viewer.levelAt(table.scopePath(parent), r as FieldAccess) : ctx.viewer.levelAnywhere(r as FieldAccess);
    let recused = false;
    if (level !== null && recusal && ctx.viewer.recusedFrom(recusal(parent))) {
      level = null;
      recused = true;
    }
    if (sensitive) ctx.audit.read(table.type, row?.id ?? null, field, level === null ? 'DENIED' : level === 'M' ? 'MASKED' : 'ALLOWED');
    if (level !== null) return true;
    if (isMutation) ctx.audit.refusedMutations.push(field);
    return recused ? gqlError(ErrorCode.FORBIDDEN, `Recusal (回避): you may not read ${table.type}.${field} of a record about yourself or a close relative`) : forbiddenField(table.type, field);
  });
}

/**
 * A graphql-shield rule whose check is synchronous (every rule of the table is: the viewer's
 * grants are read before execution), resolved without the promises of shield's asynchronous
 * `Rule.resolve`: a nested page checks `Official.sanctions` on a thousand rows. Same contract as
 * `Rule.resolve`: true allows, an Error is returned (the field's error), anything else is false
 * (the fallback error), and a check that throws is false unless shield runs in debug mode.
 * No cache: the answer depends on the parent row, and shield's 'contextual' cache would reuse
 * the first row's answer for every row of a list.
 */
export function syncRule(name: string, check: (parent: unknown, ctx: RequestContextLike) => boolean | Error): IRule {
  const r = rule(name, { cache: 'no_cache' })((parent, _a, ctx: RequestContextLike) => check(parent, ctx));
  const resolve = (parent: unknown, _args: unknown, ctx: RequestContextLike, _info: unknown, options: { debug?: boolean }): boolean | Error => {
    try {
      const res = check(parent, ctx);
      return res instanceof Error ? res : res === true;
    } catch (err) {
      if (options.debug) throw err;
      return false;
    }
  };
  return Object.assign(r, { resolve, [SYNC_CHECK]: true });
}

/** Marks the rules made by syncRule: their `resolve` answers at once and never throws outside debug mode. */
const SYNC_CHECK = Symbol('syncCheck');

type FieldResolve = (parent: unknown, args: unknown, ctx: unknown, info: unknown) => unknown;

/** The options this service gives shield, as shield's normalizeOptions leaves them; the synchronous wrapper is written for these. */
export interface ShieldFieldOptions {
  debug: false;
  allowExternalErrors: true;
  fallbackError: (err: unknown, parent: unknown, args: unknown, ctx: unknown, info: unknown) => Error;
}

/**
 * graphql-shield's field middleware (generateFieldMiddlewareFromRule in its generator) for a rule
 * made by syncRule, without the async function: shield's wrapper awaits the rule's answer and then
 * the resolver's, so a field it guards costs a promise and two turns of the microtask queue per
 * row even when both answer at once (Official.sanctions on a nested page: ~500 rows, 10-15 % of the
 * page's time). Same contract, for the options this service gives shield (allowExternalErrors,
 * not debug): the rule's `true` runs the resolver and hands on its answer (a promise as it is);
 * `false` answers the fallback error; an Error from the rule is the field's error; an error the
 * resolver throws is answered as the field's error, as shield's `return err` does. A resolver's
 * rejected promise is handed on rejected where shield would resolve it to the error: both give the
 * same field error (the tests run both executors over both). Still shield's rule tree, validated
 * and generated by shield; this replaces only the wrapper of fields whose rule is synchronous.
 */
export function syncFieldMiddleware(r: IRule, options: ShieldFieldOptions) {
  const check = r as unknown as { resolve: (parent: unknown, args: unknown, ctx: unknown, info: unknown, options: ShieldFieldOptions) => boolean | Error };
  return (resolve: FieldResolve, parent: unknown, args: unknown, ctx: { _shield?: unknown } | undefined, info: unknown): unknown => {
    // shield's wrapper starts the request's rule cache; kept so that any other rule finds it
    if (!ctx) ctx = {};
    if (!ctx._shield) ctx._shield = { cache: {} };
    const res = check.resolve(parent, args, ctx, info, options);
    if (res === true) {
      try {
        return resolve(parent, args, ctx, info);
      } catch (err) {
        return err;
      }
    }
    if (res === false) return options.fallbackError(null, parent, args, ctx, info);
    return res;
  };
}

export const isSyncRule = (r: unknown): boolean => typeof r === 'object' && r !== null && (r as { [SYNC_CHECK]?: boolean })[SYNC_CHECK] === true;

/**
 * Several modules may contribute fields to one type (a module owns the relation fields that
 * lead to its records); their tables are merged by type name.
 */
export function mergeTables(tables: TypeRules[]): Map<string, TypeRules> {
  const byType = new Map<string, TypeRules>();
  for (const t of tables) {
    const prev = byType.get(t.type);
    if (!prev) {
      byType.set(t.type, { ...t, fields: { ...t.fields } });
      continue;
    }
    for (const f of Object.keys(t.fields)) {
      if (f in prev.fields) throw new Error(`Authorization table: ${t.type}.${f} is classified twice`);
    }
    Object.assign(prev.fields, t.fields);
    prev.scopePath ??= t.scopePath;
    if (t.sensitive) prev.sensitive = [...(prev.sensitive ?? []), ...t.sensitive];
    prev.recusal ??= t.recusal;
    if (t.reads) prev.reads = [...new Set([...(prev.reads ?? []), ...t.reads])];
  }
  return byType;
}

/** Checks that the table classifies exactly the fields the schema has; throws otherwise. */
export function checkTableCoversSchema(schema: GraphQLSchema, tables: TypeRules[]): void {
  const byType = mergeTables(tables);
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    const table = byType.get(type.name);
    if (!table) {
      problems.push(`type ${type.name} has no rules`);
      continue;
    }
    if (table.fields['*']) continue;
    for (const f of Object.keys(type.getFields())) {
      if (!(f in table.fields)) problems.push(`field ${type.name}.${f} has no rule`);
    }
    for (const f of Object.keys(table.fields)) {
      if (!(f in type.getFields())) problems.push(`rule ${type.name}.${f} names no field of the schema`);
    }
  }
  for (const t of byType.values()) if (!schema.getType(t.type)) problems.push(`rules for ${t.type}, which the schema does not have`);
  if (problems.length) throw new Error(`Authorization table does not match the schema:\n  ${problems.join('\n  ')}`);
}

/** The root operation types: their fields keep shield's own wrapper. */
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * graphql-shield's middleware generated from the table; unlisted fields fall to `deny`.
 *
 * graphql-shield wraps every field of the schema in an async function, even the fields left on
 * `allow`; on a list-heavy page that wrapper alone costs about as much as the rest of the
 * execution. So the middleware is generated for the whole schema as shield does, and then the
 * fields whose rule is exactly `allow` (ROW or PUBLIC, neither sensitive nor under recusal: the
 * row is already scoped in SQL and the field has nothing to check) are left unwrapped. Every
 * other field keeps shield's wrapper, including any the table would not classify (impossible
 * after `checkTableCoversSchema`, which refuses to start, but still denied by the fallback).
 * `unwrapped` lists the fields left out, for the test that pins this down. The fields of record
 * types whose rule is a syncRule get shield's wrapper in its synchronous form (syncFieldMiddleware);
 * `synchronous` lists them.
 */
export function buildShield(schema: GraphQLSchema, tables: TypeRules[]): { middleware: IMiddleware; unwrapped: string[]; synchronous: string[] } {
  checkTableCoversSchema(schema, tables);
  const tree: IRules = {};
  const plainAllow = new Set<string>();
  for (const t of mergeTables(tables).values()) {
    if (t.fields['*']) {
      // a whole type is classified only as readable wherever its row is (a structural type): a
      // role map or a per-account rule on '*' would have no rule to check and read as allow
      if (t.fields['*'] !== ROW && t.fields['*'] !== PUBLIC) throw new Error(`Authorization table: ${t.type} gives '*' a rule other than ROW or PUBLIC; classify its fields one by one`);
      tree[t.type] = allow;
      plainAllow.add(`${t.type}.*`);
      continue;
    }
    const fields: Record<string, IRule> = {};
    for (const [f, r] of Object.entries(t.fields)) {
      fields[f] = ruleFor(t, f, r);
      if (fields[f] === allow) plainAllow.add(`${t.type}.${f}`);
    }
    tree[t.type] = fields;
  }
  const options: ShieldFieldOptions = { debug: false, allowExternalErrors: true, fallbackError: () => gqlError(ErrorCode.FORBIDDEN, 'You may not read or do this') };
  const generator = shield(tree, { ...options, fallbackRule: deny }) as unknown as { generate(schema: GraphQLSchema): Record<string, Record<string, unknown>> };
  const all = generator.generate(schema);
  const middleware: Record<string, Record<string, unknown>> = {};
  const unwrapped: string[] = [];
  const synchronous: string[] = [];
  for (const [type, fields] of Object.entries(all)) {
    for (const [field, mw] of Object.entries(fields)) {
      // subscription fields keep the wrapper whatever their rule. graphql-middleware wraps a
      // field's `resolve` when it has one (type-graphql's subscriptions do), so the rule is checked
      // on each event as it is resolved; who receives an event is the subscription's filter, on a
      // connection that was refused unless authenticated (src/http/subscriptions.ts)
      if (type !== 'Subscription' && (plainAllow.has(`${type}.*`) || plainAllow.has(`${type}.${field}`))) {
        unwrapped.push(`${type}.${field}`);
        continue;
      }
      // a synchronous rule on a field of a record type: the same wrapper without its promises
      // (the root operation types keep shield's own: one call per request)
      const fieldRule = (tree[type] as Record<string, IRule> | undefined)?.[field];
      const sync = !ROOT_TYPES.has(type) && isSyncRule(fieldRule);
      if (sync) synchronous.push(`${type}.${field}`);
      (middleware[type] ??= {})[field] = sync ? syncFieldMiddleware(fieldRule!, options) : mw;
    }
  }
  return { middleware: middleware as IMiddleware, unwrapped, synchronous };
}
