import { Client } from 'pg';
import type { Config } from '../config';
import { startEmbeddedPostgres, type EmbeddedHandle } from './embedded';

export const DEFAULT_DATABASE = 'lianzheng';

/** Creates a database on a server if it does not exist (names are checked, not quoted from input). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name ${name}`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL under DATA_DIR with its own database. */
export async function resolveDatabase(config: Config, log: (m: string) => void): Promise<{ url: string; embedded?: EmbeddedHandle }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  log(`starting the embedded PostgreSQL (development only) in ${config.dataDir} on 127.0.0.1:${config.embeddedPgPort}`);
  const embedded = await startEmbeddedPostgres({ dataDir: `${config.dataDir}/pg`, port: config.embeddedPgPort, persistent: true, log });
  await ensureDatabase(embedded.url('postgres'), DEFAULT_DATABASE);
  return { url: embedded.url(DEFAULT_DATABASE), embedded };
}
