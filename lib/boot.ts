import { closeDb } from '@/db';
import { runMigrations } from '@/db/migrate';
import { installAppHooks, onShutdown } from '@/server/context';
import { env } from './env';

/** Runs once when the server starts (never during `next build`): check settings, migrate, start the mail worker and housekeeping. */
export async function bootServer(): Promise<void> {
  let settings;
  try {
    settings = env();
    await runMigrations();
  } catch (err) {
    console.error(`\nChitter cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const { watchPageVersion } = await import('./page-version');
  const { identifyViewerForCache } = await import('@/auth/cache-viewer');
  installAppHooks({ identifyViewer: identifyViewerForCache });
  // The embedded database has one instance, which invalidates its own cache directly.
  const stopWatching = settings.DATABASE_URL ? watchPageVersion() : undefined;
  let stopWorker: (() => Promise<void>) | undefined;
  let stopHousekeeping: (() => Promise<void>) | undefined;
  if (settings.WORKER === 'on') {
    const { startEmailWorker } = await import('./email/worker');
    const { startHousekeeping } = await import('./housekeeping');
    stopWorker = startEmailWorker().stop;
    stopHousekeeping = startHousekeeping().stop;
  }
  // The server runs these once the last request is answered; the embedded database flushes on close.
  onShutdown(async () => {
    stopWatching?.();
    await Promise.all([stopWorker?.(), stopHousekeeping?.()]);
    await closeDb();
  });
}
