import type { EntityManager } from '@mikro-orm/postgresql';
import { openReporter, petitionKeys, sealReporter } from './reporter-crypto';

/** Rewrites every sealed reporter not under the current key, in batches, each row in its own update. */
export async function reencryptPetitions(em: EntityManager): Promise<number> {
  const current = petitionKeys()[0].id;
  let done = 0;
  for (;;) {
    const rows = await em.execute<{ id: number; receipt_code: string; reporter_key_id: string; reporter_enc: string }[]>(
      'select id, receipt_code, reporter_key_id, reporter_enc from petition where reporter_enc is not null and reporter_key_id <> ? order by id limit 200',
      [current],
    );
    if (!rows.length) return done;
    await em.transactional(async (tem) => {
      for (const r of rows) {
        const aad = `petition:${r.receipt_code}`;
        const sealed = sealReporter(openReporter(r.reporter_key_id, r.reporter_enc, aad), aad);
        await tem.execute('update petition set reporter_key_id = ?, reporter_enc = ? where id = ? and reporter_key_id = ?', [sealed.keyId, sealed.enc, r.id, r.reporter_key_id]);
      }
    });
    done += rows.length;
  }
}
