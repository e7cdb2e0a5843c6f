import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '../index';

// Any constant works; it only has to be the same in every instance.
const HOUSEKEEPING_LOCK = 727_070_002;

export type Swept = { sessions: number; rateLimits: number; outbox: number; verifications: number; liveEvents: number; retiredHandles: number };

/**
 * Deletes up to `batch` rows of each kind that nothing will read again: sessions past their expiry, rate-limit
 * windows that ended (the longest is a day), outbox rows finished more than `keepDays` ago, and verification links
 * that expired more than `keepDays` ago (their queued mail goes with them), live events older than a day, and handles
 * held past their 30 days. Returns null when
 * another instance holds the lock, so only one sweeps at a time.
 */
export async function sweepExpiredRows({ batch, keepDays }: { batch: number; keepDays: number }): Promise<Swept | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${HOUSEKEEPING_LOCK}) as locked`));
    if (!lock.locked) return null;
    const count = async (query: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await tx.execute(query))[0].n;
    const sessions = await count(sql`
      with gone as (delete from sessions where id in (select id from sessions where expires_at < now() limit ${batch}) returning 1)
      select count(*)::int as n from gone`);
    const rateLimits = await count(sql`
      with gone as (
        delete from rate_limits where (key, window_start) in (
          select key, window_start from rate_limits where window_start < now() - interval '1 day' limit ${batch})
        returning 1)
      select count(*)::int as n from gone`);
    const outbox = await count(sql`
      with gone as (
        delete from email_outbox where id in (
          select id from email_outbox
          where status in ('sent', 'failed', 'cancelled') and created_at < now() - make_interval(days => ${keepDays})
          limit ${batch})
        returning 1)
      select count(*)::int as n from gone`);
    const verifications = await count(sql`
      with gone as (
        delete from email_verifications where id in (
          select id from email_verifications where expires_at < now() - make_interval(days => ${keepDays}) limit ${batch})
        returning 1)
      select count(*)::int as n from gone`);
    // Live events are replayed to pages that reconnect within minutes; a day covers a laptop that slept overnight.
    const liveEvents = await count(sql`
      with gone as (
        delete from live_events where id in (select id from live_events where created_at < now() - interval '1 day' limit ${batch})
        returning 1)
      select count(*)::int as n from gone`);
    // A handle given up is free again after its 30 days; every read ignores such rows already, this only clears them.
    const retiredHandles = await count(sql`
      with gone as (
        delete from retired_handles where handle in (select handle from retired_handles where until < now() limit ${batch})
        returning 1)
      select count(*)::int as n from gone`);
    return { sessions, rateLimits, outbox, verifications, liveEvents, retiredHandles };
  });
}
