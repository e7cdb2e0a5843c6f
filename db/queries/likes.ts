import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Cursor } from '@/lib/cursor';
import { foreignKeyViolation } from '../errors';
import { getDb, rowsOf } from '../index';
import { likes, peeps } from '../schema';
import { toPerson, type PersonRow } from './follows';
import { hiddenByBlock, hiddenFrom } from './mutes-and-blocks';

export type LikeOutcome = 'liked' | 'missing' | 'blocked';

/**
 * Likes a peep once: the primary key makes a second (or simultaneous) like a no-op, and the likes_count trigger keeps
 * peeps.like_count in the same transaction. `missing` for no such peep (or one deleted meanwhile), `blocked` when its
 * author and the person liking block one another.
 */
export async function likePeep({ userId, peepId }: { userId: number; peepId: number }): Promise<LikeOutcome> {
  const db = await getDb();
  const [peep] = await db
    .select({ blocked: sql<boolean>`${hiddenByBlock(userId, sql`${peeps.authorId}`)}` })
    .from(peeps)
    .where(eq(peeps.id, peepId));
  if (!peep) return 'missing';
  if (peep.blocked) return 'blocked';
  try {
    await db.insert(likes).values({ userId, peepId }).onConflictDoNothing();
  } catch (err) {
    // The peep, or the person liking, was deleted (an account with it) after the check above.
    if (foreignKeyViolation(err)) return 'missing';
    throw err;
  }
  return 'liked';
}

/** Undoes a like; undoing one that is not there changes nothing. */
export async function unlikePeep({ userId, peepId }: { userId: number; peepId: number }): Promise<void> {
  const db = await getDb();
  await db.delete(likes).where(and(eq(likes.userId, userId), eq(likes.peepId, peepId)));
}

type Row = { id: string; username: string; name: string; avatar_version: string | null; follower_count: number; followed: boolean; liked_at: Date };

/**
 * The people who liked a peep, newest like first, a keyset page at a time (likes_peep_created_idx), leaving out
 * whoever the viewer hides. The cursor's id is the liker's.
 */
export async function listLikers({
  peepId,
  viewerId,
  before,
  limit = 50,
}: {
  peepId: number;
  viewerId?: number | null;
  before?: Cursor | null;
  limit?: number;
}): Promise<{ people: PersonRow[]; next: Cursor | null }> {
  const db = await getDb();
  const t = before ? sql`${before.createdAt.toISOString()}::timestamptz` : null;
  const result = await db.execute(sql`
    select u.id::text as id, u.username, u.name, u.avatar_version::text as avatar_version, l.created_at as liked_at,
      (select count(*)::int from follows c where c.followee_id = u.id) as follower_count,
      ${viewerId ? sql`exists(select 1 from follows v where v.follower_id = ${viewerId} and v.followee_id = u.id)` : sql`false`} as followed
    from likes l join users u on u.id = l.user_id
    where l.peep_id = ${peepId}
      ${t && before ? sql`and l.created_at <= ${t} and (l.created_at, l.user_id) < (${t}, ${before.id}::bigint)` : sql``}
      and not ${hiddenFrom(viewerId, sql`l.user_id`)}
    order by l.created_at desc, l.user_id desc
    limit ${limit + 1}`);
  const rows = rowsOf<Row>(result);
  const last = rows[limit - 1];
  return { people: rows.slice(0, limit).map(toPerson), next: rows.length > limit && last ? { createdAt: new Date(last.liked_at), kind: 0, id: Number(last.id) } : null };
}
