import { ReferenceKind, type EntityMetadata, type Platform } from '@mikro-orm/core';

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
  proto: object;
  props: { name: string; column: string; ref: boolean; convert?: (v: unknown) => unknown }[];
  /** Builds one row: a constructor generated for the entity (see `compile`). */
  Row: new (raw: Record<string, unknown>) => object;
}

const plans = new WeakMap<EntityMetadata, Plan>();

function planFor(meta: EntityMetadata, platform: Platform): Plan {
  let plan = plans.get(meta);
  if (plan) return plan;
  // the entity's prototype stays in the chain (its getters and methods, `constructor`, and
  // `instanceof`, which type-graphql checks before it would copy a @Root() into a new entity),
  // but every property the ORM intercepts with a setter on that prototype is shadowed by a plain
  // writable slot, so that assigning a column creates an own property and never wakes the ORM
  const proto = Object.create(meta.prototype) as Record<string, unknown>;
  for (const name of Object.keys(meta.properties)) Object.defineProperty(proto, name, { value: undefined, writable: true, enumerable: false });
  const props: Plan['props'] = [];
  for (const prop of meta.props) {
    if (prop.persist === false || !prop.fieldNames?.length) continue;
    if (prop.kind === ReferenceKind.SCALAR) {
      const type = prop.customType;
      props.push({ name: prop.name, column: prop.fieldNames[0], ref: false, convert: type ? (v) => type.convertToJSValue(v, platform) : undefined });
    } else if ((prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) && prop.fieldNames.length === 1) {
      props.push({ name: prop.name, column: prop.fieldNames[0], ref: true });
    }
  }
  plan = { proto, props, Row: compile(proto, props) };
  plans.set(meta, plan);
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

/** One read-only row from a database row (column names as in the table). */
export function readOnlyRow<T>(meta: EntityMetadata<T>, platform: Platform, raw: Record<string, unknown>): T {
  const { Row } = planFor(meta as EntityMetadata, platform);
  return new Row(raw) as T;
}
