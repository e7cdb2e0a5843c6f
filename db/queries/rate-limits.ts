import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { getDb, rowsOf, type Tx } from '../index';
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

/** A window a write is counted in, and the most hits it may have. */
export type LimitWindow = { key: string; windowMs: number; max: number };
export type Counted = { hits: number; resetAt: Date }[];

/**
 * Common table expressions for a write that counts itself: `counted` adds one hit to each window (as
 * incrementRateLimits does) and `within_limits` has one row, `ok`, whether every window is still within its limit.
 * The write reads `within_limits`, so it happens only then, in the same statement as its count. Given `onlyIf`, nothing
 * is counted (and `ok` is null) unless it holds: a write that turns out to be a repeat costs no budget.
 */
export function countHitsCte(windows: LimitWindow[], { onlyIf }: { onlyIf?: SQL } = {}): SQL {
  const rows = windows.map(({ key, windowMs, max }) => sql`(${key}, ${windowStartOf(windowMs).toISOString()}::timestamptz, ${max}::int)`);
  return sql`limits (key, window_start, max) as (values ${sql.join(rows, sql`, `)}),
    counted as (
      insert into ${rateLimits} (key, window_start, hits) select key, window_start, 1 from limits ${onlyIf ? sql`where ${onlyIf}` : sql``}
      on conflict (key, window_start) do update set hits = ${rateLimits}.hits + 1
      returning key, hits),
    within_limits as (select bool_and(counted.hits <= limits.max) as ok from counted join limits using (key))`;
}

/** Each window's hits, in the order given, from rows carrying `key` and `hits` (as countHitsCte's `counted` has them). */
export function countedOf(windows: LimitWindow[], rows: { key: string; hits: number }[]): Counted {
  const hits = new Map(rows.map((row) => [row.key, Number(row.hits)]));
  return windows.map(({ key, windowMs }) => ({ hits: hits.get(key)!, resetAt: new Date(windowStartOf(windowMs).getTime() + windowMs) }));
}

/** Counts one hit in each window within `tx`, for a write of several statements that goes on only when `ok`. */
export async function countHits(tx: Tx, windows: LimitWindow[]): Promise<{ ok: boolean; counted: Counted }> {
  const rows = rowsOf<{ key: string; hits: number; ok: boolean }>(await tx.execute(sql`with ${countHitsCte(windows)} select key, hits, ok from counted, within_limits`));
  return { ok: rows.every((row) => row.ok), counted: countedOf(windows, rows) };
}

/** Takes back one counted try in the current window (never below zero). */
export async function refundRateLimit({ key, windowMs }: { key: string; windowMs: number }): Promise<void> {
  const db = await getDb();
  await db
    .update(rateLimits)
    .set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` })
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStartOf(windowMs))));
}
