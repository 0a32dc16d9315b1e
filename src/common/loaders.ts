import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { readOnlyRowsById, readOnlyRowsWithRelation } from '../db/read-only-rows';

/**
 * Per-request batching: one statement per relation per level of a query, whatever the
 * page size. Loaders are created lazily, one per entity (by id) or per named relation.
 */
export class Loaders {
  private readonly byId = new Map<unknown, DataLoader<number, unknown>>();
  private readonly rows = new Map<unknown, DataLoader<number, unknown>>();
  private readonly fields = new WeakMap<object, Map<string, unknown>>();
  private readonly named = new Map<string, DataLoader<any, any>>();

  constructor(private readonly em: EntityManager) {}

  /** Loads rows of `entity` by primary key, batched; missing ids load as null. Scope is the caller's job. */
  load<T extends { id: number }>(entity: EntityName<T>, id: number): Promise<T | null> {
    let loader = this.byId.get(entity) as DataLoader<number, T | null> | undefined;
    if (!loader) {
      loader = new DataLoader<number, T | null>(async (ids) => {
        const rows = (await this.em.find(entity, { id: { $in: [...ids] } } as never)) as T[];
        const map = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => map.get(id) ?? null);
      });
      this.byId.set(entity, loader as DataLoader<number, unknown>);
    }
    return loader.load(id);
  }

  /**
   * A row of `entity` by primary key for reading only (src/db/read-only-rows.ts: no identity map,
   * never flushed), batched; missing ids load as null. For what a response shows (a relation's
   * target, a record looked up to be answered), never for what a mutation changes: those use
   * `load` or the mutation's own entity manager. Scope is the caller's job.
   */
  row<T extends { id: number }>(entity: EntityName<T>, id: number): Promise<T | null> {
    return this.rowLoader(entity).load(id);
  }

  private rowLoader<T extends { id: number }>(entity: EntityName<T>): DataLoader<number, T | null> {
    // keyed by the class: `rowWith` names related entities by their class name
    const key = typeof entity === 'string' ? this.em.getMetadata().find(entity)!.class : entity;
    let loader = this.rows.get(key) as DataLoader<number, T | null> | undefined;
    if (!loader) {
      loader = new DataLoader<number, T | null>(async (ids) => {
        const rows = await readOnlyRowsById<T>(this.em, entity, ids);
        const map = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => map.get(id) ?? null);
      });
      this.rows.set(key, loader as DataLoader<number, unknown>);
    }
    return loader;
  }

  /**
   * A value worked out once per request for one field of the document, whatever its parent: all
   * the parents at that place have the same arguments (from the document and the request's
   * variables), e.g. the filter and the batch of a nested page (src/common/nested-page.ts). A
   * fragment spread under several types is one field node: the parent type is part of the key.
   */
  perField<V>(info: GraphQLResolveInfo, make: () => V): V {
    const node = info.fieldNodes[0];
    let byType = this.fields.get(node);
    if (!byType) this.fields.set(node, (byType = new Map()));
    const type = info.parentType.name;
    if (byType.has(type)) return byType.get(type) as V;
    const value = make();
    byType.set(type, value);
    return value;
  }

  /**
   * `row(entity, id)` and, in the same statement, the row its to-one `relation` points to, which
   * later `row(...)` lookups of that entity find without a statement of their own (e.g. an official
   * asked for with its unit). Batched like `row`.
   */
  rowWith<T extends { id: number }>(entity: EntityName<T>, id: number, relation: string): Promise<T | null> {
    const name = `rowWith:${typeof entity === 'function' ? entity.name : String(entity)}.${relation}`;
    return this.custom<number, T | null>(name, async (ids) => {
      const { rows, related } = await readOnlyRowsWithRelation<T, { id: number }>(this.em, entity, relation, ids);
      const relEntity = this.em.getMetadata().get(entity as never).properties[relation].type;
      for (const r of related) this.rowLoader(relEntity as never).prime(r.id, r);
      for (const r of rows) this.rowLoader(entity).prime(r.id, r);
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }).load(id);
  }

  /** A named loader with its own batch function, created once per request. */
  custom<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>, cacheKeyFn?: (k: K) => string): DataLoader<K, V, string> {
    let loader = this.named.get(name) as DataLoader<K, V, string> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V, string>(batch as never, cacheKeyFn ? { cacheKeyFn } : undefined);
      this.named.set(name, loader);
    }
    return loader;
  }
}
