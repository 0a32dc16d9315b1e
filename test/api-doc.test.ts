import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { GraphQLEnumType } from 'graphql';
import { API_DOC, API_TEMPLATE, apiDoc } from '../src/cli/api-doc';
import { buildAppSchema } from '../src/schema';

/** docs/api.md is generated from the schema and the enforced rule table; never edited by hand. */

let generated: string;
beforeAll(async () => {
  generated = await apiDoc();
});

const section = (role: string) => {
  const start = generated.indexOf(`\n### ${role}\n`);
  expect(start).toBeGreaterThan(0);
  const end = generated.indexOf('\n### ', start + 5);
  return generated.slice(start, end < 0 ? generated.indexOf('\n## ', start + 5) : end);
};
const row = (text: string, record: string) => text.split('\n').find((l) => l.startsWith(`| ${record} |`));

test(`${API_DOC} is current (run \`npm run docs:api\` after changing the schema, the rules or ${API_TEMPLATE})`, () => {
  expect(readFileSync(API_DOC, 'utf8')).toBe(generated);
});

test('every role of the schema has its section, and every mutation its row', async () => {
  const { schema } = await buildAppSchema();
  for (const v of (schema.getType('Role') as GraphQLEnumType).getValues()) expect(generated).toContain(`\n### ${v.name}\n`);
  for (const m of Object.keys(schema.getMutationType()!.getFields())) expect(generated).toContain(`| \`${m}\` |`);
  for (const v of (schema.getType('ErrorCode') as GraphQLEnumType).getValues()) expect(generated).toContain(`| \`${v.name}\` |`);
});

test('the role sections say what the authorization design says', () => {
  // 党委: identity numbers and phones masked, no case facts, issues letters, records no sanction
  const pc = section('PARTY_COMMITTEE');
  expect(row(pc, 'Official')).toMatch(/`identityNumber`, `phone` \|/);
  expect(row(pc, 'Sanction')).toMatch(/`caseFacts`/);
  expect(pc).toMatch(/- Mutations: .*`letterCreate`/);
  expect(pc).not.toMatch(/- Mutations: .*`sanctionRecord`/);
  // 纪委监委: every field of officials and sanctions
  const dc = section('DISCIPLINE_COMMISSION');
  expect(row(dc, 'Official')).toBe('| Official | — | — |');
  expect(row(dc, 'Sanction')).toBe('| Sanction | — | — |');
  expect(dc).toMatch(/- Mutations: .*`sanctionRecord`/);
  // 本单位: its officials without identity numbers or sanctions
  const unit = section('UNIT');
  expect(row(unit, 'Official')).toMatch(/\| — \| .*`identityNumber`.*`sanctions`/);
  expect(row(unit, 'Sanction')).toBeUndefined();
  // 三员分立: the administrators see no sanctions, and only the security administrator sees accounts
  for (const admin of ['SYSTEM_ADMIN', 'SECURITY_ADMIN', 'AUDIT_ADMIN']) expect(row(section(admin), 'Sanction')).toBeUndefined();
  expect(row(section('SECURITY_ADMIN'), 'Account')).toBeDefined();
  expect(row(section('AUDIT_ADMIN'), 'Account')).toBeUndefined();
  expect(section('AUDIT_ADMIN')).toMatch(/- Queries: .*`auditLog`/);
});

test('the template and the generator agree on the placeholders', async () => {
  const template = readFileSync(API_TEMPLATE, 'utf8');
  await expect(apiDoc(`${template}\n{{NO_SUCH_PART}}\n`)).rejects.toThrow(/unknown placeholder \{\{NO_SUCH_PART\}\}/);
  await expect(apiDoc(template.replace('{{MUTATIONS}}', ''))).rejects.toThrow(/missing placeholders \{\{MUTATIONS\}\}/);
});
