import { readFileSync, mkdtempSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Client } from 'pg';
import { startTestApp, type TestApp } from './support/app';
import { loadConfig } from '../src/config';
import { createLogger, logger, setLogger } from '../src/ops/logger';
import { signDevToken } from '../src/auth/tokens';
import { MIGRATIONS } from '../migrations';
import { initOrm } from '../src/db/orm';
import { verifyAuditChain } from '../src/audit/audit.service';

/** Operations: health, readiness, metrics, logs, configuration, graceful stop, kill -9, migrations. */

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

describe('health, readiness and metrics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { METRICS_TOKEN: 'm'.repeat(40) } });
  });
  afterAll(async () => app?.stop());
  const base = () => app.url.replace('/graphql', '');

  test('/healthz and /readyz answer JSON without auth and without anything sensitive', async () => {
    const h = await fetch(`${base()}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({ status: 'ok' });
    const r = await fetch(`${base()}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ready', checks: { database: true, migrations: true } });
  });

  test('/readyz is 503 while a migration is pending', async () => {
    const last = MIGRATIONS[MIGRATIONS.length - 1].name;
    await app.sql('delete from mikro_orm_migrations where name = $1', [last]);
    try {
      const r = await fetch(`${base()}/readyz`);
      expect(r.status).toBe(503);
      expect(((await r.json()) as any).checks.migrations).toBe(false);
    } finally {
      await app.sql('insert into mikro_orm_migrations (name) values ($1)', [last]);
    }
  });

  test('/metrics: Prometheus text behind its token, with requests by operation and outcome, errors by code, pool and audit writes', async () => {
    await app.gql('qs-discipline', 'query Officials { officials(first: 2) { nodes { identityNumber } } }');
    await app.gql('qs-finance', 'query Denied { officials(first: 1) { nodes { identityNumber } } }');
    expect((await fetch(`${base()}/metrics`)).status).toBe(401);
    const m = await fetch(`${base()}/metrics`, { headers: { authorization: `Bearer ${'m'.repeat(40)}` } });
    expect(m.status).toBe(200);
    const text = await m.text();
    expect(text).toMatch(/lianzheng_requests_total\{operation="Officials",outcome="ok"\} \d+/);
    expect(text).toMatch(/lianzheng_requests_total\{operation="Denied",outcome="denied"\} \d+/);
    expect(text).toMatch(/lianzheng_errors_total\{code="FORBIDDEN"\} \d+/);
    expect(text).toMatch(/lianzheng_request_duration_seconds_bucket\{le="0.1",operation="Officials"\} \d+/);
    expect(text).toMatch(/lianzheng_db_pool_connections\{state="used"\} \d+/);
    expect(text).toMatch(/lianzheng_audit_writes_total\{kind="read",outcome="ALLOWED"\} \d+/);
  });
});

describe('logs', () => {
  test('one JSON line per request with id, account, operation, duration and outcome; no token, identity number, phone, case fact or input value', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lz-log-'));
    const file = path.join(dir, 'app.log');
    const previous = logger();
    setLogger(createLogger({ level: 'info', destination: file }));
    const app = await startTestApp();
    try {
      const sensitive = (await app.sql('select identity_number as v from official union all select phone from official union all select case_facts from sanction')).map((r) => r.v).filter(Boolean) as string[];
      const tokens: string[] = [];
      for (const who of ['qs-discipline', 'qs-party', 'qs-team1', 'qs-finance']) {
        tokens.push(await app.token(who));
        await app.gql(who, 'query Everything { officials(first: 100) { nodes { identityNumber phone } } sanctions(first: 100) { nodes { caseFacts } } }', {}, { 'x-request-id': `log-${who}` });
      }
      const secret = '11010519491231002X';
      await app.gql('sysadmin', 'mutation Reg($i: OfficialCreateInput!) { officialCreate(input: $i) { userErrors { code } } }', { i: { name: '日志测试', unit: 'bad', post: 'x', rank: 'STAFF', identityNumber: secret, phone: '13800138000' } });
      await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer forged.token.value' }, body: JSON.stringify({ query: '{ __typename }' }) });
      await new Promise((r) => setTimeout(r, 100));
      const text = readFileSync(file, 'utf8');
      const lines = text.trim().split('\n').map((l) => JSON.parse(l));
      const line = lines.find((l) => l.requestId === 'log-qs-discipline');
      expect(line).toMatchObject({ msg: 'request', operation: 'Everything', status: 200, outcome: 'ok', service: 'lianzheng' });
      expect(line.account).toEqual(expect.any(Number));
      expect(line.durationMs).toEqual(expect.any(Number));
      expect(lines.find((l) => l.requestId === 'log-qs-finance')).toMatchObject({ outcome: 'denied', errors: expect.arrayContaining(['FORBIDDEN']) });
      expect(lines.some((l) => l.outcome === 'unauthenticated')).toBe(true);
      for (const v of [...sensitive, ...tokens, secret, '13800138000', 'forged.token.value', '日志测试']) expect(text.includes(v)).toBe(false);
    } finally {
      await app.stop();
      setLogger(previous);
    }
  });
});

describe('configuration', () => {
  test('the README table lists exactly the variables the code reads', () => {
    const read = new Set<string>();
    loadConfig(new Proxy({}, { get: (_t, k) => (typeof k === 'string' && read.add(k), undefined) }) as Record<string, string>);
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('##', readme.indexOf('## Configuration') + 5));
    const documented = new Set([...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]));
    expect([...documented].sort()).toEqual([...read].sort());
  });
});

describe('migrations', () => {
  test('forward from the previous release: the core schema with data, then every later migration', async () => {
    const admin = new Client({ connectionString: process.env.LZ_TEST_ADMIN_URL });
    await admin.connect();
    const db = `lz_t_mig_${Date.now()}`;
    await admin.query(`create database "${db}"`);
    const u = new URL(process.env.LZ_TEST_ADMIN_URL!);
    u.pathname = `/${db}`;
    const orm = await initOrm({ url: u.toString(), poolMax: 2 });
    try {
      const migrator = orm.getMigrator();
      // the first release had the core and the audit log
      await migrator.up({ to: MIGRATIONS[1].name });
      const em = orm.em.fork();
      await em.execute("insert into unit (code, name, kind, party_org_kind, path, depth) values ('OLD', '旧县（虚构）', 'COUNTY', 'PARTY_COMMITTEE', '/1/', 0)");
      const rest = await migrator.up();
      expect(rest.map((m) => m.name)).toEqual(MIGRATIONS.slice(2).map((m) => m.name));
      expect((await em.execute("select name from unit where code = 'OLD'"))[0].name).toBe('旧县（虚构）');
      expect(await migrator.getPendingMigrations()).toEqual([]);
    } finally {
      await orm.close(true);
      await admin.query(`drop database if exists "${db}" with (force)`);
      await admin.end();
    }
  });
});

/** The built service as a real process (npm test builds dist/ first). */
describe('the service as a process', () => {
  let app: TestApp;
  const built = existsSync('dist/src/main.js');
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.stop());

  async function startProcess(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const port = await freePort();
    let out = '';
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: app.dbUrl, PORT: String(port), HOST: '127.0.0.1', JOBS_ENABLED: 'false', SEED_DEMO: 'false', SHUTDOWN_TIMEOUT_MS: '10000', RATE_LIMIT_PER_MINUTE: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const url = `http://127.0.0.1:${port}/graphql`;
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(url.replace('/graphql', '/healthz'))).ok) return { child, url, output: () => out };
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the service did not start: ${out}`);
  }

  const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  (built ? test : test.skip)('refuses to start on a database with a pending migration unless told to migrate; an unreachable database is retried, then a clear exit', async () => {
    const last = MIGRATIONS[MIGRATIONS.length - 1].name;
    await app.sql('delete from mikro_orm_migrations where name = $1', [last]);
    try {
      const run = (env: Record<string, string>) =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          let out = '';
          const child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), PORT: '0', JOBS_ENABLED: 'false', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
          child.stdout!.on('data', (d) => (out += d));
          child.stderr!.on('data', (d) => (out += d));
          child.once('exit', (code) => resolve({ code, out }));
        });
      const pending = await run({ DATABASE_URL: app.dbUrl });
      expect(pending.code).toBe(3);
      expect(pending.out).toMatch(/pending migrations/);
      const unreachable = await run({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DB_CONNECT_RETRIES: '1' });
      expect(unreachable.code).toBe(1);
      expect(unreachable.out).toMatch(/database not reachable yet; retrying/);
      expect(unreachable.out).toMatch(/not reachable after 2 attempts/);
    } finally {
      await app.sql('insert into mikro_orm_migrations (name) values ($1)', [last]);
    }
  });

  (built ? test : test.skip)('SIGTERM under load: every accepted request is answered, then exit 0', async () => {
    const { child, url } = await startProcess();
    const token = await signDevToken(app.config, 'qs-discipline', '5m');
    const ask = () =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, connection: 'close' }, body: JSON.stringify({ query: '{ officials(first: 100) { nodes { name unit { code } sanctions { totalCount } } } }' }) }).then(
        async (r) => {
          const body = (await r.json()) as any;
          return { status: r.status, ok: !!body.data?.officials, errors: body.errors?.map((e: any) => e.message) };
        },
        () => ({ status: 0, ok: false }),
      );
    const inFlight = Array.from({ length: 30 }, ask);
    await new Promise((r) => setTimeout(r, 30));
    const exit = exited(child);
    child.kill('SIGTERM');
    const results = await Promise.all(inFlight);
    const accepted = results.filter((r) => r.status !== 0);
    expect(accepted.length).toBeGreaterThan(0);
    for (const r of accepted) expect(r).toEqual({ status: 200, ok: true, errors: undefined });
    expect(await exit).toBe(0);
  });

  (built ? test : test.skip)('kill -9 during a burst of writes: every acknowledged write is there, nothing is half written, the audit chain verifies', async () => {
    const { child, url } = await startProcess();
    const token = await signDevToken(app.config, 'sysadmin', '5m');
    const parent = (await app.sql("select id from unit where code = 'QS-NS'"))[0].id;
    const acked: string[] = [];
    let i = 0;
    const writer = async () => {
      for (;;) {
        const code = `QS-K${String(i++).padStart(3, '0')}`;
        try {
          const r = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: 'mutation($i: UnitCreateInput!) { unitCreate(input: $i) { unit { code } userErrors { code } } }', variables: { i: { code, name: `（虚构）${code}`, kind: 'VILLAGE', partyOrgKind: 'BRANCH', parent: Buffer.from(`Unit:${parent}`).toString('base64url') } } }),
          });
          const body = (await r.json()) as any;
          if (body.data?.unitCreate?.unit?.code === code) acked.push(code);
        } catch {
          return;
        }
      }
    };
    const writers = Promise.all([writer(), writer(), writer(), writer()]);
    await new Promise((r) => setTimeout(r, 700));
    const exit = exited(child);
    child.kill('SIGKILL');
    await exit;
    await writers;
    expect(acked.length).toBeGreaterThan(3);
    const rows = (await app.sql("select code, path from unit where code like 'QS-K%'")) as { code: string; path: string }[];
    const stored = new Set(rows.map((r) => r.code));
    for (const code of acked) expect(stored.has(code)).toBe(true);
    // a unit is written with its path in one transaction: no placeholder path survives
    expect(rows.filter((r) => !/^\/(\d+\/)+$/.test(r.path))).toEqual([]);
    const em = app.orm.em.fork();
    const v = await verifyAuditChain(em);
    expect(v).toMatchObject({ intact: true });
    // every acknowledged write has its audit record
    const audited = Number((await app.sql("select count(*)::int as n from audit_log where action = 'unitCreate' and outcome = 'ALLOWED'"))[0].n);
    expect(audited).toBeGreaterThanOrEqual(acked.length);
  });
});
