#!/usr/bin/env node
/**
 * `npm run build:ide`: bundles the GraphiQL page (web/) into dist/ide/ with vite.
 * The bundle takes about half a minute, so it is skipped when dist/ide/ was built from the same
 * web/ sources and the same versions of every package that went into it; --force rebuilds.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(root, 'web');
const outDir = path.join(root, 'dist', 'ide');
const stampFile = path.join(outDir, '.build-stamp.json');

function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

function webHash() {
  const h = createHash('sha256');
  for (const f of filesUnder(webDir)) h.update(path.relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

function installedVersion(dir) {
  try {
    return JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Why dist/ide/ must be rebuilt, or null when it is current. */
export function staleReason() {
  if (!existsSync(path.join(outDir, 'index.html'))) return 'no bundle yet';
  if (!existsSync(stampFile)) return 'no build stamp';
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return 'unreadable build stamp';
  }
  if (stamp.web !== webHash()) return 'web/ changed';
  for (const [dir, version] of Object.entries(stamp.packages ?? {})) {
    const now = installedVersion(dir);
    if (now !== version) return `${dir} is ${now ?? 'gone'}, was ${version}`;
  }
  return null;
}

export async function buildIde({ force = false, log = console.log } = {}) {
  const reason = force ? 'forced' : staleReason();
  if (!reason) {
    log('build:ide: dist/ide is current');
    return { built: false, ms: 0 };
  }
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: path.join(webDir, 'vite.config.mts'), logLevel: 'warn' });
  const packages = JSON.parse(readFileSync(path.join(outDir, '.bundled-packages.json'), 'utf8'));
  writeFileSync(stampFile, `${JSON.stringify({ web: webHash(), packages }, null, 1)}\n`);
  const ms = Date.now() - started;
  log(`build:ide: bundled GraphiQL into dist/ide in ${(ms / 1000).toFixed(1)} s (${reason})`);
  return { built: true, ms };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildIde({ force: process.argv.includes('--force') }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
