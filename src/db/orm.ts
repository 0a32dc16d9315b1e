import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../migrations';

export interface OrmOptions {
  url: string;
  poolMax?: number;
  statementTimeoutMs?: number;
  debug?: boolean;
}

export function ormConfig(o: OrmOptions): Options {
  return {
    clientUrl: o.url,
    entities: ENTITIES,
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    // Each request gets its own em.fork(); the global context is never used for data.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: o.debug ?? false,
    pool: { min: 0, max: o.poolMax ?? 10 },
    driverOptions: o.statementTimeoutMs ? { connection: { statement_timeout: o.statementTimeoutMs } } : undefined,
    migrations: {
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      disableForeignKeys: false,
      snapshot: false,
      silent: true,
    },
  };
}

export async function initOrm(o: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(o));
}

/** Applies pending migrations; returns their names. */
export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const done = await orm.getMigrator().up();
  return done.map((m) => m.name);
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.getMigrator().getPendingMigrations()).map((m) => m.name);
}
