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
  /** Streaming replicas: reads outside write transactions go to them. */
  replicaUrls?: string[];
}

export function ormConfig(o: OrmOptions): Options {
  return {
    clientUrl: o.url,
    replicas: (o.replicaUrls ?? []).map((url, i) => ({ name: `replica-${i + 1}`, clientUrl: url })),
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
  const orm = await MikroORM.init(ormConfig(o));
  if (o.replicaUrls?.length) watchReplicas(orm);
  return orm;
}

interface ReplicaConnection {
  execute(sql: string): Promise<unknown>;
}

/**
 * Reads go to the replicas that answer. Every 2 s each replica is asked `select 1`; one that
 * does not answer within 1 s leaves the read rotation until it answers again, and with none
 * left reads go to the primary. A request is never sent to a replica known to be down.
 */
function watchReplicas(orm: MikroORM): void {
  const driver = orm.em.getDriver() as unknown as { replicas: ReplicaConnection[] };
  const all = [...driver.replicas];
  const check = async () => {
    const healthy: ReplicaConnection[] = [];
    await Promise.all(
      all.map(async (r) => {
        const ok = await Promise.race([r.execute('select 1').then(() => true, () => false), new Promise<boolean>((res) => setTimeout(() => res(false), 1000))]);
        if (ok) healthy.push(r);
      }),
    );
    driver.replicas = healthy;
    orm.config.set('preferReadReplicas', healthy.length > 0);
  };
  const timer = setInterval(() => void check(), 2000);
  timer.unref();
  void check();
  const close = orm.close.bind(orm);
  orm.close = async (force?: boolean) => {
    clearInterval(timer);
    driver.replicas = all;
    return close(force);
  };
}

/** initOrm, then a round trip to the database: an unreachable database is an error here, not later. */
export async function initOrmChecked(o: OrmOptions): Promise<MikroORM> {
  const orm = await initOrm(o);
  try {
    await orm.em.fork().execute('select 1');
    return orm;
  } catch (e) {
    await orm.close(true).catch(() => undefined);
    throw e;
  }
}

/** Connects, retrying with exponential back-off (0.5 s, 1 s, 2 s … up to 10 s) before giving up. */
export async function connectWithRetry<T>(connect: () => Promise<T>, retries: number, onRetry: (attempt: number, waitMs: number, err: Error) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (e) {
      if (attempt > retries) throw new Error(`the database is not reachable after ${attempt} attempts: ${(e as Error).message}`);
      const wait = Math.min(10_000, 500 * 2 ** (attempt - 1));
      onRetry(attempt, wait, e as Error);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
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
