import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type Config } from '../../src/config';
import { initOrm, migrateUp, usableAppRole } from '../../src/db/orm';
import { createServer, type AppServer } from '../../src/server';
import { seedDemoIfEmpty } from '../../src/seed/demo';
import { signDevToken } from '../../src/auth/tokens';
import { localDate, type Clock } from '../../src/common/context';

export interface GqlResult<T = any> {
  status: number;
  body: { data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[] };
}

export interface TestApp {
  url: string;
  orm: MikroORM;
  config: Config;
  dbName: string;
  dbUrl: string;
  server: AppServer;
  /** A valid token for an account. */
  token(username: string): Promise<string>;
  /** POSTs a GraphQL request as an account (null: no Authorization header). */
  gql<T = any>(as: string | null, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResult<T>>;
  /** Raw SQL on the test database. */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * A fingerprint of every application table, to assert that a refused request changed nothing.
   * The audit log is left out: a refused request is recorded there by design (test/audit.test.ts).
   */
  fingerprint(): Promise<string>;
  /** The global id of a record, looked up by SQL (e.g. gid('Unit', 'select id from unit where code = $1', ['QS'])). */
  gid(typename: string, sql: string, params?: unknown[]): Promise<string>;
  stop(): Promise<void>;
}

function dbUrlFor(adminUrl: string, db: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  return u.toString();
}

export const globalId = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64url');

/**
 * A fresh database (created, migrated, seeded with the demo county) and the real server on a
 * free port, for one test file. Nothing is mocked.
 */
export async function startTestApp(opts: { seed?: boolean; clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const adminUrl = process.env.LZ_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error('LZ_TEST_ADMIN_URL is not set: run the tests through jest (globalSetup)');
  const dbName = `lz_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  await admin.end();
  const dbUrl = dbUrlFor(adminUrl, dbName);

  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: dbUrl, ...(opts.env ?? {}) });
  const owner = await initOrm({ url: dbUrl, poolMax: 2 });
  await migrateUp(owner);
  if (opts.seed !== false) await seedDemoIfEmpty(owner.em.fork(), localDate((opts.clock ?? { now: () => new Date() }).now()));
  const appRole = await usableAppRole(owner);
  await owner.close();
  if (!appRole) throw new Error('the lianzheng_app role should exist after the migrations');
  // the server runs as the application role, as it does in production
  const orm = await initOrm({ url: dbUrl, poolMax: 5, appRole, statementTimeoutMs: config.statementTimeoutMs });
  const server = await createServer({ config, orm, clock: opts.clock });
  const pool = new Client({ connectionString: dbUrl });
  await pool.connect();
  const tokens = new Map<string, string>();

  const app: TestApp = {
    url: server.url,
    orm,
    config,
    dbName,
    dbUrl,
    server,
    async token(username) {
      if (!tokens.has(username)) tokens.set(username, await signDevToken(config, username, '1h'));
      return tokens.get(username)!;
    },
    async gql(as, query, variables, headers = {}) {
      const h: Record<string, string> = { 'content-type': 'application/json', ...headers };
      if (as) h.authorization = `Bearer ${await app.token(as)}`;
      const res = await fetch(server.url, { method: 'POST', headers: h, body: JSON.stringify({ query, variables }) });
      const text = await res.text();
      let body: GqlResult['body'];
      try {
        body = JSON.parse(text);
      } catch {
        body = { errors: [{ message: `non-JSON response: ${text.slice(0, 200)}` }] };
      }
      return { status: res.status, body };
    },
    async sql(text, params = []) {
      return (await pool.query(text, params)).rows;
    },
    async fingerprint() {
      const tables = (await pool.query(
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'mikro_orm%' and table_name <> 'audit_log' order by table_name",
      )).rows.map((r: { table_name: string }) => r.table_name);
      const parts: string[] = [];
      for (const t of tables) {
        const r = await pool.query(`select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`);
        parts.push(`${t}:${r.rows[0].n}:${r.rows[0].h}`);
      }
      return parts.join('\n');
    },
    async gid(typename, text, params = []) {
      const rows = (await pool.query(text, params)).rows;
      if (!rows.length) throw new Error(`no row for ${text} ${JSON.stringify(params)}`);
      return globalId(typename, rows[0].id);
    },
    async stop() {
      await server.stop();
      await pool.end();
      await orm.close(true);
      const a = new Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists "${dbName}" with (force)`);
      await a.end();
    },
  };
  return app;
}

/** The SQL the server's own pool sends from now on (knex's query event), so nothing is mocked. */
export function recordStatements(app: TestApp): string[] {
  const log: string[] = [];
  app.orm.em.getKnex().on('query', (q: { sql: string }) => {
    log.push(q.sql);
  });
  return log;
}

/** Codes of the top-level errors of a response. */
export const codes = (r: GqlResult) => (r.body.errors ?? []).map((e) => e.extensions?.code);
