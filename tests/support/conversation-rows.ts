import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { mentions, peeps } from '@/db/schema';

// Likes and replies as their parts of issue 14 write them, for the notifications tests on a branch that does not have
// those parts yet: at merge these become likePeep, unlikePeep and the reply-posting function.

/**
 * A reply to `replyToId`, with its mentions written after it in one transaction, as a peep's mentions are (their
 * handle filled in by the database's trigger).
 */
export async function insertReply(authorId: number, replyToId: number, body: string, mentionedIds: number[] = []): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [parent] = await tx.select({ authorId: peeps.authorId }).from(peeps).where(eq(peeps.id, replyToId));
    const [row] = await tx.insert(peeps).values({ authorId, body, replyToId, replyToUserId: parent.authorId, isReply: true }).returning({ id: peeps.id });
    if (mentionedIds.length > 0) await tx.insert(mentions).values(mentionedIds.map((userId) => ({ peepId: row.id, userId, handle: sql`null` })));
    return row.id;
  });
}
