import 'reflect-metadata';
import { loadConfig } from '../config';
import { resolveDatabase } from '../db/database';
import { initOrm } from '../db/orm';
import { reencryptPetitions } from '../modules/petitions/reencrypt';
import { setPetitionKeys } from '../modules/petitions/reporter-crypto';

/**
 * `npm run petitions:reencrypt`: rewrites every sealed reporter with the current (first) key of
 * PETITION_KEYS. Keep the old keys listed until it has run; then they may be dropped.
 */
async function main() {
  const config = loadConfig();
  if (!config.petitionKeys.keys.length) throw new Error('PETITION_KEYS is not set');
  setPetitionKeys(config.petitionKeys.keys);
  const db = await resolveDatabase(config, (m) => console.log(`[reencrypt] ${m}`));
  const orm = await initOrm({ url: db.url, poolMax: 2 });
  try {
    const n = await reencryptPetitions(orm.em.fork() as never);
    console.log(`[reencrypt] ${n} petition(s) now sealed with key ${config.petitionKeys.keys[0].id}`);
  } finally {
    await orm.close();
    await db.embedded?.stop();
  }
}

main().catch((e) => {
  console.error(`[reencrypt] ${(e as Error).message}`);
  process.exit(1);
});
