import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { initOrm, usableAppRole } from '../src/db/orm';
import { createServer } from '../src/server';
import { createLogger, setLogger } from '../src/ops/logger';

/**
 * The API as the benchmark runs it: the real server (createServer) on an existing, migrated
 * database, in its own process so that its RSS is its own. It counts the SQL statements its
 * pool sends (knex's query event) and answers the parent's `count` messages over IPC.
 */
async function main(): Promise<void> {
  const t0 = Date.now();
  const url = process.env.BENCH_DATABASE_URL!;
  const config = loadConfig({ ...process.env, DATABASE_URL: url, HOST: '127.0.0.1', PORT: '0', JOBS_ENABLED: 'false', LOG_LEVEL: 'silent' });
  setLogger(createLogger({ level: 'silent' }));
  const owner = await initOrm({ url, poolMax: 1 });
  const appRole = await usableAppRole(owner);
  await owner.close();
  const orm = await initOrm({ url, poolMax: config.dbPoolMax, statementTimeoutMs: config.statementTimeoutMs, appRole });
  let statements = 0;
  orm.em.getKnex().on('query', () => {
    statements++;
  });
  const server = await createServer({ config, orm });
  process.on('message', (m: { type: string }) => {
    if (m?.type === 'count') process.send!({ type: 'count', statements });
  });
  const stop = async () => {
    await server.stop().catch(() => undefined);
    await orm.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('disconnect', () => void stop());
  process.send!({ type: 'ready', url: server.url, startupMs: Date.now() - t0, poolMax: config.dbPoolMax });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
