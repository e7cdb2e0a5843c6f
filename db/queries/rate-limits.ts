import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../index';
import { rateLimits } from '../schema';

function windowStartOf(windowMs: number, now = Date.now()): Date {
  return new Date(Math.floor(now / windowMs) * windowMs);
}

/**
 * Counts one more try against `key` in the current fixed window and returns the count; atomic across instances.
 * Given `tx`, the count is part of that transaction and is taken back if it rolls back.
 */
export async function incrementRateLimit({ key, windowMs, tx }: { key: string; windowMs: number; tx?: Tx }): Promise<{ hits: number; resetAt: Date }> {
  const db = tx ?? (await getDb());
  const windowStart = windowStartOf(windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, hits: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } })
    .returning({ hits: rateLimits.hits });
  return { hits: row.hits, resetAt: new Date(windowStart.getTime() + windowMs) };
}

/** Counts one hit in several windows at once, in one statement: each window's hits, in the order given. */
export async function incrementRateLimits(windows: { key: string; windowMs: number }[]): Promise<{ hits: number; resetAt: Date }[]> {
  const db = await getDb();
  const starts = windows.map(({ windowMs }) => windowStartOf(windowMs));
  const rows = await db
    .insert(rateLimits)
    .values(windows.map(({ key }, i) => ({ key, windowStart: starts[i], hits: 1 })))
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } })
    .returning({ key: rateLimits.key, hits: rateLimits.hits });
  const hits = new Map(rows.map((row) => [row.key, row.hits]));
  return windows.map(({ key, windowMs }, i) => ({ hits: hits.get(key)!, resetAt: new Date(starts[i].getTime() + windowMs) }));
}

/** Takes back one counted try in the current window (never below zero). */
export async function refundRateLimit({ key, windowMs }: { key: string; windowMs: number }): Promise<void> {
  const db = await getDb();
  await db
    .update(rateLimits)
    .set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` })
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStartOf(windowMs))));
}
