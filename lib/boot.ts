import { closeDb, listen } from '@/db';
import { runMigrations } from '@/db/migrate';
import { LIVE_CHANNEL } from '@/db/queries/live';
import { deliverLiveMessage, installAppHooks, onShutdown, serverHooks } from '@/server/context';
import { env } from './env';
import { errorText, log } from '@/lib/log';

/** Runs once when the server starts (never during `next build`): check settings, migrate, start the mail worker and housekeeping. */
export async function bootServer(): Promise<void> {
  let settings;
  try {
    settings = env();
    await runMigrations();
  } catch (err) {
    log.fatal(`Chitter cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const [{ identifyViewerForCache }, { serveLive }, { checkReady, collectMetrics }, { apiMethodsAt }] = await Promise.all([
    import('@/auth/cache-viewer'),
    import('./live/http'),
    import('./operations'),
    import('./api/methods'),
  ]);
  installAppHooks({ identifyViewer: identifyViewerForCache, serveLive, checkReady, collectMetrics, apiMethods: apiMethodsAt });
  // Every change any instance commits arrives here once: it empties this instance's cached pages and reaches its open
  // live streams. While the listening connection is re-established nothing arrives, so the cache is emptied then too.
  const stopListening = await listen(
    LIVE_CHANNEL,
    (payload) => {
      const person = onlyPagesOf(payload);
      if (person === null) serverHooks()?.invalidatePageCache();
      else serverHooks()?.invalidatePersonPages(person);
      deliverLiveMessage(payload);
    },
    () => serverHooks()?.invalidatePageCache(),
  ).catch((err: unknown) => {
    log.error({ error: errorText(err) }, 'Cannot listen for live changes; pages will refresh only as their copies expire');
    return undefined;
  });
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
    await stopListening?.();
    await Promise.all([stopWorker?.(), stopHousekeeping?.()]);
    await closeDb();
  });
}

/**
 * Whose kept pages alone a message on the live channel changes: the liker's for a like or unlike (other pages' counts
 * may lag by the cache lifetime), the recipient's for a notification (only their header's count). Null for any other
 * message, which empties the whole cache.
 */
function onlyPagesOf(payload: string): number | null {
  // Most messages are neither: not worth parsing.
  if (!payload.includes('"like"') && !payload.includes('"unlike"') && !payload.includes('"notification"')) return null;
  try {
    const message = JSON.parse(payload) as { kind?: unknown; actorId?: unknown; subjectId?: unknown };
    const person = message.kind === 'notification' ? message.subjectId : message.kind === 'like' || message.kind === 'unlike' ? message.actorId : null;
    return typeof person === 'number' ? person : null;
  } catch {
    return null;
  }
}
