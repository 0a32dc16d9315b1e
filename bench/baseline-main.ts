import { startBaseline } from './baseline';

/** The baseline in its own process, like the API, so that each is measured alone. */
async function main(): Promise<void> {
  const b = await startBaseline(process.env.BENCH_DATABASE_URL!, Number(process.env.DB_POOL_MAX ?? 10));
  process.on('message', (m: { type: string }) => {
    if (m?.type === 'count') process.send!({ type: 'count', statements: b.statements() });
  });
  const stop = async () => {
    await b.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('disconnect', () => void stop());
  process.send!({ type: 'ready', url: b.url });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
