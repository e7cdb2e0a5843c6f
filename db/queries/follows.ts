import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Cursor } from '@/lib/cursor';
import { foreignKeyViolation } from '../errors';
import { getDb, rowsOf } from '../index';
import { follows, users } from '../schema';
import { hiddenByBlock, hiddenFrom, isBlockedFollow } from './mutes-and-blocks';

/**
 * Follows `username`; following twice changes nothing. Refuses an unknown person or oneself (`unknown`), and someone
 * who blocks the follower or whom the follower blocks (`blocked`), which the database also refuses on its own.
 */
export async function followUser({ followerId, username }: { followerId: number; username: string }): Promise<'followed' | 'unknown' | 'blocked'> {
  const db = await getDb();
  const [target] = await db
    .select({ id: users.id, blocked: sql<boolean>`${hiddenByBlock(followerId, sql`${users.id}`)}` })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  if (!target || target.id === followerId) return 'unknown';
  if (target.blocked) return 'blocked';
  try {
    await db.insert(follows).values({ followerId, followeeId: target.id }).onConflictDoNothing();
  } catch (err) {
    // A block between the two committed after the check above.
    if (isBlockedFollow(err)) return 'blocked';
    // One of the two deleted their account after the check above.
    if (foreignKeyViolation(err)) return 'unknown';
    throw err;
  }
  return 'followed';
}

/** Unfollows `username`; unfollowing someone not followed changes nothing. */
export async function unfollowUser({ followerId, username }: { followerId: number; username: string }): Promise<void> {
  const db = await getDb();
  await db
    .delete(follows)
    .where(and(eq(follows.followerId, followerId), sql`${follows.followeeId} = (select id from users where lower(username) = lower(${username}))`));
}

export type PersonRow = { id: number; username: string; name: string; avatarVersion: number | null; followerCount: number; followedByViewer: boolean };

type Row = { id: string; username: string; name: string; avatar_version: string | null; follower_count: number; followed: boolean; followed_at: Date };

/** Followers of a person, or the people they follow, most recent first, a keyset page at a time. */
export async function listFollowPeople({
  userId,
  direction,
  viewerId,
  before,
  limit = 50,
}: {
  userId: number;
  direction: 'followers' | 'following';
  viewerId?: number | null;
  before?: Cursor | null;
  limit?: number;
}): Promise<{ people: PersonRow[]; next: Cursor | null }> {
  const db = await getDb();
  const [mine, theirs] = direction === 'followers' ? ['followee_id', 'follower_id'] : ['follower_id', 'followee_id'];
  const t = before ? sql`${before.createdAt.toISOString()}::timestamptz` : null;
  const result = await db.execute(sql`
    select u.id::text as id, u.username, u.name, u.avatar_version::text as avatar_version, f.created_at as followed_at,
      (select count(*)::int from follows c where c.followee_id = u.id) as follower_count,
      ${viewerId ? sql`exists(select 1 from follows v where v.follower_id = ${viewerId} and v.followee_id = u.id)` : sql`false`} as followed
    from follows f join users u on u.id = f.${sql.raw(theirs)}
    where f.${sql.raw(mine)} = ${userId}
      ${t && before ? sql`and f.created_at <= ${t} and (f.created_at, f.${sql.raw(theirs)}) < (${t}, ${before.id}::bigint)` : sql``}
    order by f.created_at desc, f.${sql.raw(theirs)} desc
    limit ${limit + 1}`);
  const rows = rowsOf<Row>(result);
  const people = rows.slice(0, limit).map(toPerson);
  const last = rows[limit - 1];
  return { people, next: rows.length > limit && last ? { createdAt: new Date(last.followed_at), kind: 0, id: Number(last.id) } : null };
}

function toPerson(r: Omit<Row, 'followed_at'>): PersonRow {
  return { id: Number(r.id), username: r.username, name: r.name, avatarVersion: r.avatar_version === null ? null : Number(r.avatar_version), followerCount: Number(r.follower_count), followedByViewer: Boolean(r.followed) };
}

/** People to suggest to someone who follows nobody yet: the authors of the latest peeps, not themselves or anyone they hide. */
export async function suggestPeopleToFollow({ userId, limit = 5 }: { userId: number; limit?: number }): Promise<PersonRow[]> {
  const db = await getDb();
  const result = await db.execute(sql`
    select u.id::text as id, u.username, u.name, u.avatar_version::text as avatar_version,
      (select count(*)::int from follows c where c.followee_id = u.id) as follower_count,
      exists(select 1 from follows v where v.follower_id = ${userId} and v.followee_id = u.id) as followed
    from (select distinct author_id from (select author_id from peeps order by created_at desc, id desc limit 200) latest) a
    join users u on u.id = a.author_id
    where u.id <> ${userId} and not ${hiddenFrom(userId, sql`u.id`)}
    limit ${limit}`);
  return rowsOf<Row>(result).map(toPerson);
}

export { toPerson };
