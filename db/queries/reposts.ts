import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '../index';
import { peeps, reposts } from '../schema';

/** Reposts a peep once; the unique index makes a second (or simultaneous) repost a no-op. False if no such peep. */
export async function repostPeep({ userId, peepId }: { userId: number; peepId: number }): Promise<boolean> {
  const db = await getDb();
  const [peep] = await db.select({ id: peeps.id }).from(peeps).where(eq(peeps.id, peepId));
  if (!peep) return false;
  await db.insert(reposts).values({ userId, peepId }).onConflictDoNothing();
  return true;
}

export async function undoRepost({ userId, peepId }: { userId: number; peepId: number }): Promise<void> {
  const db = await getDb();
  await db.delete(reposts).where(and(eq(reposts.userId, userId), eq(reposts.peepId, peepId)));
}
