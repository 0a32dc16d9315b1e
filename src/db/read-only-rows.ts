import { createHash } from 'node:crypto';
import { ReferenceKind, raw, type EntityMetadata, type EntityName, type FilterQuery, type Platform } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Rows for reading only, without the ORM's bookkeeping: objects with the entity's columns as
 * properties, its many-to-one relations as `{ id }`, and the entity class's own getters and
 * methods (`nodeId`, `statusOn`, …) and `constructor` (so GraphQL's `resolveType` names the type).
 *
 * A nested page answers ~1,500 child rows; creating them as managed entities (constructor,
 * hydrator, wrapped helper, a reference entity per relation, the identity map) was the largest
 * cost of such a request and most of its garbage. Read requests never write these rows back, so
 * they need none of it. They are `instanceof` the entity but not in the identity map (an
 * `em.flush()` never sees them), and have no collections: relations to many are read through the
 * modules' loaders, as every resolver already does.
 */
interface Plan {
  /** Names the selection: '*' for every column, else the sorted property names. */
  key: string;
  /** The columns to select (table column names), in the order of `props`. */
  columns: string[];
  props: { name: string; column: string; ref: boolean; convert?: (v: unknown) => unknown }[];
  /** Builds one row: a constructor generated for the entity and the selection (see `compile`). */
  Row: new (raw: Record<string, unknown>) => object;
}

/** Plans by entity, then by selection ('*' for every column, else the sorted property names). */
const plans = new WeakMap<EntityMetadata, Map<string, Plan | null>>();

/** The columns of an entity a row can hold: scalars and the owning side of a single-column relation. */
function readableProps(meta: EntityMetadata, platform: Platform): Plan['props'] {
  const props: Plan['props'] = [];
  for (const prop of meta.props) {
    if (prop.persist === false || !prop.fieldNames?.length) continue;
    if (prop.kind === ReferenceKind.SCALAR) {
      const type = prop.customType;
      let convert: ((v: unknown) => unknown) | undefined = type ? (v) => type.convertToJSValue(v, platform) : undefined;
      // timestamps arrive as text (the ORM's driver setting): made Dates as the ORM's hydrator makes them
      if (!type && prop.runtimeType === 'Date' && !platform.isNumericProperty(prop)) convert = toDate(platform);
      props.push({ name: prop.name, column: prop.fieldNames[0], ref: false, convert });
    } else if ((prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) && prop.fieldNames.length === 1) {
      props.push({ name: prop.name, column: prop.fieldNames[0], ref: true });
    }
  }
  return props;
}

/** Text of a timestamp → Date, as MikroORM's ObjectHydrator does it (an offset-less text is in the configured zone). */
function toDate(platform: Platform): (v: unknown) => unknown {
  const config = platform.getConfig();
  const tz = config.get('forceUtcTimezone') ? '+00:00' : config.get('timezone');
  return (v) => {
    if (v instanceof Date || (typeof v !== 'string' && typeof v !== 'number')) return v;
    if (typeof v === 'number' || !tz || tz === 'local' || v.includes('+') || v.lastIndexOf('-') > 10 || v.endsWith('Z')) return new Date(v);
    return new Date(v + tz);
  };
}

/**
 * How to build rows of an entity holding `selected` properties (all of them when null). Null when
 * a selected property is not a column a row can hold (a getter, a collection): the caller then
 * selects every column.
 */
export function rowPlan(meta: EntityMetadata, platform: Platform, selected: readonly string[] | null): Plan | null {
  let byKey = plans.get(meta);
  if (!byKey) plans.set(meta, (byKey = new Map()));
  const key = selected ? [...new Set(selected)].sort().join(',') : '*';
  if (byKey.has(key)) return byKey.get(key)!;
  const all = readableProps(meta, platform);
  let props = all;
  if (selected) {
    const wanted = new Set(selected);
    props = all.filter((p) => wanted.has(p.name));
    if (props.length !== wanted.size) {
      byKey.set(key, null);
      return null;
    }
  }
  // the entity's prototype stays in the chain (its getters and methods, `constructor`, and
  // `instanceof`, which type-graphql checks before it would copy a @Root() into a new entity),
  // but every property the ORM intercepts with a setter on that prototype is shadowed by a plain
  // writable slot, so that assigning a column creates an own property and never wakes the ORM;
  // a column left out of the selection is shadowed by a getter that throws, so code that reads
  // it (a resolver whose @Reads forgot it) fails instead of answering null
  const proto = Object.create(meta.prototype) as Record<string, unknown>;
  const kept = new Set(props.map((p) => p.name));
  const readable = new Set(all.map((p) => p.name));
  for (const name of Object.keys(meta.properties)) {
    if (kept.has(name) || !readable.has(name)) Object.defineProperty(proto, name, { value: undefined, writable: true, enumerable: false });
    else
      Object.defineProperty(proto, name, {
        enumerable: false,
        get() {
          throw new Error(`${meta.className}.${name} was not selected for this page: declare it with @Reads on the field that reads it`);
        },
      });
  }
  const plan: Plan = { key, columns: props.map((p) => p.column), props, Row: compile(proto, props) };
  byKey.set(key, plan);
  return plan;
}

/**
 * A constructor that copies the columns with one named load and one named store per property.
 * A loop over the plan (`row[p.name] = raw[p.column]`) makes every access a megamorphic keyed
 * one, which on a nested page of a few thousand rows cost more than parsing them. The generated
 * code holds only property and column names from the entity's metadata, quoted as JSON strings.
 */
function compile(proto: object, props: Plan['props']): Plan['Row'] {
  const lines = props.map((p, i) => {
    const value = p.ref ? '{ id: v }' : p.convert ? `convert[${i}](v)` : 'v';
    return `v = raw[${JSON.stringify(p.column)}]; this[${JSON.stringify(p.name)}] = v === null || v === undefined ? null : ${value};`;
  });
  const factory = new Function('convert', `return function ReadOnlyRow(raw) { let v; ${lines.join(' ')} };`) as (
    convert: ((v: unknown) => unknown)[],
  ) => Plan['Row'];
  const Row = factory(props.map((p) => p.convert ?? ((v: unknown) => v)));
  Row.prototype = proto;
  return Row;
}

/** Page plans by the `reads` array (one per field of a document, see `nodeReads`), then entity and parent. */
const pagePlans = new WeakMap<readonly string[], Map<string, Plan>>();

/**
 * The plan of a page whose selected fields read `reads` (`nodeReads(info)`): those columns, the
 * key and, for a nested page, the parent's column. Every column when `reads` is null or names
 * something a row cannot hold. Looked up once per field of a document, not rebuilt per parent.
 */
export function pagePlan(meta: EntityMetadata, platform: Platform, reads: readonly string[] | null | undefined, parentProp?: string): Plan {
  if (!reads) return rowPlan(meta, platform, null)!;
  let byPage = pagePlans.get(reads);
  if (!byPage) pagePlans.set(reads, (byPage = new Map()));
  const key = `${meta.className}.${parentProp ?? ''}`;
  let plan = byPage.get(key);
  if (!plan) {
    const always = parentProp ? [...meta.primaryKeys, parentProp] : meta.primaryKeys;
    byPage.set(key, (plan = rowPlan(meta, platform, [...always, ...reads]) ?? rowPlan(meta, platform, null)!));
  }
  return plan;
}

/**
 * Runs a read statement (built with the query builder, or SQL text and its parameters) where
 * `em.find` would: on a replica when replicas are configured (DATABASE_REPLICA_URLS), on the
 * primary inside a transaction.
 */
export function executeRead<R = Record<string, unknown>>(em: EntityManager, query: unknown, params: unknown[] = []): Promise<R[]> {
  const trx = em.getTransactionContext();
  return em.getConnection(trx ? 'write' : 'read').execute(query as never, params, 'all', trx) as Promise<R[]>;
}

/** The quoted identifier, and the quoted table of an entity (schema-qualified when it has one). */
function quoting(platform: Platform) {
  const q = (name: string) => platform.quoteIdentifier(name);
  return { q, table: (m: EntityMetadata) => (m.schema && m.schema !== '*' ? `${q(m.schema)}.${q(m.tableName)}` : q(m.tableName)) };
}

/** The key column of an entity. */
const keyColumn = (m: EntityMetadata) => m.properties[m.primaryKeys[0]].fieldNames[0];

/**
 * A read statement written once and run many times. `sql` and `bindings` are what the query
 * builder made (`?` placeholders, the parents' array a stand-in at `slot`); `prepared` is the same
 * statement as PostgreSQL receives it when it is prepared: every value inlined as MikroORM
 * inlines them, except the parents' array, which is the parameter `$1`.
 */
interface Statement {
  sql: string;
  bindings: readonly unknown[];
  slot: number;
  prepared: { name: string; text: string } | null;
  uses: number;
}

/** Stands for the parents' array while a statement is built; no value can equal it (PostgreSQL text cannot hold NUL). */
const PARENTS = '\u0000parents';

function statementOf(platform: Platform, sql: string, bindings: readonly unknown[]): Statement {
  const slot = bindings.indexOf(PARENTS);
  // the values inlined by the ORM's own formatter (what `executeRead` sends), the stand-in
  // quoted as a literal that only it can produce: it becomes the statement's one parameter
  const inlined = platform.formatQuery(sql, [...bindings]);
  const standIn = `'${PARENTS}'`;
  const at = inlined.indexOf(standIn);
  const single = slot < 0 ? at < 0 : at >= 0 && inlined.indexOf(standIn, at + 1) < 0;
  const text = slot < 0 ? inlined : inlined.slice(0, at) + '$1' + inlined.slice(at + standIn.length);
  return { sql, bindings, slot, prepared: single ? { name: statementName(text), text } : null, uses: 0 };
}

/**
 * Prepared statements a pooled connection keeps, by name, oldest use first (a property of the
 * `pg` client, so it goes with the connection). PostgreSQL keeps a prepared statement and its
 * plan for the life of the session; the bound keeps a long-lived connection from collecting one
 * per caller's scope and page: the oldest is deallocated when a new one would pass it.
 */
const PREPARED = Symbol('lianzheng.prepared');
export const PREPARED_PER_CONNECTION = 200;

export interface PgClient {
  query(q: string | { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
  connection: { parsedStatements: Record<string, string> };
  __knexUid?: string;
  __knexTxId?: string;
  [PREPARED]?: Map<string, true>;
}

export function keepPrepared(conn: PgClient, name: string, bound = PREPARED_PER_CONNECTION): void {
  const names = (conn[PREPARED] ??= new Map());
  if (names.delete(name)) {
    names.set(name, true);
    return;
  }
  names.set(name, true);
  if (names.size <= bound) return;
  const oldest = names.keys().next().value!;
  names.delete(oldest);
  // queued on this connection ahead of anything sent after it; the client forgets it now, so a
  // later use of the name is parsed again (after the deallocation, in queue order)
  conn.query(`deallocate "${oldest}"`).catch(() => undefined);
  delete conn.connection.parsedStatements[oldest];
}

/**
 * Runs a prepared statement where `executeRead` would run its text (a replica, or the
 * transaction's connection), as a named statement of `pg`: PostgreSQL parses it once per
 * connection, and after a few runs plans it once (the parents' array is its only parameter; the
 * scope and filters stay literals, so the plan is made for them). The statement is announced
 * through knex's `query` event as every other statement, so the counters see it.
 */
async function executePrepared(em: EntityManager, text: string, name: string | null, values: unknown[], primary = false): Promise<Record<string, unknown>[]> {
  const trx = em.getTransactionContext() as { client: KnexClient } | undefined;
  // a transaction's client hands out the transaction's own connection and never releases it
  const client = trx ? trx.client : (em.getConnection(primary ? 'write' : 'read').getKnex().client as unknown as KnexClient);
  const conn = await client.acquireConnection();
  try {
    client.emit('query', { sql: text, bindings: values, __knexUid: conn.__knexUid, __knexTxId: conn.__knexTxId });
    // no name: an unnamed statement, parsed and planned on every run (prepared statements are off)
    if (name === null) return (await conn.query({ text, values } as never)).rows;
    keepPrepared(conn, name);
    return (await conn.query({ name, text, values })).rows;
  } finally {
    await client.releaseConnection(conn);
  }
}

/** The names of the statements of fixed text, by text (see `executePreparedRead`). */
const fixedStatements = new Map<string, string>();

/**
 * Runs `text`, a statement of fixed text with `$1`…`$n` parameters, as a prepared statement (see
 * `executePrepared`); on the primary when `primary` is set (reads that must not lag, such as the
 * caller's grants), else where `executeRead` would. Only for statements written in the code: every
 * distinct text is remembered for the life of the process.
 */
export function executePreparedRead<R = Record<string, unknown>>(em: EntityManager, text: string, values: unknown[], opts: { primary?: boolean } = {}): Promise<R[]> {
  let name = fixedStatements.get(text);
  if (!name) fixedStatements.set(text, (name = statementName(text)));
  return executePrepared(em, text, preparing ? name : null, values, opts.primary) as Promise<R[]>;
}

const statementName = (text: string) => `lz_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;

interface KnexClient {
  acquireConnection(): Promise<PgClient>;
  releaseConnection(conn: PgClient): Promise<unknown>;
  emit(event: 'query', data: unknown): void;
}

/** Whether read statements are prepared (DB_PREPARED_STATEMENTS); set by the server from its configuration. */
let preparing = true;
export function usePreparedStatements(on: boolean): void {
  preparing = on;
}

/**
 * Runs a statement: prepared from its second run on (a text run once, such as a page at one
 * cursor, is not worth a slot of the connection), else as text through the ORM.
 */
function runStatement<R>(em: EntityManager, st: Statement, parents: string): Promise<R[]> {
  st.uses++;
  if (preparing && st.prepared && st.uses > 1) return executePrepared(em, st.prepared.text, st.prepared.name, st.slot < 0 ? [] : [parents]) as Promise<R[]>;
  const bindings = st.slot < 0 ? st.bindings : st.bindings.map((b, i) => (i === st.slot ? parents : b));
  return executeRead<R>(em, st.sql, bindings as unknown[]);
}

/**
 * The text of read statements by what determines it: building a statement with the query builder
 * (criteria, joins, knex's compiler) cost more than PostgreSQL spent answering a nested level,
 * and a page asks for the same statements on every request. The key must name everything the text
 * depends on (entity, predicate, order, columns, limit); it holds the predicate as JSON, so only a
 * predicate of plain JSON values is cached (`plainJsonKey`): two predicates with the same key then
 * mean the same thing to the ORM. Bounded: the oldest statement goes first.
 */
const statements = new Map<string, Statement>();
const STATEMENTS_MAX = 2_000;

/**
 * JSON of a predicate when it is made only of plain JSON values (strings, finite numbers,
 * booleans, null, arrays, plain objects), else null. JSON drops `undefined`, turns NaN into null
 * and a Date into text, all of which the ORM reads differently: such predicates are not cached.
 */
export function plainJsonKey(value: unknown): string | null {
  return isPlainJson(value) ? JSON.stringify(value) : null;
}

function isPlainJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.every(isPlainJson);
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  if (Object.getOwnPropertySymbols(v).length) return false;
  for (const k of Object.keys(v)) if (!isPlainJson((v as Record<string, unknown>)[k])) return false;
  return true;
}

/** The array literal of parent keys a nested level's statement takes (`= any(?::int[])`). */
export function parentsLiteral(ids: readonly number[]): string {
  return `{${ids.map((id) => Math.trunc(Number(id))).join(',')}}`;
}

/**
 * Runs a read statement (as `executeRead`), its text built once per `key` and reused, and
 * prepared on the connection once it is used again (`runStatement`): `build` gets the parents'
 * array literal to put where the statement takes it (a stand-in while the text is built), and is
 * called only on the first use of a key. A null key builds every time and is never prepared.
 */
export function executeCachedRead<R = Record<string, unknown>>(
  em: EntityManager,
  key: string | null,
  build: (parents: string) => { toSQL(): { sql: string; bindings?: readonly unknown[] } },
  parents = '',
): Promise<R[]> {
  if (key === null) return executeRead<R>(em, build(parents));
  let st = statements.get(key);
  if (!st) {
    const q = build(PARENTS).toSQL();
    st = statementOf(em.getPlatform(), q.sql, q.bindings ?? []);
    if (statements.size >= STATEMENTS_MAX) statements.delete(statements.keys().next().value!);
    statements.set(key, st);
  }
  return runStatement<R>(em, st, parents);
}

/**
 * Read-only rows matching `where` holding the columns `reads` names (every column when null), the
 * key always; every match when no limit is given. What `em.find` answers, for the read-only reads
 * of a request: a page of a root list (the root-level twin of a nested page's rows,
 * src/common/nested-page.ts) or the short lists of a record (a letter's items).
 */
export async function readOnlyRows<T>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  orderBy: Record<string, 'asc' | 'desc'>,
  reads: readonly string[] | null = null,
  limit?: number,
): Promise<T[]> {
  const meta = em.getMetadata().get(entity as never) as EntityMetadata;
  const plan = pagePlan(meta, em.getPlatform(), reads);
  const predicate = plainJsonKey(where);
  const key = predicate === null ? null : `rows:${meta.className}:${predicate}:${JSON.stringify(orderBy)}:${limit ?? ''}:${plan.key}`;
  const raws = await executeCachedRead(em, key, () => {
    const qb = em
      .createQueryBuilder(entity as never, 'e')
      .select(plan.columns.map((c) => `e.${c}`))
      .orderBy(orderBy as never);
    if (limit === undefined) return qb.where(where as never).getKnexQuery();
    // a page: its keys first, then its rows by key. PostgreSQL can then take the keys from an
    // index that holds the filtered columns and the key (an index-only scan, e.g. the sanctions
    // list's), and read from the table only the page's rows instead of every match to sort them.
    // The keys as an array (`= any(array(…))`), not `in (…)`: PostgreSQL plans `in` as a semi-join
    // and chose to hash it against a scan of the whole table (units: 0.6 ms, every unit read);
    // an array of keys is looked up in the key's index (0.05 ms)
    const keys = em
      .createQueryBuilder(entity as never, 'k')
      .select(`k.${keyColumn(meta)}`)
      .where(where as never)
      .orderBy(orderBy as never)
      .limit(limit)
      .getKnexQuery();
    return qb.getKnexQuery().whereRaw('?? = any(array(?))', [`e.${keyColumn(meta)}`, keys]);
  });
  return raws.map((r) => new plan.Row(r) as T);
}

/**
 * How many rows match `where`: what `em.count` answers, its statement written once per predicate
 * (and so prepared) like the page it counts for (`readOnlyRows`).
 */
export async function readOnlyCount<T>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>): Promise<number> {
  const meta = em.getMetadata().get(entity as never) as EntityMetadata;
  const predicate = plainJsonKey(where);
  const key = predicate === null ? null : `count:${meta.className}:${predicate}`;
  const [row] = await executeCachedRead<{ count: string | number }>(em, key, () =>
    em
      .createQueryBuilder(entity as never, 'e')
      .select(raw('count(*) as "count"'))
      .where(where as never)
      .getKnexQuery(),
  );
  return Number(row?.count ?? 0);
}

/**
 * How a by-key statement names its keys, and the value of its one parameter. One key has a text of
 * its own (`= $1`): PostgreSQL estimates `= any($1)` of a prepared statement at ten rows, so its
 * generic plan of a join looked dearer than the one-row plan made for the value, and it planned the
 * statement again on every run (~0.15 ms, ten times what running it took): a lookup of one record,
 * the commonest there is, paid that on every request. `= $1` has the same plan for every value.
 */
function byKey(ids: readonly number[]): { predicate: string; value: string } {
  // many keys: an array literal (the ORM inlines parameters, and would spread a JS array into a list)
  return ids.length === 1 ? { predicate: '= ?::int', value: String(Math.trunc(Number(ids[0]))) } : { predicate: '= any(?::int[])', value: parentsLiteral(ids) };
}

/** The statements reading every column of an entity's rows by key, by entity and `byKey` predicate. */
const byIdStatements = new WeakMap<EntityMetadata, Map<string, Statement>>();

/**
 * Rows of `entity` with the given keys as read-only rows of every column, in one statement
 * (`id = any(array)`, or `id = $1` for one key), in no particular order; the by-key twin of `readOnlyRows`, for the
 * read-only lookups of a request (`Loaders.row`). The statement is written once per entity:
 * a lookup by key needs none of the query builder's work on every call.
 */
export async function readOnlyRowsById<T>(em: EntityManager, entity: EntityName<T>, ids: readonly number[]): Promise<T[]> {
  const meta = em.getMetadata().get(entity as never) as EntityMetadata;
  const plan = rowPlan(meta, em.getPlatform(), null)!;
  const keys = byKey(ids);
  let byPredicate = byIdStatements.get(meta);
  if (!byPredicate) byIdStatements.set(meta, (byPredicate = new Map()));
  let st = byPredicate.get(keys.predicate);
  if (!st) {
    const { q, table } = quoting(em.getPlatform());
    const sql = `select ${plan.columns.map(q).join(', ')} from ${table(meta)} where ${q(keyColumn(meta))} ${keys.predicate}`;
    byPredicate.set(keys.predicate, (st = statementOf(em.getPlatform(), sql, [PARENTS])));
  }
  const raws = await runStatement<Record<string, unknown>>(em, st, keys.value);
  return raws.map((r) => new plan.Row(r) as T);
}

/** The statements reading rows by key with the row one of their relations points to, by entity, relation and `byKey` predicate. */
const withRelationStatements = new WeakMap<EntityMetadata, Map<string, Statement>>();

/**
 * Rows of `entity` by key, each with the row its to-one `relation` points to, as read-only rows of
 * every column, in one statement (a left join): what `readOnlyRowsById` and a second lookup of the
 * related rows would answer, in one round trip instead of two.
 */
export async function readOnlyRowsWithRelation<T, R>(
  em: EntityManager,
  entity: EntityName<T>,
  relation: string,
  ids: readonly number[],
): Promise<{ rows: T[]; related: R[] }> {
  const metadata = em.getMetadata();
  const meta = metadata.get(entity as never) as EntityMetadata;
  const prop = meta.properties[relation];
  if (!prop || prop.kind !== ReferenceKind.MANY_TO_ONE || prop.fieldNames.length !== 1) throw new Error(`${meta.className}.${relation} is not a single-column to-one relation`);
  const relMeta = metadata.find(prop.type)!;
  const platform = em.getPlatform();
  const plan = rowPlan(meta, platform, null)!;
  const relPlan = rowPlan(relMeta, platform, null)!;
  let byRelation = withRelationStatements.get(meta);
  if (!byRelation) withRelationStatements.set(meta, (byRelation = new Map()));
  const keys = byKey(ids);
  const name = `${relation} ${keys.predicate}`;
  let st = byRelation.get(name);
  if (!st) {
    const { q, table } = quoting(platform);
    const cols = [...plan.columns.map((c, i) => `e.${q(c)} as "e${i}"`), ...relPlan.columns.map((c, i) => `r.${q(c)} as "r${i}"`)];
    const sql = `select ${cols.join(', ')} from ${table(meta)} e left join ${table(relMeta)} r on r.${q(keyColumn(relMeta))} = e.${q(prop.fieldNames[0])} where e.${q(keyColumn(meta))} ${keys.predicate}`;
    byRelation.set(name, (st = statementOf(platform, sql, [PARENTS])));
  }
  const raws = await runStatement<Record<string, unknown>>(em, st, keys.value);
  const rows: T[] = [];
  const related: R[] = [];
  for (const raw of raws) {
    const own: Record<string, unknown> = {};
    plan.columns.forEach((c, i) => (own[c] = raw[`e${i}`]));
    rows.push(new plan.Row(own) as T);
    if (raw.r0 === null || raw.r0 === undefined) continue;
    const other: Record<string, unknown> = {};
    relPlan.columns.forEach((c, i) => (other[c] = raw[`r${i}`]));
    related.push(new relPlan.Row(other) as R);
  }
  return { rows, related };
}
