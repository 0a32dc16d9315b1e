import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config';
import { startEmbeddedPostgres, type EmbeddedHandle } from '../src/db/embedded';
import { initOrm, migrateUp } from '../src/db/orm';
import { signDevToken } from '../src/auth/tokens';
import { FULL, MARKER_TABLE, SMALL, generate, layout, type BenchSize } from './generate';

/**
 * npm run bench [-- --size full|small] [--seed 7] [--duration 10] [--connections 10,50] [--pool N] [--only <name part>] [--warmup 2] [--regen] [--profile]
 *
 * Generates a fictional city into its own database (lianzheng_bench) on the embedded PostgreSQL
 * (.data/bench) or on DATABASE_URL's server, starts the API and the hand-written baseline as child
 * processes on 127.0.0.1, drives both with autocannon for a bounded time per operation and
 * connection count, and writes bench/results/latest.{json,md}.
 */
const BENCH_DB = 'lianzheng_bench';
const ROOT = path.resolve(__dirname, '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const cleanups: (() => Promise<void> | void)[] = [];
let cleaning = false;
async function cleanup(): Promise<void> {
  if (cleaning) return;
  cleaning = true;
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping the API, the baseline and the database the benchmark started`);
    void cleanup().then(() => process.exit(130));
  });
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Makes sure lianzheng_bench holds benchmark data of this size and seed; refuses any other data. */
async function prepareDatabase(adminUrl: string, size: BenchSize, seed: number, regen: boolean): Promise<string> {
  const url = withDatabase(adminUrl, BENCH_DB);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const signature = JSON.stringify({ size, seed, v: 2 });
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [BENCH_DB])).rowCount;
    if (exists) {
      const db = new Client({ connectionString: url });
      await db.connect();
      try {
        const tables = await db.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public'");
        const names = new Set(tables.rows.map((r) => r.table_name));
        if (names.size > 0 && !names.has(MARKER_TABLE)) {
          throw new Error(
            `database ${BENCH_DB} exists and holds tables that the benchmark did not create (no ${MARKER_TABLE}): refusing to touch it. ` +
              'The benchmark only ever writes to its own database; drop or rename that one yourself if it is not needed.',
          );
        }
        if (names.has(MARKER_TABLE) && !regen) {
          const m = await db.query<{ signature: string; complete: boolean }>(`select signature, complete from ${MARKER_TABLE}`);
          if (m.rows[0]?.complete && m.rows[0].signature === signature) {
            console.log(`reusing ${BENCH_DB} (same size and seed; --regen to generate again)`);
            // migrations added since the data was generated (an index, say) are applied to it
            const owner = await initOrm({ url, poolMax: 2 });
            try {
              await migrateUp(owner);
            } finally {
              await owner.close();
            }
            // the rows an earlier run wrote (integrity-opinion requests) and a new index: counted and
            // made visible before this run, as in generation (bench/generate.ts)
            await db.query('vacuum analyze');
            return url;
          }
        }
      } finally {
        await db.end();
      }
      console.log(`dropping ${BENCH_DB} (benchmark data of another size, seed or an interrupted run)`);
      await admin.query(`drop database "${BENCH_DB}" with (force)`);
    }
    await admin.query(`create database "${BENCH_DB}"`);
  } finally {
    await admin.end();
  }
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    // the marker first: a half-generated database is recognised as the benchmark's own and regenerated
    await db.query(`create table ${MARKER_TABLE} (signature text not null, complete boolean not null, generated_at timestamptz not null default now())`);
    await db.query(`insert into ${MARKER_TABLE} (signature, complete) values ($1, false)`, [signature]);
    const owner = await initOrm({ url, poolMax: 2 });
    try {
      await migrateUp(owner);
    } finally {
      await owner.close();
    }
    const t = Date.now();
    console.log(`generating the city (seed ${seed}): ${size.counties} counties × ${size.unitsPerCounty} units, ${size.officials} officials, ${size.sanctions} sanctions, ${size.clues} clues, ${size.rectifications} rectifications`);
    await generate(db, size, seed, (m) => console.log(m));
    await db.query(`update ${MARKER_TABLE} set complete = true`);
    console.log(`generated in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await db.end();
  }
  return url;
}

interface Child {
  proc: ChildProcess;
  url: string;
  startupMs?: number;
  statements: () => Promise<number>;
  /** Peak RSS over the whole run. */
  rssPeakMb: () => number;
  /** Peak RSS since the last `resetWindowRss` (one operation at one connection count). */
  windowRssPeakMb: () => number;
  resetWindowRss: () => void;
}

async function startChild(script: string, env: Record<string, string>, execArgv: string[] = []): Promise<Child> {
  const proc = fork(script, [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
      }),
  );
  const ready = await new Promise<{ url: string; startupMs?: number }>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    proc.on('message', (m: any) => m?.type === 'ready' && resolve(m));
  });
  let peak = 0;
  let windowPeak = 0;
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
      windowPeak = Math.max(windowPeak, kb / 1024);
    } catch {
      /* not on Linux, or the child has exited */
    }
  };
  const timer = setInterval(sample, 50);
  timer.unref();
  cleanups.push(() => clearInterval(timer));
  return {
    proc,
    url: ready.url,
    startupMs: ready.startupMs,
    statements: () =>
      new Promise<number>((resolve) => {
        const on = (m: any) => {
          if (m?.type === 'count') {
            proc.off('message', on);
            resolve(m.statements);
          }
        };
        proc.on('message', on);
        proc.send({ type: 'count' });
      }),
    rssPeakMb: () => (sample(), peak),
    windowRssPeakMb: () => (sample(), windowPeak),
    resetWindowRss: () => {
      sample();
      windowPeak = 0;
    },
  };
}

/**
 * CPU time (user + system, ms) a process has used, from /proc (0 where there is none: not Linux,
 * or the process is gone); with `reaped`, also that of its children that have exited. Ticks are
 * USER_HZ, 100 on every Linux this runs on.
 */
function cpuMs(pid: number | string, reaped = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command name, which is in parentheses and may hold spaces
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0)) * 10;
  } catch {
    return 0;
  }
}

/**
 * CPU time (ms) used so far by PostgreSQL on this machine: every process named `postgres` (the
 * embedded server's, or DATABASE_URL's when it runs here), with the children each has reaped, so
 * that a backend or parallel worker that exits during a load still counts (the postmaster reaps
 * them). Idle servers add nothing.
 */
function postgresCpuMs(): number {
  let total = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      if (readFileSync(`/proc/${e}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    total += cpuMs(e, true);
  }
  return total;
}

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64url');

interface Operation {
  name: string;
  role: string;
  user: string;
  query: string;
  variables: Record<string, unknown>;
  baseline?: { op: string; vars: Record<string, unknown> };
  check: (data: any) => string | null;
  /** A root field that is being built: the operation runs only when the schema has it. */
  requires?: string;
}

function operations(size: BenchSize, today: string): Operation[] {
  const U = size.unitsPerCounty;
  const L = layout(U);
  const county = 1;
  const firstDepartment = L.depFrom + 1;
  const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const nestedQuery = `query Nested($subtree: ID!, $after: String, $units: Int, $officials: Int, $sanctions: Int) {
  units(first: $units, after: $after, filter: { subtreeOf: $subtree }) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id code name officials(first: $officials) { pageInfo { hasNextPage }
      nodes { id name post rank sanctions(first: $sanctions) { nodes { id category kind decisionDate reasonSummary } } } } }
  }
}`;
  const nestedVars = (after: number | null) => ({
    subtree: gid('Unit', county),
    after: after === null ? null : Buffer.from(`k:${after}`).toString('base64url'),
    units: 50,
    officials: 20,
    sanctions: 20,
  });
  const nestedCheck = (d: any) => (d?.units?.nodes?.length === 50 ? null : `expected 50 units, got ${d?.units?.nodes?.length}`);
  // the last 50 units of the county: every row before the cursor is skipped
  const deepAfter = U - 51;
  return [
    {
      name: 'official by id',
      role: 'DISCIPLINE_COMMISSION',
      user: 'bench-discipline',
      query: 'query One($id: ID!) { official(id: $id) { id name post rank isPrincipal unit { id code name } } }',
      variables: { id: gid('Official', firstDepartment) },
      baseline: { op: 'official', vars: { id: firstDepartment } },
      check: (d) => (d?.official?.name ? null : 'no official'),
    },
    {
      name: 'nested page 50×20×sanctions',
      role: 'PARTY_COMMITTEE',
      user: 'bench-party',
      query: nestedQuery,
      variables: nestedVars(null),
      baseline: { op: 'nested', vars: { subtree: county, after: null, units: 50, officials: 20, sanctions: 20 } },
      check: nestedCheck,
    },
    {
      name: 'nested page, deep cursor',
      role: 'PARTY_COMMITTEE',
      user: 'bench-party',
      query: nestedQuery,
      variables: nestedVars(deepAfter),
      baseline: { op: 'nested', vars: { subtree: county, after: deepAfter, units: 50, officials: 20, sanctions: 20 } },
      check: nestedCheck,
    },
    {
      // every rule on this page passes for the discipline commission: the difference is what the field rules cost
      name: 'nested page, all rules pass',
      role: 'DISCIPLINE_COMMISSION',
      user: 'bench-discipline',
      query: nestedQuery,
      variables: nestedVars(null),
      baseline: { op: 'nested', vars: { subtree: county, after: null, units: 50, officials: 20, sanctions: 20 } },
      check: nestedCheck,
    },
    {
      name: 'sanctions by subtree, category, dates (100 + totalCount)',
      role: 'DISPATCHED_TEAM',
      user: 'bench-team',
      query: `query S($subtree: ID!, $from: LocalDate, $to: LocalDate) {
  sanctions(first: 100, filter: { unitSubtree: $subtree, categories: [PARTY_DISCIPLINE], decisionDateFrom: $from, decisionDateTo: $to }) {
    totalCount pageInfo { hasNextPage } nodes { id kind category decisionDate reasonSummary } } }`,
      variables: { subtree: gid('Unit', county), from, to: today },
      baseline: { op: 'sanctions', vars: { subtree: county, category: 'PARTY_DISCIPLINE', from, to: today } },
      check: (d) => (d?.sanctions?.totalCount > 0 ? null : 'no sanctions'),
    },
    {
      name: 'letter with items and assessments',
      role: 'UNIT',
      user: 'bench-unit',
      query: `query L($id: ID!) { letter(id: $id) { id year title status items { id kind content deadline progressPercent } assessments { id period score grade } } }`,
      variables: { id: gid('ResponsibilityLetter', firstDepartment) },
      baseline: { op: 'letter', vars: { id: firstDepartment } },
      check: (d) => (d?.letter?.items?.length === 5 ? null : 'letter not found or without its items'),
    },
    {
      name: 'integrity-opinion request for 500 officials',
      role: 'ORGANIZATION_DEPT',
      user: 'bench-org',
      requires: 'integrityOpinionRequest',
      query: `mutation R($input: IntegrityOpinionRequestInput!) { integrityOpinionRequest(input: $input) { request { id } userErrors { field code } } }`,
      variables: { input: { purpose: 'PROMOTION', officials: Array.from({ length: 500 }, (_, i) => gid('Official', i + 1)), note: '基准测试' } },
      check: (d) =>
        d?.integrityOpinionRequest?.request && !d.integrityOpinionRequest.userErrors?.length ? null : `not created: ${JSON.stringify(d?.integrityOpinionRequest?.userErrors)}`,
    },
    {
      name: 'county statistics',
      role: 'PARTY_COMMITTEE',
      user: 'bench-party',
      requires: 'statistics',
      query: `query St($unit: ID!, $from: LocalDate!, $to: LocalDate!) { statistics(unit: $unit, period: { from: $from, to: $to }) {
  masked cluesFound { value lastYear } problemsFound { value lastYear } fixedAtOnce { value } beingFixed { value } waiting { value } } }`,
      variables: { unit: gid('Unit', county), from, to: today },
      check: (d) => (d?.statistics ? null : 'no statistics'),
    },
  ];
}

interface Row {
  operation: string;
  role: string;
  server: 'api' | 'baseline';
  connections: number;
  reqPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
  statementsPerRequest: number;
  /** The API's peak RSS during this load (API rows only). */
  peakRssMb?: number;
  /** CPU time per request of the server's process, and of PostgreSQL's processes, during this load. */
  cpuMsPerRequest: number;
  dbCpuMsPerRequest: number;
}

async function load(server: Child, headers: Record<string, string>, body: string, connections: number, duration: number) {
  const cpu0 = cpuMs(server.proc.pid!);
  const db0 = postgresCpuMs();
  const r = await autocannon({ url: server.url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections, duration });
  const answered = Math.max(1, r.requests.total);
  const perRequest = (ms: number) => Math.round((ms / answered) * 100) / 100;
  return {
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    cpuMsPerRequest: perRequest(cpuMs(server.proc.pid!) - cpu0),
    dbCpuMsPerRequest: perRequest(postgresCpuMs() - db0),
  };
}

async function main(): Promise<void> {
  const sizeName = arg('size', 'full');
  const size = sizeName === 'full' ? FULL : SMALL;
  const seed = Number(arg('seed', '7'));
  const duration = Number(arg('duration', '10'));
  const warmup = Number(arg('warmup', '2'));
  const connectionCounts = arg('connections', '10,50').split(',').map(Number);
  const poolMax = arg('pool', String(Math.max(10, Math.min(40, os.cpus().length * 4))));

  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
    console.log(`using DATABASE_URL's server; the benchmark writes only to its own database ${BENCH_DB}`);
  } else {
    const port = await freePort();
    const embedded: EmbeddedHandle = await startEmbeddedPostgres({ dataDir: path.join(ROOT, '.data', 'bench', 'pg'), port, persistent: true, log: (m) => console.log(m) });
    cleanups.push(() => embedded.stop());
    adminUrl = embedded.url('postgres');
    console.log(`embedded PostgreSQL on 127.0.0.1:${port} (data in ${embedded.dataDir}); database ${BENCH_DB}`);
  }
  const dbUrl = await prepareDatabase(adminUrl, size, seed, flag('regen'));

  const env = { BENCH_DATABASE_URL: dbUrl, DB_POOL_MAX: poolMax, RATE_LIMIT_PER_MINUTE: '0', NODE_ENV: 'development' };
  // --profile: a V8 CPU profile of the API for the whole run, written when it stops
  const profileDir = path.join(ROOT, 'bench', 'results', 'profile');
  const api = await startChild(path.join(__dirname, 'api.js'), env, flag('profile') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  const base = await startChild(path.join(__dirname, 'baseline-main.js'), env);
  console.log(`API on ${api.url} (started in ${api.startupMs} ms), baseline on ${base.url}, pool ${poolMax}, ${duration} s per operation per connection count`);

  const config = loadConfig({ ...process.env, DATABASE_URL: dbUrl });
  const tokens = new Map<string, string>();
  const token = async (u: string) => tokens.get(u) ?? (tokens.set(u, await signDevToken(config, u, '2h')), tokens.get(u)!);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  const only = arg('only', '');
  const ops = operations(size, today).filter((o) => !only || o.name.includes(only));
  const schema: any = await (
    await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('bench-discipline')}` }, body: JSON.stringify({ query: '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }' }) })
  ).json();
  const fields = new Set<string>([...(schema?.data?.__schema?.queryType?.fields ?? []), ...(schema?.data?.__schema?.mutationType?.fields ?? [])].map((f: any) => f.name));
  const notes: string[] = [];
  if (!fields.size) notes.push('introspection is disabled; operations on fields being built were not looked for');

  const rows: Row[] = [];
  for (const op of ops) {
    if (op.requires && !fields.has(op.requires)) {
      notes.push(`${op.name}: ${op.requires} is not in the schema yet; skipped`);
      continue;
    }
    const gqlBody = JSON.stringify({ query: op.query, variables: op.variables });
    const headers = { authorization: `Bearer ${await token(op.user)}` };
    // one request alone first: its answer is checked and its statements counted, once the
    // requests still queued from the previous load have drained
    await new Promise((r) => setTimeout(r, 1500));
    await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: gqlBody });
    const s0 = await api.statements();
    const res: any = await (await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: gqlBody })).json();
    const apiStatements = (await api.statements()) - s0;
    const problem = res.errors ? JSON.stringify(res.errors).slice(0, 400) : op.check(res.data);
    if (problem) {
      notes.push(`${op.name}: the API's answer is wrong (${problem}); not measured`);
      console.log(`! ${op.name}: ${problem}`);
      continue;
    }
    let baseStatements = 0;
    const baseBody = op.baseline ? JSON.stringify(op.baseline) : null;
    const baseHeaders = { 'x-bench-user': op.user };
    if (baseBody) {
      const b0 = await base.statements();
      const b = await fetch(base.url, { method: 'POST', headers: { 'content-type': 'application/json', ...baseHeaders }, body: baseBody });
      if (b.status !== 200) throw new Error(`baseline failed on ${op.name}: ${await b.text()}`);
      baseStatements = (await base.statements()) - b0;
    }
    // unmeasured load first, on both servers: V8 compiles a function for speed only after it has
    // run a while, and the first operation of a run met a process whose code had never run (the
    // API's pipeline is far larger than the baseline's, so a cold start weighed on it alone)
    if (warmup > 0) {
      await load(api, headers, gqlBody, connectionCounts[0], warmup);
      if (baseBody) await load(base, baseHeaders, baseBody, connectionCounts[0], warmup);
    }
    for (const c of connectionCounts) {
      api.resetWindowRss();
      const a = await load(api, headers, gqlBody, c, duration);
      rows.push({ operation: op.name, role: op.role, server: 'api', connections: c, ...a, statementsPerRequest: apiStatements, peakRssMb: Math.round(api.windowRssPeakMb()) });
      if (baseBody) {
        const b = await load(base, baseHeaders, baseBody, c, duration);
        rows.push({ operation: op.name, role: op.role, server: 'baseline', connections: c, ...b, statementsPerRequest: baseStatements });
      }
      const last = rows.filter((r) => r.operation === op.name && r.connections === c);
      const ratio = last[1] ? (last[0].reqPerSec / last[1].reqPerSec).toFixed(2) : '-';
      console.log(
        `${op.name} @${c}: API ${last[0].reqPerSec.toFixed(0)} req/s p99 ${last[0].p99} ms (${apiStatements} stmt, ${last[0].peakRssMb} MB, CPU ms/req ${cpu(last[0])}) · baseline ${last[1]?.reqPerSec.toFixed(0) ?? '-'} req/s (CPU ${last[1] ? cpu(last[1]) : '-'}) · ratio ${ratio}`,
      );
    }
  }

  const result = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    size: sizeName,
    dataset: size,
    seed,
    durationSeconds: duration,
    warmupSeconds: warmup,
    poolMax: Number(poolMax),
    apiStartupMs: api.startupMs,
    apiPeakRssMb: Math.round(api.rssPeakMb()),
    baselinePeakRssMb: Math.round(base.rssPeakMb()),
    rows,
    notes,
  };
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  const md = markdown(result);
  writeFileSync(path.join(dir, 'latest.md'), md);
  console.log('\n' + md);
  await cleanup();
}

const cpu = (x: Row) => (x.cpuMsPerRequest === undefined ? '-' : `${x.cpuMsPerRequest.toFixed(1)} + ${x.dbCpuMsPerRequest.toFixed(1)}`);

function markdown(r: any): string {
  const lines = [
    `# Benchmark run ${r.at}`,
    '',
    `Data: ${r.size} (${JSON.stringify(r.dataset)}), seed ${r.seed}. Machine: ${r.machine.cpus} CPUs (${r.machine.model}), ${r.machine.memoryGb} GB, Node ${r.machine.node}. ` +
      `${r.durationSeconds} s per operation per connection count, after ${r.warmupSeconds ?? 0} s of unmeasured load on each server; pool ${r.poolMax}. API start-up ${r.apiStartupMs} ms; API peak RSS ${r.apiPeakRssMb} MB (baseline ${r.baselinePeakRssMb} MB).`,
    '',
    '| operation | role | conn | API req/s | baseline req/s | ratio | API p50 / p90 / p99 ms | baseline p99 ms | SQL/request API / baseline | CPU ms/request API + its PostgreSQL | baseline + its PostgreSQL | API peak RSS MB | errors |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const apiRows = r.rows.filter((x: Row) => x.server === 'api');
  for (const a of apiRows) {
    const b = r.rows.find((x: Row) => x.server === 'baseline' && x.operation === a.operation && x.connections === a.connections);
    lines.push(
      `| ${a.operation} | ${a.role} | ${a.connections} | ${a.reqPerSec.toFixed(0)} | ${b ? b.reqPerSec.toFixed(0) : '-'} | ${b ? (a.reqPerSec / b.reqPerSec).toFixed(2) : '-'} | ${a.p50} / ${a.p90} / ${a.p99} | ${b ? b.p99 : '-'} | ${a.statementsPerRequest} / ${b ? b.statementsPerRequest : '-'} | ${cpu(a)} | ${b ? cpu(b) : '-'} | ${a.peakRssMb ?? '-'} | ${a.errors + a.non2xx} |`,
    );
  }
  if (r.notes.length) lines.push('', ...r.notes.map((n: string) => `- ${n}`));
  return lines.join('\n') + '\n';
}

main().catch(async (e) => {
  console.error(`benchmark failed: ${e instanceof Error ? e.message : String(e)}`);
  await cleanup();
  process.exit(1);
});
