import 'server-only';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { getDb, rowsOf } from '../index';
import { peeps, reposts, users } from '../schema';
import { retireHandle } from './handles';
import { endSessionsIn } from './sessions';

/**
 * The password hash, only to confirm a person who is already logged in (changing their handle, deleting their
 * account); it goes no further than the check in auth/.
 */
export async function findPasswordHash({ userId }: { userId: number }): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.passwordHash ?? null;
}

/**
 * Deletes a person in one transaction. The foreign keys take everything that is theirs with the row: peeps (and
 * their mentions and reposts), reposts, follows both ways, mutes and blocks both ways, sessions (so every log-in
 * ends at once), verification links, and mail to or from them. Their handle is held for nobody for 30 days (a
 * sign-up racing this waits on the deleted row's handle, then sees it held). What has no foreign key to them is cleared here: their ids in live
 * events (each deleted peep's event, already announced, still tells open pages to drop it) and their rate-limit
 * windows, whose keys name their id, handle or address. False when there was no such person.
 */
export async function deleteAccount({ userId }: { userId: number }): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // The foreign key would end them too, but silently: this also closes their open live streams at once.
    await endSessionsIn(tx, { userId });
    // Their peeps before them: a repost, like or reply locks the peep, then (by its notification) the peep's author,
    // so taking the person first and their peeps by cascade would take the two in the other order and deadlock.
    await tx.delete(peeps).where(eq(peeps.authorId, userId));
    const [gone] = await tx.delete(users).where(eq(users.id, userId)).returning({ username: users.username, email: users.email });
    if (!gone) return false;
    await retireHandle(tx, { handle: gone.username, userId: null });
    await tx.execute(sql`update live_events set actor_id = case when actor_id = ${userId} then null else actor_id end,
        subject_id = case when subject_id = ${userId} then null else subject_id end
      where actor_id = ${userId} or subject_id = ${userId}`);
    const handle = gone.username.toLowerCase();
    const email = gone.email.toLowerCase();
    await tx.execute(sql`delete from rate_limits
      where right(key, ${`:user:${userId}`.length}) = ${`:user:${userId}`}
         or key in (${`logIn:tries:${handle}`}, ${`logIn:tries:${email}`}, ${`mail:address:${email}`})
         or left(key, ${`logIn:fail:${handle}:`.length}) = ${`logIn:fail:${handle}:`}
         or left(key, ${`logIn:fail:${email}:`.length}) = ${`logIn:fail:${email}:`}`);
    return true;
  });
}

export type ExportProfile = {
  name: string;
  username: string;
  email: string;
  emailVerified: boolean;
  createdAt: Date;
  settings: { mentionEmails: boolean; showOnline: boolean };
};

export async function findExportProfile({ userId }: { userId: number }): Promise<ExportProfile | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      name: users.name,
      username: users.username,
      email: users.email,
      verifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
      mentionEmails: users.mentionEmails,
      hideOnline: users.hideOnline,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return null;
  return {
    name: row.name,
    username: row.username,
    email: row.email,
    emailVerified: row.verifiedAt !== null,
    createdAt: row.createdAt,
    settings: { mentionEmails: row.mentionEmails, showOnline: !row.hideOnline },
  };
}

/** One page of a person's peeps, oldest first, after peep id `after`: the export reads them a page at a time. */
export async function listExportPeeps({ userId, after, limit }: { userId: number; after: number; limit: number }) {
  const db = await getDb();
  return db
    .select({ id: peeps.id, text: peeps.body, createdAt: peeps.createdAt })
    .from(peeps)
    .where(and(eq(peeps.authorId, userId), gt(peeps.id, after)))
    .orderBy(asc(peeps.id))
    .limit(limit);
}

/** One page of a person's reposts, oldest first, after repost id `after`. */
export async function listExportReposts({ userId, after, limit }: { userId: number; after: number; limit: number }) {
  const db = await getDb();
  return db
    .select({ id: reposts.id, peepId: reposts.peepId, author: users.username, createdAt: reposts.createdAt })
    .from(reposts)
    .innerJoin(peeps, eq(peeps.id, reposts.peepId))
    .innerJoin(users, eq(users.id, peeps.authorId))
    .where(and(eq(reposts.userId, userId), gt(reposts.id, after)))
    .orderBy(asc(reposts.id))
    .limit(limit);
}

export type ExportRelation = 'following' | 'followers' | 'muted' | 'blocked';

const RELATIONS = {
  following: { table: sql`follows`, mine: sql`follower_id`, theirs: sql`followee_id` },
  followers: { table: sql`follows`, mine: sql`followee_id`, theirs: sql`follower_id` },
  muted: { table: sql`mutes`, mine: sql`muter_id`, theirs: sql`muted_id` },
  blocked: { table: sql`blocks`, mine: sql`blocker_id`, theirs: sql`blocked_id` },
};

/** One page of the handles a person follows, is followed by, mutes or blocks, by the other person's id after `after`. */
export async function listExportPeople({ userId, relation, after, limit }: { userId: number; relation: ExportRelation; after: number; limit: number }) {
  const db = await getDb();
  const { table, mine, theirs } = RELATIONS[relation];
  const rows = rowsOf<{ id: string | number; username: string; since: Date | string }>(
    await db.execute(sql`select u.id, u.username, r.created_at as since from ${table} r join users u on u.id = r.${theirs}
      where r.${mine} = ${userId} and r.${theirs} > ${after} order by r.${theirs} limit ${limit}`),
  );
  return rows.map((r) => ({ id: Number(r.id), username: r.username, since: new Date(r.since) }));
}
