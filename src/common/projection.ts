import { Extensions } from 'type-graphql';
import { getNamedType, isObjectType, Kind, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Which columns a nested page selects.
 *
 * A nested page (Unit.officials, Official.sanctions, Unit.children) answers a few thousand rows
 * per request; selecting every column of them (a sanction has 27) cost more in PostgreSQL, on the
 * wire, in the driver's parsing and in garbage than the rest of the request. So the page selects
 * the columns its nodes' selected fields read, and every column whenever it cannot tell:
 *  - a plain property field reads its own property (set on the field by `src/schema.ts`);
 *  - a field with a resolver (or a getter) reads what it declares with `@Reads(...)`; a field
 *    that declares nothing makes the page select every column;
 *  - the type's rules read what the rule table declares in `reads` (scope path, recusal
 *    subjects): selected when a selected field has a rule that does work on the row (a field
 *    graphql-shield wraps, `ruledFields`; all of them when the type does not say), while a page
 *    showing only fields that are readable wherever the row is (ROW) leaves them out. The key and
 *    the parent's column are always selected.
 * Rows of such a page throw on reading a property that was not selected
 * (src/db/read-only-rows.ts), so a missing declaration fails loudly instead of answering null.
 */

/** The entity properties a field's resolver reads from its row (see above). */
export const Reads = (...properties: string[]) => Extensions({ reads: properties });

/** Properties read by a field, as declared on it; undefined when undeclared. */
export function fieldReads(type: GraphQLObjectType, field: string): readonly string[] | undefined {
  const reads = type.getFields()[field]?.extensions?.reads;
  return Array.isArray(reads) ? (reads as string[]) : undefined;
}

/** Properties the rules of a type read whatever the field (set on the type by `src/schema.ts`). */
export function typeReads(type: GraphQLObjectType): readonly string[] {
  const reads = type.extensions?.reads;
  return Array.isArray(reads) ? (reads as string[]) : [];
}

/** Whether the rule of a field does work on the row (set on the type by `src/schema.ts`; true when the type does not say). */
export function fieldIsRuled(type: GraphQLObjectType, field: string): boolean {
  const ruled = type.extensions?.ruledFields;
  return Array.isArray(ruled) ? ruled.includes(field) : true;
}

const cache = new WeakMap<FieldNode, readonly string[] | null>();

/**
 * The properties the selected fields of a connection's nodes read (through `nodes { … }` and
 * `edges { node { … } }`, fragments included), or null for every column. Directives are not
 * evaluated: a field under `@skip` still counts, which only ever selects more. The answer
 * depends only on the document, so it is computed once per field of a document.
 */
export function nodeReads(info: GraphQLResolveInfo): readonly string[] | null {
  const key = info.fieldNodes[0];
  if (cache.has(key)) return cache.get(key)!;
  const answer = computeNodeReads(info);
  cache.set(key, answer);
  return answer;
}

function computeNodeReads(info: GraphQLResolveInfo): readonly string[] | null {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return null;
  const nodesField = connection.getFields().nodes;
  const nodeType = nodesField ? getNamedType(nodesField.type) : null;
  if (!nodeType || !isObjectType(nodeType)) return null;

  const reads = new Set<string>();
  let unknown = false;
  let ruled = false;
  const visit = (set: SelectionSetNode | undefined, onField: (f: FieldNode) => void) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) onField(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet, onField);
      else if (sel.kind === Kind.FRAGMENT_SPREAD) visit(info.fragments[sel.name.value]?.selectionSet, onField);
    }
  };
  const onNodeField = (f: FieldNode) => {
    const name = f.name.value;
    if (name === '__typename') return;
    if (fieldIsRuled(nodeType, name)) ruled = true;
    const declared = fieldReads(nodeType, name);
    if (!declared) unknown = true;
    else for (const p of declared) reads.add(p);
  };
  for (const fieldNode of info.fieldNodes) {
    visit(fieldNode.selectionSet, (f) => {
      if (f.name.value === 'nodes') visit(f.selectionSet, onNodeField);
      else if (f.name.value === 'edges') visit(f.selectionSet, (e) => e.name.value === 'node' && visit(e.selectionSet, onNodeField));
    });
  }
  if (ruled) for (const p of typeReads(nodeType)) reads.add(p);
  return unknown ? null : [...reads].sort();
}

const selectsCache = new WeakMap<FieldNode, Map<string, boolean>>();

/**
 * Whether the field's own selection asks for the field `name` (fragments followed, directives not
 * evaluated: a field under `@skip` counts). Depends only on the document: answered once per field
 * of a document. Used to read a record and the record it points to in one statement.
 */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  const key = info.fieldNodes[0];
  let byName = selectsCache.get(key);
  if (!byName) selectsCache.set(key, (byName = new Map()));
  let answer = byName.get(name);
  if (answer === undefined) {
    answer = false;
    const visit = (set: SelectionSetNode | undefined) => {
      for (const sel of set?.selections ?? []) {
        if (sel.kind === Kind.FIELD) answer ||= sel.name.value === name;
        else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
        else if (sel.kind === Kind.FRAGMENT_SPREAD) visit(info.fragments[sel.name.value]?.selectionSet);
      }
    };
    for (const f of info.fieldNodes) visit(f.selectionSet);
    byName.set(name, answer);
  }
  return answer;
}
