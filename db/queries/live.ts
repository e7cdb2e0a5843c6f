import 'server-only';
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { getDb } from '../index';
import { follows, liveEvents, mutes, peeps, users } from '../schema';
import { hiddenFrom } from './mutes-and-blocks';

export const LIVE_CHANNEL = 'chitter_live';

export type LiveEvent = { id: number; kind: (typeof liveEvents.$inferSelect)['kind']; peepId: number | null; actorId: number | null; subjectId: number | null; at: number };

/**
 * What the live channel carries: an event of the table, or a change with no row (`pages`, `presence`, and `ended`:
 * some of a person's sessions were ended, so streams opened with them must stop).
 */
export type LiveMessage = LiveEvent | { kind: 'pages' | 'presence' } | { kind: 'ended'; userId: number };

/** The newest event's id, or 0: a page rendered now has seen everything up to it. */
export async function latestLiveEventId(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ id: liveEvents.id }).from(liveEvents).orderBy(desc(liveEvents.id)).limit(1);
  return row?.id ?? 0;
}

/** Events after `afterId`, oldest first, at most `limit`. */
export async function liveEventsAfter({ afterId, limit }: { afterId: number; limit: number }): Promise<LiveEvent[]> {
  const db = await getDb();
  const rows = await db.select().from(liveEvents).where(gt(liveEvents.id, afterId)).orderBy(asc(liveEvents.id)).limit(limit);
  return rows.map(({ createdAt, ...row }) => ({ ...row, at: createdAt.getTime() }));
}

// A follow whose follower does not mute the followee: a muted person's peeps are not on the Following tab.
const unmuted = sql`not exists (select 1 from ${mutes} where ${mutes.muterId} = ${follows.followerId} and ${mutes.mutedId} = ${follows.followeeId})`;

/** Which of `candidates` follow `followeeId`, not muting them: one indexed query per event, however many streams are open. */
export async function followersAmong({ followeeId, candidates }: { followeeId: number; candidates: number[] }): Promise<Set<number>> {
  if (candidates.length === 0) return new Set();
  const db = await getDb();
  const rows = await db
    .select({ id: follows.followerId })
    .from(follows)
    .where(and(eq(follows.followeeId, followeeId), inArray(follows.followerId, candidates), unmuted));
  return new Set(rows.map((r) => r.id));
}

/** Which of `candidates` `followerId` follows, not muting them (for replaying a gap to one Following stream). */
export async function followeesAmong({ followerId, candidates }: { followerId: number; candidates: number[] }): Promise<Set<number>> {
  if (candidates.length === 0) return new Set();
  const db = await getDb();
  const rows = await db
    .select({ id: follows.followeeId })
    .from(follows)
    .where(and(eq(follows.followerId, followerId), inArray(follows.followeeId, candidates), unmuted));
  return new Set(rows.map((r) => r.id));
}

/** Which of `candidates` hide `personId` (mute or block them, or are blocked by them), for the streams of one peep. */
export async function hidersAmong({ personId, candidates }: { personId: number; candidates: number[] }): Promise<Set<number>> {
  if (candidates.length === 0) return new Set();
  const db = await getDb();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, candidates), hiddenFrom(sql`${users.id}`, personId)));
  return new Set(rows.map((r) => r.id));
}

/** Which of `candidates` `viewerId` hides (for replaying a gap to one viewer's Everyone stream). */
export async function hiddenAmong({ viewerId, candidates }: { viewerId: number; candidates: number[] }): Promise<Set<number>> {
  if (candidates.length === 0) return new Set();
  const db = await getDb();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, candidates), hiddenFrom(viewerId, sql`${users.id}`)));
  return new Set(rows.map((r) => r.id));
}

/** Who wrote a peep, or null once it is deleted. */
export async function authorOf({ peepId }: { peepId: number }): Promise<number | null> {
  const db = await getDb();
  const [row] = await db.select({ authorId: peeps.authorId }).from(peeps).where(eq(peeps.id, peepId));
  return row?.authorId ?? null;
}

/** Which of `peepIds` were written by someone `viewerId` hides (for replaying reposts to one Following stream). */
export async function hiddenPeepsAmong({ viewerId, peepIds }: { viewerId: number; peepIds: number[] }): Promise<Set<number>> {
  if (peepIds.length === 0) return new Set();
  const db = await getDb();
  const rows = await db
    .select({ id: peeps.id })
    .from(peeps)
    .where(and(inArray(peeps.id, peepIds), hiddenFrom(viewerId, sql`${peeps.authorId}`)));
  return new Set(rows.map((r) => r.id));
}
