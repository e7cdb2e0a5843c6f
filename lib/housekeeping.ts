import 'server-only';
import { sweepExpiredRows, type Swept } from '@/db/queries/housekeeping';
import { errorText, log } from '@/lib/log';

const BATCH = 1_000;
export const OUTBOX_KEEP_DAYS = 30;

/** Sweeps in batches until a round finds less than a batch of each kind; null if another instance is sweeping. */
export async function sweepOnce(): Promise<Swept | null> {
  const total: Swept = { sessions: 0, rateLimits: 0, outbox: 0, verifications: 0, liveEvents: 0, retiredHandles: 0 };
  for (;;) {
    const round = await sweepExpiredRows({ batch: BATCH, keepDays: OUTBOX_KEEP_DAYS });
    if (!round) return null;
    total.sessions += round.sessions;
    total.rateLimits += round.rateLimits;
    total.outbox += round.outbox;
    total.verifications += round.verifications;
    total.liveEvents += round.liveEvents;
    total.retiredHandles += round.retiredHandles;
    if (Object.values(round).every((n) => n < BATCH)) return total;
  }
}

/** Runs the sweep every `everyMs` (first soon after start) until stopped; a failure waits for the next round. */
export function startHousekeeping(everyMs = 10 * 60_000): { stop: () => Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = sweepOnce().then(
      (swept) => log.info({ job: 'housekeeping', outcome: swept ? 'swept' : 'skipped', ...swept }, swept ? 'Housekeeping swept expired rows' : 'Housekeeping left to another instance'),
      (err: unknown) => log.error({ job: 'housekeeping', outcome: 'failed', error: errorText(err) }, 'Housekeeping failed'),
    );
    void running.finally(() => {
      if (!stopped) timer = setTimeout(tick, everyMs);
    });
  };
  let timer = setTimeout(tick, 30_000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
