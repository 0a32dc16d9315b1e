import 'reflect-metadata';
import { loadConfig, ConfigError } from './config';
import { resolveDatabase } from './db/database';
import { initOrm, migrateUp, pendingMigrations, usableAppRole } from './db/orm';
import { createServer } from './server';
import { seedDemoIfEmpty } from './seed/demo';
import { startJobRunner, type JobRunner } from './jobs/runner';
import { systemClock } from './common/context';

/** Boot: config → database → server; nothing else. */
async function main(): Promise<void> {
  const log = (m: string) => console.log(`[lianzheng] ${m}`);
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[lianzheng] configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  if (config.jwt.secretIsDevDefault) {
    log(`JWT_SECRET is not set: using the development default "${config.jwt.secret}" (refused when NODE_ENV=production)`);
  }
  const db = await resolveDatabase(config, log);
  // migrations and the demo seed run as the connecting user (the schema's owner) ...
  const owner = await initOrm({ url: db.url, poolMax: 2 });
  const pending = await pendingMigrations(owner);
  if (pending.length) {
    if (!config.autoMigrate) {
      console.error(`[lianzheng] the database has ${pending.length} pending migration(s); run \`npm run migrate\` or set AUTO_MIGRATE=true`);
      process.exit(3);
    }
    log(`applied migrations: ${(await migrateUp(owner)).join(', ')}`);
  }
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(owner.em.fork());
    if (seeded) log('loaded the fictional demo county 青山县 (QS)');
  }
  const appRole = await usableAppRole(owner);
  await owner.close();
  // ... and requests as the application role, which may only insert and read the audit log
  if (!appRole) log('the database role lianzheng_app is missing or not assumable: requests run as the connecting user (see docs/audit.md)');
  const orm = await initOrm({ url: db.url, poolMax: config.dbPoolMax, statementTimeoutMs: config.statementTimeoutMs, appRole });
  const server = await createServer({ config, orm });
  log(`serving GraphQL on http://localhost:${config.port}/graphql`);
  // the job runner connects as the schema's owner: pg-boss keeps its own schema
  const jobs: JobRunner | null = config.jobsEnabled ? await startJobRunner({ url: db.url, orm, clock: systemClock, log }) : null;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    await server.stop().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    await orm.close().catch(() => undefined);
    await db.embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e) => {
  console.error('[lianzheng] failed to start:', e);
  process.exit(1);
});
