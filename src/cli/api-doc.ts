import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  GraphQLEnumType,
  GraphQLObjectType,
  getNamedType,
  isInterfaceType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { buildAppSchema } from '../schema';
import { AUTHENTICATED, NOT_ADMIN, PUBLIC, ROW, mergeTables, type FieldRule, type TypeRules } from '../authz/table';
import { ADMIN_ROLES, type Role } from '../authz/roles';

/**
 * docs/api.md (`npm run docs:api`): the conventions a client developer needs, with every table read
 * from the schema and from the rule table the server enforces, so the page cannot drift from the
 * service; a test regenerates it and compares. The prose lives in docs/templates/api.md, whose
 * {{PLACEHOLDERS}} this fills.
 */
export const API_DOC = 'docs/api.md';
export const API_TEMPLATE = 'docs/templates/api.md';

const ROOTS = ['Query', 'Mutation', 'Subscription'];
type Level = 'R' | 'M' | null;

function levelOf(rule: FieldRule | undefined, role: string): Level {
  if (rule === undefined) return null;
  if (rule === ROW || rule === PUBLIC || rule === AUTHENTICATED) return 'R';
  if (rule === NOT_ADMIN) return ADMIN_ROLES.includes(role as Role) ? null : 'R';
  return (rule as Record<string, 'R' | 'M'>)[role] ?? null;
}

const code = (s: string) => `\`${s}\``;
const cell = (s: string | null | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim();
const list = (xs: string[]) => (xs.length ? xs.map(code).join(', ') : '—');

class Model {
  readonly byType: Map<string, TypeRules>;
  readonly roles: { name: string; description: string }[];
  /** Record type → the Query fields that return it (directly or as a connection's nodes). */
  readonly rootsOf = new Map<string, string[]>();

  constructor(
    readonly schema: GraphQLSchema,
    rules: TypeRules[],
  ) {
    this.byType = mergeTables(rules);
    const role = schema.getType('Role');
    if (!(role instanceof GraphQLEnumType)) throw new Error('the schema has no Role enum');
    this.roles = role.getValues().map((v) => ({ name: v.name, description: v.description ?? '' }));
    for (const f of Object.values(schema.getQueryType()?.getFields() ?? {})) {
      if (f.name === 'node') continue;
      const t = this.recordTypeOf(f);
      if (t) this.rootsOf.set(t.name, [...(this.rootsOf.get(t.name) ?? []), f.name]);
    }
  }

  structural(name: string): boolean {
    return this.byType.get(name)?.fields['*'] !== undefined;
  }

  /** The node type of a connection type, or null. */
  connectionNode(t: GraphQLNamedType): GraphQLObjectType | null {
    if (!isObjectType(t)) return null;
    const fields = t.getFields();
    if (!fields.edges || !fields.pageInfo || !fields.nodes) return null;
    const node = getNamedType(fields.nodes.type);
    return isObjectType(node) || isInterfaceType(node) ? (node as GraphQLObjectType) : null;
  }

  /** What a field returns, seen as a record: a connection's node type, or the object type itself. */
  recordTypeOf(f: GraphQLField<unknown, unknown>): GraphQLObjectType | null {
    const t = getNamedType(f.type);
    const node = this.connectionNode(t);
    if (node) return node;
    return isObjectType(t) && !this.structural(t.name) ? t : null;
  }

  rule(type: string, field: string): FieldRule | undefined {
    return this.byType.get(type)?.fields[field];
  }

  rootFields(root: string, role: string): string[] {
    const t = this.schema.getType(root);
    if (!isObjectType(t)) return [];
    return Object.keys(t.getFields())
      .filter((f) => levelOf(this.rule(root, f), role) !== null)
      .sort();
  }

  /** Who may call a root field, in words. */
  callers(root: string, field: string): string {
    const r = this.rule(root, field);
    if (r === PUBLIC) return 'anyone, without a token';
    if (r === AUTHENTICATED || r === ROW) return 'any signed-in account';
    if (r === NOT_ADMIN) return 'any signed-in account but the three administrators (rows decided by the service)';
    const roles = this.roles.map((x) => x.name).filter((x) => levelOf(r, x) !== null);
    return roles.length ? roles.map(code).join(', ') : 'nobody';
  }

  /**
   * The record types a role sees, from the root fields it may call: a type with a root query of its
   * own only if the role may call one of them (that is how rows are scoped); other types through the
   * fields the role may read. Structural types (connections, edges, payloads) are walked through.
   */
  visibleTypes(role: string): GraphQLObjectType[] {
    const seen = new Map<string, GraphQLObjectType>();
    const visit = (named: GraphQLNamedType) => {
      if (isInterfaceType(named)) return; // node(id:) refetches what is reachable otherwise
      if (!isObjectType(named) || ROOTS.includes(named.name) || named.name.startsWith('__')) return;
      if (this.structural(named.name)) {
        if (seen.has(`*${named.name}`)) return;
        seen.set(`*${named.name}`, named);
        for (const f of Object.values(named.getFields())) visit(getNamedType(f.type));
        return;
      }
      if (seen.has(named.name)) return;
      const roots = this.rootsOf.get(named.name);
      const own = this.rootFields('Query', role);
      if (roots && !roots.some((r) => own.includes(r))) return;
      seen.set(named.name, named);
      for (const f of Object.values(named.getFields())) {
        if (levelOf(this.rule(named.name, f.name), role) !== null) visit(getNamedType(f.type));
      }
    };
    for (const root of ROOTS) {
      const t = this.schema.getType(root);
      if (!isObjectType(t)) continue;
      for (const f of this.rootFields(root, role)) if (f !== 'node') visit(getNamedType(t.getFields()[f].type));
    }
    return [...seen.entries()].filter(([k]) => !k.startsWith('*')).map(([, t]) => t).sort((a, b) => a.name.localeCompare(b.name));
  }
}

function rolesTable(m: Model): string {
  const lines = ['| role | what it is and reaches | queries | mutations |', '|---|---|---|---|'];
  for (const r of m.roles) lines.push(`| ${code(r.name)} | ${cell(r.description)} | ${m.rootFields('Query', r.name).length} | ${m.rootFields('Mutation', r.name).length} |`);
  const open = ROOTS.flatMap((root) => {
    const t = m.schema.getType(root);
    return isObjectType(t) ? Object.keys(t.getFields()).filter((f) => m.rule(root, f) === PUBLIC).map((f) => `${root}.${f}`) : [];
  });
  if (open.length) lines.push('', `Open to callers without a token: ${list(open)}.`);
  return lines.join('\n');
}

function roleSections(m: Model): string {
  const out: string[] = [];
  for (const r of m.roles) {
    out.push(`### ${r.name}`, '', cell(r.description), '');
    out.push(`- Queries: ${list(m.rootFields('Query', r.name))}`);
    out.push(`- Mutations: ${list(m.rootFields('Mutation', r.name))}`);
    if (m.schema.getSubscriptionType()) out.push(`- Subscriptions: ${list(m.rootFields('Subscription', r.name))}`);
    const types = m.visibleTypes(r.name);
    out.push('');
    if (!types.length) {
      out.push('Sees no records.', '');
      continue;
    }
    out.push('| record | masked (M) | denied (null + FORBIDDEN) |', '|---|---|---|');
    for (const t of types) {
      const fields = Object.keys(t.getFields()).sort();
      const masked = fields.filter((f) => levelOf(m.rule(t.name, f), r.name) === 'M');
      const denied = fields.filter((f) => levelOf(m.rule(t.name, f), r.name) === null);
      out.push(`| ${t.name} | ${list(masked)} | ${list(denied)} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

function errorCodes(m: Model): string {
  const e = m.schema.getType('ErrorCode');
  if (!(e instanceof GraphQLEnumType)) throw new Error('the schema has no ErrorCode enum');
  const lines = ['The codes of `extensions.code` and of `userErrors[].code` (enum `ErrorCode`):', '', '| code | meaning |', '|---|---|'];
  for (const v of e.getValues()) lines.push(`| ${code(v.name)} | ${cell(v.description)} |`);
  return lines.join('\n');
}

function connections(m: Model): string {
  const rows: string[] = [];
  for (const t of Object.values(m.schema.getTypeMap()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!isObjectType(t) || t.name.startsWith('__')) continue;
    for (const f of Object.values(t.getFields()).sort((a, b) => a.name.localeCompare(b.name))) {
      const node = m.connectionNode(getNamedType(f.type));
      if (!node) continue;
      const filter = f.args.find((a) => a.name === 'filter');
      rows.push(`| ${code(`${t.name}.${f.name}`)} | ${node.name} | ${filter ? code(String(getNamedType(filter.type))) : '—'} |`);
    }
  }
  return [`Every connection of the schema (${rows.length}):`, '', '| field | rows of | filter |', '|---|---|---|', ...rows].join('\n');
}

function mutations(m: Model): string {
  const t = m.schema.getMutationType();
  if (!t) return '';
  const rows = Object.values(t.getFields())
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((f) => {
      const input = f.args.find((a) => a.name === 'input');
      const payload = getNamedType(f.type);
      const returns = isObjectType(payload) ? Object.keys(payload.getFields()).filter((x) => x !== 'userErrors') : [];
      return `| ${code(f.name)} | ${input ? code(String(getNamedType(input.type))) : '—'} | ${list(returns)} | ${m.callers('Mutation', f.name)} |`;
    });
  return [`Every mutation (${rows.length}), who may call it, and what its payload returns besides \`userErrors\`:`, '', '| mutation | input | returns | who may call |', '|---|---|---|---|', ...rows].join('\n');
}

function subscriptions(m: Model): string {
  const t = m.schema.getSubscriptionType();
  if (!t) return '';
  const rows = Object.values(t.getFields())
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((f) => `| ${code(f.name)} | ${code(String(f.type))} | ${cell(f.description)} | ${m.callers('Subscription', f.name)} |`);
  return ['## Subscriptions', '', 'Over graphql-ws on `/graphql` (see above); each event is checked against the same rules as a query.', '', '| subscription | event | what | who may subscribe |', '|---|---|---|---|', ...rows].join('\n');
}

function nodeTypes(m: Model): string {
  const impl = (name: string) => {
    const i = m.schema.getType(name);
    return i && isInterfaceType(i) ? m.schema.getPossibleTypes(i).map((t) => t.name).sort() : [];
  };
  const nodes = impl('Node');
  const versioned = impl('Versioned');
  const lines = [`Records with a global id (\`Node\`, ${nodes.length}): ${nodes.join(', ')}.`];
  if (versioned.length) lines.push('', `Records with a \`version\` (\`Versioned\`, ${versioned.length}): ${versioned.join(', ')}.`);
  return lines.join('\n');
}

export async function apiDoc(template = readFileSync(API_TEMPLATE, 'utf8')): Promise<string> {
  const { schema, rules } = await buildAppSchema();
  const m = new Model(schema, rules);
  const parts: Record<string, string> = {
    GENERATED_NOTICE: `<!-- Generated by \`npm run docs:api\` from ${API_TEMPLATE}, the schema and the rule table; edit the template, not this file. A test fails when this file is stale. -->`,
    NODE_TYPES: nodeTypes(m),
    CONNECTIONS: connections(m),
    MUTATIONS: mutations(m),
    SUBSCRIPTIONS: subscriptions(m),
    ERROR_CODES: errorCodes(m),
    ROLES: rolesTable(m),
    ROLE_SECTIONS: roleSections(m),
  };
  const used = new Set<string>();
  const text = template.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    if (!(name in parts)) throw new Error(`${API_TEMPLATE}: unknown placeholder {{${name}}}`);
    used.add(name);
    return parts[name];
  });
  const unused = Object.keys(parts).filter((p) => !used.has(p));
  if (unused.length) throw new Error(`${API_TEMPLATE}: missing placeholders ${unused.map((p) => `{{${p}}}`).join(', ')}`);
  return `${text.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

if (require.main === module) {
  apiDoc()
    .then((md) => {
      writeFileSync(API_DOC, md);
      console.log(`wrote ${API_DOC}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
