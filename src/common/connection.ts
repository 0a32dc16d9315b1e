import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo, base64urlAscii } from './relay';
import { badInput } from './errors';
import { readOnlyCount, readOnlyRows } from '../db/read-only-rows';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: '取前 N 条 (first N rows, at most 100; default 20)' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: '在此游标之后 (rows after this cursor)' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: '取后 N 条 (last N rows, at most 100)' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: '在此游标之前 (rows before this cursor)' })
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  countFn: () => Promise<number>;
}

/**
 * The Relay connection and edge types for one node type. `totalCount` is computed only
 * when asked for, with the same scoped predicate as the page.
 */
export function connectionTypes<T extends object>(nodeType: ClassType<T>, name: string, term: string) {
  @ObjectType(`${name}Edge`, { description: `${term}的边 (edge of a ${name} connection)` })
  class EdgeType {
    @Field({ description: '游标 (opaque cursor of this row)' })
    cursor!: string;

    @Field(() => nodeType, { description: '记录 (the row)' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `${term}列表 (Relay connection of ${name})` })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType], { description: '边 (edges, in a stable order)' })
    edges!: Edge<T>[];

    @Field(() => [nodeType], { description: '记录 (the rows of this page, same order as edges)' })
    nodes!: T[];

    @Field(() => PageInfo, { description: '分页信息 (page information)' })
    pageInfo!: PageInfo;

    countFn!: () => Promise<number>;

    @Field(() => Int, { description: '总数 (number of rows the caller may see that match the filter)' })
    totalCount(): Promise<number> {
      return this.countFn();
    }
  }

  return ConnectionType;
}

export const encodeCursor = (id: number) => base64urlAscii(`k:${id}`);

function decodeCursor(cursor: string, arg: string): number {
  const text = typeof cursor === 'string' && cursor.length < 64 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const m = /^k:(\d{1,10})$/.exec(text);
  if (!m) throw badInput(`"${arg}" is not a valid cursor`);
  return Number(m[1]);
}

export function validatePageArgs(args: ConnectionArgs): { size: number; backward: boolean; afterId?: number; beforeId?: number } {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw badInput('Pass either "first" or "last", not both');
  for (const [name, v] of [['first', first], ['last', last]] as const) {
    if (v != null && (v < 0 || v > MAX_PAGE_SIZE)) throw badInput(`"${name}" must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return {
    size: first ?? last ?? DEFAULT_PAGE_SIZE,
    backward: last != null,
    afterId: after != null ? decodeCursor(after, 'after') : undefined,
    beforeId: before != null ? decodeCursor(before, 'before') : undefined,
  };
}

/**
 * Keyset pagination on the primary key: a stable order, no slowdown from skipped rows.
 * `where` must already carry the caller's scope, so pages and counts hold only visible rows.
 *
 * `readOnly`: the page's rows are read-only rows (src/db/read-only-rows.ts) holding the columns
 * `reads` names (`nodeReads(info)`; every column when null) instead of managed entities: for the
 * large list queries, whose rows are only read.
 */
export async function paginate<T extends { id: number }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  args: ConnectionArgs,
  readOnly?: { reads: readonly string[] | null },
): Promise<ConnectionShape<T>> {
  const { size, backward, afterId, beforeId } = validatePageArgs(args);
  const keyConds: Record<string, unknown>[] = [];
  if (afterId !== undefined) keyConds.push({ id: { $gt: afterId } });
  if (beforeId !== undefined) keyConds.push({ id: { $lt: beforeId } });
  const pageWhere = (keyConds.length ? { $and: [where, ...keyConds] } : where) as FilterQuery<T>;
  const order = backward ? 'desc' : 'asc';
  const rows =
    size === 0
      ? []
      : readOnly
        ? await readOnlyRows(em as never, entity, pageWhere, { id: order }, readOnly.reads, size + 1)
        : await em.find(entity, pageWhere, { orderBy: { id: order } as never, limit: size + 1 });
  const more = rows.length > size;
  const page = (more ? rows.slice(0, size) : rows) as T[];
  if (backward) page.reverse();
  return connectionOf(page, { more, backward, afterId, beforeId }, () => (readOnly ? readOnlyCount(em as never, entity, where) : em.count(entity, where)));
}

/** Page information whose cursors are encoded only when read (the methods live on the prototype: no closures per page). */
class LazyPageInfo<T extends { id: number }> {
  constructor(
    private readonly page: T[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.page.length ? encodeCursor(this.page[0].id) : null;
  }

  get endCursor(): string | null {
    return this.page.length ? encodeCursor(this.page[this.page.length - 1].id) : null;
  }
}

/** A connection whose edges are built only when read. */
class LazyConnection<T extends { id: number }> implements ConnectionShape<T> {
  private builtEdges: Edge<T>[] | undefined;
  constructor(
    readonly nodes: T[],
    readonly pageInfo: PageInfo,
    readonly countFn: () => Promise<number>,
  ) {}

  get edges(): Edge<T>[] {
    return (this.builtEdges ??= this.nodes.map((node) => ({ cursor: encodeCursor(node.id), node })));
  }
}

/**
 * The connection object of a page (rows already in their final order). Edges and cursors are
 * built only when read: most list pages ask for `nodes`, and a nested page has ~1,000 connections
 * of ~1,500 rows in all (two small objects each, their getters on a prototype).
 */
export function connectionOf<T extends { id: number }>(
  page: T[],
  at: { more: boolean; backward: boolean; afterId?: number; beforeId?: number },
  countFn: () => Promise<number>,
): ConnectionShape<T> {
  const info = new LazyPageInfo(page, at.backward ? at.beforeId !== undefined : at.more, at.backward ? at.more : at.afterId !== undefined);
  return new LazyConnection(page, info as unknown as PageInfo, countFn);
}
