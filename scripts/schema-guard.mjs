#!/usr/bin/env node
/**
 * Breaking-change guard for schema/schema.graphql (`npm run schema:guard`, run by .ci/run).
 *
 * Compares the schema in the working tree with the one at a base commit (SCHEMA_GUARD_BASE or
 * --base, default HEAD~1: the previous commit of main) using GraphQL Inspector. A breaking change
 * (a field, argument, type or enum value removed, a type changed, an argument made required, ...)
 * fails, unless both:
 *   - a commit message in base..HEAD contains the word BREAKING, and
 *   - the lines CHANGELOG.md gained since the base name every breaking change by its path as
 *     printed below (e.g. `Official.phone`, `Query.officials.filter`), saying what clients must do.
 * Dangerous changes (e.g. an enum value added) are listed and pass. There is nothing to compare on
 * a first commit, or when the base has no schema file: that passes.
 *
 * Exit status: 0 pass, 1 unacknowledged breaking change, 2 the guard itself could not run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema } from 'graphql';
import { CriticalityLevel, diff } from '@graphql-inspector/core';

const SCHEMA_FILE = 'schema/schema.graphql';
const CHANGELOG = 'CHANGELOG.md';

function args(argv) {
  const out = { base: process.env.SCHEMA_GUARD_BASE || 'HEAD~1' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--base') out.base = argv[++i];
    else if (argv[i] === '--help' || argv[i] === '-h') out.help = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return out;
}

const git = (cwd, ...a) => execFileSync('git', a, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

function tryGit(cwd, ...a) {
  try {
    return git(cwd, ...a);
  } catch {
    return null;
  }
}

/** Lines of `now` that `before` did not have (a multiset difference: moved lines do not count). */
export function addedLines(before, now) {
  const count = new Map();
  for (const l of before.split('\n')) count.set(l, (count.get(l) ?? 0) + 1);
  const added = [];
  for (const l of now.split('\n')) {
    const n = count.get(l) ?? 0;
    if (n > 0) count.set(l, n - 1);
    else added.push(l);
  }
  return added;
}

export async function guard({ cwd = process.cwd(), base = 'HEAD~1', log = console.log } = {}) {
  const root = tryGit(cwd, 'rev-parse', '--show-toplevel')?.trim();
  if (!root) {
    log('schema-guard: not a git work tree: nothing to compare');
    return 0;
  }
  const baseCommit = tryGit(root, 'rev-parse', '--verify', '--quiet', `${base}^{commit}`)?.trim();
  if (!baseCommit) {
    const shallow = tryGit(root, 'rev-parse', '--is-shallow-repository')?.trim() === 'true';
    log(shallow ? `schema-guard: WARNING: ${base} is not in this shallow clone: nothing to compare (clone with history to check)` : `schema-guard: no base commit ${base} (a first commit?): nothing to compare`);
    return 0;
  }
  const oldSdl = tryGit(root, 'show', `${baseCommit}:${SCHEMA_FILE}`);
  if (oldSdl === null) {
    log(`schema-guard: ${SCHEMA_FILE} did not exist at ${base}: nothing to compare`);
    return 0;
  }
  const file = path.join(root, SCHEMA_FILE);
  if (!existsSync(file)) {
    log(`schema-guard: ${SCHEMA_FILE} is missing: the whole API would be removed`);
    return 1;
  }
  const changes = await diff(buildSchema(oldSdl), buildSchema(readFileSync(file, 'utf8')));
  const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  const dangerous = changes.filter((c) => c.criticality.level === CriticalityLevel.Dangerous);
  const safe = changes.length - breaking.length - dangerous.length;
  log(`schema-guard: ${SCHEMA_FILE} against ${base} (${baseCommit.slice(0, 10)}): ${breaking.length} breaking, ${dangerous.length} dangerous, ${safe} safe change(s)`);
  for (const c of dangerous) log(`  dangerous  ${c.path ?? ''}: ${c.message}${c.criticality.reason ? ` (${c.criticality.reason})` : ''}`);
  for (const c of breaking) log(`  BREAKING   ${c.path ?? ''}: ${c.message}`);
  if (!breaking.length) return 0;

  const messages = tryGit(root, 'log', '--format=%B', `${baseCommit}..HEAD`) ?? '';
  const acknowledged = /\bBREAKING\b/.test(messages);
  const oldLog = tryGit(root, 'show', `${baseCommit}:${CHANGELOG}`) ?? '';
  const newLog = existsSync(path.join(root, CHANGELOG)) ? readFileSync(path.join(root, CHANGELOG), 'utf8') : '';
  const added = addedLines(oldLog, newLog).join('\n');
  const unexplained = [...new Set(breaking.map((c) => c.path ?? c.message))].filter((p) => !added.includes(p));

  if (acknowledged && !unexplained.length) {
    log('schema-guard: the breaking changes are announced (BREAKING in the commit message) and explained in CHANGELOG.md');
    return 0;
  }
  log('');
  log('schema-guard: FAILED. Clients built on the previous schema would break. Either keep the old field, type or');
  log('argument (deprecate it with @deprecated and add the new one beside it), or announce the break:');
  if (!acknowledged) log('  - put the word BREAKING in the commit message;');
  if (unexplained.length) log(`  - add to ${CHANGELOG} an entry that names ${unexplained.map((p) => `\`${p}\``).join(', ')} and says what clients must change.`);
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let opts;
  try {
    opts = args(process.argv.slice(2));
  } catch (e) {
    console.error(`schema-guard: ${e.message}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log('usage: node scripts/schema-guard.mjs [--base <commit>]   (default: SCHEMA_GUARD_BASE or HEAD~1)');
    process.exit(0);
  }
  guard({ base: opts.base })
    .then((code) => process.exit(code))
    .catch((e) => {
      console.error('schema-guard: could not run:', e);
      process.exit(2);
    });
}
