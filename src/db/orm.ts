import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../migrations';

export interface OrmOptions {
  url: string;
  poolMax?: number;
  statementTimeoutMs?: number;
  debug?: boolean;
  /** A role every pooled connection assumes (SET ROLE), e.g. lianzheng_app. */
  appRole?: string | null;
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
    pool: {
      min: 0,
      max: o.poolMax ?? 10,
      // every connection runs as the application's role (whose rights on the audit log are INSERT
      // and SELECT only) and with the statement timeout
      ...(o.appRole || o.statementTimeoutMs
        ? {
            afterCreate: (conn: { query: (sql: string, cb: (err: Error | null) => void) => void }, done: (err: Error | null, conn: unknown) => void) => {
              const setup = [o.appRole ? `set role "${o.appRole}"` : '', o.statementTimeoutMs ? `set statement_timeout = ${Math.floor(o.statementTimeoutMs)}` : ''].filter(Boolean).join('; ');
              conn.query(setup, (err) => done(err, conn));
            },
          }
        : {}),
    },
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

export const APP_ROLE = 'lianzheng_app';

/** The application role when it exists and the connecting user may assume it; else null (and a warning). */
export async function usableAppRole(orm: MikroORM, role = APP_ROLE): Promise<string | null> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`invalid role name ${role}`);
  const rows = await orm.em.fork().execute<{ ok: boolean }[]>(
    "select pg_has_role(current_user, oid, 'member') as ok from pg_roles where rolname = ?",
    [role],
  );
  return rows[0]?.ok ? role : null;
}

/** Applies pending migrations; returns their names. */
export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const done = await orm.getMigrator().up();
  return done.map((m) => m.name);
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.getMigrator().getPendingMigrations()).map((m) => m.name);
}
