import 'reflect-metadata';
import { loadConfig } from '../config';
import { resolveDatabase } from '../db/database';
import { initOrm, migrateUp } from '../db/orm';
import { seedDemoIfEmpty } from '../seed/demo';

/** `npm run seed`: migrate, then load the demo county into an empty database. */
async function main() {
  const config = loadConfig();
  const db = await resolveDatabase(config, (m) => console.log(`[seed] ${m}`));
  const orm = await initOrm({ url: db.url });
  try {
    await migrateUp(orm);
    const loaded = await seedDemoIfEmpty(orm.em.fork());
    console.log(loaded ? '[seed] loaded the demo county 青山县 (QS)' : '[seed] the database already holds units; nothing loaded');
  } finally {
    await orm.close();
    await db.embedded?.stop();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
