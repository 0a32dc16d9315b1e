import { raw, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import type { GraphQLResolveInfo } from 'graphql';
import type DataLoader from 'dataloader';
import type { RequestContext } from './context';
import { executeCachedRead, pagePlan, parentsLiteral, plainJsonKey } from '../db/read-only-rows';
import { connectionOf, validatePageArgs, type ConnectionArgs, type ConnectionShape } from './connection';
import { nodeReads } from './projection';

/**
 * The parents' condition as one array parameter (`= any($n::int[])`) rather than the ORM's
 * `in ($1, …, $500)`: the ORM processes every element of an `$in` list as a criteria node, and
 * PostgreSQL plans 500 parameters; one array costs neither.
 */
function withParents(query: Knex.QueryBuilder, fk: string, parents: string): Knex.QueryBuilder {
  // an array literal (parentsLiteral): the ORM inlines bindings, and would spread a JS array into a list
  return query.whereRaw(`e.${fk} = any(?::int[])`, [parents]);
}

/** One level of a nested page: all that depends on the field of the document, none of it on the parent. */
export interface ChildLevel<T> {
  /** The page of one parent's children, batched with the other parents of the level. */
  page(parentId: number): Promise<ConnectionShape<T>>;
}

/**
 * One page of children per parent (e.g. Unit.officials, Official.sanctions), batched over all
 * the parents of a response: one windowed statement per level of the query, whatever the page
 * sizes, and one grouped count when totalCount is asked for. Same keyset order, same cursors and
 * the same scoped predicate as `paginate`, so a nested page answers exactly what a root page would.
 *
 * `where` must carry the caller's scope and the filters, but not the parent condition. Loaders are
 * per request (one viewer) and their name holds the predicate (scope included), the page args and
 * the columns, so parents asking with different arguments or selections never share a batch.
 *
 * `reads`: the properties the selected fields read (`nodeReads(info)`, src/common/projection.ts);
 * only those columns, the key and the parent's column are selected. Null or absent: every column.
 */
export function childLevel<T extends { id: number }>(
  ctx: RequestContext,
  entity: EntityName<T>,
  parentProp: string,
  where: FilterQuery<T>,
  args: ConnectionArgs,
  reads?: readonly string[] | null,
): ChildLevel<T> {
  const { size, backward, afterId, beforeId } = validatePageArgs(args);
  const meta = ctx.em.getMetadata().get(entity as never);
  const fk = meta.properties[parentProp].fieldNames[0];
  const plan = pagePlan(meta, ctx.em.getPlatform(), reads, parentProp);
  const keyConds: Record<string, unknown>[] = [];
  if (afterId !== undefined) keyConds.push({ id: { $gt: afterId } });
  if (beforeId !== undefined) keyConds.push({ id: { $lt: beforeId } });
  // the predicate's JSON names the batch; a plain one (the rule) also names the statement's text
  const predicate = plainJsonKey(where);
  const name = `children:${meta.className}.${parentProp}:${predicate ?? JSON.stringify(where)}`;
  const pageKey = `${name}:${size}:${backward ? 'b' : 'f'}:${afterId ?? ''}:${beforeId ?? ''}:${plan.key}`;
  const at = { backward, afterId, beforeId };

  const pages =
    size === 0
      ? null
      : ctx.loaders.custom<number, ConnectionShape<T>>(pageKey, async (parentIds) => {
          const build = (parents: string) => {
            const qb = ctx.em
              .createQueryBuilder(entity, 'e')
              .select([...plan.columns.map((c) => `e.${c}`), raw(`row_number() over (partition by e.${fk} order by e.id ${backward ? 'desc' : 'asc'}) as "__rn"`)])
              .where((keyConds.length ? { $and: [where, ...keyConds] } : where) as FilterQuery<T>);
            // the page's columns, not the row number: it only orders and cuts the window
            return ctx.em
              .getKnex()
              .select(plan.columns.map((c) => `w.${c}`))
              .from(withParents(qb.getKnexQuery(), fk, parents).as('w'))
              .where('w.__rn', '<=', size + 1)
              .orderBy([{ column: `w.${fk}` }, { column: 'w.__rn' }]);
          };
          const raws = await executeCachedRead(ctx.em, predicate === null ? null : `page:${pageKey}`, build, parentsLiteral(parentIds));
          const byParent = new Map<number, T[]>();
          const { Row } = plan;
          for (const r of raws) {
            const pid = Number(r[fk]);
            let list = byParent.get(pid);
            if (!list) byParent.set(pid, (list = []));
            // read-only rows, not managed entities: see src/db/read-only-rows.ts
            list.push(new Row(r) as T);
          }
          // each parent's connection is made here, so that a parent's page is the loader's promise itself
          return parentIds.map((id) => connection(id, byParent.get(id) ?? none));
        });
  let countLoader: DataLoader<number, number, string> | undefined;
  const counts = () =>
    (countLoader ??= ctx.loaders.custom<number, number>(`count:${name}`, async (parentIds) => {
      const build = (parents: string) =>
        withParents(ctx.em.createQueryBuilder(entity, 'e').select([`e.${fk}`, raw('count(*) as "__n"')]).where(where).groupBy(`e.${fk}`).getKnexQuery(), fk, parents);
      const raws = await executeCachedRead(ctx.em, predicate === null ? null : `count:${name}`, build, parentsLiteral(parentIds));
      const byParent = new Map(raws.map((r) => [Number(r[fk]), Number(r.__n)]));
      return parentIds.map((id) => byParent.get(id) ?? 0);
    }));

  const none: T[] = [];
  const connection = (parentId: number, rows: T[]) => {
    const more = rows.length > size;
    // the loader's array is copied only when it must change: cut to the page size, or reversed
    const page = more ? rows.slice(0, size) : backward ? [...rows] : rows;
    if (backward) page.reverse();
    return connectionOf(page, { more, ...at }, () => counts().load(parentId));
  };
  return {
    page: (parentId) => (pages ? pages.load(parentId) : Promise.resolve(connection(parentId, none))),
  };
}

/**
 * One parent's page of children at a field of the document (e.g. `Official.sanctions`), with the
 * level prepared once per request for that field: every parent there has the same arguments (they
 * come from the document and the request's variables), so the filter, the caller's scope, the
 * page arguments, the columns and the batch names are worked out for the first parent only, and a
 * nested page's ~1,000 sanctions connections each cost one loader call. `where` builds the
 * level's predicate (scope and filters, without the parent condition); an error it raises is
 * every parent's error, as it was when each built its own.
 */
export function childPage<T extends { id: number }>(
  ctx: RequestContext,
  info: GraphQLResolveInfo,
  entity: EntityName<T>,
  parentProp: string,
  parentId: number,
  where: () => FilterQuery<T> | Promise<FilterQuery<T>>,
  args: ConnectionArgs,
): Promise<ConnectionShape<T>> {
  const level = ctx.loaders.perField(info, () => {
    const prepared: { level?: ChildLevel<T>; ready: Promise<ChildLevel<T>> } = {
      ready: Promise.resolve()
        .then(where)
        .then((w) => (prepared.level = childLevel(ctx, entity, parentProp, w, args, nodeReads(info)))),
    };
    return prepared;
  });
  // once the first parent has prepared the level, the others go straight to it
  return level.level ? level.level.page(parentId) : level.ready.then((l) => l.page(parentId));
}
