import { closeDb } from '@/db';
import { runMigrations } from '@/db/migrate';
import { env } from './env';

/** Runs once when the server starts (never during `next build`): check settings, migrate, start the mail worker. */
export async function bootServer(): Promise<void> {
  let settings;
  try {
    settings = env();
    await runMigrations();
  } catch (err) {
    console.error(`\nChitter cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  let stopWorker: (() => Promise<void>) | undefined;
  if (settings.WORKER === 'on') {
    const { startEmailWorker } = await import('./email/worker');
    stopWorker = startEmailWorker().stop;
  }
  (globalThis as { __chitterShutdown?: () => Promise<void> }).__chitterShutdown = async () => {
    await stopWorker?.();
    await closeDb();
  };
}
