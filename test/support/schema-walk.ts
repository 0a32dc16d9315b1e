import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { globalId, type TestApp } from './app';

/**
 * Walks the served schema and builds fast-check arbitraries for the arguments of its
 * mutations and connections, so that every new mutation or connection is fuzzed without
 * naming it here. Values that depend on the database at the time of the call (a real id, the
 * current version of a row, a real code) are generated as `Ref`s and resolved just before the
 * request is sent: generation stays pure and a fixed seed stays reproducible.
 */

export async function introspect(app: TestApp, as: string): Promise<GraphQLSchema> {
  const r = await app.gql(as, getIntrospectionQuery());
  if (!r.body.data) throw new Error(`introspection failed: ${JSON.stringify(r.body.errors)}`);
  return buildClientSchema(r.body.data);
}

/** The object types that implement Node: the kinds of record a global id can name. */
export function nodeTypes(schema: GraphQLSchema): string[] {
  const node = schema.getType('Node');
  if (!node || !isInterfaceType(node)) return [];
  return schema.getPossibleTypes(node).map((t) => t.name).sort();
}

/** Records are stored in the snake_case table of their GraphQL type name (ResponsibilityLetter → responsibility_letter). */
export const tableOf = (typename: string) => typename.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

export const decodeGlobalId = (id: unknown): { typename: string; pk: number } | null => {
  if (typeof id !== 'string') return null;
  const m = /^([A-Za-z]+):(\d+)$/.exec(Buffer.from(id, 'base64url').toString('utf8'));
  return m ? { typename: m[1], pk: Number(m[2]) } : null;
};

// ---------------------------------------------------------------------------------------------
// Deferred values

export type RefSpec =
  | { kind: 'id'; typename: string; pick: number }
  | { kind: 'version'; pick: number }
  | { kind: 'code'; table: string; pick: number };

/** A value that names something in the database as it is when the call is made. */
export class Ref {
  constructor(readonly spec: RefSpec) {}
  toString(): string {
    return `Ref(${JSON.stringify(this.spec)})`;
  }
}

export interface Resolver {
  /**
   * Keys of the rows of a table, in key order (empty when there is no such table); `scoped`
   * asks for the rows the caller can reach, when the resolver knows them and there are some.
   */
  keys(table: string, scoped?: boolean): Promise<number[]>;
  version(table: string, pk: number): Promise<number | null>;
  codes(table: string): Promise<string[]>;
}

/**
 * A Resolver over the test database; `reach(table, row)` (optional) says whether the caller can
 * reach a row. The key lists are read once per resolver, i.e. once per call.
 */
export function sqlResolver(app: TestApp, tables: Set<string>, reach?: (table: string, row: Record<string, unknown>) => boolean): Resolver {
  const rowCache = new Map<string, Record<string, unknown>[]>();
  return {
    async keys(table, scoped = false) {
      if (!tables.has(table)) return [];
      if (!rowCache.has(table)) rowCache.set(table, await app.sql(`select * from "${table}" order by id`));
      const rows = rowCache.get(table)!;
      const reachable = scoped && reach ? rows.filter((row) => reach(table, row)) : [];
      return (reachable.length ? reachable : rows).map((row) => row.id as number);
    },
    async version(table, pk) {
      if (!tables.has(table) || !(pk >= 1 && pk <= 2147483647)) return null;
      const rows = await app.sql(`select * from "${table}" where id = $1`, [pk]);
      return rows.length && typeof rows[0].version === 'number' ? rows[0].version : null;
    },
    async codes(table) {
      if (!tables.has(table)) return [];
      return (await app.sql(`select code from "${table}" order by id`)).map((r) => r.code);
    },
  };
}

/**
 * Replaces every Ref by its value now. A version Ref takes the current version of the row named
 * by the `id` of the same object (or of any row when there is none), so that well-formed edits
 * are not all refused as stale.
 */
export async function resolveRefs(value: unknown, r: Resolver): Promise<unknown> {
  if (value instanceof Ref) return resolveOne(value.spec, r);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) out.push(await resolveRefs(v, r));
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const entries = Object.entries(value);
    for (const [k, v] of entries) if (!(v instanceof Ref && v.spec.kind === 'version')) out[k] = await resolveRefs(v, r);
    for (const [k, v] of entries) if (v instanceof Ref && v.spec.kind === 'version') out[k] = await resolveOne(v.spec, r, out.id);
    return out;
  }
  return value;
}

async function resolveOne(spec: RefSpec, r: Resolver, siblingId?: unknown): Promise<unknown> {
  switch (spec.kind) {
    case 'id': {
      // Half of the ids name a row the caller can reach, so that scoped writers get past the scope check.
      const keys = await r.keys(tableOf(spec.typename), spec.pick % 2 === 0);
      return globalId(spec.typename, keys.length ? keys[spec.pick % keys.length] : spec.pick + 1);
    }
    case 'version': {
      const d = decodeGlobalId(siblingId);
      const v = d ? await r.version(tableOf(d.typename), d.pk) : null;
      // A stale or future version now and then, to reach the CONFLICT path as well.
      if (v == null) return 1 + (spec.pick % 3);
      return spec.pick % 7 === 0 ? v + 1 : v;
    }
    case 'code': {
      const codes = await r.codes(spec.table);
      return codes.length ? codes[spec.pick % codes.length] : `X${spec.pick}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

export type Mode = 'valid' | 'mixed' | 'chaos';

export interface GenContext {
  schema: GraphQLSchema;
  /** Node types, for ids of the wrong type and random valid-looking ids. */
  nodeTypes: string[];
  /** The node type of a bare `id` field (the record the mutation edits), when known. */
  idType?: string;
  /** Today (YYYY-MM-DD), so that well-formed dates lie near it. */
  today: string;
}

const OMIT = Symbol('omit');

/** The node type an ID field names, guessed from its name; null: unknown. */
export function idTypeFor(field: string, ctx: GenContext): string | null {
  const has = (t: string) => (ctx.nodeTypes.includes(t) ? t : null);
  const base = field.replace(/(Ids?|s)$/, '');
  if (field === 'id' || field === 'ids') return ctx.idType ?? null;
  if (/unit|parent|subtree|organisation|organization/i.test(field)) return has('Unit');
  if (/official|principal|subject|relative|person/i.test(field)) return has('Official');
  if (/^letter/i.test(field)) return has('ResponsibilityLetter');
  if (/^item/i.test(field)) return has('ResponsibilityItem');
  if (/team/i.test(field)) return has('DispatchedTeam');
  if (/sanction/i.test(field)) return has('Sanction');
  if (/grant/i.test(field)) return has('RoleGrant');
  if (/assignment/i.test(field)) return has('SupervisionAssignment');
  const cap = base.charAt(0).toUpperCase() + base.slice(1);
  return has(cap);
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A resident identity number with a correct GB 11643 check digit. */
const identityNumber = fc
  .record({ region: fc.constantFrom('990101', '110101', '320102'), days: fc.integer({ min: 0, max: 20000 }), seq: fc.integer({ min: 0, max: 999 }) })
  .map(({ region, days, seq }) => {
    const birth = addDays('1950-01-01', days).replaceAll('-', '');
    const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
    const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(first17[i]), 0);
    return first17 + '10X98765432'[sum % 11];
  });

const CHINESE = '廉政监督纪委监委派驻组党委组织部财政局教育局东岭镇西河乡南山村责任书承诺考核处分警告记过撤职留党察看通报批评诫勉谈话整改问题线索信访举报书记局长主任科员';
const chineseText = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...CHINESE), minLength: min, maxLength: max });
const upperAlnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
const lowerAlnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');

/** Strings a careless server trips on. */
const NASTY = [
  "'; drop table unit; --",
  "' or '1'='1",
  'select * from account',
  '%',
  '_',
  '\\',
  '%_\\%',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\r\n\t',
  '\u202e反转',
  '\u200b\u200d\ufeff',
  '𝕏😀👨‍👩‍👧',
  '\ud800',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  ' ',
  '　',
  '青山县纪委监委',
  'QS',
  'QS-CZ',
];

const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 8 });
const unicodeMix = fc.string({ unit: fc.oneof(fc.constantFrom(...CHINESE), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), controlChars), maxLength: 40 });
const hugeString = fc.record({ n: fc.integer({ min: 1000, max: 5000 }), c: fc.constantFrom('x', '廉', 'A', '%', '0') }).map(({ n, c }) => c.repeat(n));

const BAD_DATES = ['2025-02-30', '2023-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '0000-01-01', '1899-12-31', '2201-01-01', '9999-12-31', '2025-1-1', '20250101', '2025-01-01T00:00:00Z', '2025/01/01', '', ' 2025-01-01', '2025-01-01 ', '-2025-01-01', '２０２５-01-01'];
const BAD_NUMBERS = [-1, 0, -0, 0.5, -2147483648, -2147483649, 2147483647, 2147483648, 4294967296, 9007199254740991, 1e21, -1e21, 1e308, 1e-9, 3.14159];

const validLookingId = (ctx: GenContext) =>
  fc
    .record({ t: fc.constantFrom(...ctx.nodeTypes, 'Unknown', 'unit', 'Account'), n: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constantFrom(-1, 2147483647, 2147483648, 99999999999)) })
    .map(({ t, n }) => globalId(t, n));

const malformedId = (ctx: GenContext) =>
  fc.oneof(
    validLookingId(ctx),
    fc.constantFrom('', ' ', '1', '0', '-1', 'null', '=====', 'VW5pdDox', 'VW5pdDox=', 'Unit:1', Buffer.from('Unit:1 ').toString('base64url'), Buffer.from('Unit:01').toString('base64url'), Buffer.from('Unit:1:2').toString('base64url'), Buffer.from(':1').toString('base64url'), Buffer.from('Unit:').toString('base64url'), Buffer.from('廉政:1').toString('base64url')),
    fc.string({ maxLength: 30 }),
    fc.base64String({ maxLength: 40 }),
    fc.nat({ max: 300 }).map((n) => Buffer.from(`k:${n}`).toString('base64url')),
    // a real id, of some other type than the field names
    fc.record({ t: fc.constantFrom(...ctx.nodeTypes), pick: fc.nat({ max: 1000 }) }).map(({ t, pick }) => new Ref({ kind: 'id', typename: t, pick })),
  );

/** Any JSON value, often of the wrong type for the field. */
const chaosLeaf = (ctx: GenContext) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 2, arbitrary: unicodeMix },
    { weight: 1, arbitrary: hugeString },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_NUMBERS) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_DATES) },
    { weight: 2, arbitrary: malformedId(ctx) },
    { weight: 1, arbitrary: fc.constantFrom('FOO', 'unknown', 'warning', 'Red', 'DRAFT ', '', 'SYSTEM_ADMIN', 'PARTY_COMMITTEE') },
    { weight: 1, arbitrary: fc.constantFrom({}, [], [null], [[]], { a: 1 }, ['x', 1, null]) },
  );

const chaosValue = (ctx: GenContext): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 5, arbitrary: chaosLeaf(ctx) }, { weight: 1, arbitrary: fc.array(chaosLeaf(ctx), { maxLength: 4 }) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), chaosLeaf(ctx), { maxKeys: 3 }) });

/** A value of the right shape that may still break a rule the schema cannot express. */
function wellFormedScalar(typeName: string, field: string, ctx: GenContext): fc.Arbitrary<unknown> {
  const f = field.toLowerCase();
  switch (typeName) {
    case 'ID': {
      const t = idTypeFor(field, ctx);
      const real = t ? fc.nat({ max: 1000 }).map((pick) => new Ref({ kind: 'id', typename: t, pick })) : fc.record({ t: fc.constantFrom(...ctx.nodeTypes), pick: fc.nat({ max: 1000 }) }).map(({ t: tt, pick }) => new Ref({ kind: 'id', typename: tt, pick }));
      return fc.oneof({ weight: 19, arbitrary: real }, { weight: 1, arbitrary: validLookingId(ctx) });
    }
    case 'Int': {
      if (f === 'version') return fc.nat({ max: 1000 }).map((pick) => new Ref({ kind: 'version', pick }));
      if (f.includes('year')) {
        const y = Number(ctx.today.slice(0, 4));
        return fc.integer({ min: y - 2, max: y + 1 });
      }
      if (f.includes('percent')) return fc.integer({ min: 0, max: 100 });
      if (f.includes('month')) return fc.integer({ min: 0, max: 72 });
      if (f === 'first' || f === 'last') return fc.integer({ min: 0, max: 100 });
      return fc.integer({ min: 0, max: 100 });
    }
    case 'Float':
      return fc.integer({ min: 0, max: 10000 }).map((n) => n / 100);
    case 'Boolean':
      return fc.boolean();
    case 'LocalDate':
      return fc.integer({ min: -700, max: 400 }).map((d) => addDays(ctx.today, d));
    case 'DateTime':
      return fc.integer({ min: -700, max: 400 }).map((d) => `${addDays(ctx.today, d)}T08:00:00+08:00`);
    case 'String': {
      if (f === 'code' || f === 'teamcode' || f === 'unitcode') {
        const table = f === 'teamcode' ? 'dispatched_team' : 'unit';
        const fresh = fc.string({ unit: upperAlnum, minLength: 1, maxLength: 8 }).map((s) => `FZ-${s}`);
        return f === 'code' ? fresh : fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 100 }).map((pick) => new Ref({ kind: 'code', table, pick })) }, { weight: 1, arbitrary: fresh });
      }
      if (f === 'username' || f.endsWith('contains')) {
        const fresh = fc.string({ unit: lowerAlnum, minLength: 2, maxLength: 10 }).map((s) => `fz-${s}`);
        return f === 'username' ? fresh : fc.oneof(fresh, fc.constantFrom('qs', '青山', '局', '镇', 'a', '%', '_', '\\', '\u0000', '局\u0007'), chineseText(1, 3));
      }
      if (f.includes('identity')) return identityNumber;
      if (f.includes('phone')) return fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 9, maxLength: 9 }).map((s) => `13${s}`);
      // Free text may hold anything a JSON string can: now and then control characters, NUL included.
      return fc.oneof({ weight: 8, arbitrary: chineseText(1, 30) }, { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) }, { weight: 1, arbitrary: fc.tuple(chineseText(1, 8), controlChars, chineseText(0, 8)).map((p) => p.join('')) });
    }
    default:
      return fc.string({ maxLength: 20 });
  }
}

/** Well-formed (mode valid), sometimes broken (mixed) or mostly broken (chaos) values for an input type. */
export function valueArb(type: GraphQLInputType, field: string, ctx: GenContext, mode: Mode, depth = 0): fc.Arbitrary<unknown> {
  const broken = chaosValue(ctx);
  const good = wellFormed(type, field, ctx, mode, depth);
  if (mode === 'valid') return good;
  const brokenWeight = mode === 'mixed' ? 1 : 4;
  return fc.oneof({ weight: mode === 'mixed' ? 6 : 1, arbitrary: good }, { weight: brokenWeight, arbitrary: broken }, { weight: 1, arbitrary: typedBreakage(type, ctx) });
}

/** Breakage aimed at the field's own type: the wrong scalar, bad dates, unknown enum values, lists with holes. */
function typedBreakage(type: GraphQLInputType, ctx: GenContext): fc.Arbitrary<unknown> {
  const named = getNamedType(type);
  if (isListType(isNonNullType(type) ? type.ofType : type)) return fc.constantFrom(null, [], [null], 'not-a-list', [['nested']], Array.from({ length: 60 }, (_, i) => `x${i}`));
  if (isEnumType(named)) {
    const values = named.getValues().map((v) => v.name);
    return fc.oneof(fc.constantFrom('UNKNOWN_VALUE', '', 'null', ...values.map((v) => v.toLowerCase()), ...values.map((v) => ` ${v}`)), fc.constantFrom(0, 1, true));
  }
  if (isInputObjectType(named)) return fc.constantFrom(null, 'string', 1, [], [{}]);
  switch (named.name) {
    case 'LocalDate':
      return fc.constantFrom(...BAD_DATES, 20250101, null);
    case 'ID':
      return malformedId(ctx);
    case 'Int':
    case 'Float':
      return fc.oneof(fc.constantFrom(...BAD_NUMBERS), fc.constantFrom('1', '', 'one', true, null));
    case 'Boolean':
      return fc.constantFrom('true', 'false', 0, 1, '', null);
    default:
      return fc.oneof(fc.constantFrom('', ' ', '\t\n'), unicodeMix, hugeString, fc.constantFrom(...NASTY), fc.constantFrom(0, -1, true, 1e21));
  }
}

function wellFormed(type: GraphQLInputType, field: string, ctx: GenContext, mode: Mode, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return wellFormed(type.ofType, field, ctx, mode, depth);
  if (isListType(type)) return fc.array(valueArb(type.ofType, field, ctx, mode === 'valid' ? 'valid' : mode, depth + 1), { minLength: mode === 'valid' ? 1 : 0, maxLength: 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isInputObjectType(type)) return inputObjectArb(type, ctx, mode, depth + 1);
  if (isScalarType(type)) return wellFormedScalar(type.name, field, ctx);
  return fc.constant(null);
}

/** An input object: required fields mostly present, optional ones often left out, now and then an unknown extra field. */
export function inputObjectArb(type: GraphQLInputObjectType, ctx: GenContext, mode: Mode, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.values(type.getFields());
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of fields) {
    const required = isNonNullType(f.type);
    const value = depth > 3 ? fc.constant(null) : valueArb(f.type, f.name, ctx, mode, depth);
    const omitWeight = required ? (mode === 'valid' ? 0 : mode === 'mixed' ? 1 : 3) : 4;
    const presentWeight = required ? 30 : 6;
    model[f.name] = omitWeight ? fc.oneof({ weight: omitWeight, arbitrary: fc.constant(OMIT) }, { weight: presentWeight, arbitrary: value }) : value;
  }
  const extra =
    mode === 'valid'
      ? fc.constant({})
      : fc.oneof({ weight: 6, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('extra', 'id2', '__proto__', 'unitPath', 'version', 'x'), chaosLeaf(ctx), { maxKeys: 2 }) });
  return fc.tuple(fc.record(model), extra).map(([rec, ex]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(ex)) if (!(k in model)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const [k, v] of Object.entries(rec)) if (v !== OMIT) out[k] = v;
    return out;
  });
}

/** The whole `input` argument of a mutation: valid, partly broken, broken, or not an object at all. */
export function mutationInputArb(type: GraphQLInputObjectType, ctx: GenContext): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: inputObjectArb(type, ctx, 'valid') },
    { weight: 7, arbitrary: inputObjectArb(type, ctx, 'mixed') },
    { weight: 4, arbitrary: inputObjectArb(type, ctx, 'chaos') },
    { weight: 1, arbitrary: fc.constantFrom(null, 'input', 42, [], [{}]) },
  );
}

// ---------------------------------------------------------------------------------------------
// Operations

export interface MutationOp {
  name: string;
  inputType: GraphQLInputObjectType;
  inputRequired: boolean;
  /** The payload's record field (not userErrors), if any, and the node type it holds. */
  objectField: string | null;
  objectType: string | null;
  query: string;
}

function selectionFor(type: GraphQLObjectType): string {
  const fields = type.getFields();
  const parts = ['__typename'];
  if (fields.id) parts.push('id');
  return `{ ${parts.join(' ')} }`;
}

export function mutationOps(schema: GraphQLSchema): MutationOp[] {
  const mutation = schema.getMutationType();
  if (!mutation) return [];
  const ops: MutationOp[] = [];
  for (const f of Object.values(mutation.getFields())) {
    const input = f.args.find((a) => a.name === 'input');
    const inputType = input && getNamedType(input.type);
    if (!input || !inputType || !isInputObjectType(inputType)) continue;
    const payload = getNamedType(f.type);
    let objectField: string | null = null;
    let objectType: string | null = null;
    let sel = '{ __typename }';
    if (isObjectType(payload)) {
      const parts: string[] = ['__typename'];
      for (const pf of Object.values(payload.getFields())) {
        const t = getNamedType(pf.type);
        if (pf.name === 'userErrors') parts.push('userErrors { field message code }');
        else if (isObjectType(t)) {
          parts.push(`${pf.name} ${selectionFor(t)}`);
          if (!objectField) {
            objectField = pf.name;
            objectType = t.name;
          }
        } else if (pf.args.length === 0 && !isInterfaceType(t)) parts.push(pf.name);
      }
      sel = `{ ${parts.join(' ')} }`;
    }
    ops.push({
      name: f.name,
      inputType,
      inputRequired: isNonNullType(input.type),
      objectField,
      objectType,
      query: `mutation Fuzz($input: ${String(input.type)}) { ${f.name}(input: $input) ${sel} }`,
    });
  }
  return ops;
}

export interface ConnectionOp {
  name: string;
  nodeType: string;
  /** Whether the node type has an `id` (a global id that names its row). */
  nodeHasId: boolean;
  filterType: GraphQLInputObjectType | null;
  pagingArgs: string[];
  /** Any other arguments, fuzzed like mutation input fields. */
  otherArgs: { name: string; type: GraphQLInputType; required: boolean }[];
  query: string;
}

const PAGING = ['first', 'last', 'after', 'before'];

/** Root query fields that answer a Relay connection. */
export function connectionOps(schema: GraphQLSchema): ConnectionOp[] {
  const ops: ConnectionOp[] = [];
  for (const f of Object.values(schema.getQueryType()!.getFields()) as GraphQLField<unknown, unknown>[]) {
    const conn = getNamedType(f.type);
    if (!isObjectType(conn) || !conn.name.endsWith('Connection')) continue;
    const cf = conn.getFields();
    let nodeType = cf.nodes ? getNamedType(cf.nodes.type) : null;
    if (!nodeType && cf.edges) nodeType = getNamedType((getNamedType(cf.edges.type) as GraphQLObjectType).getFields().node.type);
    if (!nodeType || !isObjectType(nodeType)) continue;
    const nodeHasId = !!nodeType.getFields().id;
    const nodeSel = nodeHasId ? '{ __typename id }' : '{ __typename }';
    const filterArg = f.args.find((a) => a.name === 'filter');
    const filterType = filterArg && isInputObjectType(getNamedType(filterArg.type)) ? (getNamedType(filterArg.type) as GraphQLInputObjectType) : null;
    const pagingArgs = f.args.filter((a) => PAGING.includes(a.name)).map((a) => a.name);
    const otherArgs = f.args.filter((a) => a.name !== 'filter' && !PAGING.includes(a.name)).map((a) => ({ name: a.name, type: a.type, required: isNonNullType(a.type) }));
    const varDefs = f.args.map((a) => `$${a.name}: ${String(a.type)}`);
    const args = f.args.map((a) => `${a.name}: $${a.name}`);
    const parts: string[] = [];
    if (cf.totalCount) parts.push('totalCount');
    if (cf.pageInfo) parts.push('pageInfo { hasNextPage hasPreviousPage startCursor endCursor }');
    if (cf.nodes) parts.push(`nodes ${nodeSel}`);
    if (cf.edges) parts.push(`edges { cursor node ${nodeSel} }`);
    ops.push({
      name: f.name,
      nodeType: nodeType.name,
      nodeHasId,
      filterType,
      pagingArgs,
      otherArgs,
      query: `query Fuzz${varDefs.length ? `(${varDefs.join(', ')})` : ''} { ${f.name}${args.length ? `(${args.join(', ')})` : ''} { ${parts.join(' ')} } }`,
    });
  }
  return ops;
}

const cursorArb = fc.oneof(
  { weight: 4, arbitrary: fc.nat({ max: 400 }).map((n) => Buffer.from(`k:${n}`).toString('base64url')) },
  { weight: 1, arbitrary: fc.constantFrom(2147483647, 2147483648, 9999999999, 0).map((n) => Buffer.from(`k:${n}`).toString('base64url')) },
  { weight: 1, arbitrary: fc.constantFrom('', 'nonsense', 'k:1', Buffer.from('k:-1').toString('base64url'), Buffer.from('k:1.5').toString('base64url'), 'x'.repeat(100)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

const pageSizeArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 100 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 101, 2147483647, -2147483648) },
);

/** Variables for a connection query: a filter (valid, partly broken or broken) and paging arguments. */
export function connectionVarsArb(op: ConnectionOp, ctx: GenContext): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  if (op.filterType) {
    model.filter = fc.oneof(
      { weight: 2, arbitrary: fc.constant(OMIT) },
      { weight: 5, arbitrary: inputObjectArb(op.filterType, ctx, 'valid') },
      { weight: 3, arbitrary: inputObjectArb(op.filterType, ctx, 'mixed') },
      { weight: 2, arbitrary: inputObjectArb(op.filterType, ctx, 'chaos') },
    );
  }
  for (const a of op.pagingArgs) {
    const isSize = a === 'first' || a === 'last';
    const present = isSize ? pageSizeArb : cursorArb;
    const absentWeight = a === 'first' ? 4 : a === 'last' ? 14 : 12;
    model[a] = fc.oneof({ weight: absentWeight, arbitrary: fc.constant(OMIT) }, { weight: 5, arbitrary: present }, { weight: 1, arbitrary: chaosLeaf(ctx) });
  }
  for (const a of op.otherArgs) {
    const value = fc.oneof({ weight: 3, arbitrary: valueArb(a.type, a.name, ctx, 'valid') }, { weight: 1, arbitrary: valueArb(a.type, a.name, ctx, 'chaos') });
    model[a.name] = a.required ? value : fc.oneof({ weight: 1, arbitrary: fc.constant(OMIT) }, { weight: 2, arbitrary: value });
  }
  return fc.record(model).map((rec) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec)) if (v !== OMIT) out[k] = v;
    return out;
  });
}

export interface LookupOp {
  name: string;
  /** The argument that names the record. */
  arg: string;
  /** The record type, or null for the Node interface (node(id:)). */
  nodeType: string | null;
  query: string;
}

/** Root query fields that fetch one record by a global id: `unit(id:)`, `node(id:)`, … */
export function lookupOps(schema: GraphQLSchema): LookupOp[] {
  const ops: LookupOp[] = [];
  const nodes = new Set(nodeTypes(schema));
  for (const f of Object.values(schema.getQueryType()!.getFields()) as GraphQLField<unknown, unknown>[]) {
    const t = getNamedType(f.type);
    const idArg = f.args.find((a) => getNamedType(a.type).name === 'ID' && !isListType(isNonNullType(a.type) ? a.type.ofType : a.type));
    if (!idArg || f.args.some((a) => a !== idArg && isNonNullType(a.type))) continue;
    const isNode = isInterfaceType(t) && t.name === 'Node';
    if (!isNode && !(isObjectType(t) && nodes.has(t.name))) continue;
    ops.push({
      name: f.name,
      arg: idArg.name,
      nodeType: isNode ? null : t.name,
      query: `query Fuzz($${idArg.name}: ${String(idArg.type)}) { ${f.name}(${idArg.name}: $${idArg.name}) { __typename id } }`,
    });
  }
  return ops;
}

/** The id of a lookup: mostly a real id (of the right type or another), sometimes a malformed one. */
export function lookupIdArb(op: LookupOp, ctx: GenContext): fc.Arbitrary<unknown> {
  const types = op.nodeType ? [op.nodeType, ...ctx.nodeTypes] : ctx.nodeTypes;
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ t: fc.constantFrom(...types), pick: fc.nat({ max: 1000 }) }).map(({ t, pick }) => new Ref({ kind: 'id', typename: t, pick })) },
    { weight: 2, arbitrary: malformedId(ctx) },
    { weight: 1, arbitrary: chaosLeaf(ctx) },
  );
}
