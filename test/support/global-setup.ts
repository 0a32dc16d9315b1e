import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * One PostgreSQL for the whole run: DATABASE_URL when set (its server is used to create a
 * database per test file), otherwise an embedded PostgreSQL in a temp folder on a free port.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export default async function globalSetup(): Promise<void> {
  // request log lines would drown the test output; tests that check logs make their own logger
  process.env.LOG_LEVEL ??= 'warn';
  if (process.env.DATABASE_URL) {
    process.env.LZ_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  // local .ts files are loaded with require in globalSetup (see the stack notes)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startEmbeddedPostgres } = require('../../src/db/embedded') as typeof import('../../src/db/embedded');
  // a folder the postgres system user can enter (not under root's home)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lz-test-pg-'));
  const port = await freePort();
  const handle = await startEmbeddedPostgres({ dataDir: dir, port, persistent: false });
  (globalThis as Record<string, unknown>).__LZ_PG__ = handle;
  process.env.LZ_TEST_ADMIN_URL = handle.url('postgres');
}
