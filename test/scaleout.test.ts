import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chownSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp, type TestApp, globalId } from './support/app';
import { initOrm } from '../src/db/orm';
import { signDevToken } from '../src/auth/tokens';
import { TrustedDocuments } from '../src/http/trusted-documents';
import { verifyAuditChain } from '../src/audit/audit.service';

/**
 * Scale-out legs, run by .ci/run against the machine's PostgreSQL 15 (127.0.0.1:5432) and Redis
 * (127.0.0.1:6379) with LZ_SCALEOUT=1: a real streaming replica made with pg_basebackup, two API
 * processes sharing the database and Redis, and a dump restored into a new database.
 * Outside that leg they are skipped: they need the server's own binaries and a replication slot.
 */
const enabled = process.env.LZ_SCALEOUT === '1';
const PG_BIN = '/usr/lib/postgresql/15/bin';
const d = enabled ? describe : describe.skip;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
const ids = () => ({ uid: Number(spawnSync('id', ['-u', 'postgres']).stdout.toString()), gid: Number(spawnSync('id', ['-g', 'postgres']).stdout.toString()) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

d('read replica', () => {
  let app: TestApp;
  let dir: string;
  let replica: ChildProcess | null = null;
  let replicaPort: number;

  async function startReplica() {
    replica = spawn(`${PG_BIN}/postgres`, ['-D', dir, '-p', String(replicaPort), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${os.tmpdir()}`, '-c', 'hot_standby=on', '-c', 'logging_collector=off'], { ...ids(), stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    replica.stderr!.on('data', (c) => (err = (err + c).slice(-2000)));
    replica.once('exit', (code) => code && console.error(`replica exited ${code}: ${err}`));
    for (let i = 0; i < 100; i++) {
      const c = new Client({ host: '127.0.0.1', port: replicaPort, user: 'postgres', database: app.dbName });
      try {
        await c.connect();
        await c.end();
        return;
      } catch {
        await sleep(200);
      }
    }
    throw new Error('replica did not start');
  }

  beforeAll(async () => {
    app = await startTestApp();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lz-replica-'));
    chownSync(dir, ids().uid, ids().gid);
    const r = spawnSync(`${PG_BIN}/pg_basebackup`, ['-h', '127.0.0.1', '-p', '5432', '-U', 'postgres', '-D', dir, '-R', '-X', 'stream', '-c', 'fast'], { ...ids(), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pg_basebackup failed: ${r.stderr}`);
    // Debian keeps the configuration outside the data folder: give the copy its own
    for (const [file, text] of [['postgresql.conf', "hot_standby = on\n"], ['pg_hba.conf', 'local all all trust\nhost all all 127.0.0.1/32 trust\n'], ['pg_ident.conf', '']] as const) {
      writeFileSync(path.join(dir, file), text);
      chownSync(path.join(dir, file), ids().uid, ids().gid);
    }
    replicaPort = await freePort();
    await startReplica();
  }, 120_000);
  afterAll(async () => {
    if (replica && replica.exitCode === null) {
      const done = new Promise((r) => replica!.once('exit', r));
      replica.kill('SIGINT');
      await done;
    }
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('reads go to the replica, writes to the primary; with the replica stopped, requests fall back to the primary', async () => {
    const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/${app.dbName}`;
    const orm = await initOrm({ url: app.dbUrl, replicaUrls: [replicaUrl], poolMax: 3 });
    try {
      await sleep(300);
      const rc = new Client({ connectionString: replicaUrl });
      await rc.connect();
      expect((await rc.query('select pg_is_in_recovery() as r')).rows[0].r).toBe(true);
      // hold the replica still: a write reaches the primary only, so a read that sees the old value came from the replica
      await rc.query('select pg_wal_replay_pause()');
      const em = orm.em.fork();
      const unit = await em.findOneOrFail('Unit', { code: 'QS-NS' } as never) as { id: number; name: string };
      await orm.em.fork().transactional(async (tem) => {
        await tem.execute("update unit set name = '南山镇（已改名）' where code = 'QS-NS'");
        // inside a write transaction, reads see the primary
        expect((await tem.findOneOrFail('Unit', { id: unit.id } as never, { refresh: true }) as { name: string }).name).toBe('南山镇（已改名）');
      });
      const fromReplica = (await orm.em.fork().findOneOrFail('Unit', { id: unit.id } as never) as { name: string }).name;
      expect(fromReplica).toBe('南山镇');
      await rc.query('select pg_wal_replay_resume()');
      for (let i = 0; i < 50; i++) {
        if ((await orm.em.fork().findOneOrFail('Unit', { id: unit.id } as never) as { name: string }).name === '南山镇（已改名）') break;
        await sleep(100);
      }
      expect((await orm.em.fork().findOneOrFail('Unit', { id: unit.id } as never) as { name: string }).name).toBe('南山镇（已改名）');
      await rc.end();

      // stop the replica: after the health check notices (2 s), reads go to the primary
      const done = new Promise((r) => replica!.once('exit', r));
      replica!.kill('SIGINT');
      await done;
      await sleep(3500);
      const after = await orm.em.fork().findOneOrFail('Unit', { id: unit.id } as never) as { name: string };
      expect(after.name).toBe('南山镇（已改名）');
    } finally {
      await orm.close(true);
    }
  }, 60_000);
});

d('two API instances behind one database and Redis', () => {
  let app: TestApp;
  const children: ChildProcess[] = [];
  const trustedFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'lz-two-')), 'trusted.json');
  const registered = 'query OrgCount { officials(first: 1) { totalCount } }';

  async function instance(): Promise<string> {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: app.dbUrl, PORT: String(port), HOST: '127.0.0.1', JOBS_ENABLED: 'false', SEED_DEMO: 'false', REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '3', TRUSTED_DOCUMENTS_FILE: trustedFile },
      stdio: 'ignore',
    });
    children.push(child);
    const url = `http://127.0.0.1:${port}/graphql`;
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(url.replace('/graphql', '/readyz'))).ok) return url;
      } catch {
        /* not yet */
      }
      await sleep(100);
    }
    throw new Error('instance did not start');
  }

  beforeAll(async () => {
    writeFileSync(trustedFile, JSON.stringify({ 'qs-org': [TrustedDocuments.hash(registered)] }));
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await sleep(500);
    await app?.stop();
  });

  test('a subscription on one instance receives the event caused on the other; rate limits and trusted documents hold on both', async () => {
    expect(existsSync('dist/src/main.js')).toBe(true);
    const [a, b] = [await instance(), await instance()];
    const received: unknown[] = [];
    const token = await signDevToken(app.config, 'qs-finance', '5m');
    const client = createClient({ url: a.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0 });
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    const stop = client.subscribe({ query: 'subscription { reminderCreated { kind recordType dueDate } }' }, { next: (v) => received.push(v), error: () => undefined, complete: () => undefined });
    await sleep(300);
    // a new deadline on a QS-CZ letter, then the computation runs on instance B
    const letter = (await app.sql("select l.id from responsibility_letter l join unit u on u.id = l.unit_id where u.code = 'QS-CZ' and l.status in ('SIGNED', 'PUBLISHED') order by l.id desc limit 1"))[0];
    const pathCz = (await app.sql("select path from unit where code = 'QS-CZ'"))[0].path;
    await app.sql("insert into responsibility_item (letter_id, unit_path, kind, content, measures, deadline) values ($1, $2, 'SELF_CHOSEN', '（虚构）跨实例提醒', '措施', current_date + 2)", [letter.id, pathCz]);
    const sys = await signDevToken(app.config, 'sysadmin', '5m');
    const run = await fetch(b, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${sys}` }, body: JSON.stringify({ query: 'mutation { remindersCompute { created } }' }) });
    expect(((await run.json()) as any).data.remindersCompute.created).toBeGreaterThan(0);
    for (let i = 0; i < 50 && received.length === 0; i++) await sleep(100);
    expect(received.length).toBeGreaterThan(0);
    stop();
    await client.dispose();

    const org = await signDevToken(app.config, 'qs-org', '5m');
    for (const url of [a, b]) {
      const other = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${org}` }, body: JSON.stringify({ query: '{ officials(first: 2) { totalCount } }' }) });
      expect(other.status).toBe(403);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${org}` }, body: JSON.stringify({ query: registered }) })).status);
      // the 403 above spent one token of the burst of 3
      expect(statuses).toEqual([200, 200, 429, 429]);
    }
  }, 60_000);
});

d('backup and restore', () => {
  test('pg_dump of a live database restores into a new one whose audit chain verifies', async () => {
    const app = await startTestApp();
    const restored = `${app.dbName}_restored`;
    const dump = path.join(mkdtempSync(path.join(os.tmpdir(), 'lz-dump-')), 'db.dump');
    try {
      await app.gql('qs-discipline', '{ officials(first: 5) { nodes { identityNumber } } }');
      let r = spawnSync(`${PG_BIN}/pg_dump`, ['-h', '127.0.0.1', '-U', 'postgres', '-Fc', '-f', dump, app.dbName], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const admin = new Client({ connectionString: process.env.LZ_TEST_ADMIN_URL });
      await admin.connect();
      await admin.query(`create database "${restored}"`);
      await admin.end();
      r = spawnSync(`${PG_BIN}/pg_restore`, ['-h', '127.0.0.1', '-U', 'postgres', '-d', restored, '--no-owner', dump], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      const u = new URL(app.dbUrl);
      u.pathname = `/${restored}`;
      const orm = await initOrm({ url: u.toString(), poolMax: 1 });
      try {
        const v = await verifyAuditChain(orm.em.fork());
        expect(v.intact).toBe(true);
        expect(v.checked).toBeGreaterThan(0);
        const n = (await orm.em.fork().execute('select count(*)::int as n from official'))[0].n;
        expect(n).toBe((await app.sql('select count(*)::int as n from official'))[0].n);
      } finally {
        await orm.close(true);
      }
    } finally {
      const admin = new Client({ connectionString: process.env.LZ_TEST_ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database if exists "${restored}" with (force)`);
      await admin.end();
      await app.stop();
    }
  }, 60_000);
});

void globalId;
