import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '../index';
import { emailOutbox, mentions, peeps, users } from '../schema';

type MentionMail = { delaySeconds: number; perSenderPerHour: number };

/**
 * Writes a peep, its mentions and one outbox row per person to email, in one transaction: the mail is as durable as
 * the peep, and the person posting never waits for a mail server.
 */
export async function createPeep({ authorId, body, mentionHandles = [], mail }: { authorId: number; body: string; mentionHandles?: string[]; mail?: MentionMail }) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [peep] = await tx.insert(peeps).values({ authorId, body }).returning({ id: peeps.id, createdAt: peeps.createdAt });
    if (mentionHandles.length === 0) return peep;
    const mentioned = await tx
      .select({ id: users.id, mentionEmails: users.mentionEmails })
      .from(users)
      .where(inArray(sql`lower(${users.username})`, mentionHandles.map((h) => h.toLowerCase())));
    if (mentioned.length === 0) return peep;
    await tx.insert(mentions).values(mentioned.map((u) => ({ peepId: peep.id, userId: u.id })));
    if (!mail) return peep;
    for (const recipient of mentioned.filter((u) => u.id !== authorId && u.mentionEmails)) {
      // Serialise posts by this sender to this recipient, so the hourly cap holds under concurrent posts.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`mention-mail:${recipient.id}:${authorId}`}, 0))`);
      const [{ recent }] = await tx
        .select({ recent: sql<number>`count(*)::int` })
        .from(emailOutbox)
        .where(
          and(
            eq(emailOutbox.recipientId, recipient.id),
            eq(emailOutbox.senderId, authorId),
            eq(emailOutbox.kind, 'mention'),
            sql`${emailOutbox.status} <> 'suppressed'`,
            sql`${emailOutbox.createdAt} > now() - interval '1 hour'`,
          ),
        );
      await tx.insert(emailOutbox).values({
        kind: 'mention',
        recipientId: recipient.id,
        senderId: authorId,
        peepId: peep.id,
        status: recent >= mail.perSenderPerHour ? 'suppressed' : 'pending',
        runAfter: sql`now() + ${`${mail.delaySeconds} seconds`}::interval`,
      });
    }
    return peep;
  });
}

/** Deletes a peep if `authorId` wrote it; its mentions go with it and its queued emails see it gone. */
export async function deletePeep({ peepId, authorId }: { peepId: number; authorId: number }): Promise<boolean> {
  const db = await getDb();
  const rows = await db.delete(peeps).where(and(eq(peeps.id, peepId), eq(peeps.authorId, authorId))).returning({ id: peeps.id });
  return rows.length === 1;
}

/** Which of these handles belong to people on Chitter, as they spell them. */
export async function findExistingHandles({ handles }: { handles: string[] }): Promise<string[]> {
  if (handles.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select({ username: users.username })
    .from(users)
    .where(inArray(sql`lower(${users.username})`, handles.map((h) => h.toLowerCase())));
  return rows.map((r) => r.username);
}
