import { Field, ID, InterfaceType, ObjectType, Int } from 'type-graphql';
import { badInput } from './errors';
import { Reads } from './projection';

/**
 * Relay's Node: every record has an opaque global id ("Type:pk", base64url), so that
 * `node(id:)` can refetch any of them. The entity's own key stays an integer.
 */
@InterfaceType('Node', {
  description: '节点 (node): a record with a global id that `node(id:)` can refetch',
  resolveType: (value: { constructor: { typename?: string } }) => value.constructor.typename,
})
export abstract class Node {
  @Field(() => ID, { name: 'id', description: '全局标识 (opaque global id)' })
  @Reads('id')
  nodeId!: string;

  static globalId(typename: string, id: number): string {
    let prefix = prefixes.get(typename);
    if (!prefix) {
      // "Typename:" up to a multiple of three characters encodes the same before every id
      const text = `${typename}:`;
      const cut = text.length - (text.length % 3);
      prefixes.set(typename, (prefix = { head: base64urlAscii(text.slice(0, cut)), rest: text.slice(cut) }));
    }
    return prefix.head + base64urlAscii(prefix.rest + id);
  }
}

/**
 * Marks a resolver of a type's `id` that answers `Node.globalId(<type>, root.id)` (a plain read of
 * the `nodeId` getter, checked once on the class by `nodeIdIsGlobalIdOf`), so that an executor
 * may read the key inline and encode it as the field's value (src/http/executor.ts).
 */
export const GLOBAL_ID_OF = Symbol('globalIdOf');

/**
 * Whether instances of `cls` answer `nodeId` with `Node.globalId(typename, this.id)`: tried on
 * two keys with an object of the class whose `id` is set, so a getter that encodes anything else
 * (another typename, a composite key) is not taken for one.
 */
export function nodeIdIsGlobalIdOf(cls: abstract new (...args: never[]) => unknown, typename: string): boolean {
  let getter: (() => unknown) | undefined;
  for (let p = cls.prototype as object | null; p && !getter; p = Object.getPrototypeOf(p)) getter = Object.getOwnPropertyDescriptor(p, 'nodeId')?.get;
  if (!getter) return false;
  try {
    return [1, 2147483647].every((id) => getter!.call(Object.create(cls.prototype as object, { id: { value: id } })) === Node.globalId(typename, id));
  } catch {
    return false;
  }
}

/** The encoded head of each typename's ids (see `Node.globalId`). */
const prefixes = new Map<string, { head: string; rest: string }>();
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * base64url (no padding) of an ASCII text, as `Buffer.from(text).toString('base64url')` writes
 * it, without a buffer per call: a page shows a few thousand ids, and the buffer round trip was
 * most of their cost. Only for ASCII (typenames, digits, the cursor's prefix).
 */
export function base64urlAscii(text: string): string {
  let out = '';
  const n = text.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8) | text.charCodeAt(i + 2);
    out += BASE64URL[v >> 18] + BASE64URL[(v >> 12) & 63] + BASE64URL[(v >> 6) & 63] + BASE64URL[v & 63];
  }
  if (n - i === 1) {
    const v = text.charCodeAt(i) << 16;
    out += BASE64URL[v >> 18] + BASE64URL[(v >> 12) & 63];
  } else if (n - i === 2) {
    const v = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8);
    out += BASE64URL[v >> 18] + BASE64URL[(v >> 12) & 63] + BASE64URL[(v >> 6) & 63];
  }
  return out;
}

export interface DecodedId {
  typename: string;
  id: number;
}

/** Decodes a global id, or answers null when it is not one of ours. */
export function decodeGlobalId(globalId: string): DecodedId | null {
  if (typeof globalId !== 'string' || globalId.length > 200 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const m = /^([A-Z][A-Za-z]+):([1-9]\d{0,9})$/.exec(text);
  if (!m) return null;
  const id = Number(m[2]);
  if (id > 2147483647) return null;
  return { typename: m[1], id };
}

/** The integer key of a global id that must name a record of `typename`, or a BAD_USER_INPUT error. */
export function keyOf(globalId: string, typename: string, argName = 'id'): number {
  const decoded = decodeGlobalId(globalId);
  if (!decoded || decoded.typename !== typename) {
    throw badInput(`"${argName}" is not a valid ${typename} id`);
  }
  return decoded.id;
}

/** Same as keyOf, but answers null instead of throwing, for mutations that report user errors. */
export function tryKeyOf(globalId: string | undefined | null, typename: string): number | null {
  if (globalId == null) return null;
  const decoded = decodeGlobalId(globalId);
  return decoded && decoded.typename === typename ? decoded.id : null;
}

@ObjectType('PageInfo', { description: '分页信息 (page information, Relay cursor connections)' })
export class PageInfo {
  @Field({ description: '是否有下一页 (whether more rows follow)' })
  hasNextPage!: boolean;

  @Field({ description: '是否有上一页 (whether rows precede)' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: '首条游标 (cursor of the first row)' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: '末条游标 (cursor of the last row)' })
  endCursor!: string | null;
}

export { Int };
