import 'reflect-metadata';
import { loadConfig, ConfigError, type Config } from './config';
import { resolveDatabase } from './db/database';
import { connectWithRetry, initOrm, initOrmChecked, migrateUp, pendingMigrations, usableAppRole } from './db/orm';
import { createServer } from './server';
import { seedDemoIfEmpty } from './seed/demo';
import { startJobRunner, type JobRunner } from './jobs/runner';
import { systemClock } from './common/context';
import { createLogger, setLogger } from './ops/logger';
import { installSharedPubSub } from './ops/redis-pubsub';
import { setPetitionKeys } from './modules/petitions/reporter-crypto';

/** Boot: config → database → server; nothing else. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(JSON.stringify({ level: 'fatal', msg: `configuration error: ${e.message}` }));
      process.exit(2);
    }
    throw e;
  }
  const log = createLogger({ level: config.logLevel, destination: config.logFile });
  setLogger(log);
  const info = (m: string) => log.info(m);
  setPetitionKeys(config.petitionKeys.keys);
  if (!config.petitionKeys.keys.length) log.error('PETITION_KEYS is not set: petitions with a real-name reporter will be refused until it is');
  if (config.petitionKeys.isDevDefault) log.warn('PETITION_KEYS holds the development key: petition reporters are sealed with a published key (refused when NODE_ENV=production)');
  if (config.jwt.secretIsDevDefault) {
    log.warn(`JWT_SECRET is not set: using the development default "${config.jwt.secret}" (refused when NODE_ENV=production)`);
  }
  const db = await resolveDatabase(config, info);
  // migrations and the demo seed run as the connecting user (the schema's owner) ...
  const owner = await connectWithRetry(() => initOrmChecked({ url: db.url, poolMax: 2 }), config.dbConnectRetries, (attempt, wait, err) =>
    log.warn({ attempt, waitMs: wait, error: err.message }, 'database not reachable yet; retrying'),
  );
  const pending = await pendingMigrations(owner);
  if (pending.length) {
    if (!config.autoMigrate) {
      log.fatal({ pending }, 'the database has pending migrations; run `npm run migrate` or set AUTO_MIGRATE=true');
      process.exit(3);
    }
    info(`applied migrations: ${(await migrateUp(owner)).join(', ')}`);
  }
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(owner.em.fork());
    if (seeded) info('loaded the fictional demo county 青山县 (QS)');
  }
  const appRole = await usableAppRole(owner);
  await owner.close();
  // ... and requests as the application role, which may only insert and read the audit log
  if (!appRole) log.warn('the database role lianzheng_app is missing or not assumable: requests run as the connecting user (see docs/audit.md)');
  const orm = await initOrm({ url: db.url, replicaUrls: config.replicaUrls, poolMax: config.dbPoolMax, statementTimeoutMs: config.statementTimeoutMs, appRole });
  const pubsub = await installSharedPubSub(config.redisUrl, log);

  // the job runner connects as the schema's owner: pg-boss keeps its own schema
  const jobs: JobRunner | null = config.jobsEnabled ? await startJobRunner({ url: db.url, orm, clock: systemClock, log: info }) : null;
  const server = await createServer({ config, orm, readiness: { jobRunnerAlive: jobs ? () => jobs.alive() : undefined, beforeMetrics: jobs ? () => jobs.reportBacklog() : undefined } });
  info(`serving GraphQL on http://localhost:${config.port}/graphql`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    info(`${signal}: stopping; in-flight requests may finish (at most ${config.shutdownTimeoutMs} ms)`);
    await server.stop().catch((e) => log.error({ error: (e as Error).message }, 'stopping the server'));
    await jobs?.stop().catch(() => undefined);
    await pubsub.close().catch(() => undefined);
    await orm.close().catch(() => undefined);
    await db.embedded?.stop().catch(() => undefined);
    info('stopped');
    log.flush?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'failed to start', error: e instanceof Error ? e.message : String(e) }));
  process.exit(1);
});
