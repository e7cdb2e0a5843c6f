import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '../index';
import { rateLimits } from '../schema';

function windowStartOf(windowMs: number, now = Date.now()): Date {
  return new Date(Math.floor(now / windowMs) * windowMs);
}

/** Counts one more try against `key` in the current fixed window and returns the count; atomic across instances. */
export async function incrementRateLimit({ key, windowMs }: { key: string; windowMs: number }): Promise<{ hits: number; resetAt: Date }> {
  const db = await getDb();
  const windowStart = windowStartOf(windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, hits: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } })
    .returning({ hits: rateLimits.hits });
  return { hits: row.hits, resetAt: new Date(windowStart.getTime() + windowMs) };
}

export async function readRateLimit({ key, windowMs }: { key: string; windowMs: number }): Promise<{ hits: number; resetAt: Date }> {
  const db = await getDb();
  const windowStart = windowStartOf(windowMs);
  const [row] = await db
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart)));
  return { hits: row?.hits ?? 0, resetAt: new Date(windowStart.getTime() + windowMs) };
}
