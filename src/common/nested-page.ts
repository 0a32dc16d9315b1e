import { raw, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from './context';
import { readOnlyRow } from '../db/read-only-rows';
import { validatePageArgs, type ConnectionArgs, type ConnectionShape } from './connection';

const encodeCursor = (id: number) => Buffer.from(`k:${id}`).toString('base64url');

/**
 * One page of children per parent (e.g. Unit.officials, Official.sanctions), batched over all
 * the parents of a response: one windowed statement per level of the query, whatever the page
 * sizes, and one grouped count when totalCount is asked for. Same keyset order, same cursors and
 * the same scoped predicate as `paginate`, so a nested page answers exactly what a root page would.
 *
 * `where` must carry the caller's scope and the filters, but not the parent condition. Loaders are
 * per request (one viewer) and their name holds the predicate (scope included) and the page args,
 * so parents asking with different arguments never share a batch.
 */
export async function pageOfChildren<T extends { id: number }>(
  ctx: RequestContext,
  entity: EntityName<T>,
  parentProp: string,
  parentId: number,
  where: FilterQuery<T>,
  args: ConnectionArgs,
): Promise<ConnectionShape<T>> {
  const { size, backward, afterId, beforeId } = validatePageArgs(args);
  const meta = ctx.em.getMetadata().get(entity as never);
  const fk = meta.properties[parentProp].fieldNames[0];
  const keyConds: Record<string, unknown>[] = [];
  if (afterId !== undefined) keyConds.push({ id: { $gt: afterId } });
  if (beforeId !== undefined) keyConds.push({ id: { $lt: beforeId } });
  const scopeKey = JSON.stringify(where);
  const name = `children:${meta.className}.${parentProp}:${scopeKey}`;
  const pageKey = `${name}:${size}:${backward ? 'b' : 'f'}:${afterId ?? ''}:${beforeId ?? ''}`;

  const rows =
    size === 0
      ? []
      : await ctx.loaders
          .custom<number, T[]>(pageKey, async (parentIds) => {
            const qb = ctx.em
              .createQueryBuilder(entity, 'e')
              .select(['*', raw(`row_number() over (partition by e.${fk} order by e.id ${backward ? 'desc' : 'asc'}) as "__rn"`)])
              .where({ $and: [where, { [parentProp]: { $in: [...parentIds] } }, ...keyConds] } as FilterQuery<T>);
            const knex = ctx.em.getKnex();
            const outer = knex
              .select('*')
              .from(qb.getKnexQuery().as('w'))
              .where('w.__rn', '<=', size + 1)
              .orderBy([{ column: `w.${fk}` }, { column: 'w.__rn' }]);
            const raws = await ctx.em.getConnection().execute<Record<string, unknown>[]>(outer as never);
            const byParent = new Map<number, T[]>();
            const platform = ctx.em.getPlatform();
            for (const r of raws) {
              const pid = Number(r[fk]);
              let list = byParent.get(pid);
              if (!list) byParent.set(pid, (list = []));
              // read-only rows, not managed entities: see src/db/read-only-rows.ts
              list.push(readOnlyRow(meta, platform, r) as T);
            }
            return parentIds.map((id) => byParent.get(id) ?? []);
          })
          .load(parentId);

  const more = rows.length > size;
  const page = more ? rows.slice(0, size) : [...rows];
  if (backward) page.reverse();
  const edges = page.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: backward ? beforeId !== undefined : more,
      hasPreviousPage: backward ? more : afterId !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    countFn: () =>
      ctx.loaders
        .custom<number, number>(`count:${name}`, async (parentIds) => {
          const qb = ctx.em
            .createQueryBuilder(entity, 'e')
            .select([`e.${fk}`, raw('count(*) as "__n"')])
            .where({ $and: [where, { [parentProp]: { $in: [...parentIds] } }] } as FilterQuery<T>)
            .groupBy(`e.${fk}`);
          const raws = await ctx.em.getConnection().execute<Record<string, unknown>[]>(qb.getKnexQuery() as never);
          const counts = new Map(raws.map((r) => [Number(r[fk]), Number(r.__n)]));
          return parentIds.map((id) => counts.get(id) ?? 0);
        })
        .load(parentId),
  };
}
