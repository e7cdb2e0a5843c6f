import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { foreignKeyViolation } from '../errors';
import { getDb } from '../index';
import { peeps, reposts } from '../schema';
import { hiddenByBlock } from './mutes-and-blocks';

/**
 * Reposts a peep once; the unique index makes a second (or simultaneous) repost a no-op. False if no such peep, or
 * its author and the person reposting block one another (the peep is hidden from them, as if it were not there).
 */
export async function repostPeep({ userId, peepId }: { userId: number; peepId: number }): Promise<boolean> {
  const db = await getDb();
  const [peep] = await db
    .select({ id: peeps.id })
    .from(peeps)
    .where(and(eq(peeps.id, peepId), sql`not ${hiddenByBlock(userId, sql`${peeps.authorId}`)}`));
  if (!peep) return false;
  try {
    await db.insert(reposts).values({ userId, peepId }).onConflictDoNothing();
  } catch (err) {
    // The peep, or the person reposting, was deleted (an account with it) after the check above.
    if (foreignKeyViolation(err)) return false;
    throw err;
  }
  return true;
}

export async function undoRepost({ userId, peepId }: { userId: number; peepId: number }): Promise<void> {
  const db = await getDb();
  await db.delete(reposts).where(and(eq(reposts.userId, userId), eq(reposts.peepId, peepId)));
}
