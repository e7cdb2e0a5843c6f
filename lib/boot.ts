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
  const [{ identifyViewerForCache }, { serveLive }, { checkReady, collectMetrics }] = await Promise.all([import('@/auth/cache-viewer'), import('./live/http'), import('./operations')]);
  installAppHooks({ identifyViewer: identifyViewerForCache, serveLive, checkReady, collectMetrics });
  // Every change any instance commits arrives here once: it empties this instance's cached pages and reaches its open
  // live streams. While the listening connection is re-established nothing arrives, so the cache is emptied then too.
  const stopListening = await listen(
    LIVE_CHANNEL,
    (payload) => {
      const liker = likerOf(payload);
      if (liker === null) serverHooks()?.invalidatePageCache();
      else serverHooks()?.invalidatePersonPages(liker);
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

/** Who a like or unlike on the live channel is by (only their kept pages change), or null for any other message. */
function likerOf(payload: string): number | null {
  // Most messages are not likes: not worth parsing.
  if (!payload.includes('"like"') && !payload.includes('"unlike"')) return null;
  try {
    const message = JSON.parse(payload) as { kind?: unknown; actorId?: unknown };
    return (message.kind === 'like' || message.kind === 'unlike') && typeof message.actorId === 'number' ? message.actorId : null;
  } catch {
    return null;
  }
}
