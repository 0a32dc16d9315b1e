import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * scripts/schema-guard.mjs, run as CI runs it, in temporary git repositories: a breaking change to
 * schema/schema.graphql fails unless the commit message says BREAKING and CHANGELOG.md names it.
 */

const GUARD = path.join(__dirname, '..', 'scripts', 'schema-guard.mjs');
const REAL_SCHEMA = readFileSync(path.join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8');

let repo: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
}

function commit(message: string, files: Record<string, string>, opts: { amend?: boolean } = {}) {
  for (const [f, t] of Object.entries(files)) write(f, t);
  git('add', '-A');
  git('commit', '-q', '--allow-empty', ...(opts.amend ? ['--amend'] : []), '-m', message);
}

function runGuard(env: Record<string, string> = {}) {
  const childEnv = { ...process.env, ...env } as Record<string, string | undefined>;
  if (!('SCHEMA_GUARD_BASE' in env)) delete childEnv.SCHEMA_GUARD_BASE;
  const r = spawnSync(process.execPath, [GUARD], { cwd: repo, env: childEnv as NodeJS.ProcessEnv, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const V1 = `"""查询 (query root)"""\ntype Query {\n  """a"""\n  a: String\n  """b"""\n  b: Int\n  """c"""\n  c(x: Int): Color\n}\n\n"""颜色 (colour)"""\nenum Color {\n  RED\n  GREEN\n}\n`;

beforeEach(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'lz-guard-'));
  git('init', '-q');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

test('a first commit, or a base without the schema file, passes: nothing to compare', () => {
  commit('first', { 'schema/schema.graphql': V1 });
  let r = runGuard();
  expect(r.status).toBe(0);
  expect(r.out).toMatch(/no base commit/);

  rmSync(repo, { recursive: true, force: true });
  repo = mkdtempSync(path.join(os.tmpdir(), 'lz-guard-'));
  git('init', '-q');
  commit('readme only', { 'README.md': 'x\n' });
  commit('add the schema', { 'schema/schema.graphql': V1 });
  r = runGuard();
  expect(r.status).toBe(0);
  expect(r.out).toMatch(/did not exist/);
});

test('additions pass; a dangerous change (an enum value added) passes with a warning', () => {
  commit('v1', { 'schema/schema.graphql': V1 });
  commit('add a field and an enum value', { 'schema/schema.graphql': V1.replace('  c(x: Int): Color\n', '  c(x: Int): Color\n  """d"""\n  d: Boolean\n').replace('  GREEN\n', '  GREEN\n  BLUE\n') });
  const r = runGuard();
  expect(r.status).toBe(0);
  expect(r.out).toMatch(/0 breaking, 1 dangerous/);
  expect(r.out).toMatch(/dangerous\s+Color\.BLUE/);
});

test('a removed field fails; BREAKING in the message without a CHANGELOG entry still fails; with both it passes', () => {
  commit('v1', { 'schema/schema.graphql': V1, 'CHANGELOG.md': '# Changelog\n' });
  const v2 = V1.replace('  """b"""\n  b: Int\n', '');

  commit('tidy the schema', { 'schema/schema.graphql': v2 });
  let r = runGuard();
  expect(r.status).toBe(1);
  expect(r.out).toMatch(/BREAKING\s+Query\.b: Field 'b' was removed/);
  expect(r.out).toMatch(/put the word BREAKING in the commit message/);
  expect(r.out).toMatch(/names `Query\.b`/);

  commit('BREAKING: remove Query.b', {}, { amend: true });
  r = runGuard();
  expect(r.status).toBe(1);
  expect(r.out).not.toMatch(/put the word BREAKING/);
  expect(r.out).toMatch(/names `Query\.b`/);

  // an entry that names something else does not explain this change
  commit('BREAKING: remove Query.b', { 'CHANGELOG.md': '# Changelog\n\n- `Query.a` is faster\n' }, { amend: true });
  expect(runGuard().status).toBe(1);

  commit('BREAKING: remove Query.b', { 'CHANGELOG.md': '# Changelog\n\n- **BREAKING** `Query.b` is removed: read `Query.a` instead.\n' }, { amend: true });
  r = runGuard();
  expect(r.out).toMatch(/announced/);
  expect(r.status).toBe(0);

  // the CHANGELOG entry alone, without BREAKING in the message, is not enough
  commit('remove Query.b', {}, { amend: true });
  expect(runGuard().status).toBe(1);
});

test('a type change and a new required argument are breaking too', () => {
  commit('v1', { 'schema/schema.graphql': V1 });
  commit('change', { 'schema/schema.graphql': V1.replace('a: String', 'a: Int').replace('c(x: Int)', 'c(x: Int!)') });
  const r = runGuard();
  expect(r.status).toBe(1);
  expect(r.out).toMatch(/BREAKING\s+Query\.a/);
  expect(r.out).toMatch(/BREAKING\s+Query\.c\.x/);
});

test('on a copy of the real schema: removing Official.identityNumber fails, a new description passes', () => {
  expect(REAL_SCHEMA).toMatch(/\n  identityNumber: String\n/);
  commit('real schema', { 'schema/schema.graphql': REAL_SCHEMA });
  const edited = REAL_SCHEMA.replace(/(type Official [^]*?)\n {2}"""[^"]*"""\n {2}identityNumber: String\n/, '$1\n');
  expect(edited).not.toBe(REAL_SCHEMA);
  commit('drop the identity number', { 'schema/schema.graphql': edited });
  let r = runGuard();
  expect(r.status).toBe(1);
  expect(r.out).toMatch(/BREAKING\s+Official\.identityNumber/);

  git('reset', '-q', '--hard', 'HEAD~1');
  commit('describe better', { 'schema/schema.graphql': REAL_SCHEMA.replace(/"""([^"\n]+)"""/, '"""$1 (reworded)"""') });
  r = runGuard();
  expect(r.status).toBe(0);
  expect(r.out).toMatch(/0 breaking, 0 dangerous, 1 safe/);
});

test('SCHEMA_GUARD_BASE compares with an older commit, so a breaking change two commits back is caught', () => {
  commit('v1', { 'schema/schema.graphql': V1 });
  commit('remove b', { 'schema/schema.graphql': V1.replace('  """b"""\n  b: Int\n', '') });
  commit('unrelated', { 'README.md': 'x\n' });
  expect(runGuard().status).toBe(0);
  const r = runGuard({ SCHEMA_GUARD_BASE: 'HEAD~2' });
  expect(r.status).toBe(1);
  expect(r.out).toMatch(/Query\.b/);
});
