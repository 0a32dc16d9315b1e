export default async function globalTeardown(): Promise<void> {
  const handle = (globalThis as Record<string, unknown>).__LZ_PG__ as { stop: () => Promise<void> } | undefined;
  if (handle) await handle.stop();
}
