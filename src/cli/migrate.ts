import 'reflect-metadata';
import { loadConfig } from '../config';
import { resolveDatabase } from '../db/database';
import { initOrmChecked, migrateUp } from '../db/orm';

/**
 * `npm run migrate`: applies pending migrations (forward only).
 * `npm run migrate:status`: lists applied and pending migrations; exits 1 when some are pending.
 */
async function main() {
  const status = process.argv.includes('--status');
  const config = loadConfig();
  const db = await resolveDatabase(config, () => undefined);
  const orm = await initOrmChecked({ url: db.url, poolMax: 1 });
  try {
    const migrator = orm.getMigrator();
    if (status) {
      const executed = await migrator.getExecutedMigrations();
      const pending = await migrator.getPendingMigrations();
      for (const m of executed) console.log(`applied  ${m.name}  ${new Date(m.executed_at).toISOString()}`);
      for (const m of pending) console.log(`pending  ${m.name}`);
      console.log(`${executed.length} applied, ${pending.length} pending`);
      process.exitCode = pending.length ? 1 : 0;
    } else {
      const done = await migrateUp(orm);
      console.log(done.length ? `applied ${done.join(', ')}` : 'nothing to apply');
    }
  } finally {
    await orm.close();
    await db.embedded?.stop();
  }
}
main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
